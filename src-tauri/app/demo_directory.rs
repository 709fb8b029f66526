//! The embedded default: with no connection configured, Custodian starts its own directory
//! server in-process on loopback, seeded with a demo organization in the app's data folder,
//! and talks to it over HTTP like any other backend.

use std::path::Path;

use custodian_core::directory::{ApiKey, DirectoryClient, OrgId};
use custodian_directory::{Config, RunningServer, Server};

use crate::Error;

/// Enough accounts to feel like an organization, quick to seed at first launch.
const DEMO_ACCOUNTS: u32 = 5_000;

/// How many accounts a new demo directory gets: `CUSTODIAN_DEMO_ACCOUNTS` for trying (and
/// measuring) Custodian at scale, else `DEMO_ACCOUNTS`. An existing demo keeps its own.
fn demo_accounts() -> u32 {
    std::env::var("CUSTODIAN_DEMO_ACCOUNTS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(DEMO_ACCOUNTS)
}

pub struct DemoDirectory {
    /// Held for the app's lifetime: dropping it stops the server.
    _server: RunningServer,
    pub client: DirectoryClient,
    pub org: OrgId,
}

pub async fn start(data_dir: &Path) -> Result<DemoDirectory, Error> {
    // A fresh key per launch: it lives only in this process's memory.
    let key: String = std::iter::repeat_with(fastrand::alphanumeric)
        .take(40)
        .collect();
    let key = ApiKey::parse(key).map_err(|error| Error::Demo(error.to_string()))?;
    let mut config = Config::new(
        data_dir.join("demo-directory").join("directory.sqlite"),
        key.clone(),
    );
    config.seed.accounts = demo_accounts();
    if let Some(folder) = config.database.parent() {
        std::fs::create_dir_all(folder).map_err(|error| Error::Demo(error.to_string()))?;
    }
    let server = Server::spawn(config)
        .await
        .map_err(|error| Error::Demo(error.to_string()))?;
    custodian_core::directory::install_crypto_provider();
    let client = DirectoryClient::builder(server.url(), key).build()?;
    let org = OrgId::parse(server.seed().org_id.clone())
        .map_err(|error| Error::Demo(error.to_string()))?;
    tracing::info!(url = server.url(), "demo directory started");
    Ok(DemoDirectory {
        _server: server,
        client,
        org,
    })
}
