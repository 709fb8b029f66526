//! API keys in the OS keychain (Secret Service on Linux, Keychain on macOS, Credential
//! Manager on Windows), one entry per connection. Where there is no keychain, keys are
//! kept in memory for the session, and the admin is told so.
//!
//! Keychain calls block (a locked keychain may even ask the user to unlock it), so they
//! run on tokio's blocking threads.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::profile::ConnectionId;
use crate::directory::ApiKey;
use crate::error::{ErrorCode, WireError};

/// The keychain service every entry is filed under; the user is the connection id.
pub const KEYCHAIN_SERVICE: &str = "io.custodian.desktop";

/// `CUSTODIAN_KEYCHAIN=memory` keeps keys in memory only, as when there is no keychain.
const OVERRIDE: &str = "CUSTODIAN_KEYCHAIN";
const PROBE_USER: &str = "custodian-keychain-probe";
/// Long enough for an admin to unlock the keychain when asked at launch.
const PROBE_TIMEOUT: Duration = Duration::from_secs(60);

/// Whether keys outlive the session, in the admin's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeychainStatus {
    pub available: bool,
    pub detail: String,
}

/// Where API keys are kept. Cheap to clone; clones share the session's keys.
#[derive(Debug, Clone)]
pub struct Secrets {
    status: KeychainStatus,
    /// None: the OS keychain. Some: the session's memory.
    memory: Option<Arc<Mutex<HashMap<ConnectionId, ApiKey>>>>,
}

impl Secrets {
    /// The OS keychain, if a probe entry can be written, read back and deleted; else
    /// memory for the session.
    pub async fn open() -> Secrets {
        if std::env::var(OVERRIDE).is_ok_and(|value| value.eq_ignore_ascii_case("memory")) {
            return Secrets::in_memory(&format!("{OVERRIDE}=memory is set"));
        }
        let probe = tokio::task::spawn_blocking(probe);
        let failure = match tokio::time::timeout(PROBE_TIMEOUT, probe).await {
            Ok(Ok(Ok(()))) => None,
            Ok(Ok(Err(detail))) => Some(detail),
            Ok(Err(_)) => Some("the keychain check stopped unexpectedly".to_owned()),
            Err(_) => Some("the keychain did not answer".to_owned()),
        };
        match failure {
            None => {
                tracing::info!("API keys are kept in the OS keychain");
                Secrets {
                    status: KeychainStatus {
                        available: true,
                        detail: "API keys are kept in the system keychain".to_owned(),
                    },
                    memory: None,
                }
            }
            Some(detail) => {
                tracing::warn!(%detail, "no keychain: API keys are kept in memory");
                Secrets::in_memory(&detail)
            }
        }
    }

    /// Keys in memory for the session only: for tests, and where no keychain is usable.
    pub fn memory() -> Secrets {
        Secrets::in_memory("keys kept in memory by request")
    }

    fn in_memory(reason: &str) -> Secrets {
        Secrets {
            status: KeychainStatus {
                available: false,
                detail: format!(
                    "No keychain is available ({reason}): keys are kept in memory until \
                     Custodian quits, and must be entered again next time"
                ),
            },
            memory: Some(Arc::default()),
        }
    }

    pub fn status(&self) -> &KeychainStatus {
        &self.status
    }

    /// Keeps `key` as the connection's API key, replacing any before it.
    pub async fn store(&self, connection: &ConnectionId, key: &ApiKey) -> Result<(), SecretsError> {
        if let Some(memory) = &self.memory {
            lock(memory).insert(connection.clone(), key.clone());
            return Ok(());
        }
        let key = key.clone();
        self.keychain(connection, "store", move |entry| {
            entry.set_password(key.expose())
        })
        .await
    }

    /// The connection's API key; None when none is kept (or the session that kept it in
    /// memory has ended).
    pub async fn key(&self, connection: &ConnectionId) -> Result<Option<ApiKey>, SecretsError> {
        if let Some(memory) = &self.memory {
            return Ok(lock(memory).get(connection).cloned());
        }
        let stored = self
            .keychain(connection, "read", |entry| match entry.get_password() {
                Ok(text) => Ok(Some(text)),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(error) => Err(error),
            })
            .await?;
        stored
            .map(|text| {
                ApiKey::parse(text).map_err(|_| SecretsError::NotAKey {
                    connection: connection.clone(),
                })
            })
            .transpose()
    }

    /// Deletes the connection's API key; nothing to delete is no error.
    pub async fn forget(&self, connection: &ConnectionId) -> Result<(), SecretsError> {
        if let Some(memory) = &self.memory {
            lock(memory).remove(connection);
            return Ok(());
        }
        self.keychain(connection, "delete", |entry| {
            match entry.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(error) => Err(error),
            }
        })
        .await
    }

    async fn keychain<T: Send + 'static>(
        &self,
        connection: &ConnectionId,
        action: &'static str,
        work: impl FnOnce(&keyring::Entry) -> keyring::Result<T> + Send + 'static,
    ) -> Result<T, SecretsError> {
        let user = connection.as_str().to_owned();
        let done = tokio::task::spawn_blocking(move || {
            let entry = keyring::Entry::new(KEYCHAIN_SERVICE, &user)?;
            work(&entry)
        })
        .await;
        let failed = |detail: String| SecretsError::Keychain {
            action,
            connection: connection.clone(),
            detail,
        };
        match done {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => Err(failed(describe(&error))),
            Err(_) => Err(failed("the keychain call stopped unexpectedly".to_owned())),
        }
    }
}

fn lock(
    memory: &Mutex<HashMap<ConnectionId, ApiKey>>,
) -> std::sync::MutexGuard<'_, HashMap<ConnectionId, ApiKey>> {
    // A panic while holding the map cannot leave it half-changed: each use is one call.
    memory
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Writes, reads back and deletes an entry: a keychain that can do all three is usable.
fn probe() -> Result<(), String> {
    let entry = keyring::Entry::new(KEYCHAIN_SERVICE, PROBE_USER).map_err(|e| describe(&e))?;
    let value = format!("probe-{}", fastrand::u64(..));
    entry.set_password(&value).map_err(|e| describe(&e))?;
    let read = entry.get_password().map_err(|e| describe(&e))?;
    entry.delete_credential().map_err(|e| describe(&e))?;
    if read == value {
        Ok(())
    } else {
        Err("the keychain did not give back what was stored".to_owned())
    }
}

/// The keychain's failure in words that cannot carry a secret: the platform's own message
/// only where it describes the store, never the stored data.
fn describe(error: &keyring::Error) -> String {
    match error {
        keyring::Error::PlatformFailure(cause) => format!("the keychain failed: {cause}"),
        keyring::Error::NoStorageAccess(cause) => {
            format!("the keychain is locked or refused access: {cause}")
        }
        keyring::Error::NoEntry => "no such entry".to_owned(),
        keyring::Error::BadEncoding(_) => "the stored entry is not text".to_owned(),
        keyring::Error::TooLong(..) | keyring::Error::Invalid(..) => {
            "the keychain refused the entry's name".to_owned()
        }
        keyring::Error::Ambiguous(_) => "the keychain holds several entries for it".to_owned(),
        _ => "the keychain failed".to_owned(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretsError {
    #[error("The keychain could not {action} the API key of connection {connection}: {detail}")]
    Keychain {
        action: &'static str,
        connection: ConnectionId,
        detail: String,
    },
    #[error("The keychain entry of connection {connection} is not an API key; enter the key again")]
    NotAKey { connection: ConnectionId },
}

impl SecretsError {
    pub fn code(&self) -> ErrorCode {
        ErrorCode::Internal
    }

    pub fn to_wire(&self) -> WireError {
        WireError::new(self.code(), self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keychain_failures_never_repeat_the_stored_data() {
        let secret = "ck-LEAKCANARY-unit";
        let errors = [
            keyring::Error::BadEncoding(secret.as_bytes().to_vec()),
            keyring::Error::Invalid("user".into(), secret.into()),
            keyring::Error::TooLong(secret.into(), 10),
        ];
        for error in errors {
            let error = SecretsError::Keychain {
                action: "store",
                connection: ConnectionId::parse("x-1").unwrap(),
                detail: describe(&error),
            };
            assert!(!error.to_string().contains(secret));
            assert!(!format!("{error:?}").contains(secret));
        }
    }

    #[tokio::test]
    async fn memory_keeps_keys_for_the_session() {
        let secrets = Secrets::memory();
        assert!(!secrets.status().available);
        assert!(
            secrets
                .status()
                .detail
                .starts_with("No keychain is available (")
        );
        let id = ConnectionId::parse("northwind-abc123").unwrap();
        let key = ApiKey::parse("k-1").unwrap();
        assert_eq!(secrets.key(&id).await.unwrap(), None);
        secrets.store(&id, &key).await.unwrap();
        assert_eq!(secrets.clone().key(&id).await.unwrap(), Some(key));
        secrets.forget(&id).await.unwrap();
        secrets.forget(&id).await.unwrap();
        assert_eq!(secrets.key(&id).await.unwrap(), None);
    }
}
