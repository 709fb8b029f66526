//! What a review comes to: its decisions counted, and the changes applying it would queue,
//! shown to the admin before they apply it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ReviewError;
use super::decision::Decision;
use super::items::{self, ReviewItem};
use crate::cache::Cache;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewSummary {
    pub total: u32,
    pub keep: u32,
    pub deactivate: u32,
    pub remove_product: u32,
    pub follow_up: u32,
    pub undecided: u32,
    /// The changes applying the review now would queue in the outbox (from the accounts
    /// as cached: one per site for a product's removal, none for an account already
    /// deactivated).
    pub changes: u32,
    /// The changes an earlier apply queued, whatever became of them since.
    pub already_queued: u32,
}

impl ReviewSummary {
    pub(super) fn of(items: &[ReviewItem]) -> Self {
        let mut summary = Self {
            total: count(items.len()),
            ..Self::default()
        };
        for item in items {
            let tally = match &item.decision {
                None => &mut summary.undecided,
                Some(Decision::Keep) => &mut summary.keep,
                Some(Decision::Deactivate) => &mut summary.deactivate,
                Some(Decision::RemoveProduct { .. }) => &mut summary.remove_product,
                Some(Decision::FollowUp) => &mut summary.follow_up,
            };
            *tally += 1;
            match (&item.change_ids, &item.decision) {
                (Some(queued), _) => summary.already_queued += count(queued.len()),
                (None, Some(decision)) => summary.changes += count(decision.changes(item).len()),
                (None, None) => {}
            }
        }
        summary
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub async fn summary(cache: &Cache, review_id: i64) -> Result<ReviewSummary, ReviewError> {
    Ok(ReviewSummary::of(&items::all(cache, review_id).await?))
}
