//! The organization API key. It opens every account in the organization, so it never
//! appears in Debug output, logs or error messages.

use std::fmt;

/// An org admin's API key, sent as `Authorization: Bearer <key>`.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Any non-empty string without whitespace or control characters: the backend
    /// decides whether it is a key it knows.
    pub fn parse(key: impl Into<String>) -> Result<Self, ApiKeyError> {
        let key = key.into();
        if key.is_empty() {
            return Err(ApiKeyError::Empty);
        }
        if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(ApiKeyError::InvalidCharacters);
        }
        Ok(Self(key))
    }

    /// The key itself, for the one place that puts it on the wire (or compares it).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ApiKeyError {
    #[error("the API key is empty")]
    Empty,
    #[error("the API key contains spaces or control characters")]
    InvalidCharacters,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_key() {
        let key = ApiKey::parse("s3cr3t-value").unwrap();
        assert!(!format!("{key:?}").contains("s3cr3t"));
    }

    #[test]
    fn empty_and_spaced_keys_are_refused() {
        assert_eq!(ApiKey::parse(""), Err(ApiKeyError::Empty));
        assert_eq!(ApiKey::parse("a b"), Err(ApiKeyError::InvalidCharacters));
    }
}
