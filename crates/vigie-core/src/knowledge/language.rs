//! The three languages guides and question trees are written in.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Fr,
    Ar,
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Fr, Language::Ar, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::Ar => "ar",
            Language::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Language> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The order in which a missing translation falls back: the language itself, then
    /// French (the network's first language), then English, then Arabic.
    pub fn fallbacks(self) -> [Language; 3] {
        match self {
            Language::Fr => [Language::Fr, Language::En, Language::Ar],
            Language::Ar => [Language::Ar, Language::Fr, Language::En],
            Language::En => [Language::En, Language::Fr, Language::Ar],
        }
    }
}
