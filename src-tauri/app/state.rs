//! What the commands share: the connection, its cache, and the sync in progress.

use std::sync::Mutex;

use custodian_core::cache::Cache;
use custodian_core::changes::Changing;
use custodian_core::directory::{DirectoryClient, OrgId};
use custodian_core::sync::Cancel;
use tauri::{AppHandle, Manager, Runtime};

use crate::demo_directory::{self, DemoDirectory};
use crate::self_hosted;

pub struct AppState {
    pub cache: Cache,
    pub connection: Connection,
    /// The sync running now, so that it can be cancelled and not started twice.
    pub sync: Mutex<Option<Cancel>>,
    /// The bulk action running now, likewise.
    pub bulk: Mutex<Option<Cancel>>,
    /// The send of pending changes running now, likewise.
    pub outbox: Mutex<Option<Cancel>>,
    /// The embedded directory, when it is the connection; kept alive with the app.
    _demo: Option<DemoDirectory>,
}

pub struct Connection {
    pub name: String,
    pub client: DirectoryClient,
    pub org: OrgId,
}

impl AppState {
    /// Where changes go: this connection's directory, cache and audit trail.
    pub fn changing(&self) -> Changing<'_> {
        Changing {
            client: &self.connection.client,
            cache: &self.cache,
            org: &self.connection.org,
            connection: &self.connection.name,
            recognises_repeats: true,
        }
    }

    pub fn new(cache: Cache, connection: Connection) -> Self {
        Self {
            cache,
            connection,
            sync: Mutex::new(None),
            bulk: Mutex::new(None),
            outbox: Mutex::new(None),
            _demo: None,
        }
    }
}

/// The directory named at launch (see `self_hosted`), else the demo directory,
/// started here; and its cache.
pub async fn open<R: Runtime>(app: &AppHandle<R>) -> Result<AppState, crate::Error> {
    let data_dir = app.path().app_data_dir()?;
    if let Some((id, connection)) = self_hosted::from_launch()? {
        let cache = Cache::open(&custodian_core::cache::path_for(&data_dir, &id)).await?;
        return Ok(AppState::new(cache, connection));
    }
    let demo = demo_directory::start(&data_dir).await?;
    let cache = Cache::open(&custodian_core::cache::path_for(&data_dir, "demo")).await?;
    let connection = Connection {
        name: "Demo directory".into(),
        client: demo.client.clone(),
        org: demo.org.clone(),
    };
    Ok(AppState {
        _demo: Some(demo),
        ..AppState::new(cache, connection)
    })
}
