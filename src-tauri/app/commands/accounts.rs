use custodian_core::cache::{AccountPage, AccountQuery, Facets, Overview};
use tauri::State;

use crate::Error;
use crate::state::AppState;

#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn search_accounts(
    state: State<'_, AppState>,
    query: AccountQuery,
) -> Result<AccountPage, Error> {
    Ok(state
        .session()
        .cache
        .search(&query, custodian_core::clock::now())
        .await?)
}

#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn account_facets(state: State<'_, AppState>) -> Result<Facets, Error> {
    let session = state.session();
    Ok(session.cache.facets().await?)
}

#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn accounts_overview(state: State<'_, AppState>) -> Result<Overview, Error> {
    let session = state.session();
    Ok(session.cache.overview(custodian_core::clock::now()).await?)
}

/// The ids of every account a query matches, in its order: "select all matching".
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn matching_account_ids(
    state: State<'_, AppState>,
    query: AccountQuery,
) -> Result<Vec<String>, Error> {
    Ok(state
        .session()
        .cache
        .matching_account_ids(&query, custodian_core::clock::now())
        .await?)
}
