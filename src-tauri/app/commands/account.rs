use custodian_core::account;
use custodian_core::cache::AccountDetails;
use custodian_core::directory::AccountId;
use tauri::State;

use crate::Error;
use crate::state::AppState;

/// The account page from the cache, at once; null when the account is not cached.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn account_details(
    state: State<'_, AppState>,
    account_id: String,
) -> Result<Option<AccountDetails>, Error> {
    let session = state.session();
    Ok(session.cache.account_details(&account_id).await?)
}

/// The account page read again from the backend, and stored.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn refresh_account(
    state: State<'_, AppState>,
    account_id: String,
) -> Result<AccountDetails, Error> {
    let session = state.session();
    let account = AccountId::parse(account_id)?;
    let connection = &session.connection;
    Ok(account::refresh(
        &connection.client,
        &session.cache,
        &connection.org,
        &account,
    )
    .await?)
}
