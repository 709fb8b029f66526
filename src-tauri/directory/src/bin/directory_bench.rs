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

/// 100000 → "100k", 1000000 → "1m": the names `make bench` prints.
fn size_label(accounts: u32) -> String {
    match accounts {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}m", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
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
    let label = size_label(accounts);
    // Open, migrate and seed (in transactions of 100,000).
    writeln!(out, "directory_seed_{label}: {} ms", seeding.as_millis())?;

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
    // Every account through v2 search, 100 per page, over loopback.
    writeln!(out, "directory_page_all_{label}: {} ms", paging.as_millis())?;
    writeln!(
        out,
        "directory_page_rate_{label}: {rate:.0} accounts/s ({requests} requests)"
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
