//! Settings > Connections: add, edit, test, remove and switch connections; keys go to the
//! OS keychain (or this session's memory), never to the web view again.

use custodian_core::connection::{self, ConnectionStatus};
use custodian_core::connections::{
    ConnectionEdit, ConnectionId, ConnectionStore, ConnectionTest, ConnectionsOverview,
    NewConnection, atlassian_admin_account_url, test_connection,
};
use custodian_core::directory::{AccountId, ApiKey};
use tauri::State;

use crate::Error;
use crate::state::AppState;

fn key(text: String) -> Result<ApiKey, Error> {
    ApiKey::parse(text).map_err(|error| Error::Setup(format!("the API key: {error}")))
}

fn id(text: String) -> Result<ConnectionId, Error> {
    ConnectionId::parse(text).map_err(Error::from)
}

/// The saved connections, or why they cannot be used.
async fn with_store<T>(
    state: &AppState,
    act: impl FnOnce(&mut ConnectionStore) -> Result<T, Error>,
) -> Result<T, Error> {
    let mut store = state.connections.lock().await;
    match store.as_mut() {
        Some(store) => act(store),
        None => Err(Error::Setup(format!(
            "the saved connections could not be read: {}",
            state
                .connections_error
                .as_deref()
                .unwrap_or("unknown reason")
        ))),
    }
}

async fn overview(state: &AppState) -> ConnectionsOverview {
    let session = state.session();
    let store = state.connections.lock().await;
    ConnectionsOverview {
        profiles: store
            .as_ref()
            .map(|store| store.list().to_vec())
            .unwrap_or_default(),
        in_use: session
            .connection
            .profile
            .as_ref()
            .map(|id| id.as_str().to_owned()),
        in_use_name: session.connection.name.clone(),
        launch_override: state.launch_override,
        keychain: state.secrets().await.status().clone(),
        problem: state.connections_error.clone(),
    }
}

#[tauri::command]
#[tracing::instrument(level = "debug", skip_all)]
pub async fn connections(state: State<'_, AppState>) -> Result<ConnectionsOverview, Error> {
    Ok(overview(&state).await)
}

/// Tests a connection before it is saved: what the organization is and what it allows.
#[tauri::command]
#[tracing::instrument(level = "info", skip(key), err)]
pub async fn test_new_connection(
    connection: NewConnection,
    key: String,
) -> Result<ConnectionTest, Error> {
    let profile = connection.check()?;
    Ok(test_connection(&profile, &self::key(key)?).await?)
}

/// Tests a saved connection, with a new key or the one kept for it.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state, key), err)]
pub async fn test_saved_connection(
    state: State<'_, AppState>,
    id: String,
    key: Option<String>,
) -> Result<ConnectionTest, Error> {
    let id = self::id(id)?;
    let profile = with_store(&state, |store| Ok(store.get(&id)?.clone())).await?;
    let key = match key {
        Some(key) => self::key(key)?,
        None => state.secrets().await.key(&id).await?.ok_or_else(|| {
            Error::Setup("no API key is kept for this connection: enter it".into())
        })?,
    };
    Ok(test_connection(&profile, &key).await?)
}

/// Saves a connection and its key (to the keychain); it is not put in use.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state, key), err)]
pub async fn add_connection(
    state: State<'_, AppState>,
    connection: NewConnection,
    key: String,
) -> Result<ConnectionsOverview, Error> {
    let key = self::key(key)?;
    let profile = with_store(&state, |store| Ok(store.add(&connection)?)).await?;
    if let Err(error) = state.secrets().await.store(profile.id(), &key).await {
        // A connection without its key is of no use: take it back.
        with_store(&state, |store| Ok(store.remove(profile.id())?)).await?;
        return Err(error.into());
    }
    Ok(overview(&state).await)
}

/// Renames a connection or points it elsewhere; a new key replaces the kept one.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state, key), err)]
pub async fn edit_connection(
    state: State<'_, AppState>,
    id: String,
    edit: ConnectionEdit,
    key: Option<String>,
) -> Result<ConnectionsOverview, Error> {
    let id = self::id(id)?;
    let key = key
        .filter(|k| !k.trim().is_empty())
        .map(self::key)
        .transpose()?;
    let in_use = state.session().connection.profile.as_ref() == Some(&id);
    let current = with_store(&state, |store| Ok(store.get(&id)?.clone())).await?;
    let moved = current.edited(&edit)?;
    let elsewhere = !moved.same_backend(&current);
    if elsewhere && key.is_none() {
        // The kept key is for the old organization or server: never send it to the new one.
        return Err(Error::Setup(
            "this connection now points elsewhere: enter the API key for it".into(),
        ));
    }
    if in_use && elsewhere {
        return Err(Error::Setup(
            "this connection is in use: switch to another one before pointing it at another organization or server"
                .into(),
        ));
    }
    let edited = with_store(&state, |store| Ok(store.edit(&id, &edit)?)).await?;
    if let Some(key) = key {
        state.secrets().await.store(&id, &key).await?;
    }
    if edited.backend_changed {
        // Its cache holds another organization's accounts.
        remove_cache(&state, &id);
    }
    if in_use {
        // A new name or key takes effect now, not at the next switch.
        let session = state.profile_session(&edited.profile).await?;
        state.switch_to(session);
    }
    Ok(overview(&state).await)
}

fn remove_cache(state: &AppState, id: &ConnectionId) {
    let path = custodian_core::cache::path_for(&state.data_dir, id.as_str());
    if let Some(folder) = path.parent()
        && let Err(error) = std::fs::remove_dir_all(folder)
        && error.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!(%error, "the connection's cache could not be removed");
    }
}

/// Removes a saved connection, its key and its cache; in use, the demo takes its place.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state), err)]
pub async fn remove_connection(
    state: State<'_, AppState>,
    id: String,
) -> Result<ConnectionsOverview, Error> {
    let id = self::id(id)?;
    if state.session().connection.profile.as_ref() == Some(&id) {
        let demo = state.demo_session().await?;
        state.switch_to(demo);
    }
    with_store(&state, |store| Ok(store.remove(&id)?)).await?;
    state.secrets().await.forget(&id).await?;
    remove_cache(&state, &id);
    Ok(overview(&state).await)
}

/// Puts a saved connection (or, with null, the demo directory) in use.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state), err)]
pub async fn use_connection(
    state: State<'_, AppState>,
    id: Option<String>,
) -> Result<ConnectionStatus, Error> {
    let session = match id {
        None => state.demo_session().await?,
        Some(id) => {
            let id = self::id(id)?;
            let profile = with_store(&state, |store| Ok(store.get(&id)?.clone())).await?;
            state.profile_session(&profile).await?
        }
    };
    let chosen = session.connection.profile.clone();
    with_store(&state, |store| Ok(store.set_active(chosen.as_ref())?)).await?;
    state.switch_to(session);
    let session = state.session();
    Ok(connection::status(&session.connection.facts(), &session.cache).await?)
}

/// Opens the account's page in Atlassian Administration in the browser: where an admin
/// does what Atlassian's public API cannot. The URL is made here, not by the web view.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state), err)]
pub async fn open_in_atlassian_administration(
    state: State<'_, AppState>,
    account_id: String,
) -> Result<(), Error> {
    let account = AccountId::parse(account_id)?;
    let url = atlassian_admin_account_url(&state.session().connection.org, &account);
    tauri_plugin_opener::open_url(&url, None::<&str>)
        .map_err(|error| Error::Setup(format!("the browser could not be opened: {error}")))
}
