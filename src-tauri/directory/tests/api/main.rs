//! The directory server and the client in custodian-core, over real HTTP on loopback:
//! every endpoint, every refusal, the responses held to Atlassian's own OpenAPI document,
//! and the project's OpenAPI document held to the router.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod audit;
mod auth;
mod binary;
mod console_needs;
mod extensions;
mod helpers;
mod idempotency;
mod lifecycle;
mod openapi;
mod organizations;
mod resilience;
mod schema;
mod search;
mod seed;
mod user_management;
mod without_extensions;
mod workspaces;
