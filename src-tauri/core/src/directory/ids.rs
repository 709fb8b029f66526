//! Identifiers and addresses, parsed once at the edge so that the rest of the code can
//! trust them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a value from outside was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("{what} is empty")]
    Empty { what: &'static str },
    #[error("{what} is too long (at most {max} characters)")]
    TooLong { what: &'static str, max: usize },
    #[error("{what} contains characters that are not allowed")]
    InvalidCharacters { what: &'static str },
    #[error("{what} is not well formed")]
    Malformed { what: &'static str },
}

/// An Atlassian account id: `[a-zA-Z0-9_|:-]{1,128}` per the user-management API.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccountId(String);

impl AccountId {
    pub fn parse(value: impl Into<String>) -> Result<Self, ParseError> {
        let value = value.into();
        const WHAT: &str = "the account id";
        if value.is_empty() {
            return Err(ParseError::Empty { what: WHAT });
        }
        if value.len() > 128 {
            return Err(ParseError::TooLong {
                what: WHAT,
                max: 128,
            });
        }
        let allowed = |c: char| c.is_ascii_alphanumeric() || "_|:-".contains(c);
        if !value.chars().all(allowed) {
            return Err(ParseError::InvalidCharacters { what: WHAT });
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An organization, directory, domain or token id as the backend issued it. These are
/// opaque: they go into URL paths, so only path-safe characters are accepted.
macro_rules! opaque_id {
    ($name:ident, $what:literal) => {
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn parse(value: impl Into<String>) -> Result<Self, ParseError> {
                let value = value.into();
                if value.is_empty() {
                    return Err(ParseError::Empty { what: $what });
                }
                if value.len() > 256 {
                    return Err(ParseError::TooLong {
                        what: $what,
                        max: 256,
                    });
                }
                let allowed = |c: char| c.is_ascii_alphanumeric() || "-_.:|~".contains(c);
                if !value.chars().all(allowed) {
                    return Err(ParseError::InvalidCharacters { what: $what });
                }
                Ok(Self(value))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ParseError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

opaque_id!(OrgId, "the organization id");
opaque_id!(DirectoryId, "the directory id");
opaque_id!(DomainId, "the domain id");
opaque_id!(TokenId, "the API token id");
opaque_id!(DeviceId, "the device id");

impl DirectoryId {
    /// `-` stands for every directory the caller manages.
    pub fn all() -> Self {
        Self("-".to_owned())
    }
}

impl TryFrom<String> for AccountId {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

impl From<AccountId> for String {
    fn from(id: AccountId) -> String {
        id.0
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An email address: one `@`, a non-empty local part, a domain with a dot, parts of at
/// most 255 characters, no spaces or control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(value: impl Into<String>) -> Result<Self, ParseError> {
        const WHAT: &str = "the email address";
        let value = value.into();
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Err(ParseError::Empty { what: WHAT });
        }
        if trimmed.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(ParseError::InvalidCharacters { what: WHAT });
        }
        let Some((local, domain)) = trimmed.rsplit_once('@') else {
            return Err(ParseError::Malformed { what: WHAT });
        };
        let labels_ok = domain
            .split('.')
            .all(|label| !label.is_empty() && label.len() <= 255);
        if local.is_empty()
            || local.len() > 255
            || local.contains('@')
            || !domain.contains('.')
            || !labels_ok
        {
            return Err(ParseError::Malformed { what: WHAT });
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after the `@`, lower-cased: what domain verification is about.
    pub fn domain(&self) -> String {
        self.0
            .rsplit_once('@')
            .map(|(_, d)| d.to_ascii_lowercase())
            .unwrap_or_default()
    }
}

impl TryFrom<String> for Email {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> String {
        email.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_ids_follow_atlassians_pattern() {
        assert!(AccountId::parse("557057:4f9acfd2-6155-419b-8de5-5b5cf27a59a0").is_ok());
        assert!(AccountId::parse("").is_err());
        assert!(AccountId::parse("a/b").is_err());
        assert!(AccountId::parse("x".repeat(129)).is_err());
    }

    #[test]
    fn emails_need_a_local_part_and_a_dotted_domain() {
        let email = Email::parse("Ana@Example.COM").unwrap();
        assert_eq!(email.domain(), "example.com");
        for bad in [
            "",
            "ana",
            "@example.com",
            "ana@",
            "ana@example",
            "a na@example.com",
            "a@b..c",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn ids_refuse_path_characters() {
        assert!(OrgId::parse("a/../b").is_err());
        assert!(TokenId::parse("tok-1").is_ok());
    }
}
