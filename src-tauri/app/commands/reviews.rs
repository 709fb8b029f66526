//! Access reviews: start one from a search and filters, walk it deciding, apply it through
//! the outbox, export it.

use custodian_core::cache::{AccountQuery, ExportReport};
use custodian_core::clock;
use custodian_core::review::{self, Decision, Review, ReviewItem, ReviewPage, ReviewSummary};
use tauri::{AppHandle, Runtime, State};

use crate::Error;
use crate::save_dialog::{ask_where_to_save, save_csv};
use crate::state::AppState;

/// Starts a review of the accounts `query` matches now.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state), err)]
pub async fn start_review(
    state: State<'_, AppState>,
    name: String,
    query: AccountQuery,
) -> Result<Review, Error> {
    let session = state.session();
    Ok(review::start(&session.cache, &name, &query, clock::now_ms()).await?)
}

/// Every review on this connection, newest first.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn reviews(state: State<'_, AppState>) -> Result<Vec<Review>, Error> {
    let session = state.session();
    Ok(review::reviews(&session.cache).await?)
}

/// One window of a review's accounts, with its progress.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn review_items(
    state: State<'_, AppState>,
    review_id: i64,
    offset: u32,
    limit: u32,
) -> Result<ReviewPage, Error> {
    let session = state.session();
    Ok(review::items(&session.cache, review_id, offset, limit).await?)
}

/// Records (or clears) the decision and note on one account of a review.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state, note), err)]
pub async fn decide_review_item(
    state: State<'_, AppState>,
    review_id: i64,
    position: u32,
    decision: Option<Decision>,
    note: String,
) -> Result<ReviewItem, Error> {
    let session = state.session();
    Ok(review::decide(
        &session.cache,
        review_id,
        position,
        decision,
        note,
        clock::now_ms(),
    )
    .await?)
}

/// What applying the review would do.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn review_summary(
    state: State<'_, AppState>,
    review_id: i64,
) -> Result<ReviewSummary, Error> {
    let session = state.session();
    Ok(review::summary(&session.cache, review_id).await?)
}

/// Queues the review's decisions as changes in the outbox; the window then sends them.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state), err)]
pub async fn apply_review(
    state: State<'_, AppState>,
    review_id: i64,
) -> Result<ReviewSummary, Error> {
    let session = state.session();
    Ok(review::apply(&session.changing(), review_id, clock::now_ms()).await?)
}

#[tauri::command]
#[tracing::instrument(level = "info", skip(state), err)]
pub async fn delete_review(state: State<'_, AppState>, review_id: i64) -> Result<(), Error> {
    let session = state.session();
    Ok(review::delete(&session.cache, review_id).await?)
}

/// Saves the review, one line per account with its decision and note, where the admin
/// chooses.
#[tauri::command]
#[tracing::instrument(level = "info", skip(app, state), err)]
pub async fn export_review_csv<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    review_id: i64,
) -> Result<Option<ExportReport>, Error> {
    let session = state.session();
    let Some(path) = ask_where_to_save(
        &app,
        "Export the access review",
        "custodian-access-review.csv",
    )
    .await?
    else {
        return Ok(None);
    };
    let mut csv = Vec::new();
    let written = review::write_csv(&session.cache, review_id, &mut csv).await?;
    Ok(Some(save_csv(&path, &csv, written)?))
}
