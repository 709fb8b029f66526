//! `custodian-directory`: the local directory server as a process. Prints the URL it
//! listens on as the first line of stdout, logs to stderr, stops cleanly on SIGTERM or
//! Ctrl-C.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use custodian_core::directory::ApiKey;
use custodian_directory::{
    ApiKeyGrant, Burst, Config, Experience, Faults, KeyRole, Plan, RateLimit, SeedConfig, Server,
};

#[derive(Debug, Parser)]
#[command(
    version,
    about = "Custodian's local directory server: Atlassian's admin API over SQLite"
)]
struct Args {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Allow listening on an address other than loopback.
    #[arg(long)]
    allow_remote: bool,
    /// The SQLite database; created and seeded when it does not exist.
    #[arg(long)]
    db: PathBuf,
    /// The org admin's API key (prefer the environment variable: arguments are visible
    /// to other users of the machine).
    #[arg(long, env = "CUSTODIAN_DIRECTORY_API_KEY", hide_env_values = true)]
    api_key: String,
    /// A key whose owner is not an org admin: every call with it is refused with 403.
    #[arg(
        long,
        env = "CUSTODIAN_DIRECTORY_NOT_ADMIN_KEY",
        hide_env_values = true
    )]
    not_admin_key: Option<String>,
    /// Accounts to seed an empty database with (at least 12, the showcase accounts).
    #[arg(long, default_value_t = 200)]
    seed_accounts: u32,
    #[arg(long, default_value = "guard-standard", value_parser = parse_plan)]
    plan: Plan,
    /// Seed the original experience (a directory per site) instead of the centralized one.
    #[arg(long)]
    original_experience: bool,
    /// Seed an organization that does not enforce two-step verification.
    #[arg(long)]
    no_two_step_enforcement: bool,
    /// Requests allowed per API key and window.
    #[arg(long, default_value_t = 6000)]
    rate_limit: u32,
    #[arg(long, default_value_t = 60)]
    rate_window_secs: u64,
    /// Page size of the v1 lists (orgs, domains, events).
    #[arg(long, default_value_t = 20)]
    v1_page_size: u32,
    /// Fault injection: delay added to every response.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Fault injection: share of requests (0 to 1) answered 503.
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// Fault injection: share of requests (0 to 1) whose connection is dropped unanswered.
    #[arg(long, default_value_t = 0.0)]
    drop_rate: f64,
    /// Fault injection: after every N requests...
    #[arg(long)]
    burst_every: Option<u32>,
    /// ...answer this many with 429...
    #[arg(long, default_value_t = 5)]
    burst_length: u32,
    /// ...with this Retry-After.
    #[arg(long, default_value_t = 1)]
    burst_retry_after_secs: u64,
    /// Seed of the fault injection's random draws.
    #[arg(long, default_value_t = 0)]
    fault_seed: u64,
    /// Serve only Atlassian's public API, as Atlassian Cloud does: no extension routes
    /// (they answer 404), no capabilities route, no extension privileges or fields.
    #[arg(long)]
    no_extensions: bool,
}

fn parse_plan(text: &str) -> Result<Plan, String> {
    Plan::parse(text)
        .ok_or_else(|| format!("{text:?} is not a plan: free, standard or guard-standard"))
}

fn share(name: &str, value: f64) -> Result<f64, String> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{name} must be between 0 and 1"))
    }
}

fn config(args: Args) -> Result<Config, String> {
    if !args.listen.ip().is_loopback() && !args.allow_remote {
        return Err(format!(
            "{} is not a loopback address; pass --allow-remote to listen on it",
            args.listen
        ));
    }
    let admin_key = ApiKey::parse(args.api_key).map_err(|e| format!("--api-key: {e}"))?;
    let mut config = Config::new(args.db, admin_key);
    config.listen = args.listen;
    if let Some(key) = args.not_admin_key {
        let key = ApiKey::parse(key).map_err(|e| format!("--not-admin-key: {e}"))?;
        config.api_keys.push(ApiKeyGrant {
            key,
            role: KeyRole::NotAdmin,
        });
    }
    config.seed = SeedConfig {
        accounts: args.seed_accounts,
        plan: args.plan,
        two_step_enforced: !args.no_two_step_enforcement,
        experience: if args.original_experience {
            Experience::Original
        } else {
            Experience::Centralized
        },
    };
    config.rate_limit = RateLimit {
        requests: args.rate_limit,
        window: Duration::from_secs(args.rate_window_secs.max(1)),
    };
    config.v1_page_size = args.v1_page_size;
    config.extensions = !args.no_extensions;
    config.faults = Faults {
        latency: Duration::from_millis(args.latency_ms),
        error_rate: share("--error-rate", args.error_rate)?,
        drop_rate: share("--drop-rate", args.drop_rate)?,
        rate_limit_burst: args.burst_every.map(|every| Burst {
            every,
            length: args.burst_length,
            retry_after: Duration::from_secs(args.burst_retry_after_secs),
        }),
        seed: args.fault_seed,
    };
    Ok(config)
}

async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = terminate.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let config = match config(Args::parse()) {
        Ok(config) => config,
        Err(message) => {
            tracing::error!("{message}");
            return ExitCode::from(2);
        }
    };
    let server = match Server::spawn(config).await {
        Ok(server) => server,
        Err(error) => {
            tracing::error!(%error, "the directory server could not start");
            return ExitCode::FAILURE;
        }
    };
    // The first line of stdout is the contract with whoever started us.
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "{}", server.url())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        tracing::warn!("stdout is closed; the URL is {}", server.url());
    }
    drop(stdout);
    stop_signal().await;
    tracing::info!("stopping");
    match server.shutdown().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "the directory server did not stop cleanly");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(extra: &[&str]) -> Config {
        let args = [
            "custodian-directory",
            "--db",
            "d.sqlite",
            "--api-key",
            "a-key-0123456789",
        ];
        let args = Args::try_parse_from(args.iter().chain(extra)).unwrap();
        config(args).unwrap()
    }

    #[test]
    fn extensions_are_on_unless_turned_off() {
        assert!(parsed(&[]).extensions);
        assert!(!parsed(&["--no-extensions"]).extensions);
    }
}
