//! Tauri commands, one file per area of the admin's work. Each takes its state, calls one
//! core function and maps the error.

// Tauri hands commands their arguments and state by value.
#![allow(clippy::needless_pass_by_value)]

pub mod about;
pub mod account;
pub mod accounts;
pub mod activity;
pub mod changes;
pub mod connection;
pub mod connections;
pub mod export;
pub mod organization;
pub mod outbox;
pub mod photos;
pub mod reviews;
pub mod sync;
