//! A review as a CSV file: every account under it, in its order, with the decision, the
//! note and what became of it, for a spreadsheet or an auditor.

use std::io::Write;

use super::items::{self, ReviewItem};
use super::{ReviewError, outcome};
use crate::cache::{Cache, CacheError, date, write_line};

const HEADER: [&str; 8] = [
    "Account",
    "Email",
    "Status",
    "Last active",
    "Decision",
    "Note",
    "Decided (UTC)",
    "Outcome",
];

fn row(item: &ReviewItem) -> [String; 8] {
    let decided = item
        .decided_at
        .and_then(chrono::DateTime::from_timestamp_millis)
        .map(|time| time.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default();
    [
        item.name.clone(),
        item.email.clone(),
        item.status
            .map_or("No longer managed", |status| status.label())
            .to_owned(),
        date(item.last_active),
        item.decision
            .as_ref()
            .map(super::Decision::describe)
            .unwrap_or_default(),
        item.note.clone(),
        decided,
        item.outcome.clone().unwrap_or_default(),
    ]
}

/// Writes every item of the review; returns how many.
pub async fn write_csv(
    cache: &Cache,
    review_id: i64,
    out: &mut impl Write,
) -> Result<u32, ReviewError> {
    let mut items = items::all(cache, review_id).await?;
    outcome::tell(cache, review_id, &mut items).await?;
    write_line(out, HEADER).map_err(CacheError::from)?;
    for item in &items {
        write_line(out, row(item)).map_err(CacheError::from)?;
    }
    out.flush().map_err(CacheError::from)?;
    Ok(u32::try_from(items.len()).unwrap_or(u32::MAX))
}
