//! Why a review could not be started, read, decided or applied.

use super::{MAX_ACCOUNTS, MAX_NAME, MAX_NOTE};
use crate::ErrorCode;
use crate::cache::CacheError;
use crate::changes::ChangeError;

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("A review needs a name.")]
    BlankName,
    #[error("A review's name is {MAX_NAME} characters at most.")]
    NameTooLong,
    #[error("A review's name cannot contain control characters such as line breaks.")]
    NameControlCharacters,
    #[error("No account matches this search and these filters: there is nothing to review.")]
    EmptySelection,
    #[error(
        "More than {} accounts match: narrow the search or the filters to review at most {} \
         at a time.",
        thousands(MAX_ACCOUNTS),
        thousands(MAX_ACCOUNTS)
    )]
    TooManyAccounts,
    #[error("A note is {} characters at most.", thousands(MAX_NOTE))]
    NoteTooLong,
    #[error("A note cannot contain control characters other than line breaks.")]
    NoteControlCharacters,
    #[error("{account} has no {product} access to remove.")]
    NoSuchProduct { account: String, product: String },
    #[error("This review no longer exists.")]
    ReviewNotFound,
    #[error("This review has no account at position {position}.")]
    ItemNotFound { position: u32 },
    #[error(
        "The changes for this decision are in the outbox already: discard them there to decide \
         again."
    )]
    AlreadyQueued,
    /// Applying queued every other decision; these stay unqueued, to apply again.
    #[error("{count} of the decisions could not be queued and stay as they were: {first}")]
    NotQueued { count: u32, first: ChangeError },
    #[error(transparent)]
    Change(#[from] ChangeError),
    #[error(transparent)]
    Cache(#[from] CacheError),
}

/// 10000 as the admin reads it: 10,000.
fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut grouped = String::new();
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

impl ReviewError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BlankName
            | Self::NameTooLong
            | Self::NameControlCharacters
            | Self::EmptySelection
            | Self::TooManyAccounts
            | Self::NoteTooLong
            | Self::NoteControlCharacters
            | Self::NoSuchProduct { .. } => ErrorCode::InvalidInput,
            Self::ReviewNotFound | Self::ItemNotFound { .. } => ErrorCode::NotFound,
            Self::AlreadyQueued => ErrorCode::Conflict,
            Self::NotQueued { first, .. } => first.code(),
            Self::Change(error) => error.code(),
            Self::Cache(error) => error.code(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_as_the_admin_writes_numbers() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
