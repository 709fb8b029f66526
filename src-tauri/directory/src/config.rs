//! How a directory server is started: where it listens, where its data lives, who may
//! call it, what it is seeded with, and which faults it injects.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use custodian_core::directory::ApiKey;

/// The organization's subscription; API tokens can only be listed and revoked on
/// Atlassian Guard Standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    Free,
    Standard,
    GuardStandard,
}

impl Plan {
    pub fn as_str(self) -> &'static str {
        match self {
            Plan::Free => "free",
            Plan::Standard => "standard",
            Plan::GuardStandard => "guard-standard",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "free" => Some(Plan::Free),
            "standard" => Some(Plan::Standard),
            "guard-standard" => Some(Plan::GuardStandard),
            _ => None,
        }
    }
}

/// Centralized: one directory for the whole organization. Original: a directory per site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Experience {
    Centralized,
    Original,
}

impl Experience {
    pub fn as_str(self) -> &'static str {
        match self {
            Experience::Centralized => "centralized",
            Experience::Original => "original",
        }
    }
}

/// What an API key's owner is allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRole {
    /// The key of an organization admin: everything.
    OrgAdmin,
    /// A key whose owner is no longer (or never was) an org admin: authenticated, but
    /// refused everywhere with 403.
    NotAdmin,
}

#[derive(Debug, Clone)]
pub struct ApiKeyGrant {
    pub key: ApiKey,
    pub role: KeyRole,
}

/// The demo organization written into an empty database.
#[derive(Debug, Clone)]
pub struct SeedConfig {
    pub accounts: u32,
    pub plan: Plan,
    pub two_step_enforced: bool,
    pub experience: Experience,
}

impl Default for SeedConfig {
    fn default() -> Self {
        Self {
            accounts: 200,
            plan: Plan::GuardStandard,
            two_step_enforced: true,
            experience: Experience::Centralized,
        }
    }
}

/// Requests allowed per key and window. Atlassian publishes no figures; the default is
/// generous enough for a full sync of a large organization.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    pub requests: u32,
    pub window: Duration,
}

impl Default for RateLimit {
    fn default() -> Self {
        Self {
            requests: 6_000,
            window: Duration::from_secs(60),
        }
    }
}

/// Faults to inject, for testing clients against an unreliable backend. Random faults
/// draw from an RNG seeded with `seed`, so a run is reproducible.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    /// Added before every response.
    pub latency: Duration,
    /// Share of requests (0.0 to 1.0) answered 503.
    pub error_rate: f64,
    /// Share of requests (0.0 to 1.0) whose connection is closed without an answer.
    pub drop_rate: f64,
    /// Every `every` requests, the next `length` are answered 429.
    pub rate_limit_burst: Option<Burst>,
    pub seed: u64,
}

#[derive(Debug, Clone, Copy)]
pub struct Burst {
    pub every: u32,
    pub length: u32,
    pub retry_after: Duration,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Port 0 picks a free one; `RunningServer::url` says which.
    pub listen: SocketAddr,
    pub database: PathBuf,
    pub api_keys: Vec<ApiKeyGrant>,
    /// Applied only when the database holds no organization yet.
    pub seed: SeedConfig,
    pub rate_limit: RateLimit,
    pub faults: Faults,
    /// Page size of the v1 lists (orgs, domains, events), which take no `limit`.
    pub v1_page_size: u32,
    /// Whether Custodian's extensions are served: the extension routes, the capabilities
    /// route, the extension privileges and the extension fields in Atlassian's shapes.
    /// Off, the server is shaped like Atlassian Cloud: only Atlassian's public API.
    pub extensions: bool,
}

impl Config {
    /// A loopback server with one org-admin key and the default seed.
    pub fn new(database: impl Into<PathBuf>, admin_key: ApiKey) -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            database: database.into(),
            api_keys: vec![ApiKeyGrant {
                key: admin_key,
                role: KeyRole::OrgAdmin,
            }],
            seed: SeedConfig::default(),
            rate_limit: RateLimit::default(),
            faults: Faults::default(),
            v1_page_size: 20,
            extensions: true,
        }
    }
}
