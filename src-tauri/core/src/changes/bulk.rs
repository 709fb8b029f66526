//! One change to many accounts: a preview of exactly what will change (from the cache),
//! then the changes one account at a time, with progress, each recorded on its own, and a
//! result per account.

use std::time::Instant;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::apply::Changing;
use super::change::Change;
use crate::ErrorCode;
use crate::cache::{AccountDetails, AccountStatus, CacheError, ManagedBy, Section};
use crate::clock;
use crate::directory::AccountId;
use crate::outbox::{self, Submitted};
use crate::sync::Cancel;

/// What a bulk action does to each account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum BulkAction {
    Deactivate {
        message: Option<String>,
    },
    Reactivate,
    RequirePasswordReset,
    RevokeAllTokens,
    /// Removes the product on every site the account has it.
    RemoveProduct {
        product: String,
    },
}

impl BulkAction {
    pub fn describe(&self) -> String {
        match self {
            Self::Deactivate { .. } => "Deactivate".to_owned(),
            Self::Reactivate => "Reactivate".to_owned(),
            Self::RequirePasswordReset => "Require a password reset".to_owned(),
            Self::RevokeAllTokens => "Revoke all API tokens".to_owned(),
            Self::RemoveProduct { product } => format!("Remove {product} access"),
        }
    }

    /// The changes it makes to one account, or why the account is left as it is.
    fn plan(&self, details: &AccountDetails) -> Result<Vec<Change>, String> {
        let account = &details.account;
        // What the directory withholds (as it last said) is not tried.
        let permissions = &details.permissions;
        let withheld = match self {
            Self::Deactivate { .. } => Some(&permissions.deactivate),
            Self::Reactivate => Some(&permissions.reactivate),
            Self::RequirePasswordReset => Some(&permissions.password_reset),
            Self::RevokeAllTokens => Some(&permissions.revoke_tokens),
            Self::RemoveProduct { .. } => None,
        }
        .filter(|permission| !permission.allowed);
        if let Some(permission) = withheld {
            return Err(permission
                .reason
                .clone()
                .unwrap_or_else(|| "The directory does not allow this.".to_owned()));
        }
        match self {
            Self::Deactivate { message } => match account.status {
                AccountStatus::Deactivated => Err("Already deactivated".into()),
                AccountStatus::PendingDeletion => Err("Being deleted".into()),
                _ => Ok(vec![Change::Deactivate {
                    message: message.clone(),
                }]),
            },
            Self::Reactivate => match account.status {
                AccountStatus::Deactivated => Ok(vec![Change::Reactivate]),
                AccountStatus::PendingDeletion => {
                    Err("Being deleted: cancel the deletion instead".into())
                }
                _ => Err("Already active".into()),
            },
            Self::RequirePasswordReset => {
                if account.managed_by == ManagedBy::IdentityProvider {
                    Err("Its identity provider manages the password".into())
                } else if account.status != AccountStatus::Active {
                    Err("Not active".into())
                } else if details.password_reset_requested_at.is_some() {
                    Err("Already required".into())
                } else {
                    Ok(vec![Change::RequirePasswordReset])
                }
            }
            Self::RevokeAllTokens => match &details.api_tokens {
                Section::Known { value } if value.is_empty() => Err("No API tokens".into()),
                Section::Unavailable { reason } => Err(reason.clone()),
                _ => Ok(vec![Change::RevokeAllTokens]),
            },
            Self::RemoveProduct { product } => {
                let changes: Vec<Change> = details
                    .products
                    .iter()
                    .filter(|access| &access.product == product)
                    .map(|access| Change::RemoveProduct {
                        product: product.clone(),
                        site: access.site.clone(),
                    })
                    .collect();
                if changes.is_empty() {
                    Err(format!("No {product} access"))
                } else {
                    Ok(changes)
                }
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    pub account_id: String,
    pub name: String,
    pub email: String,
    /// What will be done, or why the account will be left as it is.
    pub change: Option<String>,
    pub skip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BulkPreview {
    pub will_change: u32,
    pub will_skip: u32,
    /// Accounts no longer in the cache.
    pub missing: u32,
    /// The accounts, changed ones first, up to `PREVIEW_ROWS`.
    pub rows: Vec<PreviewRow>,
}

const PREVIEW_ROWS: usize = 500;

/// What the action would do to each account, from the cache; nothing is sent.
pub async fn preview(
    cache: &crate::cache::Cache,
    accounts: &[String],
    action: &BulkAction,
) -> Result<BulkPreview, CacheError> {
    let mut preview = BulkPreview {
        will_change: 0,
        will_skip: 0,
        missing: 0,
        rows: Vec::new(),
    };
    let mut skipped = Vec::new();
    for id in accounts {
        let Some(details) = cache.account_details(id).await? else {
            preview.missing += 1;
            continue;
        };
        let mut row = PreviewRow {
            account_id: id.clone(),
            name: details.account.name.clone(),
            email: details.account.email.clone(),
            change: None,
            skip: None,
        };
        match action.plan(&details) {
            Ok(changes) => {
                preview.will_change += 1;
                let what: Vec<String> = changes.iter().map(Change::describe).collect();
                row.change = Some(what.join("; "));
                if preview.rows.len() < PREVIEW_ROWS {
                    preview.rows.push(row);
                }
            }
            Err(reason) => {
                preview.will_skip += 1;
                row.skip = Some(reason);
                skipped.push(row);
            }
        }
    }
    let room = PREVIEW_ROWS.saturating_sub(preview.rows.len());
    preview.rows.extend(skipped.into_iter().take(room));
    Ok(preview)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Done,
    /// Waiting in the outbox: the directory cannot be reached, or the change is held.
    Queued,
    Skipped,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BulkResult {
    pub account_id: String,
    pub name: String,
    pub email: String,
    pub outcome: Outcome,
    /// Why it was skipped or failed, in the admin's words.
    pub reason: Option<String>,
    pub code: Option<ErrorCode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BulkProgress {
    pub done: u32,
    pub total: u32,
    pub failed: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BulkReport {
    /// Shared by the action's entries in the audit trail.
    pub bulk_id: String,
    pub done: u32,
    pub queued: u32,
    pub skipped: u32,
    pub failed: u32,
    /// True when the admin cancelled: accounts after that were not touched.
    pub cancelled: bool,
    pub millis: u32,
    pub results: Vec<BulkResult>,
}

/// Applies the action to each account in turn. A failure is recorded and the next account
/// goes ahead; a cancel stops before the next account.
pub async fn apply_all(
    to: &Changing<'_>,
    accounts: &[String],
    action: &BulkAction,
    cancel: &Cancel,
    mut on_progress: impl FnMut(BulkProgress),
) -> Result<BulkReport, CacheError> {
    let started = Instant::now();
    let bulk_id = format!("bulk-{}-{:08x}", clock::now_ms(), fastrand::u32(..));
    let total = accounts.len() as u32;
    let mut report = BulkReport {
        bulk_id,
        done: 0,
        queued: 0,
        skipped: 0,
        failed: 0,
        cancelled: false,
        millis: 0,
        results: Vec::with_capacity(accounts.len()),
    };
    on_progress(BulkProgress {
        done: 0,
        total,
        failed: 0,
    });
    for (at, id) in accounts.iter().enumerate() {
        if cancel.is_cancelled() {
            report.cancelled = true;
            break;
        }
        // A cache that cannot be read fails this account, not the whole action.
        let details = match to.cache.account_details(id).await {
            Ok(details) => details,
            Err(error) => {
                report.failed += 1;
                report.results.push(BulkResult {
                    account_id: id.clone(),
                    name: String::new(),
                    email: String::new(),
                    outcome: Outcome::Failed,
                    reason: Some(error.to_string()),
                    code: Some(error.code()),
                });
                on_progress(BulkProgress {
                    done: at as u32 + 1,
                    total,
                    failed: report.failed,
                });
                continue;
            }
        };
        let mut result = BulkResult {
            account_id: id.clone(),
            name: details
                .as_ref()
                .map(|d| d.account.name.clone())
                .unwrap_or_default(),
            email: details
                .as_ref()
                .map(|d| d.account.email.clone())
                .unwrap_or_default(),
            outcome: Outcome::Done,
            reason: None,
            code: None,
        };
        let plan = match &details {
            Some(details) => action.plan(details),
            None => Err("No longer in the list".to_owned()),
        };
        match (plan, AccountId::parse(id.as_str())) {
            (Err(reason), _) => {
                result.outcome = Outcome::Skipped;
                result.reason = Some(reason);
            }
            (Ok(_), Err(error)) => {
                result.outcome = Outcome::Failed;
                result.reason = Some(error.to_string());
                result.code = Some(ErrorCode::InvalidInput);
            }
            (Ok(changes), Ok(account)) => {
                for change in &changes {
                    match outbox::submit_with(to, &account, change, None, Some(&report.bulk_id))
                        .await
                    {
                        Ok(Submitted::Applied { .. }) => {}
                        Ok(Submitted::Queued { change }) => {
                            result.outcome = Outcome::Queued;
                            result.reason = Some(change.message.unwrap_or_else(|| {
                                "Waiting to be sent: the directory cannot be reached".to_owned()
                            }));
                        }
                        Err(error) => {
                            result.outcome = Outcome::Failed;
                            result.code = Some(error.code());
                            result.reason = Some(error.to_string());
                            break;
                        }
                    }
                }
            }
        }
        match result.outcome {
            Outcome::Done => report.done += 1,
            Outcome::Queued => report.queued += 1,
            Outcome::Skipped => report.skipped += 1,
            Outcome::Failed => report.failed += 1,
        }
        report.results.push(result);
        on_progress(BulkProgress {
            done: at as u32 + 1,
            total,
            failed: report.failed,
        });
    }
    report.millis = started.elapsed().as_millis() as u32;
    Ok(report)
}
