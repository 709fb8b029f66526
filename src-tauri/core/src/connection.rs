//! The connection to the directory backend, as the status bar shows it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cache::{Cache, CacheError, SyncState};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionStatus {
    /// What the admin calls this connection, e.g. "Demo directory".
    pub name: String,
    pub sync: SyncState,
}

pub async fn status(name: &str, org: &str, cache: &Cache) -> Result<ConnectionStatus, CacheError> {
    Ok(ConnectionStatus {
        name: name.to_owned(),
        sync: cache.sync_state(org).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_the_connection_and_its_last_sync() {
        let status = ConnectionStatus {
            name: "Demo directory".into(),
            sync: SyncState {
                last_full_sync: Some(1_800_000_000_000),
                last_sync: Some(1_800_000_000_000),
                last_attempt: Some(1_800_000_000_000),
                last_error: None,
                offline: false,
            },
        };
        assert_eq!(
            serde_json::to_value(status).unwrap(),
            serde_json::json!({
                "name": "Demo directory",
                "sync": {
                    "lastFullSync": 1_800_000_000_000i64,
                    "lastSync": 1_800_000_000_000i64,
                    "lastAttempt": 1_800_000_000_000i64,
                    "lastError": null,
                    "offline": false
                }
            })
        );
    }
}
