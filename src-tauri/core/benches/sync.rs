//! A full sync of 100,000 accounts from the local directory server over loopback into a
//! fresh cache: `cargo bench -p custodian-core --bench sync` prints `sync_full_100k: … s`.
//! The seeded directory is kept in target/bench-data and reused by later runs.

#![allow(clippy::unwrap_used, clippy::print_stdout)] // a benchmark reports on stdout

use std::path::Path;
use std::time::{Duration, Instant};

use custodian_core::cache::Cache;
use custodian_core::directory::{ApiKey, DirectoryClient, OrgId};
use custodian_core::sync::{self, Cancel};
use custodian_directory::{Config, RateLimit, Server};

const KEY: &str = "bench-admin-key-0123456789";
const ACCOUNTS: u32 = 100_000;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
        std::fs::create_dir_all(&data).unwrap();
        let key = ApiKey::parse(KEY).unwrap();
        let mut config = Config::new(data.join("directory-v1-100000.sqlite"), key.clone());
        config.seed.accounts = ACCOUNTS;
        config.rate_limit = RateLimit {
            requests: u32::MAX,
            window: Duration::from_secs(60),
        };
        let server = Server::spawn(config).await.unwrap();
        custodian_core::directory::install_crypto_provider();
        let client = DirectoryClient::builder(server.url(), key).build().unwrap();
        let org = OrgId::parse(server.seed().org_id.clone()).unwrap();

        let scratch = tempfile::tempdir().unwrap();
        let cache = Cache::open(&scratch.path().join("cache.sqlite"))
            .await
            .unwrap();
        let started = Instant::now();
        let report = sync::full_sync(&client, &org, &cache, &Cancel::default(), |_| {})
            .await
            .unwrap();
        let took = started.elapsed().as_secs_f64();
        println!("sync_full_100k: {took:.1} s");
        println!(
            "sync_rate_100k: {:.0} accounts/s ({} managed accounts)",
            f64::from(report.accounts) / took,
            report.accounts
        );
        server.shutdown().await.unwrap();
    });
}
