use crate::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("the local cache could not be read or written: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the local cache could not be brought up to date with this version of Custodian: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("a value could not be stored in the local cache: {0}")]
    Encoding(String),
    #[error("a file could not be read or written: {0}")]
    File(#[from] std::io::Error),
}

impl CacheError {
    pub fn code(&self) -> ErrorCode {
        ErrorCode::Internal
    }
}
