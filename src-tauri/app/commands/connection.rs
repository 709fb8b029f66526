use custodian_core::connection::{self, ConnectionStatus};
use tauri::State;

use crate::Error;
use crate::state::AppState;

#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn connection_status(state: State<'_, AppState>) -> Result<ConnectionStatus, Error> {
    let connection = &state.connection;
    Ok(connection::status(&connection.name, connection.org.as_str(), &state.cache).await?)
}
