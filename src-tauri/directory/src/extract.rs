//! Request bodies and query strings, refused in the shape of the route family when they
//! cannot be read.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::errors::{AdminError, ManageError};

/// A JSON body on a user-management route: unreadable → 400 `bodyParseFailure`.
pub struct ManageJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ManageJson<T> {
    type Rejection = ManageError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = manage_body(request, state).await?;
        parse_manage(&bytes).map(ManageJson)
    }
}

async fn manage_body<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, ManageError> {
    Bytes::from_request(request, state)
        .await
        .map_err(|_| ManageError::BodyParseFailure)
}

fn parse_manage<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ManageError> {
    serde_json::from_slice(bytes).map_err(|_| ManageError::BodyParseFailure)
}

/// A JSON body a user-management route can do without: an empty body is `None`, an
/// unreadable one 400 `bodyParseFailure`.
pub struct OptionalManageJson<T>(pub Option<T>);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for OptionalManageJson<T> {
    type Rejection = ManageError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = manage_body(request, state).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(None));
        }
        parse_manage(&bytes).map(|body| Self(Some(body)))
    }
}

/// A JSON body on an organization route: unreadable → 400 `ADMIN-400-24`.
pub struct AdminJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for AdminJson<T> {
    type Rejection = AdminError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|_| AdminError::invalid_body("The body could not be read"))?;
        serde_json::from_slice(&bytes)
            .map(AdminJson)
            .map_err(|error| AdminError::invalid_body(format!("The body is not valid: {error}")))
    }
}

/// Every value of a query parameter, whether repeated (`a=1&a=2`) or comma-separated.
pub fn query_values(raw: Option<&str>, name: &str) -> Vec<String> {
    let Some(raw) = raw else { return Vec::new() };
    form_urlencoded::parse(raw.as_bytes())
        .filter(|(key, _)| key == name || key.strip_suffix("[]") == Some(name))
        .flat_map(|(_, value)| value.split(',').map(str::to_owned).collect::<Vec<_>>())
        .filter(|value| !value.is_empty())
        .collect()
}

/// The single value of a query parameter.
pub fn query_value(raw: Option<&str>, name: &str) -> Option<String> {
    let raw = raw?;
    form_urlencoded::parse(raw.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}
