//! What became of an applied decision, in one sentence for the admin: its changes' states
//! in the outbox, the one needing attention first.

use std::collections::HashMap;

use super::items::ReviewItem;
use crate::cache::{Cache, CacheError, PendingState, ReviewChange};

/// Fills in the outcome of every item whose decision was applied.
pub(super) async fn tell(
    cache: &Cache,
    review_id: i64,
    items: &mut [ReviewItem],
) -> Result<(), CacheError> {
    if items.iter().all(|item| item.change_ids.is_none()) {
        return Ok(());
    }
    let changes: HashMap<i64, ReviewChange> = cache
        .review_changes(review_id)
        .await?
        .into_iter()
        .map(|change| (change.id, change))
        .collect();
    for item in items {
        item.outcome = item
            .change_ids
            .as_deref()
            .map(|ids| describe(ids.iter().map(|id| changes.get(id))));
    }
    Ok(())
}

/// One sentence for an item's changes (None: discarded, so gone from the outbox).
fn describe<'a>(changes: impl Iterator<Item = Option<&'a ReviewChange>>) -> String {
    let changes: Vec<Option<&ReviewChange>> = changes.collect();
    if changes.is_empty() {
        return "Nothing to change".to_owned();
    }
    let first_in = |state: PendingState| {
        changes
            .iter()
            .flatten()
            .find(|change| change.state == state)
    };
    let because = |change: &ReviewChange| change.message.clone().unwrap_or_default();
    if let Some(change) = first_in(PendingState::Conflict) {
        return format!("Conflict: {}", because(change));
    }
    if let Some(change) = first_in(PendingState::Failed) {
        return format!("Failed: {}", because(change));
    }
    if first_in(PendingState::Sending).is_some() {
        return "Being sent".to_owned();
    }
    if first_in(PendingState::Pending).is_some() {
        return "Waiting to be sent".to_owned();
    }
    let discarded = changes.iter().filter(|change| change.is_none()).count();
    match discarded {
        0 => "Applied".to_owned(),
        all if all == changes.len() => "Discarded".to_owned(),
        _ => "Applied in part: the rest was discarded".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(id: i64, state: PendingState, message: Option<&str>) -> ReviewChange {
        ReviewChange {
            id,
            account_id: "a".into(),
            state,
            message: message.map(str::to_owned),
        }
    }

    fn said(changes: &[Option<ReviewChange>]) -> String {
        describe(changes.iter().map(Option::as_ref))
    }

    #[test]
    fn the_change_needing_attention_speaks_first() {
        let applied = change(1, PendingState::Applied, None);
        let failed = change(2, PendingState::Failed, Some("Not for your own account."));
        let conflict = change(3, PendingState::Conflict, Some("The account changed."));
        let pending = change(4, PendingState::Pending, None);
        assert_eq!(said(&[]), "Nothing to change");
        assert_eq!(said(&[Some(applied.clone())]), "Applied");
        assert_eq!(said(&[None]), "Discarded");
        assert_eq!(
            said(&[Some(applied.clone()), None]),
            "Applied in part: the rest was discarded"
        );
        assert_eq!(
            said(&[Some(applied.clone()), Some(pending.clone())]),
            "Waiting to be sent"
        );
        assert_eq!(
            said(&[Some(pending), Some(failed.clone())]),
            "Failed: Not for your own account."
        );
        assert_eq!(
            said(&[Some(failed), Some(conflict), Some(applied)]),
            "Conflict: The account changed."
        );
    }
}
