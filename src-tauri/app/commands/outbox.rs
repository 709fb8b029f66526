//! The Pending changes panel: the outbox's changes, sending them when the directory
//! answers again, and the admin's decisions about each before it is sent.

use custodian_core::cache::PendingChange;
use custodian_core::changes::Change;
use custodian_core::outbox::{self, OutboxProgress, OutboxReport};
use custodian_core::sync::Cancel;
use tauri::State;
use tauri::ipc::Channel;

use crate::Error;
use crate::state::AppState;

/// Every change not applied yet, oldest first.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn pending_changes(state: State<'_, AppState>) -> Result<Vec<PendingChange>, Error> {
    let session = state.session();
    Ok(session.cache.pending_changes().await?)
}

/// Sends the queued changes in order, streaming progress; one send at a time.
#[tauri::command]
#[tracing::instrument(level = "info", skip_all, err)]
pub async fn send_pending_changes(
    state: State<'_, AppState>,
    on_progress: Channel<OutboxProgress>,
) -> Result<OutboxReport, Error> {
    let session = state.session();
    let cancel = Cancel::default();
    {
        let mut running = state.outbox.lock().map_err(|_| Error::Busy)?;
        if running.is_some() {
            return Err(Error::Busy);
        }
        *running = Some(cancel.clone());
    }
    let result = outbox::send_pending(&session.changing(), &cancel, |p| {
        let _ = on_progress.send(p);
    })
    .await;
    if let Ok(mut running) = state.outbox.lock() {
        *running = None;
    }
    let report = result?;
    tracing::info!(
        applied = report.applied,
        held = report.held,
        failed = report.failed,
        waiting = report.waiting,
        "pending changes sent"
    );
    Ok(report)
}

/// Replaces a queued change with the admin's edit of it.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state), err)]
pub async fn edit_pending_change(
    state: State<'_, AppState>,
    id: i64,
    change: Change,
) -> Result<(), Error> {
    let session = state.session();
    Ok(outbox::edit(&session.cache, id, &change).await?)
}

#[tauri::command]
#[tracing::instrument(level = "info", skip(state), err)]
pub async fn discard_pending_change(state: State<'_, AppState>, id: i64) -> Result<(), Error> {
    let session = state.session();
    Ok(outbox::discard(&session.cache, id).await?)
}

/// Puts a failed change back in line.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state), err)]
pub async fn retry_pending_change(state: State<'_, AppState>, id: i64) -> Result<(), Error> {
    let session = state.session();
    Ok(outbox::retry(&session.cache, id).await?)
}

/// Keeps the admin's change over a conflict: it goes as it is.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state), err)]
pub async fn keep_pending_change(state: State<'_, AppState>, id: i64) -> Result<(), Error> {
    let session = state.session();
    Ok(outbox::keep_mine(&session.cache, id).await?)
}
