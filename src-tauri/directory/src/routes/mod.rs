//! Every route the server serves, in one table: the router is built from it, and a test
//! holds the OpenAPI document to it. Each route is Atlassian's or one of Custodian's
//! extensions; with `Config::extensions` off only Atlassian's are served.

mod account_change;
mod api_tokens;
mod avatar;
mod capabilities;
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

use std::collections::HashSet;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter, delete, get, on, patch, post, put};
use axum::{Router, middleware};

use crate::auth::{Authenticator, authenticate};
use crate::errors::{AdminError, ManageError};
use crate::idempotency::{self, Idempotency};
use crate::state::AppState;

/// Whose API a route belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Surface {
    /// Atlassian's public admin API: Atlassian Cloud serves it too.
    Atlassian,
    /// Custodian's own, for what Atlassian has no public API for. Served only when
    /// `Config::extensions` is on; Atlassian Cloud answers it 404.
    Extension,
}

/// A route as the OpenAPI document writes it: `method` in lower case, `path` with
/// `{parameters}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ServedRoute {
    pub surface: Surface,
    pub method: String,
    pub path: &'static str,
}

struct Route {
    surface: Surface,
    method: Method,
    path: &'static str,
    handler: MethodRouter<AppState>,
}

fn atlassian(method: Method, path: &'static str, handler: MethodRouter<AppState>) -> Route {
    Route {
        surface: Surface::Atlassian,
        method,
        path,
        handler,
    }
}

fn extension(method: Method, path: &'static str, handler: MethodRouter<AppState>) -> Route {
    Route {
        surface: Surface::Extension,
        method,
        path,
        handler,
    }
}

fn table() -> Vec<Route> {
    vec![
        // Atlassian's user-management API (admin_user.json).
        atlassian(
            Method::GET,
            "/users/{account_id}/manage",
            get(users_manage::privileges),
        ),
        atlassian(
            Method::GET,
            "/users/{account_id}/manage/profile",
            get(profile::read),
        ),
        atlassian(
            Method::PATCH,
            "/users/{account_id}/manage/profile",
            patch(profile::update),
        ),
        atlassian(
            Method::PUT,
            "/users/{account_id}/manage/email",
            put(email::set),
        ),
        atlassian(
            Method::GET,
            "/users/{account_id}/manage/api-tokens",
            get(api_tokens::list),
        ),
        atlassian(
            Method::DELETE,
            "/users/{account_id}/manage/api-tokens/{tokenId}",
            delete(api_tokens::revoke),
        ),
        atlassian(
            Method::POST,
            "/users/{account_id}/manage/lifecycle/disable",
            post(lifecycle::disable),
        ),
        atlassian(
            Method::POST,
            "/users/{account_id}/manage/lifecycle/enable",
            post(lifecycle::enable),
        ),
        atlassian(
            Method::POST,
            "/users/{account_id}/manage/lifecycle/delete",
            post(lifecycle::delete),
        ),
        atlassian(
            Method::POST,
            "/users/{account_id}/manage/lifecycle/cancel-delete",
            post(lifecycle::cancel_delete),
        ),
        // Custodian's user-management extensions.
        extension(
            Method::GET,
            "/users/{account_id}/manage/lifecycle/delete/validate",
            get(lifecycle::validate_delete),
        ),
        extension(
            Method::GET,
            "/users/{account_id}/manage/avatar",
            get(avatar::fetch),
        ),
        extension(
            Method::PUT,
            "/users/{account_id}/manage/avatar",
            put(avatar::upload).layer(DefaultBodyLimit::disable()),
        ),
        extension(
            Method::DELETE,
            "/users/{account_id}/manage/avatar",
            delete(avatar::remove),
        ),
        extension(
            Method::GET,
            "/users/{account_id}/manage/two-step-verification/exclusion",
            get(two_step::read),
        ),
        extension(
            Method::PUT,
            "/users/{account_id}/manage/two-step-verification/exclusion",
            put(two_step::exclude),
        ),
        extension(
            Method::DELETE,
            "/users/{account_id}/manage/two-step-verification/exclusion",
            delete(two_step::include),
        ),
        extension(
            Method::GET,
            "/users/{account_id}/manage/devices",
            get(devices::list),
        ),
        extension(
            Method::POST,
            "/users/{account_id}/manage/devices/{deviceId}/logout",
            post(devices::logout),
        ),
        extension(
            Method::POST,
            "/users/{account_id}/manage/password/reset",
            post(password::require_reset),
        ),
        extension(
            Method::GET,
            "/users/{account_id}/manage/password/reset",
            get(password::read),
        ),
        extension(
            Method::DELETE,
            "/users/{account_id}/manage/api-tokens",
            delete(api_tokens::revoke_all),
        ),
        // Atlassian's organizations API, v1 and v2.
        atlassian(Method::GET, "/admin/v1/orgs", get(orgs::list)),
        atlassian(Method::GET, "/admin/v1/orgs/{orgId}", get(orgs::one)),
        atlassian(
            Method::GET,
            "/admin/v1/orgs/{orgId}/domains",
            get(domains::list),
        ),
        atlassian(
            Method::GET,
            "/admin/v1/orgs/{orgId}/domains/{domainId}",
            get(domains::one),
        ),
        atlassian(
            Method::GET,
            "/admin/v1/orgs/{orgId}/events",
            get(events::list),
        ),
        atlassian(
            Method::GET,
            "/admin/v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates",
            get(last_active::dates),
        ),
        atlassian(
            Method::POST,
            "/admin/v1/orgs/{orgId}/users/{accountId}/roles/assign",
            post(roles::assign),
        ),
        atlassian(
            Method::POST,
            "/admin/v1/orgs/{orgId}/users/{accountId}/roles/revoke",
            post(roles::revoke),
        ),
        atlassian(
            Method::GET,
            "/admin/v2/orgs/{orgId}/directories",
            get(directories::list),
        ),
        atlassian(
            Method::POST,
            "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/search",
            post(search::search),
        ),
        atlassian(
            Method::GET,
            "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/role-assignments",
            get(role_assignments::list),
        ),
        atlassian(
            Method::POST,
            "/admin/v2/orgs/{orgId}/workspaces",
            post(workspaces::search),
        ),
        // Custodian's organization extensions.
        extension(
            Method::POST,
            "/admin/v1/orgs/{orgId}/domains/{domainId}/verify",
            post(domains::verify),
        ),
        extension(
            Method::POST,
            "/admin/v1/orgs/{orgId}/domains/{domainId}/claim",
            post(domains::claim),
        ),
        extension(
            Method::GET,
            "/admin/v1/orgs/{orgId}/domains/{domainId}/claim",
            get(domains::preview_claim),
        ),
        // Custodian's discovery route: the extensions are on, and which version serves them.
        extension(
            Method::GET,
            "/custodian/v1/capabilities",
            get(capabilities::read),
        ),
    ]
}

/// Every route in the table, with or without extensions.
pub fn served() -> Vec<ServedRoute> {
    table()
        .into_iter()
        .map(|route| ServedRoute {
            surface: route.surface,
            method: route.method.as_str().to_ascii_lowercase(),
            path: route.path,
        })
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
    let (served, withheld): (Vec<Route>, Vec<Route>) = table()
        .into_iter()
        .partition(|route| state.extensions || route.surface == Surface::Atlassian);
    let served_paths: HashSet<&str> = served.iter().map(|route| route.path).collect();
    let mut router = Router::new();
    for route in served {
        router = router.route(route.path, route.handler);
    }
    // A withheld route on a path that still serves other methods would answer 405; it
    // answers as an unknown route does, as on Atlassian Cloud.
    for route in withheld {
        if served_paths.contains(route.path)
            && let Ok(filter) = MethodFilter::try_from(route.method)
        {
            router = router.route(route.path, on(filter, not_found));
        }
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
