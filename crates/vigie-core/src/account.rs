//! Account vocabulary, parsed at the edge: names, roles and passwords that reach a rule
//! have already been checked.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Problem};

/// What a user may do in the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Runs the instance: organizations and accounts, network-wide.
    Admin,
    /// Sees the whole network's picture.
    Coordinator,
    /// Works the cases of their own organization.
    Responder,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Coordinator, Role::Responder];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Responder => "responder",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == raw.trim().to_ascii_lowercase())
            .ok_or(DomainError::invalid("role", Problem::RoleUnknown))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A login name: 3 to 64 characters among lower-case ASCII letters, digits, `.`, `_`
/// and `-`. Login names are not secret and are never sealed, so they should not be a
/// person's legal name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let s = raw.trim().to_ascii_lowercase();
        if !(3..=64).contains(&s.len()) {
            return Err(DomainError::invalid("username", Problem::UsernameLength));
        }
        if !s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b)) {
            return Err(DomainError::invalid("username", Problem::UsernameChars));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn bounded_text(raw: &str, field: &'static str, max_chars: usize) -> Result<String, DomainError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(DomainError::invalid(field, Problem::Empty));
    }
    if s.chars().count() > max_chars {
        return Err(DomainError::invalid(field, Problem::TooLong));
    }
    if s.chars().any(char::is_control) {
        return Err(DomainError::invalid(field, Problem::ControlChars));
    }
    Ok(s.to_owned())
}

/// How a user is shown to colleagues: any script, 1 to 100 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        bounded_text(raw, "display_name", 100).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An organization's name: any script, 1 to 200 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgName(String);

impl OrgName {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        bounded_text(raw, "org_name", 200).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An organization's short name in URLs (`/report/<slug>`): 2 to 40 characters among
/// `a-z`, `0-9` and `-`, not starting or ending with `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OrgSlug(String);

impl OrgSlug {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let s = raw.trim().to_ascii_lowercase();
        let ok_chars = s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !(2..=40).contains(&s.len()) || !ok_chars || s.starts_with('-') || s.ends_with('-') {
            return Err(DomainError::invalid("slug", Problem::SlugFormat));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrgSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A new password: at least 10 characters (any script counts), at most 1024; never
/// printed by `Debug`.
#[derive(Clone)]
pub struct Password(SecretString);

impl Password {
    pub const MIN_CHARS: usize = 10;

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let n = raw.chars().count();
        if n < Self::MIN_CHARS {
            return Err(DomainError::invalid("password", Problem::PasswordShort));
        }
        if n > 1024 {
            return Err(DomainError::invalid("password", Problem::TooLong));
        }
        Ok(Self(SecretString::from(raw.to_owned())))
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn usernames_are_folded_and_checked() {
        assert_eq!(Username::parse(" Aicha.B ").unwrap().as_str(), "aicha.b");
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse("عائشة").is_err());
        assert!(Username::parse("a b c").is_err());
    }

    #[test]
    fn slugs_refuse_edges_and_symbols() {
        assert!(OrgSlug::parse("ligue-benin").is_ok());
        assert!(OrgSlug::parse("-x").is_err());
        assert!(OrgSlug::parse("a/b").is_err());
    }

    #[test]
    fn display_names_accept_any_script() {
        assert_eq!(DisplayName::parse("  عائشة بنت  ").unwrap().as_str(), "عائشة بنت");
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse("a\u{0}b").is_err());
    }

    #[test]
    fn passwords_count_characters_not_bytes_and_hide_in_debug() {
        assert!(Password::parse("كلمةسرقوية").is_ok());
        assert!(Password::parse("short").is_err());
        assert_eq!(format!("{:?}", Password::parse("0123456789").unwrap()), "Password(…)");
    }

    #[test]
    fn roles_parse_their_own_names() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()).unwrap(), r);
        }
        assert!(Role::parse("root").is_err());
    }

    proptest! {
        #[test]
        fn parsed_usernames_reparse_to_themselves(raw in "\\PC{0,80}") {
            if let Ok(u) = Username::parse(&raw) {
                prop_assert_eq!(Username::parse(u.as_str()).unwrap(), u);
            }
        }

        #[test]
        fn parsed_slugs_reparse_to_themselves(raw in "[a-zA-Z0-9 -]{0,50}") {
            if let Ok(s) = OrgSlug::parse(&raw) {
                prop_assert_eq!(OrgSlug::parse(s.as_str()).unwrap(), s);
            }
        }
    }
}
