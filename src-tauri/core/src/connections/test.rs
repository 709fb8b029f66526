//! Testing a connection before the admin relies on it: read the organization with the
//! key, then try one user-management read, and say in plain words what went wrong. Nothing
//! is written to any cache.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::capabilities::Capabilities;
use super::profile::{ConnectionKind, ConnectionProfile};
use crate::cache::Experience;
use crate::directory::model::UserSearch;
use crate::directory::{
    AccountId, ApiKey, DirectoryClient, DirectoryError, DirectoryId, RetryPolicy,
};
use crate::error::{ErrorCode, WireError};

/// What the test found: the organization as the backend describes it, and what this kind
/// of connection can do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionTest {
    pub organization_name: String,
    /// `free`, `standard`, `guard-standard`; None where the backend does not say
    /// (Atlassian Cloud).
    pub plan: Option<String>,
    pub two_step_enforced: Option<bool>,
    pub experience: Option<Experience>,
    pub capabilities: Capabilities,
}

/// Which request failed: a 403 means different things on each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Organization,
    UserManagement,
}

/// Reads the organization the profile names with `key`, and one managed account's
/// privileges, so that a key which can read the organization but not manage its users is
/// caught now.
#[tracing::instrument(skip_all, fields(connection = %profile.id(), kind = ?profile.kind()))]
pub async fn test_connection(
    profile: &ConnectionProfile,
    key: &ApiKey,
) -> Result<ConnectionTest, ConnectionError> {
    let explain = |step, error| explain(profile, key, step, error);
    let client = client(profile, key).map_err(|e| explain(Step::Organization, e))?;
    let org = client
        .org(profile.org_id())
        .await
        .map_err(|e| explain(Step::Organization, e))?;
    can_manage_users(&client, profile)
        .await
        .map_err(|e| explain(Step::UserManagement, e))?;
    tracing::info!("connection test passed");
    let attributes = org.attributes;
    Ok(ConnectionTest {
        organization_name: attributes.name,
        plan: attributes.plan,
        two_step_enforced: attributes.two_step_verification_enforced,
        experience: attributes
            .user_management_experience
            .as_deref()
            .and_then(Experience::parse),
        capabilities: profile.kind().capabilities(),
    })
}

/// A client that gives up sooner than a sync's: the admin is waiting for the answer.
fn client(profile: &ConnectionProfile, key: &ApiKey) -> Result<DirectoryClient, DirectoryError> {
    let patient_enough = RetryPolicy {
        max_retries: 1,
        base_delay: Duration::from_millis(200),
        max_delay: Duration::from_secs(1),
        max_rate_limited: 2,
        max_rate_limit_wait: Duration::from_secs(10),
    };
    profile
        .client(key.clone())
        .timeout(Duration::from_secs(20))
        .connect_timeout(Duration::from_secs(10))
        .retry(patient_enough)
        .build()
}

/// The privileges of the first managed account, if there is one. A refusal about that
/// account alone (`forbidden.targetUnverified`, or gone since the search) is not the key's
/// fault.
async fn can_manage_users(
    client: &DirectoryClient,
    profile: &ConnectionProfile,
) -> Result<(), DirectoryError> {
    let search = UserSearch {
        limit: Some(1),
        claim_status: Some("managed".to_owned()),
        ..UserSearch::default()
    };
    let first = client
        .search_users(profile.org_id(), &DirectoryId::all(), &search)?
        .next_page()
        .await?
        .and_then(|page| page.into_iter().next());
    let Some(user) = first else {
        return Ok(());
    };
    let account = AccountId::parse(user.account_id)?;
    match client.privileges(&account).await {
        Err(DirectoryError::Refused(refusal))
            if refusal.key.starts_with("forbidden.")
                || matches!(refusal.key.as_str(), "accountNotFound" | "notFound") =>
        {
            Ok(())
        }
        other => other.map(|_| ()),
    }
}

fn explain(
    profile: &ConnectionProfile,
    key: &ApiKey,
    step: Step,
    error: DirectoryError,
) -> ConnectionError {
    // Whatever the backend or the network said is repeated only with the key taken out:
    // a misbehaving server or proxy could echo the request's headers back.
    let clean = |text: String| text.replace(key.expose(), "[API key]");
    let status = match &error {
        DirectoryError::Refused(refusal) => Some(refusal.status),
        DirectoryError::Admin(refusal) => Some(refusal.status),
        _ => None,
    };
    let host = url::Url::parse(profile.base_url())
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_else(|| profile.base_url().to_owned());
    tracing::debug!(
        ?step,
        code = error.code().as_str(),
        "connection test failed"
    );
    match (error, status) {
        (DirectoryError::Unauthorized, _) | (_, Some(401)) => ConnectionError::KeyRefused,
        (DirectoryError::Offline(cause), _) => {
            let mut innermost: &dyn std::error::Error = &cause;
            while let Some(source) = innermost.source() {
                innermost = source;
            }
            ConnectionError::Offline {
                host,
                detail: clean(innermost.to_string()),
            }
        }
        (DirectoryError::Unavailable { status }, _) => ConnectionError::Unavailable { status },
        (DirectoryError::RateLimited { .. }, _) => ConnectionError::RateLimited,
        (_, Some(404)) if step == Step::Organization => ConnectionError::OrgNotFound {
            org: profile.org_id().to_string(),
        },
        (_, Some(403)) => match (step, profile.kind()) {
            (Step::UserManagement, ConnectionKind::AtlassianCloud) => ConnectionError::ScopedKey,
            (Step::UserManagement, ConnectionKind::CustodianDirectory) => {
                ConnectionError::UsersNotAllowed
            }
            (Step::Organization, _) => ConnectionError::OrgNotAllowed {
                org: profile.org_id().to_string(),
            },
        },
        (DirectoryError::UnexpectedResponse(detail), _) => ConnectionError::NotAnAdminApi {
            host,
            detail: clean(detail),
        },
        (DirectoryError::Setup(detail), _) => ConnectionError::Setup(clean(detail)),
        (other, _) => ConnectionError::Refused {
            code: other.code(),
            message: clean(other.to_string()),
        },
    }
}

/// Why a connection test failed, in the admin's words. Built from typed causes, and any
/// text from outside has the key removed, so no variant can carry it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectionError {
    #[error(
        "The API key was refused: check that it is the whole key, and that it has not \
         expired or been revoked"
    )]
    KeyRefused,
    #[error(
        "This API key has scopes that do not include user management: create an \
         organization API key without scopes (Atlassian Administration > Settings > API keys)"
    )]
    ScopedKey,
    #[error("The API key may read the organization but not manage its users")]
    UsersNotAllowed,
    #[error("The API key may not read organization {org}: is it this organization's key?")]
    OrgNotAllowed { org: String },
    #[error("No organization with ID {org} was found with this API key")]
    OrgNotFound { org: String },
    #[error(
        "Custodian cannot reach {host} ({detail}): check the address, the network \
         connection and, on a corporate network, the proxy settings (HTTPS_PROXY, NO_PROXY)"
    )]
    Offline { host: String, detail: String },
    #[error("{host} answered, but not as Atlassian's admin API does ({detail})")]
    NotAnAdminApi { host: String, detail: String },
    #[error("The server is unavailable (HTTP {status}); try again later")]
    Unavailable { status: u16 },
    #[error("The server asks Custodian to slow down; try again in a minute")]
    RateLimited,
    #[error("The connection could not be set up: {0}")]
    Setup(String),
    #[error("{message}")]
    Refused { code: ErrorCode, message: String },
}

impl ConnectionError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ConnectionError::KeyRefused
            | ConnectionError::ScopedKey
            | ConnectionError::UsersNotAllowed
            | ConnectionError::OrgNotAllowed { .. } => ErrorCode::NotPermitted,
            ConnectionError::OrgNotFound { .. } => ErrorCode::NotFound,
            ConnectionError::Offline { .. } | ConnectionError::Unavailable { .. } => {
                ErrorCode::Offline
            }
            ConnectionError::NotAnAdminApi { .. } => ErrorCode::InvalidInput,
            ConnectionError::RateLimited => ErrorCode::RateLimited,
            ConnectionError::Setup(_) => ErrorCode::Internal,
            ConnectionError::Refused { code, .. } => *code,
        }
    }

    pub fn to_wire(&self) -> WireError {
        WireError::new(self.code(), self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connections::NewConnection;
    use crate::directory::{AdminRefusal, Refusal};

    fn profile(kind: ConnectionKind) -> ConnectionProfile {
        NewConnection {
            name: "Northwind".into(),
            kind,
            url: Some("https://dir.example.com".into()),
            org_id: "org-1".into(),
        }
        .check()
        .unwrap()
    }

    fn forbidden() -> DirectoryError {
        DirectoryError::Admin(AdminRefusal {
            status: 403,
            code: "HTTP-403".into(),
            title: "Forbidden".into(),
            detail: None,
        })
    }

    #[test]
    fn a_403_on_user_management_from_atlassian_means_a_scoped_key() {
        let key = ApiKey::parse("k").unwrap();
        let cloud = profile(ConnectionKind::AtlassianCloud);
        let error = explain(&cloud, &key, Step::UserManagement, forbidden());
        assert_eq!(error, ConnectionError::ScopedKey);
        assert_eq!(error.code(), ErrorCode::NotPermitted);
        assert!(error.to_string().contains("without scopes"));
        let directory = profile(ConnectionKind::CustodianDirectory);
        let error = explain(&directory, &key, Step::UserManagement, forbidden());
        assert_eq!(error, ConnectionError::UsersNotAllowed);
        let error = explain(&cloud, &key, Step::Organization, forbidden());
        assert!(matches!(error, ConnectionError::OrgNotAllowed { .. }));
    }

    #[test]
    fn a_401_in_any_shape_is_the_key() {
        let key = ApiKey::parse("k").unwrap();
        let cloud = profile(ConnectionKind::AtlassianCloud);
        let keyed = DirectoryError::Refused(Refusal {
            status: 401,
            key: "unauthorized".into(),
            context: None,
        });
        for error in [DirectoryError::Unauthorized, keyed] {
            let error = explain(&cloud, &key, Step::Organization, error);
            assert_eq!(error, ConnectionError::KeyRefused);
            assert_eq!(
                error.to_string().split(':').next(),
                Some("The API key was refused")
            );
        }
    }

    #[test]
    fn text_from_the_backend_loses_the_key() {
        let key = ApiKey::parse("ck-LEAKCANARY-unit-test").unwrap();
        let cloud = profile(ConnectionKind::AtlassianCloud);
        let echoed = DirectoryError::UnexpectedResponse(
            "invalid type: string \"Bearer ck-LEAKCANARY-unit-test\"".into(),
        );
        let error = explain(&cloud, &key, Step::Organization, echoed);
        assert!(!format!("{error} {error:?}").contains("LEAKCANARY"));
        let echoed = DirectoryError::Admin(AdminRefusal {
            status: 400,
            code: "ADMIN-400-1".into(),
            title: "ck-LEAKCANARY-unit-test".into(),
            detail: None,
        });
        let error = explain(&cloud, &key, Step::Organization, echoed);
        assert_eq!(error.code(), ErrorCode::InvalidInput);
        assert!(!format!("{error} {error:?}").contains("LEAKCANARY"));
    }
}
