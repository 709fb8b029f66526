//! Applying a review: its decisions become changes in the outbox, through the same queue
//! as every other change, so they are checked against the accounts as the directory has
//! them when they are sent, held as conflicts, and recorded in the audit trail.

use std::collections::{HashMap, HashSet};

use super::ReviewError;
use super::decision::Decision;
use super::items::{self, ReviewItem};
use super::summary::{self, ReviewSummary};
use crate::cache::Cache;
use crate::changes::{ChangeError, Changing, InvalidChange};
use crate::directory::AccountId;
use crate::outbox;

/// Queues the changes of every decision not queued yet, records them on their items, and
/// returns the summary as it now stands. It sends nothing: the caller sends the outbox
/// (`outbox::send_pending`) when it can.
///
/// Applying again queues only what was decided since (or decided again after its changes
/// were discarded), so applying twice queues nothing twice. A decision whose changes
/// cannot be queued stays unqueued, with any of its changes already queued discarded; the
/// others are queued all the same, and then the error tells how many were not.
pub async fn apply(
    to: &Changing<'_>,
    review_id: i64,
    now_ms: i64,
) -> Result<ReviewSummary, ReviewError> {
    let cache = to.cache;
    let _turn = cache.review_turn().await;
    let items = items::all(cache, review_id).await?;
    let mut unrecorded = unrecorded(cache, review_id, &items).await?;
    let mut failed = Vec::new();
    for item in &items {
        let (Some(decision), None) = (&item.decision, &item.change_ids) else {
            continue;
        };
        if matches!(decision, Decision::Keep | Decision::FollowUp) {
            continue;
        }
        let ids = match unrecorded.remove(&item.account_id) {
            Some(ids) => ids,
            None => match queue(to, review_id, item, decision).await {
                Ok(ids) => ids,
                Err(error) => {
                    failed.push(error);
                    continue;
                }
            },
        };
        cache
            .record_review_changes(review_id, item.position, &ids)
            .await?;
    }
    cache.mark_review_applied(review_id, now_ms).await?;
    let mut failed = failed.into_iter();
    if let Some(first) = failed.next() {
        let count = u32::try_from(failed.count() + 1).unwrap_or(u32::MAX);
        return Err(ReviewError::NotQueued { count, first });
    }
    summary::summary(cache, review_id).await
}

/// Queues one decision's changes; all of them or, on an error, none.
async fn queue(
    to: &Changing<'_>,
    review_id: i64,
    item: &ReviewItem,
    decision: &Decision,
) -> Result<Vec<i64>, ChangeError> {
    let account = AccountId::parse(item.account_id.as_str()).map_err(InvalidChange::from)?;
    let mut ids = Vec::new();
    for change in decision.changes(item) {
        match outbox::queue(to, &account, &change, None, Some(review_id)).await {
            Ok(id) => ids.push(id),
            Err(error) => {
                for id in ids {
                    to.cache.discard_change(id, false).await?;
                }
                return Err(error);
            }
        }
    }
    Ok(ids)
}

/// The review's changes in the outbox that no item records, by account: queued by an
/// apply that stopped (Custodian quit, say) before it recorded them. They are taken up
/// instead of being queued a second time.
async fn unrecorded(
    cache: &Cache,
    review_id: i64,
    items: &[ReviewItem],
) -> Result<HashMap<String, Vec<i64>>, ReviewError> {
    let recorded: HashSet<i64> = items
        .iter()
        .filter_map(|item| item.change_ids.as_deref())
        .flatten()
        .copied()
        .collect();
    let mut by_account: HashMap<String, Vec<i64>> = HashMap::new();
    for change in cache.review_changes(review_id).await? {
        if !recorded.contains(&change.id) {
            by_account
                .entry(change.account_id)
                .or_default()
                .push(change.id);
        }
    }
    Ok(by_account)
}
