//! Refreshing one account from the backend: the account itself, its profile, the admin's
//! privileges, devices, API tokens and two-step verification, read side by side and
//! stored in one transaction. A failed refresh changes nothing in the cache.

use chrono::DateTime;

use super::reasons;
use crate::ErrorCode;
use crate::cache::{
    AccountDetails, AccountToken, Cache, CacheError, DetailsUpdate, DeviceKind, RecentDevice,
    Section, SessionState, SiteRoles, TwoStepState,
};
use crate::clock;
use crate::directory::model::{self, UserSearch};
use crate::directory::{AccountId, DirectoryClient, DirectoryError, DirectoryId, OrgId};
use crate::photos;
use crate::sync::users;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("this account is no longer a managed account of the organization")]
    NotManaged,
    #[error(transparent)]
    Directory(#[from] DirectoryError),
    #[error(transparent)]
    Cache(#[from] CacheError),
}

impl AccountError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotManaged => ErrorCode::NotFound,
            Self::Directory(error) => error.code(),
            Self::Cache(error) => error.code(),
        }
    }
}

fn unix_seconds(text: &str) -> Option<i64> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|time| time.timestamp())
}

/// A section's read: what it says, why the backend cannot say, or a failure that stops
/// the whole refresh (offline, rate limited, a fault).
fn section<T, U>(
    read: Result<T, DirectoryError>,
    convert: impl FnOnce(T) -> U,
) -> Result<Section<U>, DirectoryError> {
    match read {
        Ok(value) => Ok(Section::Known {
            value: convert(value),
        }),
        Err(DirectoryError::Refused(refusal)) if refusal.status == 403 => {
            Ok(Section::Unavailable {
                reason: reasons::refused(&refusal),
            })
        }
        // A backend without Custodian's extensions (Atlassian Cloud) answers 404.
        Err(error) if error.code() == ErrorCode::NotFound => Ok(Section::Unavailable {
            reason: reasons::NOT_IN_PUBLIC_API.to_owned(),
        }),
        Err(error) => Err(error),
    }
}

fn device(device: model::Device) -> RecentDevice {
    let (session, session_ends_at) = match &device.session {
        model::Session::Active => (SessionState::Active, None),
        model::Session::Pending { ends_by } => (SessionState::Ending, unix_seconds(ends_by)),
        model::Session::Ended { ended_at } => (SessionState::Ended, unix_seconds(ended_at)),
    };
    RecentDevice {
        device_id: device.id,
        kind: match device.kind {
            model::DeviceKind::Browser => DeviceKind::Browser,
            model::DeviceKind::Mobile => DeviceKind::Mobile,
        },
        name: device.name,
        location: device.location,
        ip_address: device.ip_address,
        last_active: unix_seconds(&device.last_active),
        session,
        session_ends_at,
    }
}

/// The roles on each product site; platform roles (org admin) are not product access.
fn site_roles(assignments: Vec<model::RoleAssignment>) -> Vec<SiteRoles> {
    assignments
        .into_iter()
        .filter(|assignment| assignment.resource_owner != "platform")
        .map(|assignment| SiteRoles {
            roles: assignment
                .role_ids()
                .into_iter()
                .map(str::to_owned)
                .collect(),
            site: assignment.resource_id,
            product_name: assignment.product_name,
            site_url: assignment.site_url,
        })
        .collect()
}

fn token(token: model::ApiToken) -> AccountToken {
    AccountToken {
        token_id: token.id,
        label: token.label,
        created_at: unix_seconds(&token.created_at),
        last_used: token.last_access.as_deref().and_then(unix_seconds),
        expires_at: token.expiry.as_deref().and_then(unix_seconds),
    }
}

/// Reads the account from the backend and stores it; answers the page as now cached. An
/// account the directory no longer manages leaves the cache.
pub async fn refresh(
    client: &DirectoryClient,
    cache: &Cache,
    org: &OrgId,
    account: &AccountId,
) -> Result<AccountDetails, AccountError> {
    // What is stored is as of when the reads began: a change stored meanwhile is newer.
    let started = clock::now_ms();
    let search = UserSearch {
        limit: Some(1),
        account_ids: vec![account.as_str().to_owned()],
        claim_status: Some("managed".into()),
        expand: vec!["productAccess".into()],
        ..UserSearch::default()
    };
    let user = async {
        let mut pages = client.search_users(org, &DirectoryId::all(), &search)?;
        pages.next_page().await
    };
    let (user, profile, privileges, devices, tokens, two_step, roles, reset, photo) = tokio::join!(
        user,
        client.profile(account),
        client.privileges(account),
        client.devices(account),
        client.api_tokens(account),
        client.two_step_exclusion(account),
        client.role_assignments(org, account),
        client.password_reset(account),
        client.avatar(account),
    );
    let Some(user) = user?.and_then(|page| page.into_iter().next()) else {
        cache
            .remove_accounts(&[account.as_str().to_owned()])
            .await?;
        return Err(AccountError::NotManaged);
    };
    let mut record = users::to_record(user);
    let mut locale = None;
    match profile {
        Ok(profile) => {
            locale = Some(profile.locale.clone());
            record.account.locale = profile.locale;
            record.account.time_zone = profile.zoneinfo.or(record.account.time_zone);
        }
        Err(error) if error.code() == ErrorCode::NotFound => {}
        Err(error) => return Err(error.into()),
    }
    let privileges = match privileges {
        Ok(privileges) => Some(privileges),
        Err(error) if error.code() == ErrorCode::NotFound => None,
        Err(error) => return Err(error.into()),
    };
    let update = DetailsUpdate {
        record,
        locale,
        privileges,
        devices: section(devices, |list| list.into_iter().map(device).collect())?,
        api_tokens: section(tokens, |list| list.into_iter().map(token).collect())?,
        two_step: section(two_step, |state| TwoStepState {
            enforced: state.enforced,
            excluded: state.excluded,
        })?,
        roles: match section(roles, site_roles)? {
            Section::Known { value } => Some(value),
            _ => None,
        },
        password_reset: section(reset, |state| {
            state
                .password_reset_required
                .then(|| state.requested_at.as_deref().and_then(unix_seconds))
                .flatten()
        })?,
    };
    let details = cache.store_account_details(&update, started).await?;
    keep_photo(cache, account, photo).await;
    Ok(details)
}

/// Keeps the account's photo for the list and for offline. A photo that cannot be read or
/// made into a thumbnail leaves the cached one as it was: the rest of the page is what
/// matters.
async fn keep_photo(
    cache: &Cache,
    account: &AccountId,
    photo: Result<Option<(Vec<u8>, String)>, DirectoryError>,
) {
    let kept = match photo {
        Ok(None) => cache
            .remove_avatar(account.as_str())
            .await
            .map_err(|e| e.to_string()),
        Ok(Some((bytes, _))) => {
            let made = tokio::task::spawn_blocking(move || {
                let avatar = photos::prepare(&bytes, None)?;
                let thumbnail = photos::thumbnail(&avatar, crate::changes::THUMBNAIL_SIDE)?;
                Ok::<_, photos::PhotoError>((avatar, thumbnail))
            })
            .await;
            match made {
                Ok(Ok((avatar, thumbnail))) => cache
                    .store_avatar(
                        account.as_str(),
                        avatar.content_type,
                        &avatar.bytes,
                        &thumbnail.bytes,
                        clock::now_ms(),
                    )
                    .await
                    .map_err(|e| e.to_string()),
                Ok(Err(error)) => Err(error.to_string()),
                Err(error) => Err(error.to_string()),
            }
        }
        Err(error) => Err(error.to_string()),
    };
    if let Err(error) = kept {
        tracing::debug!(%error, "the account's photo was not kept");
    }
}
