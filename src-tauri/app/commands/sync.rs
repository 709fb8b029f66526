use custodian_core::sync::{self, Cancel, SyncProgress, SyncReport};
use tauri::State;
use tauri::ipc::Channel;

use crate::Error;
use crate::state::AppState;

/// Brings the cache up to date (incrementally when it can), streaming progress; one at a time.
#[tauri::command]
#[tracing::instrument(level = "info", skip_all, err)]
pub async fn sync_accounts(
    state: State<'_, AppState>,
    on_progress: Channel<SyncProgress>,
) -> Result<SyncReport, Error> {
    let session = state.session();
    let cancel = Cancel::default();
    {
        let mut running = state.sync.lock().map_err(|_| Error::Busy)?;
        if running.is_some() {
            return Err(Error::Busy);
        }
        *running = Some(cancel.clone());
    }
    let connection = &session.connection;
    let result = sync::sync(
        &connection.client,
        &connection.org,
        &session.cache,
        &cancel,
        |p| {
            // A closed window cannot be told; the sync goes on regardless.
            let _ = on_progress.send(p);
        },
    )
    .await;
    if let Ok(mut running) = state.sync.lock() {
        *running = None;
    }
    let report = result?;
    tracing::info!(
        kind = ?report.kind,
        accounts = report.accounts,
        removed = report.removed,
        millis = report.millis,
        "sync finished"
    );
    Ok(report)
}

#[tauri::command]
#[tracing::instrument(level = "info", skip_all)]
pub fn cancel_sync(state: State<'_, AppState>) {
    if let Ok(running) = state.sync.lock()
        && let Some(cancel) = running.as_ref()
    {
        cancel.cancel();
    }
}
