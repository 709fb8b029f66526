//! Refusals, in the two shapes Atlassian uses: `{key, context}` on the user-management
//! routes (`/users/...`) and `{errors:[{id, status, code, title, detail}]}` on the
//! organization routes (`/admin/...`).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::privileges::Restriction;

/// A refusal on a user-management route.
#[derive(Debug, thiserror::Error)]
pub enum ManageError {
    #[error("the caller may not manage this account")]
    Forbidden,
    #[error("the action is not allowed: {0:?}")]
    Action(Restriction),
    #[error("some fields cannot be changed")]
    FieldMutation(Map<String, Value>),
    #[error("the domain {0} is not verified by the organization")]
    UnclaimedDomain(String),
    #[error("no such account")]
    AccountNotFound,
    #[error("no such resource")]
    NotFound,
    #[error("the body could not be parsed")]
    BodyParseFailure,
    #[error("some fields violate their constraints")]
    FieldConstraints(Vec<FieldViolation>),
    #[error("the account is not eligible: {message}")]
    Lifecycle {
        message: String,
        account_id: String,
        errors: Vec<LifecycleProblem>,
    },
    #[error("the image was refused: {reason}")]
    InvalidImage { reason: &'static str },
    #[error("the image is larger than {max_bytes} bytes")]
    ImageTooLarge { max_bytes: usize },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldViolation {
    pub field: String,
    pub violations: Vec<Violation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Violation {
    pub key: &'static str,
}

impl FieldViolation {
    pub fn new(field: impl Into<String>, keys: &[&'static str]) -> Self {
        Self {
            field: field.into(),
            violations: keys.iter().map(|key| Violation { key }).collect(),
        }
    }
}

/// One reason an account cannot be deleted (or re-enabled), as in Atlassian's
/// `LifecycleError`.
#[derive(Debug, Clone, Serialize)]
pub struct LifecycleProblem {
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

impl IntoResponse for ManageError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ManageError::Forbidden => (StatusCode::FORBIDDEN, json!({"key": "forbidden"})),
            ManageError::Action(restriction) => (
                StatusCode::FORBIDDEN,
                json!({"key": "forbidden.action", "context": restriction.unallowed()}),
            ),
            ManageError::FieldMutation(rules) => (
                StatusCode::FORBIDDEN,
                json!({"key": "forbidden.fieldMutation", "context": rules}),
            ),
            ManageError::UnclaimedDomain(domain) => (
                StatusCode::FORBIDDEN,
                json!({"key": "forbidden.unclaimedDomain", "context": {"domain": domain}}),
            ),
            ManageError::AccountNotFound => {
                (StatusCode::NOT_FOUND, json!({"key": "accountNotFound"}))
            }
            ManageError::NotFound => (StatusCode::NOT_FOUND, json!({"key": "notFound"})),
            ManageError::BodyParseFailure => {
                (StatusCode::BAD_REQUEST, json!({"key": "bodyParseFailure"}))
            }
            ManageError::FieldConstraints(violations) => (
                StatusCode::BAD_REQUEST,
                json!({"key": "fieldConstraintsViolated", "context": {"fieldViolations": violations}}),
            ),
            ManageError::Lifecycle {
                message,
                account_id,
                errors,
            } => (
                StatusCode::CONFLICT,
                json!({"key": "conflict.lifecycleErrors",
                       "context": {"message": message, "accountId": account_id, "errorCodes": errors}}),
            ),
            ManageError::InvalidImage { reason } => (
                StatusCode::BAD_REQUEST,
                json!({"key": "invalidImage", "context": {"reason": reason}}),
            ),
            ManageError::ImageTooLarge { max_bytes } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                json!({"key": "invalidImage", "context": {"reason": "tooLarge", "maxBytes": max_bytes}}),
            ),
            ManageError::Database(error) => {
                tracing::error!(%error, "database error on a user-management route");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({"key": "internal"}),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}

/// A refusal on an organization route, with one of Atlassian's `ADMIN-*` codes.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("{code}: {detail}")]
    Refused {
        status: StatusCode,
        code: &'static str,
        title: &'static str,
        detail: String,
    },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

impl AdminError {
    pub fn invalid_cursor() -> Self {
        Self::refused(
            StatusCode::BAD_REQUEST,
            "ADMIN-400-1",
            "Invalid page cursor",
            "The cursor is not one this server issued",
        )
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::refused(
            StatusCode::BAD_REQUEST,
            "ADMIN-UAM-400-1",
            "Bad Request",
            detail,
        )
    }

    pub fn invalid_body(detail: impl Into<String>) -> Self {
        Self::refused(
            StatusCode::BAD_REQUEST,
            "ADMIN-400-24",
            "Invalid request body",
            detail,
        )
    }

    pub fn org_not_found() -> Self {
        Self::refused(
            StatusCode::NOT_FOUND,
            "ADMIN-404-2",
            "Organization not found",
            "No organization with this id is managed by the caller",
        )
    }

    pub fn domain_not_found() -> Self {
        Self::refused(
            StatusCode::NOT_FOUND,
            "ADMIN-404-3",
            "Domain not found",
            "No domain with this id in the organization",
        )
    }

    pub fn user_not_found() -> Self {
        Self::refused(
            StatusCode::NOT_FOUND,
            "ADMIN-404-8",
            "User not found",
            "No user with this account id in the organization",
        )
    }

    pub fn refused(
        status: StatusCode,
        code: &'static str,
        title: &'static str,
        detail: impl Into<String>,
    ) -> Self {
        Self::Refused {
            status,
            code,
            title,
            detail: detail.into(),
        }
    }
}

impl AdminError {
    /// The status and the `ApplicationError` object the refusal is answered with.
    fn application_error(self) -> (StatusCode, Value) {
        let (status, code, title, detail) = match self {
            AdminError::Refused {
                status,
                code,
                title,
                detail,
            } => (status, code, title, detail),
            AdminError::Database(error) => {
                tracing::error!(%error, "database error on an organization route");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "ADMIN-500-1",
                    "Internal error",
                    "The directory could not complete the request".to_owned(),
                )
            }
        };
        let error = json!({
            "id": uuid::Uuid::new_v4().simple().to_string(),
            "status": status.as_u16().to_string(),
            "code": code,
            "title": title,
            "detail": detail,
        });
        (status, error)
    }
}

impl IntoResponse for AdminError {
    fn into_response(self) -> Response {
        let (status, error) = self.application_error();
        (status, Json(json!({"errors": [error]}))).into_response()
    }
}

/// A refusal answered as one bare `ApplicationError`, not wrapped in `errors`: how
/// Atlassian answers on the workspaces route.
#[derive(Debug)]
pub struct Unwrapped(pub AdminError);

impl From<AdminError> for Unwrapped {
    fn from(error: AdminError) -> Self {
        Self(error)
    }
}

impl From<sqlx::Error> for Unwrapped {
    fn from(error: sqlx::Error) -> Self {
        Self(AdminError::Database(error))
    }
}

impl IntoResponse for Unwrapped {
    fn into_response(self) -> Response {
        let (status, error) = self.0.application_error();
        (status, Json(error)).into_response()
    }
}

/// Whether the route at `path` answers refusals as one bare `ApplicationError`.
pub fn answers_unwrapped(path: &str) -> bool {
    path.strip_prefix("/admin/v2/orgs/")
        .and_then(|rest| rest.strip_suffix("/workspaces"))
        .is_some_and(|org_id| !org_id.is_empty() && !org_id.contains('/'))
}

/// The gateway's own answer (401, 429), a `ProxyError` on the organization routes and a
/// `{key}` body on the user-management routes.
pub fn gateway_refusal(
    user_management: bool,
    status: StatusCode,
    key: &str,
    message: &str,
) -> Response {
    let body = if user_management {
        json!({"key": key})
    } else {
        json!({"code": status.as_u16(), "message": message})
    };
    (status, Json(body)).into_response()
}
