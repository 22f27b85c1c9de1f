//! A member's session for commands that act in their name: logged in with their
//! password like on the web (same throttling, same audit trail), logged out at the end.

use std::sync::Arc;

use anyhow::Context;
use vigie_core::Actor;
use vigie_crypto::OrgSecretKey;
use vigie_web::{App, WebConfig};

use crate::cli::{InstanceArgs, MemberArgs};
use crate::config::instance_config;
use crate::instance::Instance;

pub struct MemberSession {
    pub app: Arc<App>,
    pub actor: Actor,
    pub key: Option<OrgSecretKey>,
}

impl MemberSession {
    pub async fn open(instance: &InstanceArgs, member: &MemberArgs) -> anyhow::Result<Self> {
        let instance = Instance::open(&instance_config(instance)?).await?;
        let app = app_of(&instance);
        let password = super::read_secret(member.password_file.as_deref(), &format!("Password for {}: ", member.user))?;
        let login = app.accounts.login(&member.user, &password, "cli").await.context("cannot log in")?;
        let actor = app.accounts.session(&login.token).await?;
        let key = app.accounts.org_key(&actor);
        Ok(Self { app, actor, key })
    }

    /// The organization's key, or why it is not open.
    pub fn key(&self) -> anyhow::Result<&OrgSecretKey> {
        self.key.as_ref().context(
            "your organization's key is not open for your account yet \
             (a colleague must log in once after you were added)",
        )
    }

    pub async fn close(self) {
        if let Err(e) = self.app.accounts.logout(&self.actor).await {
            tracing::warn!(error = %e, "could not end the command-line session");
        }
    }
}

/// The services of the instance, as the server builds them.
pub fn app_of(instance: &Instance) -> Arc<App> {
    let services = instance.services();
    App::new(services, WebConfig::default(), &instance.server_secret, instance.instance_key.clone())
}
