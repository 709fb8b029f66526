use custodian_core::cache::Organization;
use custodian_core::directory::DomainId;
use custodian_core::organization::{self, ClaimPreview};
use tauri::State;

use crate::Error;
use crate::state::AppState;

/// The organization and its domains from the cache; null before the first read.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn organization(state: State<'_, AppState>) -> Result<Option<Organization>, Error> {
    let session = state.session();
    Ok(state
        .session()
        .cache
        .organization(session.connection.org.as_str())
        .await?)
}

/// The organization read again from the backend, and cached.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn refresh_organization(state: State<'_, AppState>) -> Result<Organization, Error> {
    let session = state.session();
    let connection = &session.connection;
    Ok(organization::refresh(&connection.client, &session.cache, &connection.org).await?)
}

/// How many accounts claiming a verified domain would make managed.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(state), err)]
pub async fn claim_preview(
    state: State<'_, AppState>,
    domain_id: String,
) -> Result<ClaimPreview, Error> {
    let session = state.session();
    let domain = DomainId::parse(domain_id)?;
    let connection = &session.connection;
    Ok(organization::claim_preview(&connection.client, &connection.org, &domain).await?)
}

#[tauri::command]
#[tracing::instrument(level = "info", skip(state), err)]
pub async fn verify_domain(
    state: State<'_, AppState>,
    domain_id: String,
    name: String,
) -> Result<Organization, Error> {
    let session = state.session();
    let domain = DomainId::parse(domain_id)?;
    Ok(organization::verify_domain(&session.changing(), &domain, &name).await?)
}

/// Claims the accounts on a verified domain; answers how many became managed.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state), err)]
pub async fn claim_domain(
    state: State<'_, AppState>,
    domain_id: String,
    name: String,
) -> Result<u64, Error> {
    let session = state.session();
    let domain = DomainId::parse(domain_id)?;
    Ok(organization::claim_domain(&session.changing(), &domain, &name).await?)
}
