//! Logging: the code writes `tracing` events, which reach the `log` facade and through
//! tauri-plugin-log a rotating file in the app's log folder (and stdout while developing).

use log::LevelFilter;
use tauri::Runtime;
use tauri::plugin::TauriPlugin;
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

const LOG_FILE: &str = "custodian";
const MAX_FILE_BYTES: u128 = 5 * 1024 * 1024;

pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .targets([
            Target::new(TargetKind::LogDir {
                file_name: Some(LOG_FILE.into()),
            }),
            Target::new(TargetKind::Stdout),
        ])
        .level(level_from_env())
        // Span bookkeeping from `#[instrument]` is noise in a log an admin may send us.
        .level_for("tracing::span", LevelFilter::Off)
        .level_for("tracing::span::active", LevelFilter::Off)
        .max_file_size(MAX_FILE_BYTES)
        .rotation_strategy(RotationStrategy::KeepSome(5))
        .build()
}

/// `CUSTODIAN_LOG=debug` turns up the detail without a rebuild.
fn level_from_env() -> LevelFilter {
    std::env::var("CUSTODIAN_LOG")
        .ok()
        .and_then(|level| level.parse().ok())
        .unwrap_or(LevelFilter::Info)
}
