use custodian_core::connection::{self, ConnectionStatus};
use tauri::State;

use crate::Error;
use crate::state::AppState;

#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn connection_status(state: State<'_, AppState>) -> Result<ConnectionStatus, Error> {
    let session = state.session();
    let connection = &session.connection;
    Ok(connection::status(&connection.facts(), &session.cache).await?)
}
