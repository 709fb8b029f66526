//! Custodian's domain: what an organization admin works with, independent of any window.
//!
//! This crate never depends on Tauri: the desktop shell calls into it, and its tests run
//! with no display.

pub mod about;
pub mod account;
pub mod cache;
pub mod changes;
pub mod clock;
pub mod connection;
pub mod connections;
pub mod directory;
pub mod error;
pub mod organization;
pub mod outbox;
pub mod photos;
pub mod review;
pub mod sync;

pub use error::{ErrorCode, WireError};
