//! A review as a whole: started from a search and filters, listed, deleted.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{MAX_ACCOUNTS, MAX_NAME, ReviewError};
use crate::cache::{AccountQuery, Cache};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// Unix ms.
    #[ts(type = "number")]
    pub created_at: i64,
    /// The search, filters and order it was started from (no window).
    pub query: AccountQuery,
    /// Accounts under review.
    pub total: u32,
    /// Of those, how many have a decision.
    pub reviewed: u32,
    /// Unix ms of when its decisions were last queued in the outbox.
    #[ts(type = "number | null")]
    pub applied_at: Option<i64>,
}

/// A review's name as the admin typed it, checked: trimmed, not blank, one short line.
fn parse_name(name: &str) -> Result<&str, ReviewError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ReviewError::BlankName);
    }
    if name.chars().count() > MAX_NAME {
        return Err(ReviewError::NameTooLong);
    }
    if name.chars().any(char::is_control) {
        return Err(ReviewError::NameControlCharacters);
    }
    Ok(name)
}

/// Starts a review of every account the query matches now (its window ignored), in its
/// order. `now_ms` is Unix ms: when it starts, and what "inactive for N days" counts from.
pub async fn start(
    cache: &Cache,
    name: &str,
    query: &AccountQuery,
    now_ms: i64,
) -> Result<Review, ReviewError> {
    let name = parse_name(name)?;
    let query = AccountQuery {
        offset: 0,
        limit: 0,
        ..query.clone()
    };
    // One more than a review holds tells a selection that is too large.
    let window = AccountQuery {
        limit: u32::try_from(MAX_ACCOUNTS + 1).unwrap_or(u32::MAX),
        ..query.clone()
    };
    // The account list's filters count in Unix seconds.
    let account_ids = cache
        .matching_account_ids(&window, now_ms.div_euclid(1_000))
        .await?;
    if account_ids.len() > MAX_ACCOUNTS {
        return Err(ReviewError::TooManyAccounts);
    }
    let id = cache
        .create_review(name, now_ms, &query, &account_ids)
        .await?
        .ok_or(ReviewError::EmptySelection)?;
    cache.review(id).await?.ok_or(ReviewError::ReviewNotFound)
}

/// Every review, newest first.
pub async fn reviews(cache: &Cache) -> Result<Vec<Review>, ReviewError> {
    Ok(cache.reviews().await?)
}

/// Deletes a review and its decisions. The changes it queued stay in the outbox: they
/// are the admin's, to send or discard there.
pub async fn delete(cache: &Cache, review_id: i64) -> Result<(), ReviewError> {
    let _turn = cache.review_turn().await;
    if cache.delete_review(review_id).await? {
        Ok(())
    } else {
        Err(ReviewError::ReviewNotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_one_short_line() {
        assert_eq!(
            parse_name("  Inactive 90 days ").ok(),
            Some("Inactive 90 days")
        );
        assert!(matches!(parse_name(" \t "), Err(ReviewError::BlankName)));
        assert!(matches!(
            parse_name("two\nlines"),
            Err(ReviewError::NameControlCharacters)
        ));
        let long = "x".repeat(MAX_NAME + 1);
        assert!(matches!(parse_name(&long), Err(ReviewError::NameTooLong)));
        assert!(parse_name(&"é".repeat(MAX_NAME)).is_ok());
    }
}
