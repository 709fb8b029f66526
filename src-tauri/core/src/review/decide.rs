//! Deciding about one account under review: the decision and a note, kept at once, so
//! that a review walked through with the keyboard loses nothing.

use super::decision::Decision;
use super::items::{self, ReviewItem};
use super::{MAX_NOTE, ReviewError};
use crate::cache::Cache;

/// A note as the admin typed it, checked: trimmed, Windows line breaks made plain, and
/// no control characters but line breaks.
fn parse_note(note: String) -> Result<String, ReviewError> {
    let note = if note.contains('\r') {
        note.replace("\r\n", "\n")
    } else {
        note
    };
    let trimmed = note.trim();
    if trimmed.chars().count() > MAX_NOTE {
        return Err(ReviewError::NoteTooLong);
    }
    if trimmed.chars().any(|c| c.is_control() && c != '\n') {
        return Err(ReviewError::NoteControlCharacters);
    }
    Ok(if trimmed.len() == note.len() {
        note
    } else {
        trimmed.to_owned()
    })
}

/// Records the decision about the account at `position` (None clears it) with its note,
/// and returns the item as now kept. Refused, changing nothing: a product the account does
/// not have (as cached) to remove, and an item whose changes are in the outbox already.
pub async fn decide(
    cache: &Cache,
    review_id: i64,
    position: u32,
    decision: Option<Decision>,
    note: String,
    now_ms: i64,
) -> Result<ReviewItem, ReviewError> {
    let note = parse_note(note)?;
    let _turn = cache.review_turn().await;
    let current = items::item(cache, review_id, position).await?;
    if let Some(Decision::RemoveProduct { product }) = &decision
        && !current
            .products
            .iter()
            .any(|access| &access.product == product)
    {
        return Err(ReviewError::NoSuchProduct {
            account: current.name,
            product: product.clone(),
        });
    }
    // A note edited later leaves the time of the decision as it was.
    let decided_at = match &decision {
        None => None,
        Some(_) if decision == current.decision => current.decided_at,
        Some(_) => Some(now_ms),
    };
    if !cache
        .decide_review_item(review_id, position, decision.as_ref(), &note, decided_at)
        .await?
    {
        return Err(ReviewError::AlreadyQueued);
    }
    items::item(cache, review_id, position).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_keep_their_lines_and_nothing_else() {
        assert_eq!(
            parse_note(" Asked their manager.\r\nWaiting. ".into()).ok(),
            Some("Asked their manager.\nWaiting.".to_owned())
        );
        assert_eq!(parse_note(String::new()).ok(), Some(String::new()));
        assert!(matches!(
            parse_note("bell\u{7}".into()),
            Err(ReviewError::NoteControlCharacters)
        ));
        assert!(matches!(
            parse_note("tab\there".into()),
            Err(ReviewError::NoteControlCharacters)
        ));
        assert!(parse_note("é".repeat(MAX_NOTE)).is_ok());
        assert!(matches!(
            parse_note("x".repeat(MAX_NOTE + 1)),
            Err(ReviewError::NoteTooLong)
        ));
    }
}
