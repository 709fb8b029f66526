//! The connection to the directory backend, as the status bar shows it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cache::{Cache, CacheError, SyncState};
use crate::connections::{Capabilities, ConnectionKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionStatus {
    /// What the admin calls this connection, e.g. "Demo directory".
    pub name: String,
    pub kind: ConnectionKind,
    pub org_id: String,
    /// What the UI may offer: it never offers what the connection cannot do.
    pub capabilities: Capabilities,
    pub sync: SyncState,
}

/// Who the window is connected to, as the status bar and the capability checks need it.
#[derive(Debug, Clone)]
pub struct ConnectionFacts {
    pub name: String,
    pub kind: ConnectionKind,
    pub org_id: String,
    pub capabilities: Capabilities,
}

pub async fn status(
    facts: &ConnectionFacts,
    cache: &Cache,
) -> Result<ConnectionStatus, CacheError> {
    Ok(ConnectionStatus {
        name: facts.name.clone(),
        kind: facts.kind,
        org_id: facts.org_id.clone(),
        capabilities: facts.capabilities,
        sync: cache.sync_state(&facts.org_id).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_the_connection_and_its_last_sync() {
        let status = ConnectionStatus {
            name: "Demo directory".into(),
            kind: ConnectionKind::CustodianDirectory,
            org_id: "org-1".into(),
            capabilities: Capabilities::with_extensions(false),
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
                "kind": "custodianDirectory",
                "orgId": "org-1",
                "capabilities": {
                    "profile": true, "email": true, "lifecycle": true, "apiTokens": true,
                    "productAccess": true, "auditEvents": true, "sync": true,
                    "avatar": false, "twoStepExclusion": false, "devices": false,
                    "passwordReset": false, "claimAccounts": false, "verifyDomains": false,
                    "deleteCheck": false
                },
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
