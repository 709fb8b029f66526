//! Every route the server serves, in one table: the router is built from it, and a test
//! holds the OpenAPI document to it.

mod account_change;
mod api_tokens;
mod avatar;
mod devices;
mod directories;
mod directory_user;
mod domains;
mod email;
mod events;
mod last_active;
mod lifecycle;
mod orgs;
mod password;
mod profile;
mod role_assignments;
mod roles;
mod search;
mod target;
mod two_step;
mod users_manage;
mod workspaces;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, delete, get, patch, post, put};
use axum::{Router, middleware};

use crate::auth::{Authenticator, authenticate};
use crate::errors::{AdminError, ManageError};
use crate::idempotency::{self, Idempotency};
use crate::state::AppState;

/// (method, path as the OpenAPI document writes it, handler)
pub fn table() -> Vec<(&'static str, &'static str, MethodRouter<AppState>)> {
    vec![
        // Atlassian's user-management API (admin_user.json).
        (
            "get",
            "/users/{account_id}/manage",
            get(users_manage::privileges),
        ),
        (
            "get",
            "/users/{account_id}/manage/profile",
            get(profile::read),
        ),
        (
            "patch",
            "/users/{account_id}/manage/profile",
            patch(profile::update),
        ),
        ("put", "/users/{account_id}/manage/email", put(email::set)),
        (
            "get",
            "/users/{account_id}/manage/api-tokens",
            get(api_tokens::list),
        ),
        (
            "delete",
            "/users/{account_id}/manage/api-tokens/{tokenId}",
            delete(api_tokens::revoke),
        ),
        (
            "post",
            "/users/{account_id}/manage/lifecycle/disable",
            post(lifecycle::disable),
        ),
        (
            "post",
            "/users/{account_id}/manage/lifecycle/enable",
            post(lifecycle::enable),
        ),
        (
            "post",
            "/users/{account_id}/manage/lifecycle/delete",
            post(lifecycle::delete),
        ),
        (
            "post",
            "/users/{account_id}/manage/lifecycle/cancel-delete",
            post(lifecycle::cancel_delete),
        ),
        // Custodian's user-management extensions.
        (
            "get",
            "/users/{account_id}/manage/lifecycle/delete/validate",
            get(lifecycle::validate_delete),
        ),
        (
            "get",
            "/users/{account_id}/manage/avatar",
            get(avatar::fetch),
        ),
        (
            "put",
            "/users/{account_id}/manage/avatar",
            put(avatar::upload).layer(DefaultBodyLimit::disable()),
        ),
        (
            "delete",
            "/users/{account_id}/manage/avatar",
            delete(avatar::remove),
        ),
        (
            "get",
            "/users/{account_id}/manage/two-step-verification/exclusion",
            get(two_step::read),
        ),
        (
            "put",
            "/users/{account_id}/manage/two-step-verification/exclusion",
            put(two_step::exclude),
        ),
        (
            "delete",
            "/users/{account_id}/manage/two-step-verification/exclusion",
            delete(two_step::include),
        ),
        (
            "get",
            "/users/{account_id}/manage/devices",
            get(devices::list),
        ),
        (
            "post",
            "/users/{account_id}/manage/devices/{deviceId}/logout",
            post(devices::logout),
        ),
        (
            "post",
            "/users/{account_id}/manage/password/reset",
            post(password::require_reset),
        ),
        (
            "get",
            "/users/{account_id}/manage/password/reset",
            get(password::read),
        ),
        (
            "delete",
            "/users/{account_id}/manage/api-tokens",
            delete(api_tokens::revoke_all),
        ),
        // Atlassian's organizations API, v1 and v2.
        ("get", "/admin/v1/orgs", get(orgs::list)),
        ("get", "/admin/v1/orgs/{orgId}", get(orgs::one)),
        ("get", "/admin/v1/orgs/{orgId}/domains", get(domains::list)),
        (
            "get",
            "/admin/v1/orgs/{orgId}/domains/{domainId}",
            get(domains::one),
        ),
        ("get", "/admin/v1/orgs/{orgId}/events", get(events::list)),
        (
            "get",
            "/admin/v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates",
            get(last_active::dates),
        ),
        (
            "post",
            "/admin/v1/orgs/{orgId}/users/{accountId}/roles/assign",
            post(roles::assign),
        ),
        (
            "post",
            "/admin/v1/orgs/{orgId}/users/{accountId}/roles/revoke",
            post(roles::revoke),
        ),
        (
            "get",
            "/admin/v2/orgs/{orgId}/directories",
            get(directories::list),
        ),
        (
            "post",
            "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/search",
            post(search::search),
        ),
        (
            "get",
            "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/role-assignments",
            get(role_assignments::list),
        ),
        (
            "post",
            "/admin/v2/orgs/{orgId}/workspaces",
            post(workspaces::search),
        ),
        // Custodian's organization extensions.
        (
            "post",
            "/admin/v1/orgs/{orgId}/domains/{domainId}/verify",
            post(domains::verify),
        ),
        (
            "post",
            "/admin/v1/orgs/{orgId}/domains/{domainId}/claim",
            post(domains::claim),
        ),
        (
            "get",
            "/admin/v1/orgs/{orgId}/domains/{domainId}/claim",
            get(domains::preview_claim),
        ),
    ]
}

/// (method, path) of every route, for the test that keeps the OpenAPI document true.
pub fn served() -> Vec<(String, String)> {
    table()
        .into_iter()
        .map(|(method, path, _)| (method.to_owned(), path.to_owned()))
        .collect()
}

async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/users/") {
        ManageError::NotFound.into_response()
    } else {
        AdminError::refused(
            StatusCode::NOT_FOUND,
            "ADMIN-404-1",
            "Unknown resource",
            "No such route",
        )
        .into_response()
    }
}

pub fn router(state: AppState, auth: Arc<Authenticator>) -> Router {
    let mut router = Router::new();
    for (_, path, route) in table() {
        router = router.route(path, route);
    }
    let idempotency = Idempotency::new(state.pool.clone());
    // The last layer added runs first: a request is authenticated before a stored answer
    // can be replayed to it.
    router
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            idempotency,
            idempotency::replay_or_run,
        ))
        .layer(middleware::from_fn_with_state(auth, authenticate))
        .with_state(state)
}
