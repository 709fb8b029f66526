use custodian_core::cache::{AuditEntry, AuditQuery, ExportReport};
use tauri::{AppHandle, Runtime, State};

use crate::Error;
use crate::save_dialog::{ask_where_to_save, save_csv};
use crate::state::AppState;

/// The changes made from Custodian, newest first.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn audit_log(
    state: State<'_, AppState>,
    query: AuditQuery,
) -> Result<Vec<AuditEntry>, Error> {
    let session = state.session();
    Ok(session.cache.audit_entries(&query).await?)
}

/// Saves the audit trail the Activity view shows as CSV, where the admin chooses.
#[tauri::command]
#[tracing::instrument(level = "info", skip_all, err)]
pub async fn export_audit_csv<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    query: AuditQuery,
) -> Result<Option<ExportReport>, Error> {
    let session = state.session();
    let Some(path) =
        ask_where_to_save(&app, "Export the activity", "custodian-activity.csv").await?
    else {
        return Ok(None);
    };
    let mut csv = Vec::new();
    let written = session.cache.write_audit_csv(&query, &mut csv).await?;
    Ok(Some(save_csv(&path, &csv, written)?))
}
