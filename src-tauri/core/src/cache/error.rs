use crate::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("the local cache could not be read or written: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the local cache could not be brought up to date with this version of Custodian: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("the local cache's folder could not be created: {0}")]
    Folder(#[from] std::io::Error),
}

impl CacheError {
    pub fn code(&self) -> ErrorCode {
        ErrorCode::Internal
    }
}
