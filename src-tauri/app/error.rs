//! The app's error: gathers the causes of a failed command and sends them to the UI in
//! the one wire shape, `{ "code": "...", "message": "..." }`.

use custodian_core::{ErrorCode, WireError};
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("Custodian could not reach a system resource: {0}")]
    Tauri(#[from] tauri::Error),
    #[error(transparent)]
    Cache(#[from] custodian_core::cache::CacheError),
    #[error("the directory: {0}")]
    Directory(#[from] custodian_core::directory::DirectoryError),
    #[error("the account could not be refreshed: {0}")]
    Account(#[from] custodian_core::account::AccountError),
    #[error(transparent)]
    Photo(#[from] custodian_core::photos::PhotoError),
    #[error(transparent)]
    Change(#[from] custodian_core::changes::ChangeError),
    #[error(transparent)]
    Review(#[from] custodian_core::review::ReviewError),
    #[error(transparent)]
    Secrets(#[from] custodian_core::connections::SecretsError),
    #[error(transparent)]
    Connections(#[from] custodian_core::connections::StoreError),
    #[error(transparent)]
    ConnectionTest(#[from] custodian_core::connections::ConnectionError),
    #[error(transparent)]
    Profile(#[from] custodian_core::connections::ProfileError),
    #[error(transparent)]
    Input(#[from] custodian_core::directory::ParseError),
    #[error("the sync stopped: {0}")]
    Sync(#[from] custodian_core::sync::SyncError),
    #[error("the demo directory could not start: {0}")]
    Demo(String),
    #[error("a sync is already running")]
    Busy,
    #[error("Custodian is not set up right: {0}")]
    Setup(String),
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Tauri(_) => ErrorCode::Internal,
            Self::Cache(error) => error.code(),
            Self::Directory(error) => error.code(),
            Self::Account(error) => error.code(),
            Self::Change(error) => error.code(),
            Self::Photo(error) => error.code(),
            Self::Review(error) => error.code(),
            Self::Secrets(error) => error.code(),
            Self::Connections(error) => error.code(),
            Self::ConnectionTest(error) => error.code(),
            Self::Profile(error) => error.code(),
            Self::Input(_) => ErrorCode::InvalidInput,
            Self::Sync(error) => error.code(),
            Self::Demo(_) => ErrorCode::Internal,
            Self::Busy => ErrorCode::Busy,
            Self::Setup(_) => ErrorCode::InvalidInput,
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WireError::new(self.code(), self.to_string()).serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_reach_the_ui_as_code_and_message() {
        let error = Error::from(tauri::Error::UnknownPath);
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["code"], "internal");
        assert_eq!(
            json["message"],
            "Custodian could not reach a system resource: unknown path"
        );
        assert_eq!(json.as_object().unwrap().len(), 2);
    }
}
