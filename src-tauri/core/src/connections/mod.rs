//! Settings > Connections: the backends Custodian can talk to (Atlassian Cloud, a Custodian
//! Directory), their API keys in the OS keychain, what each can do, and a test that reads
//! the organization before the admin relies on a connection.
//!
//! The demo directory is built in and is not a profile: no active profile means the demo.

mod capabilities;
mod overview;
mod profile;
mod secrets;
mod store;
mod test;

pub use capabilities::{Capabilities, NOT_ON_ATLASSIAN, atlassian_admin_account_url};
pub use overview::ConnectionsOverview;
pub use profile::{
    ATLASSIAN_API, ConnectionEdit, ConnectionId, ConnectionKind, ConnectionProfile, NewConnection,
    ProfileError, atlassian_api_url,
};
pub use secrets::{KEYCHAIN_SERVICE, KeychainStatus, Secrets, SecretsError};
pub use store::{CONNECTIONS_FILE, ConnectionStore, Edited, StoreError};
pub use test::{ConnectionError, ConnectionTest, test_connection};
