use custodian_core::changes::{
    self, BulkAction, BulkPreview, BulkProgress, BulkReport, Change, DeletionCheck, ProductSite,
};
use custodian_core::directory::AccountId;
use custodian_core::outbox::{self, Submitted};
use custodian_core::sync::Cancel;
use tauri::State;
use tauri::ipc::Channel;

use crate::Error;
use crate::state::AppState;

/// Makes one change to one account through the outbox: applied at once when the
/// directory answers (the account as now cached), else queued.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state), err)]
pub async fn apply_change(
    state: State<'_, AppState>,
    account_id: String,
    change: Change,
) -> Result<Submitted, Error> {
    let session = state.session();
    let account = AccountId::parse(account_id)?;
    Ok(outbox::submit(&session.changing(), &account, &change, None).await?)
}

/// Whether the directory would delete the account now, and what stands in the way.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn check_deletion(
    state: State<'_, AppState>,
    account_id: String,
) -> Result<DeletionCheck, Error> {
    let session = state.session();
    let account = AccountId::parse(account_id)?;
    Ok(changes::check_deletion(&session.connection.client, &account).await?)
}

/// The organization's product sites and their roles: what access can be granted.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn product_sites(state: State<'_, AppState>) -> Result<Vec<ProductSite>, Error> {
    let session = state.session();
    let connection = &session.connection;
    Ok(changes::product_sites(&connection.client, &connection.org).await?)
}

/// What a bulk action would do to each account, from the cache.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state, account_ids), fields(accounts = account_ids.len()), err)]
pub async fn preview_bulk(
    state: State<'_, AppState>,
    account_ids: Vec<String>,
    action: BulkAction,
) -> Result<BulkPreview, Error> {
    let session = state.session();
    Ok(changes::preview(&session.cache, &account_ids, &action).await?)
}

/// Applies a bulk action, one account at a time, streaming progress; one at a time.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state, account_ids, on_progress), fields(accounts = account_ids.len()), err)]
pub async fn apply_bulk(
    state: State<'_, AppState>,
    account_ids: Vec<String>,
    action: BulkAction,
    on_progress: Channel<BulkProgress>,
) -> Result<BulkReport, Error> {
    let session = state.session();
    let cancel = Cancel::default();
    {
        let mut running = state.bulk.lock().map_err(|_| Error::Busy)?;
        if running.is_some() {
            return Err(Error::Busy);
        }
        *running = Some(cancel.clone());
    }
    let result = changes::apply_all(&session.changing(), &account_ids, &action, &cancel, |p| {
        let _ = on_progress.send(p);
    })
    .await;
    if let Ok(mut running) = state.bulk.lock() {
        *running = None;
    }
    let report = result?;
    tracing::info!(
        done = report.done,
        skipped = report.skipped,
        failed = report.failed,
        "bulk action finished"
    );
    Ok(report)
}

#[tauri::command]
#[tracing::instrument(level = "info", skip_all)]
pub fn cancel_bulk(state: State<'_, AppState>) {
    if let Ok(running) = state.bulk.lock()
        && let Some(cancel) = running.as_ref()
    {
        cancel.cancel();
    }
}
