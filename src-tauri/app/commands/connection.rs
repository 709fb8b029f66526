use custodian_core::connection::{self, ConnectionStatus};

#[tauri::command]
#[tracing::instrument(level = "debug")]
pub fn connection_status() -> ConnectionStatus {
    connection::status()
}
