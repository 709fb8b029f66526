//! What the commands share: the open cache of the current connection.

use custodian_core::cache::Cache;
use tauri::{AppHandle, Manager, Runtime};

pub struct AppState {
    pub cache: Cache,
}

/// Opens the cache of the demo connection, the only one until connections arrive.
pub async fn open<R: Runtime>(app: &AppHandle<R>) -> Result<AppState, crate::Error> {
    let path = custodian_core::cache::path_for(&app.path().app_data_dir()?, "demo");
    Ok(AppState {
        cache: Cache::open(&path).await?,
    })
}
