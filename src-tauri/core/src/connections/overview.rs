//! Settings > Connections at a glance: the saved connections, which one is in use, and
//! whether keys can be kept in the OS keychain.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ConnectionProfile, KeychainStatus};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionsOverview {
    pub profiles: Vec<ConnectionProfile>,
    /// The saved connection in use; null for the demo directory or one named at launch.
    pub in_use: Option<String>,
    /// The name of the connection in use.
    pub in_use_name: String,
    /// True when the launch named a directory (`--directory-url`).
    pub launch_override: bool,
    pub keychain: KeychainStatus,
    /// Why the saved connections could not be read, when they could not.
    pub problem: Option<String>,
}
