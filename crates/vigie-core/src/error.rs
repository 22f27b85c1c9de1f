use crate::store::StoreError;

/// Why the domain refused something. Each variant is a message a user can act on; none
/// carries a secret.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("invalid {field}: {}", problem.english())]
    Invalid { field: &'static str, problem: Problem },
    #[error("unknown account or wrong password")]
    BadCredentials,
    #[error("too many attempts; try again in {retry_after_secs} seconds")]
    Throttled { retry_after_secs: i64 },
    #[error("this setup link is invalid, used or expired")]
    BadSetupToken,
    #[error("setup is already complete")]
    AlreadySetUp,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("already exists: {0}")]
    Conflict(&'static str),
    #[error("the organization's key is locked in this session; log in again with your password")]
    KeyLocked,
    #[error("the organization key could not be unlocked: {0}")]
    Key(#[from] vigie_crypto::CryptoError),
    #[error("a case cannot go from {from:?} by {action:?}")]
    Transition { from: crate::workflow::Status, action: crate::workflow::Action },
    #[error("internal error: {0}")]
    Internal(&'static str),
    #[error("file storage: {0}")]
    Blob(String),
    #[error(transparent)]
    Store(StoreError),
    /// An escalation, or a step of its life, refused by its rules; its
    /// [`field_problem`](crate::escalation::EscalationError::field_problem) names the
    /// form field at fault, when one is.
    #[error(transparent)]
    Escalation(#[from] crate::escalation::EscalationError),
    /// A MISP event, STIX bundle or peer bundle refused, saying what is wrong with it.
    #[error(transparent)]
    Import(crate::sharing::ImportError),
}

impl From<StoreError> for DomainError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict(what) => Self::Conflict(what),
            other => Self::Store(other),
        }
    }
}

impl DomainError {
    pub fn invalid(field: &'static str, problem: Problem) -> Self {
        Self::Invalid { field, problem }
    }
}

/// What is wrong with a value. Each has a stable code (the web layer's translation key
/// is `problem-<code>`) and an English sentence for the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    RoleUnknown,
    UsernameLength,
    UsernameChars,
    Empty,
    TooLong,
    ControlChars,
    SlugFormat,
    PasswordShort,
    PasswordMismatch,
    WrongPassword,
    SelfDisable,
    LastAdmin,
    AccountDisabled,
    TokenName,
    UnknownChoice,
    ReceiptFormat,
    StepCountMismatch,
    NoConsent,
    OutOfRange,
    UrlFormat,
    CountryCode,
    TargetFormat,
    KeyFormat,
    /// Not an alert channel's address of its kind.
    ChannelAddress,
    /// Not a guide's name (lower-case letters, digits and inner hyphens).
    GuideSlug,
    /// A guide that does not start with a `# ` title line.
    MissingTitle,
    /// A guide without a summary paragraph after its title.
    MissingSummary,
}

impl Problem {
    pub const ALL: [Problem; 27] = [
        Problem::RoleUnknown,
        Problem::UsernameLength,
        Problem::UsernameChars,
        Problem::Empty,
        Problem::TooLong,
        Problem::ControlChars,
        Problem::SlugFormat,
        Problem::PasswordShort,
        Problem::PasswordMismatch,
        Problem::WrongPassword,
        Problem::SelfDisable,
        Problem::LastAdmin,
        Problem::AccountDisabled,
        Problem::TokenName,
        Problem::UnknownChoice,
        Problem::ReceiptFormat,
        Problem::StepCountMismatch,
        Problem::NoConsent,
        Problem::OutOfRange,
        Problem::UrlFormat,
        Problem::CountryCode,
        Problem::TargetFormat,
        Problem::KeyFormat,
        Problem::ChannelAddress,
        Problem::GuideSlug,
        Problem::MissingTitle,
        Problem::MissingSummary,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Problem::RoleUnknown => "role-unknown",
            Problem::UsernameLength => "username-length",
            Problem::UsernameChars => "username-chars",
            Problem::Empty => "empty",
            Problem::TooLong => "too-long",
            Problem::ControlChars => "control-chars",
            Problem::SlugFormat => "slug-format",
            Problem::PasswordShort => "password-short",
            Problem::PasswordMismatch => "password-mismatch",
            Problem::WrongPassword => "wrong-password",
            Problem::SelfDisable => "self-disable",
            Problem::LastAdmin => "last-admin",
            Problem::AccountDisabled => "account-disabled",
            Problem::TokenName => "token-name",
            Problem::UnknownChoice => "unknown-choice",
            Problem::ReceiptFormat => "receipt-format",
            Problem::StepCountMismatch => "step-count-mismatch",
            Problem::NoConsent => "no-consent",
            Problem::OutOfRange => "out-of-range",
            Problem::UrlFormat => "url-format",
            Problem::CountryCode => "country-code",
            Problem::TargetFormat => "target-format",
            Problem::KeyFormat => "key-format",
            Problem::ChannelAddress => "channel-address",
            Problem::GuideSlug => "guide-slug",
            Problem::MissingTitle => "missing-title",
            Problem::MissingSummary => "missing-summary",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            Problem::RoleUnknown => "must be admin, coordinator or responder",
            Problem::UsernameLength => "must be 3 to 64 characters",
            Problem::UsernameChars => "may hold only letters a-z, digits, '.', '_' and '-'",
            Problem::Empty => "must not be empty",
            Problem::TooLong => "is too long",
            Problem::ControlChars => "must not contain control characters",
            Problem::SlugFormat => "must be 2 to 40 characters among a-z, 0-9 and '-'",
            Problem::PasswordShort => "must be at least 10 characters",
            Problem::PasswordMismatch => "the two passwords differ",
            Problem::WrongPassword => "is wrong",
            Problem::SelfDisable => "you cannot disable your own account",
            Problem::LastAdmin => "the last admin cannot be disabled",
            Problem::AccountDisabled => "the account is disabled",
            Problem::TokenName => "must be 1 to 100 characters",
            Problem::UnknownChoice => "is not one of the offered choices",
            Problem::ReceiptFormat => "is not a receipt code (16 letters and digits, like 4F7K-9QX2-M3HD-P8WA)",
            Problem::StepCountMismatch => "each language must have the same number of steps, one per line",
            Problem::NoConsent => "the reporter did not agree to share the report with partner organizations",
            Problem::OutOfRange => "is outside the log (too large, or the log is not that big yet)",
            Problem::UrlFormat => "must be an http:// or https:// address",
            Problem::CountryCode => "must be a two-letter country code, such as TG or IR",
            Problem::TargetFormat => "each line must be a domain or an http:// or https:// address",
            Problem::KeyFormat => "is not an Ed25519 public key in base64",
            Problem::ChannelAddress => "is not an e-mail address, an http(s) URL or a Matrix room id (!…)",
            Problem::GuideSlug => "must be 2 to 60 characters among a-z, 0-9 and inner '-'",
            Problem::MissingTitle => "must start with a title line: '# ' and the title",
            Problem::MissingSummary => "needs a short summary paragraph after the title",
        }
    }
}
