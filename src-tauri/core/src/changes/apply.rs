//! Applying one change to one account: check it, send it, read the account back so the
//! cache and the page show the new state at once, and record it in the audit trail.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::change::{Change, InvalidChange, profile_changes};
use super::photo::THUMBNAIL_SIDE;
use super::{facts, refusals};
use crate::ErrorCode;
use crate::account;
use crate::cache::{AccountDetails, Cache, CacheError, ChangeResult, NewAuditEntry};
use crate::clock;
use crate::directory::{
    AccountId, DeviceId, DirectoryClient, DirectoryError, Email, OrgId, TokenId, model,
};
use crate::photos::{self, PreparedPhoto};

/// Where changes go: the connection's directory and cache.
pub struct Changing<'a> {
    pub client: &'a DirectoryClient,
    pub cache: &'a Cache,
    pub org: &'a OrgId,
    /// The connection's name, for the audit trail.
    pub connection: &'a str,
    /// Whether the directory recognises a request sent again with the same idempotency
    /// key (custodian-directory does; Atlassian's API does not say it does).
    pub recognises_repeats: bool,
}

impl Applied {
    /// Nothing was changed, so nothing was read back.
    pub(crate) fn none() -> Self {
        Self {
            details: None,
            refreshed: false,
        }
    }
}

/// A change that was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    /// The account as now cached.
    pub details: Option<AccountDetails>,
    /// False when the change was made but the account could not be read back: the page
    /// shows the last known state until the next refresh.
    pub refreshed: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// Refused before anything was sent.
    #[error("{0}")]
    Invalid(#[from] InvalidChange),
    /// The directory refused or could not be reached; nothing was changed.
    #[error("{message}")]
    Refused { code: ErrorCode, message: String },
    /// The request certainly did not reach the directory (no connection, a gateway's 5xx,
    /// 429): sending it again cannot make it twice.
    #[error("{message}")]
    NotTaken { code: ErrorCode, message: String },
    #[error(transparent)]
    Cache(#[from] CacheError),
}

impl ChangeError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Invalid(_) => ErrorCode::InvalidInput,
            Self::Refused { code, .. } | Self::NotTaken { code, .. } => *code,
            Self::Cache(error) => error.code(),
        }
    }
}

impl From<DirectoryError> for ChangeError {
    fn from(error: DirectoryError) -> Self {
        let (code, message) = (error.code(), refusals::explain(&error));
        if error.not_taken() {
            Self::NotTaken { code, message }
        } else {
            Self::Refused { code, message }
        }
    }
}

/// Sends the change, with its image for a new photo. Input was validated already; parsing
/// here cannot fail then, but is kept as the typed edge.
pub(crate) async fn send(
    to: &Changing<'_>,
    account: &AccountId,
    change: &Change,
    photo: Option<&PreparedPhoto>,
) -> Result<(), ChangeError> {
    let client = to.client;
    match change {
        Change::EditProfile { edits } => {
            client
                .update_profile(account, &profile_changes(edits)?)
                .await?;
        }
        Change::ChangeEmail { email } => {
            let email = Email::parse(email.as_str()).map_err(InvalidChange::from)?;
            client.set_email(account, &email).await?;
        }
        Change::GrantProduct { site, role, .. } => {
            client
                .assign_role(to.org, account, role, Some(site))
                .await?;
        }
        Change::RemoveProduct { site, .. } => {
            // Every role held there, as the directory has them now.
            let assignments = client.role_assignments(to.org, account).await?;
            let held = assignments
                .iter()
                .filter(|assignment| &assignment.resource_id == site)
                .flat_map(model::RoleAssignment::role_ids);
            for role in held {
                client
                    .for_part(role)
                    .revoke_role(to.org, account, role, Some(site))
                    .await?;
            }
        }
        Change::ExcludeFromTwoStep => {
            client.set_two_step_exclusion(account, true).await?;
        }
        Change::IncludeInTwoStep => {
            client.set_two_step_exclusion(account, false).await?;
        }
        Change::LogOutDevice { device_id } => {
            let device = DeviceId::parse(device_id.as_str()).map_err(InvalidChange::from)?;
            client.log_out_device(account, &device).await?;
        }
        Change::RequirePasswordReset => {
            client.require_password_reset(account).await?;
        }
        Change::RevokeToken { token_id } => {
            let token = TokenId::parse(token_id.as_str()).map_err(InvalidChange::from)?;
            client.revoke_api_token(account, &token).await?;
        }
        Change::RevokeAllTokens => {
            client.revoke_all_api_tokens(account).await?;
        }
        Change::Deactivate { message } => {
            let message = message.as_deref().map(str::trim).filter(|m| !m.is_empty());
            client.deactivate(account, message).await?;
        }
        Change::Reactivate => client.reactivate(account).await?,
        Change::Delete => client.delete(account).await?,
        Change::CancelDeletion => client.cancel_delete(account).await?,
        Change::RemovePhoto => {
            client.remove_avatar(account).await?;
            to.cache.remove_avatar(account.as_str()).await?;
        }
        Change::SetPhoto => {
            let photo = photo.ok_or(InvalidChange::PhotoWithoutImage)?;
            upload_photo(to, account, photo).await?;
        }
    }
    Ok(())
}

async fn upload_photo(
    to: &Changing<'_>,
    account: &AccountId,
    photo: &PreparedPhoto,
) -> Result<(), ChangeError> {
    let thumbnail =
        photos::thumbnail(photo, THUMBNAIL_SIDE).map_err(|error| ChangeError::Refused {
            code: error.code(),
            message: error.to_string(),
        })?;
    to.client
        .upload_avatar(account, photo.bytes.clone(), photo.content_type)
        .await?;
    to.cache
        .store_avatar(
            account.as_str(),
            photo.content_type,
            &photo.bytes,
            &thumbnail.bytes,
            clock::now_ms(),
        )
        .await?;
    Ok(())
}

/// Makes one change to one account. `bulk_id` groups the changes of one bulk action in the
/// audit trail.
pub async fn apply(
    to: &Changing<'_>,
    account: &AccountId,
    change: &Change,
    bulk_id: Option<&str>,
) -> Result<Applied, ChangeError> {
    change.validate()?;
    run(
        to,
        account,
        change,
        bulk_id,
        send(to, account, change, None),
    )
    .await
}

/// Makes a change whose sending `sent` does, then reads the account back and records it.
pub(super) async fn run(
    to: &Changing<'_>,
    account: &AccountId,
    change: &Change,
    bulk_id: Option<&str>,
    sent: impl Future<Output = Result<(), ChangeError>>,
) -> Result<Applied, ChangeError> {
    let before = to.cache.account_details(account.as_str()).await?;
    let result = sent.await;
    let applied = match &result {
        Ok(()) => read_back(to, account).await,
        Err(_) => Applied::none(),
    };
    let entry = audit_entry(to, account, change, before.as_ref(), &applied, &result);
    let entry = NewAuditEntry {
        bulk_id: bulk_id.map(str::to_owned),
        ..entry
    };
    // The change is made (or refused) whatever becomes of its record: a cache that cannot
    // be written must not make the admin think it failed and try again.
    if let Err(error) = to.cache.record_change(&entry).await {
        tracing::error!(%error, operation = change.operation(), "the change could not be recorded in the audit trail");
    }
    result.map(|()| applied)
}

/// The account as the directory has it after a change, stored in the cache; the cached
/// one when it cannot be read.
pub(crate) async fn read_back(to: &Changing<'_>, account: &AccountId) -> Applied {
    match account::refresh(to.client, to.cache, to.org, account).await {
        Ok(details) => Applied {
            details: Some(details),
            refreshed: true,
        },
        Err(error) => {
            tracing::warn!(%error, "the change was made, but the account could not be read back");
            let cached = to.cache.account_details(account.as_str()).await;
            Applied {
                details: cached.ok().flatten(),
                refreshed: false,
            }
        }
    }
}

/// The audit trail's record of a change: what it did to the facts it concerns, or why
/// it was refused.
pub(crate) fn audit_entry(
    to: &Changing<'_>,
    account: &AccountId,
    change: &Change,
    before: Option<&AccountDetails>,
    applied: &Applied,
    result: &Result<(), ChangeError>,
) -> NewAuditEntry {
    let (before_text, after_text) = match (before, &applied.details, result) {
        (Some(before), Some(after), Ok(())) => facts::differences(change, before, after).unzip(),
        _ => (None, None),
    };
    let known = applied.details.as_ref().or(before);
    NewAuditEntry {
        at: clock::now_ms(),
        connection: to.connection.to_owned(),
        account_id: account.as_str().to_owned(),
        account_name: known.map(|d| d.account.name.clone()).unwrap_or_default(),
        account_email: known.map(|d| d.account.email.clone()).unwrap_or_default(),
        operation: change.operation().to_owned(),
        description: change.describe(),
        change: serde_json::to_string(change).unwrap_or_default(),
        result: if result.is_ok() {
            ChangeResult::Done
        } else {
            ChangeResult::Failed
        },
        error_code: result.as_ref().err().map(|e| e.code().as_str().to_owned()),
        message: result.as_ref().err().map(ToString::to_string),
        before: before_text,
        after: after_text,
        bulk_id: None,
    }
}
