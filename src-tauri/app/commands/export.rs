use std::io::BufWriter;

use custodian_core::cache::{self, AccountQuery, ExportReport};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::Error;
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
    let (chosen, answer) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title("Export the managed accounts")
        .set_file_name("managed-accounts.csv")
        .add_filter("CSV", &["csv"])
        .save_file(move |path| {
            let _ = chosen.send(path);
        });
    let Some(path) = answer.await.ok().flatten() else {
        return Ok(None);
    };
    let path = path
        .into_path()
        .map_err(|error| Error::Setup(error.to_string()))?;
    // Written beside the target and renamed at the end: a failed export leaves no half file.
    let partial = path.with_extension("csv.part");
    let file = std::fs::File::create(&partial).map_err(cache::CacheError::from)?;
    let written = cache::write_csv(
        &state.cache,
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
