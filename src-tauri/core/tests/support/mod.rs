//! What the integration tests share: a real directory server over HTTP, seeded, with a
//! fresh cache beside it, and a client with quick retries.

#![allow(dead_code)] // each test file uses its own part

use std::time::Duration;

use custodian_core::cache::Cache;
use custodian_core::directory::{ApiKey, DirectoryClient, OrgId, RetryPolicy};
use custodian_directory::{Config, Faults, RunningServer, Server};
use tempfile::TempDir;

pub const KEY: &str = "sync-test-admin-key-0123456789";

pub struct Setup {
    pub server: RunningServer,
    pub cache: Cache,
    pub dir: TempDir,
}

pub async fn setup(accounts: u32, faults: Faults) -> Setup {
    setup_with(|config| {
        config.seed.accounts = accounts;
        config.faults = faults;
    })
    .await
}

/// A server whose configuration the test adjusts first.
pub async fn setup_with(adjust: impl FnOnce(&mut Config)) -> Setup {
    custodian_core::directory::install_crypto_provider();
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(
        dir.path().join("directory.sqlite"),
        ApiKey::parse(KEY).unwrap(),
    );
    adjust(&mut config);
    let server = Server::spawn(config).await.unwrap();
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
    Setup { server, cache, dir }
}

pub fn client(server: &RunningServer) -> DirectoryClient {
    client_at(server.url())
}

pub fn client_at(url: &str) -> DirectoryClient {
    let quick = RetryPolicy {
        max_retries: 8,
        base_delay: Duration::from_millis(2),
        max_delay: Duration::from_millis(20),
        max_rate_limited: 8,
        max_rate_limit_wait: Duration::from_secs(5),
    };
    DirectoryClient::builder(url, ApiKey::parse(KEY).unwrap())
        .retry(quick)
        .build()
        .unwrap()
}

pub fn org(server: &RunningServer) -> OrgId {
    OrgId::parse(server.seed().org_id.clone()).unwrap()
}

/// A PNG of a gradient, as a photo to upload.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}
