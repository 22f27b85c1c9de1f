//! API tokens for automation: created by a user for themselves, shown once, stored
//! hashed, revocable, carrying that user's role. They never unlock sealed data.

use vigie_crypto::token::{new_token, token_hash};

use super::{Accounts, Actor};
use crate::error::Problem;
use crate::store::ApiTokenRecord;
use crate::{DomainError, TokenId};

/// Prefix that makes a leaked token easy to recognise in logs and secret scanners.
pub const TOKEN_PREFIX: &str = "vigie_";

impl Accounts {
    /// Creates a token for the actor; returns its id and the token, to show once.
    pub async fn create_api_token(&self, actor: &Actor, name: &str) -> Result<(TokenId, String), DomainError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(DomainError::invalid("token_name", Problem::TokenName));
        }
        let token = format!("{TOKEN_PREFIX}{}", new_token());
        let id = self.store.insert_api_token(actor.user.id, name, &token_hash(&token), self.clock.now()).await?;
        tracing::info!(user = %actor.user.id, token = %id, "API token created");
        Ok((id, token))
    }

    pub async fn api_tokens(&self, actor: &Actor) -> Result<Vec<ApiTokenRecord>, DomainError> {
        Ok(self.store.api_tokens_of(actor.user.id).await?)
    }

    pub async fn revoke_api_token(&self, actor: &Actor, id: TokenId) -> Result<(), DomainError> {
        self.store.revoke_api_token(actor.user.id, id).await?;
        tracing::info!(user = %actor.user.id, token = %id, "API token revoked");
        Ok(())
    }

    /// Revokes every API token of a user (when their password changes or an admin sets
    /// a new one: whoever had the account's password may have made one).
    pub(super) async fn revoke_all_api_tokens(&self, user: crate::UserId) -> Result<usize, DomainError> {
        let mut revoked = 0;
        for t in self.store.api_tokens_of(user).await?.into_iter().filter(|t| !t.revoked) {
            self.store.revoke_api_token(user, t.id).await?;
            revoked += 1;
        }
        if revoked > 0 {
            tracing::info!(user = %user, revoked, "API tokens revoked");
        }
        Ok(revoked)
    }
}
