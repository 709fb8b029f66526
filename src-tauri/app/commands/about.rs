use custodian_core::about::{self, AppInfo};
use tauri::{AppHandle, Manager, Runtime};

use crate::Error;

#[tauri::command]
#[tracing::instrument(level = "debug", skip(app), err)]
pub fn app_info<R: Runtime>(app: AppHandle<R>) -> Result<AppInfo, Error> {
    let paths = app.path();
    let package = app.package_info();
    Ok(about::describe(
        &package.name,
        &package.version.to_string(),
        &paths.app_data_dir()?,
        &paths.app_log_dir()?,
    ))
}
