//! What every route is handed: the pool (already shared, so never behind a lock) and
//! the server's fixed facts.

use std::sync::Arc;

use sqlx::SqlitePool;

#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
    /// The URL clients reach this server at, for links and picture URLs.
    pub base_url: Arc<str>,
    pub v1_page_size: u32,
    /// Whether Custodian's extension privileges and fields are answered (the extension
    /// routes are left out of the router when not).
    pub extensions: bool,
}

/// The authenticated caller, put into the request by the auth layer.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The account that owns the key.
    pub account_id: String,
}
