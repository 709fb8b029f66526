//! The native save dialog, opened from Rust so the web view never names a path.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use custodian_core::cache::{CacheError, ExportReport};

use crate::Error;

/// Asks where to save a CSV file; None when the admin cancels.
pub async fn ask_where_to_save<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    file_name: &str,
) -> Result<Option<PathBuf>, Error> {
    let (chosen, answer) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter("CSV", &["csv"])
        .save_file(move |path| {
            let _ = chosen.send(path);
        });
    let Some(path) = answer.await.ok().flatten() else {
        return Ok(None);
    };
    path.into_path()
        .map(Some)
        .map_err(|error| Error::Setup(error.to_string()))
}

/// Where a file is written before it is renamed into place: a failed export leaves no
/// half file.
pub fn partial_path(path: &std::path::Path) -> PathBuf {
    path.with_extension("csv.part")
}

/// Writes `csv` (made in memory) where the admin chose, through a partial file renamed
/// into place; `lines` is what the report counts.
pub fn save_csv(path: &std::path::Path, csv: &[u8], lines: u32) -> Result<ExportReport, Error> {
    let partial = partial_path(path);
    std::fs::write(&partial, csv).map_err(CacheError::from)?;
    std::fs::rename(&partial, path).map_err(CacheError::from)?;
    Ok(ExportReport {
        accounts: lines,
        path: path.display().to_string(),
    })
}
