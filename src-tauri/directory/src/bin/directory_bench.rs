//! `directory-bench`: how long seeding takes, and how fast the client pages through
//! every account with v2 search over loopback. Run it in release:
//!
//! ```text
//! cargo run --release -p custodian-directory --bin directory-bench [-- --accounts N]
//! ```

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use custodian_core::directory::model::UserSearch;
use custodian_core::directory::{ApiKey, DirectoryClient, DirectoryId, OrgId};
use custodian_directory::{Config, RateLimit, Server};

const KEY: &str = "bench-admin-key";

fn accounts_wanted() -> Result<u32, String> {
    let mut args = std::env::args().skip(1);
    let mut accounts = 100_000;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--accounts" => {
                let value = args.next().ok_or("--accounts needs a number")?;
                accounts = value
                    .parse()
                    .map_err(|_| format!("{value:?} is not a number"))?;
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(accounts)
}

/// A fresh directory for this run, removed afterwards.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn run(accounts: u32, out: &mut impl Write) -> Result<(), Box<dyn std::error::Error>> {
    let scratch =
        Scratch(std::env::temp_dir().join(format!("custodian-bench-{}", std::process::id())));
    std::fs::create_dir_all(&scratch.0)?;
    let key = ApiKey::parse(KEY)?;
    let mut config = Config::new(scratch.0.join("bench.sqlite"), key.clone());
    config.seed.accounts = accounts;
    config.rate_limit = RateLimit {
        requests: u32::MAX,
        window: Duration::from_secs(60),
    };

    let started = Instant::now();
    let server = Server::spawn(config).await?;
    let seeding = started.elapsed();
    writeln!(
        out,
        "seed {accounts} accounts (open, migrate, seed in transactions of 100,000): {} ms",
        seeding.as_millis()
    )?;

    let client = DirectoryClient::builder(server.url(), key).build()?;
    let org = OrgId::parse(server.seed().org_id.clone())?;
    let search = UserSearch {
        limit: Some(100),
        ..Default::default()
    };
    let started = Instant::now();
    let mut pages = client.search_users(&org, &DirectoryId::all(), &search)?;
    let (mut seen, mut requests) = (0usize, 0usize);
    while let Some(page) = pages.next_page().await? {
        seen += page.len();
        requests += 1;
    }
    let paging = started.elapsed();
    let rate = seen as f64 / paging.as_secs_f64();
    writeln!(
        out,
        "page {seen} accounts through v2 search, 100 per page ({requests} requests over loopback): {} ms, {rate:.0} accounts/s",
        paging.as_millis()
    )?;
    if seen != accounts.max(12) as usize {
        return Err(format!("paged {seen} accounts, expected {accounts}").into());
    }
    server.shutdown().await?;
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut out = std::io::stdout().lock();
    let accounts = match accounts_wanted() {
        Ok(accounts) => accounts,
        Err(message) => {
            let _ = writeln!(
                std::io::stderr(),
                "{message}\nusage: directory-bench [--accounts N]"
            );
            return ExitCode::from(2);
        }
    };
    match run(accounts, &mut out).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "benchmark failed: {error}");
            ExitCode::FAILURE
        }
    }
}
