//! The state of the connection to the directory backend, as the status bar shows it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum ConnectionStatus {
    /// No directory backend has been set up yet.
    NotConfigured,
}

/// The connection as it stands. Until connections can be configured there is only one
/// answer; the status bar already shows whatever this says.
pub fn status() -> ConnectionStatus {
    ConnectionStatus::NotConfigured
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_is_tagged_by_state() {
        let json = serde_json::to_value(status()).unwrap();
        assert_eq!(json, serde_json::json!({ "state": "notConfigured" }));
    }
}
