//! The accounts under review, as the admin walks through them: each with what the cache
//! knows of it now, the decision and note, and what became of the decision once applied.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::decision::Decision;
use super::{MAX_PAGE, ReviewError, outcome};
use crate::cache::{AccountStatus, Cache};

/// One product on one site that the account has, as last synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewProduct {
    /// The product's key, e.g. `jira-software`.
    pub product: String,
    /// The product's name on the site, when the directory says it.
    pub product_name: Option<String>,
    /// The site's ARI.
    pub site: String,
    pub site_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewItem {
    /// Its place in the review, from 0.
    pub position: u32,
    pub account_id: String,
    /// As cached now; as when the review started once the account is no longer cached.
    pub name: String,
    pub email: String,
    /// None once the account is no longer cached (no longer managed, say); so are the
    /// other facts of the account, and it has no products.
    pub status: Option<AccountStatus>,
    /// The latest activity on any product, Unix seconds.
    #[ts(type = "number | null")]
    pub last_active: Option<i64>,
    pub two_step_enabled: Option<bool>,
    pub products: Vec<ReviewProduct>,
    pub decision: Option<Decision>,
    pub note: String,
    /// Unix ms.
    #[ts(type = "number | null")]
    pub decided_at: Option<i64>,
    /// Once applying queued changes for it: where they stand, in the admin's words.
    pub outcome: Option<String>,
    /// The outbox ids of those changes (empty when there was nothing to change).
    #[ts(skip)]
    #[serde(skip)]
    pub(crate) change_ids: Option<Vec<i64>>,
}

/// One window of a review's items, with its progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewPage {
    pub total: u32,
    /// How many of all its items have a decision.
    pub reviewed: u32,
    pub items: Vec<ReviewItem>,
}

/// The items from `offset` on, at most `limit` of them (and at most `MAX_PAGE`).
pub async fn items(
    cache: &Cache,
    review_id: i64,
    offset: u32,
    limit: u32,
) -> Result<ReviewPage, ReviewError> {
    let review = cache
        .review(review_id)
        .await?
        .ok_or(ReviewError::ReviewNotFound)?;
    let end = offset.saturating_add(limit.min(MAX_PAGE));
    let mut items = cache.review_items(review_id, offset..end).await?;
    outcome::tell(cache, review_id, &mut items).await?;
    Ok(ReviewPage {
        total: review.total,
        reviewed: review.reviewed,
        items,
    })
}

/// One item, with its outcome.
pub(super) async fn item(
    cache: &Cache,
    review_id: i64,
    position: u32,
) -> Result<ReviewItem, ReviewError> {
    let mut items = cache
        .review_items(review_id, position..position.saturating_add(1))
        .await?;
    outcome::tell(cache, review_id, &mut items).await?;
    match items.pop() {
        Some(item) => Ok(item),
        None if cache.review(review_id).await?.is_none() => Err(ReviewError::ReviewNotFound),
        None => Err(ReviewError::ItemNotFound { position }),
    }
}

/// Every item of a review, without outcomes.
pub(super) async fn all(cache: &Cache, review_id: i64) -> Result<Vec<ReviewItem>, ReviewError> {
    if cache.review(review_id).await?.is_none() {
        return Err(ReviewError::ReviewNotFound);
    }
    Ok(cache.review_items(review_id, 0..u32::MAX).await?)
}
