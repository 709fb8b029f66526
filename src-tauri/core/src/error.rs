//! The one shape every error takes on its way to the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What went wrong, in terms the UI can act on. The UI branches on this, never on the
/// message text, so a code's meaning must not change once it ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// The directory backend cannot be reached; reads keep working from the cache.
    Offline,
    /// The backend refused: the API key or the admin's role does not allow this.
    NotPermitted,
    /// The field is owned by the identity provider and cannot be changed here.
    ReadOnlyField,
    /// The email address is not on a domain the organization has verified.
    UnverifiedDomain,
    /// The account changed on the backend since the admin last saw it.
    Conflict,
    /// The file is not an image Custodian can use as a profile photo.
    InvalidImage,
    /// Input was refused before anything was sent or stored.
    InvalidInput,
    /// The account or object does not exist (any more).
    NotFound,
    /// The backend asked us to slow down.
    RateLimited,
    /// Stopped because the admin asked; nothing to report as a failure.
    Cancelled,
    /// The same work is already running (a sync, say).
    Busy,
    /// A fault in Custodian itself; the log has the details.
    Internal,
}

impl ErrorCode {
    /// The code as the wire spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Offline => "offline",
            Self::NotPermitted => "notPermitted",
            Self::ReadOnlyField => "readOnlyField",
            Self::UnverifiedDomain => "unverifiedDomain",
            Self::Conflict => "conflict",
            Self::InvalidImage => "invalidImage",
            Self::InvalidInput => "invalidInput",
            Self::NotFound => "notFound",
            Self::RateLimited => "rateLimited",
            Self::Cancelled => "cancelled",
            Self::Busy => "busy",
            Self::Internal => "internal",
        }
    }
}

/// An error as the UI receives it: `{ "code": "...", "message": "..." }`.
///
/// The message is for the admin to read. It must never carry a secret: errors are built
/// from typed causes, not from request dumps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WireError {
    pub code: ErrorCode,
    pub message: String,
}

impl WireError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_error_has_exactly_code_and_message() {
        let error = WireError::new(ErrorCode::UnverifiedDomain, "example.org is not verified");
        let json = serde_json::to_string(&error).unwrap();
        assert_eq!(
            json,
            r#"{"code":"unverifiedDomain","message":"example.org is not verified"}"#
        );
    }

    #[test]
    fn codes_are_camel_case_on_the_wire() {
        let pinned = [
            (ErrorCode::Offline, "offline"),
            (ErrorCode::NotPermitted, "notPermitted"),
            (ErrorCode::ReadOnlyField, "readOnlyField"),
            (ErrorCode::UnverifiedDomain, "unverifiedDomain"),
            (ErrorCode::Conflict, "conflict"),
            (ErrorCode::InvalidImage, "invalidImage"),
            (ErrorCode::InvalidInput, "invalidInput"),
            (ErrorCode::NotFound, "notFound"),
            (ErrorCode::RateLimited, "rateLimited"),
            (ErrorCode::Cancelled, "cancelled"),
            (ErrorCode::Busy, "busy"),
            (ErrorCode::Internal, "internal"),
        ];
        for (code, text) in pinned {
            assert_eq!(serde_json::to_value(code).unwrap(), text);
            assert_eq!(code.as_str(), text);
            assert_eq!(
                serde_json::from_value::<ErrorCode>(text.into()).unwrap(),
                code
            );
        }
    }
}
