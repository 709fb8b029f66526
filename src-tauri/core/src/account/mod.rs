//! One managed account as its page shows it: read from the cache at once, refreshed from
//! the backend when it can be.

mod permissions;
pub mod reasons;
mod refresh;

pub use permissions::{AccountPermissions, Permission};

pub use refresh::{AccountError, refresh};
