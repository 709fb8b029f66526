//! One managed account as its page shows it: read from the cache at once, refreshed from
//! the backend when it can be.

pub mod reasons;
mod refresh;

pub use refresh::{AccountError, refresh};
