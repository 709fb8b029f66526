//! Tauri commands, one file per area of the admin's work. Each takes its state, calls one
//! core function and maps the error.

pub mod about;
pub mod accounts;
pub mod connection;
pub mod sync;
