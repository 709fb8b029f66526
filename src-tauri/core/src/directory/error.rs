//! Everything that can go wrong talking to the directory, in one enum that keeps
//! Atlassian's keys, codes and reasons, and maps onto the UI's `ErrorCode`.

use std::time::Duration;

use serde_json::Value;

use super::ids::ParseError;
use crate::error::{ErrorCode, WireError};

/// A `{key, context}` refusal from a user-management route.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub status: u16,
    /// Atlassian's key: `forbidden.fieldMutation`, `conflict.lifecycleErrors`, ...
    pub key: String,
    pub context: Option<Value>,
}

impl Refusal {
    /// The reason, where the context carries one: `context.reason.key` of
    /// `forbidden.action`, `context.reason` of `invalidImage`, the domain of
    /// `forbidden.unclaimedDomain`.
    pub fn reason(&self) -> Option<&str> {
        let context = self.context.as_ref()?;
        context
            .pointer("/reason/key")
            .or_else(|| context.get("reason"))
            .or_else(|| context.get("domain"))
            .and_then(Value::as_str)
    }

    /// `(field, [constraint keys])` of a `fieldConstraintsViolated` refusal.
    pub fn field_violations(&self) -> Vec<(String, Vec<String>)> {
        let Some(Value::Array(fields)) =
            self.context.as_ref().and_then(|c| c.get("fieldViolations"))
        else {
            return Vec::new();
        };
        fields
            .iter()
            .filter_map(|f| {
                let field = f.get("field")?.as_str()?.to_owned();
                let keys = f
                    .get("violations")?
                    .as_array()?
                    .iter()
                    .filter_map(|v| v.get("key")?.as_str().map(str::to_owned))
                    .collect();
                Some((field, keys))
            })
            .collect()
    }

    /// The fields refused by `forbidden.fieldMutation`, with their reason keys.
    pub fn read_only_fields(&self) -> Vec<(String, Option<String>)> {
        let Some(Value::Object(rules)) = &self.context else {
            return Vec::new();
        };
        rules
            .iter()
            .filter(|(_, rule)| rule.get("allowed") == Some(&Value::Bool(false)))
            .map(|(field, rule)| {
                (
                    field.clone(),
                    rule.pointer("/reason/key")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                )
            })
            .collect()
    }
}

/// An `{errors: [{code, title, detail}]}` refusal from an organization route (or one
/// bare `{code, title, detail}`, as on the workspaces route).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminRefusal {
    pub status: u16,
    /// `ADMIN-404-2`, `ADMIN-UAM-400-3`, ...
    pub code: String,
    pub title: String,
    pub detail: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum DirectoryError {
    /// The backend could not be reached (refused, dropped, timed out), retries included.
    #[error("the directory backend cannot be reached")]
    Offline(#[source] reqwest::Error),
    /// The backend answered 5xx until the retries ran out.
    #[error("the directory backend is unavailable (HTTP {status})")]
    Unavailable { status: u16 },
    #[error("the API key was not accepted")]
    Unauthorized,
    #[error("the directory refused: {} ({})", .0.key, .0.reason().unwrap_or("no reason given"))]
    Refused(Refusal),
    #[error("the directory refused: {} {}", .0.code, .0.title)]
    Admin(AdminRefusal),
    /// Still rate limited after waiting as long as the client is allowed to.
    #[error("the directory asks to slow down")]
    RateLimited { retry_after: Option<Duration> },
    /// The backend sent a cursor it had sent before: following it would loop forever.
    #[error("the directory repeated a page cursor; paging stopped")]
    RepeatedCursor,
    #[error("the directory sent an unexpected response: {0}")]
    UnexpectedResponse(String),
    #[error(transparent)]
    InvalidInput(#[from] ParseError),
    #[error("the HTTP client could not be set up: {0}")]
    Setup(String),
}

impl DirectoryError {
    /// Whether the request certainly did not reach the backend's logic: refused before a
    /// connection was made, a gateway's 502 to 504, or a 429. A timeout or a 500 may have
    /// been handled, and is not this.
    pub fn not_taken(&self) -> bool {
        match self {
            DirectoryError::Offline(error) => error.is_connect(),
            DirectoryError::Unavailable { status } => (502..=504).contains(status),
            DirectoryError::RateLimited { .. } => true,
            _ => false,
        }
    }

    /// The code the UI branches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            DirectoryError::Offline(_) | DirectoryError::Unavailable { .. } => ErrorCode::Offline,
            DirectoryError::Unauthorized => ErrorCode::NotPermitted,
            DirectoryError::Refused(refusal) => refusal_code(refusal),
            DirectoryError::Admin(refusal) => status_code(refusal.status),
            DirectoryError::RateLimited { .. } => ErrorCode::RateLimited,
            DirectoryError::InvalidInput(_) => ErrorCode::InvalidInput,
            DirectoryError::RepeatedCursor
            | DirectoryError::UnexpectedResponse(_)
            | DirectoryError::Setup(_) => ErrorCode::Internal,
        }
    }

    /// The error as the UI receives it. The message never carries the API key: errors are
    /// built from typed causes, never from request dumps.
    pub fn to_wire(&self) -> WireError {
        WireError::new(self.code(), self.to_string())
    }

    /// Atlassian's key, when the backend sent one.
    pub fn key(&self) -> Option<&str> {
        match self {
            DirectoryError::Refused(refusal) => Some(&refusal.key),
            DirectoryError::Admin(refusal) => Some(&refusal.code),
            _ => None,
        }
    }

    /// The reason behind the refusal, when the backend gave one.
    pub fn reason(&self) -> Option<&str> {
        match self {
            DirectoryError::Refused(refusal) => refusal.reason(),
            _ => None,
        }
    }
}

fn refusal_code(refusal: &Refusal) -> ErrorCode {
    match refusal.key.as_str() {
        "forbidden.fieldMutation" => ErrorCode::ReadOnlyField,
        "forbidden.unclaimedDomain" => ErrorCode::UnverifiedDomain,
        "unauthorized" => ErrorCode::NotPermitted,
        key if key.starts_with("forbidden") => ErrorCode::NotPermitted,
        "accountNotFound" | "notFound" => ErrorCode::NotFound,
        key if key.starts_with("conflict") => ErrorCode::Conflict,
        "invalidImage" => ErrorCode::InvalidImage,
        "bodyParseFailure" | "fieldConstraintsViolated" => ErrorCode::InvalidInput,
        _ => status_code(refusal.status),
    }
}

fn status_code(status: u16) -> ErrorCode {
    match status {
        400 | 413 | 415 | 422 => ErrorCode::InvalidInput,
        401..=403 => ErrorCode::NotPermitted,
        404 => ErrorCode::NotFound,
        409 => ErrorCode::Conflict,
        429 => ErrorCode::RateLimited,
        _ => ErrorCode::Internal,
    }
}

/// Reads a refusal body in whichever of Atlassian's shapes it comes.
pub(super) fn from_response(status: u16, body: &str) -> DirectoryError {
    let json: Option<Value> = serde_json::from_str(body).ok();
    if let Some(key) = json
        .as_ref()
        .and_then(|j| j.get("key"))
        .and_then(Value::as_str)
    {
        if status == 401 {
            return DirectoryError::Unauthorized;
        }
        let context = json.as_ref().and_then(|j| j.get("context")).cloned();
        return DirectoryError::Refused(Refusal {
            status,
            key: key.to_owned(),
            context,
        });
    }
    // `{errors: [ApplicationError]}`, or one bare `ApplicationError` (its `code` a string,
    // where a gateway's `ProxyError` has a number), as on the workspaces route.
    let application_error = json.as_ref().and_then(|j| {
        j.pointer("/errors/0")
            .or_else(|| j.get("code").filter(|code| code.is_string()).map(|_| j))
    });
    if let Some(first) = application_error {
        if status == 401 {
            return DirectoryError::Unauthorized;
        }
        let text = |name: &str| first.get(name).and_then(Value::as_str).map(str::to_owned);
        return DirectoryError::Admin(AdminRefusal {
            status,
            code: text("code").unwrap_or_else(|| format!("HTTP-{status}")),
            title: text("title").unwrap_or_default(),
            detail: text("detail"),
        });
    }
    match status {
        401 => DirectoryError::Unauthorized,
        500..=599 => DirectoryError::Unavailable { status },
        _ => {
            // A gateway `{code, message}` or something else: keep the status as the code.
            let message = json
                .as_ref()
                .and_then(|j| j.get("message"))
                .and_then(Value::as_str)
                .unwrap_or("no details")
                .to_owned();
            DirectoryError::Admin(AdminRefusal {
                status,
                code: format!("HTTP-{status}"),
                title: message,
                detail: None,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_answers_that_prove_nothing_was_done_count_as_not_taken() {
        assert!(DirectoryError::Unavailable { status: 503 }.not_taken());
        assert!(DirectoryError::RateLimited { retry_after: None }.not_taken());
        // A 500 may have been handled before it failed.
        assert!(!DirectoryError::Unavailable { status: 500 }.not_taken());
        assert!(!DirectoryError::Unauthorized.not_taken());
    }

    #[test]
    fn user_management_keys_map_to_ui_codes() {
        let cases = [
            (
                403,
                r#"{"key":"forbidden.fieldMutation","context":{"name":{"allowed":false,"reason":{"key":"externalDirectory.scim"}}}}"#,
                ErrorCode::ReadOnlyField,
            ),
            (
                403,
                r#"{"key":"forbidden.unclaimedDomain","context":{"domain":"x.example"}}"#,
                ErrorCode::UnverifiedDomain,
            ),
            (
                403,
                r#"{"key":"forbidden.action","context":{"allowed":false,"reason":{"key":"administrative.notMyself"}}}"#,
                ErrorCode::NotPermitted,
            ),
            (404, r#"{"key":"accountNotFound"}"#, ErrorCode::NotFound),
            (
                409,
                r#"{"key":"conflict.lifecycleErrors","context":{}}"#,
                ErrorCode::Conflict,
            ),
            (
                400,
                r#"{"key":"invalidImage","context":{"reason":"tooSmall"}}"#,
                ErrorCode::InvalidImage,
            ),
            (
                400,
                r#"{"key":"fieldConstraintsViolated","context":{"fieldViolations":[]}}"#,
                ErrorCode::InvalidInput,
            ),
            (401, r#"{"key":"unauthorized"}"#, ErrorCode::NotPermitted),
            (
                404,
                r#"{"errors":[{"code":"ADMIN-404-2","title":"Organization not found"}]}"#,
                ErrorCode::NotFound,
            ),
            (
                429,
                r#"{"code":429,"message":"slow down"}"#,
                ErrorCode::RateLimited,
            ),
            (503, "", ErrorCode::Offline),
        ];
        for (status, body, code) in cases {
            assert_eq!(from_response(status, body).code(), code, "{status} {body}");
        }
    }

    #[test]
    fn a_bare_application_error_is_read_like_a_wrapped_one() {
        let body = r#"{"id":"1","status":"404","code":"ADMIN-404-2","title":"Organization not found","detail":"No such org"}"#;
        let DirectoryError::Admin(refusal) = from_response(404, body) else {
            panic!("not an admin refusal");
        };
        assert_eq!(refusal.code, "ADMIN-404-2");
        assert_eq!(refusal.detail.as_deref(), Some("No such org"));
        // A gateway's ProxyError has a numeric code: only the status says what happened.
        let DirectoryError::Admin(refusal) =
            from_response(403, r#"{"code":403,"message":"Forbidden"}"#)
        else {
            panic!("not an admin refusal");
        };
        assert_eq!(
            (refusal.code.as_str(), refusal.title.as_str()),
            ("HTTP-403", "Forbidden")
        );
    }

    #[test]
    fn reasons_and_violations_are_kept() {
        let error = from_response(
            403,
            r#"{"key":"forbidden.action","context":{"allowed":false,"reason":{"key":"externalDirectory.scim"}}}"#,
        );
        assert_eq!(error.key(), Some("forbidden.action"));
        assert_eq!(error.reason(), Some("externalDirectory.scim"));
        let DirectoryError::Refused(refusal) = from_response(
            400,
            r#"{"key":"fieldConstraintsViolated","context":{"fieldViolations":[{"field":"nickname","violations":[{"key":"maxLength"}]}]}}"#,
        ) else {
            panic!("not a refusal");
        };
        assert_eq!(
            refusal.field_violations(),
            [("nickname".to_owned(), vec!["maxLength".to_owned()])]
        );
    }
}
