use std::io::BufWriter;

use custodian_core::cache::{self, AccountQuery, ExportReport};
use tauri::{AppHandle, Runtime, State};

use crate::Error;
use crate::save_dialog::{ask_where_to_save, partial_path};
use crate::state::AppState;

/// Asks where to save (a native dialog, so the web view never names a path), then writes
/// the accounts the list shows as CSV. None when the admin cancels the dialog.
#[tauri::command]
#[tracing::instrument(level = "info", skip_all, err)]
pub async fn export_accounts_csv<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    query: AccountQuery,
) -> Result<Option<ExportReport>, Error> {
    let session = state.session();
    let Some(path) =
        ask_where_to_save(&app, "Export the managed accounts", "managed-accounts.csv").await?
    else {
        return Ok(None);
    };
    let partial = partial_path(&path);
    let file = std::fs::File::create(&partial).map_err(cache::CacheError::from)?;
    let written = cache::write_csv(
        &session.cache,
        &query,
        custodian_core::clock::now(),
        &mut BufWriter::new(file),
    )
    .await;
    let accounts = match written {
        Ok(accounts) => accounts,
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            return Err(error.into());
        }
    };
    std::fs::rename(&partial, &path).map_err(cache::CacheError::from)?;
    Ok(Some(ExportReport {
        accounts,
        path: path.display().to_string(),
    }))
}
