//! The local directory server. It serves Atlassian's admin API (user management, and the
//! organization endpoints the console needs) and Custodian's extension endpoints over
//! SQLite, so that the same client talks to it and to Atlassian Cloud. With
//! `Config::extensions` off it serves Atlassian's API alone, shaped like Atlassian Cloud.
//!
//! Start it in-process with [`Server::spawn`], or run the `custodian-directory` binary.

mod accounts;
mod audit;
mod auth;
mod change;
mod clock;
pub mod config;
mod cursor;
mod db;
mod errors;
mod extract;
mod faults;
mod idempotency;
pub mod image_check;
mod org;
mod privileges;
mod products;
mod rate_limit;
mod routes;
pub mod seed;
mod server;
mod state;

pub use config::{
    ApiKeyGrant, Burst, Config, Experience, Faults, KeyRole, Plan, RateLimit, SeedConfig,
};
pub use routes::{ServedRoute, Surface};
pub use seed::{SeedReport, Showcase};
pub use server::{RunningServer, Server, ServerError};

/// Every route the server can serve, as the OpenAPI document writes them, and whether it
/// is Atlassian's or an extension (served only with `Config::extensions` on).
pub fn served_routes() -> Vec<ServedRoute> {
    routes::served()
}
