//! Making a change: queued first, so that nothing the admin decides is lost, then sent at
//! once when the directory can be reached.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::send::{Step, send_if_idle};
use crate::cache::{NewPendingChange, PendingChange};
use crate::changes::{Applied, Change, ChangeError, Changing, InvalidChange, facts};
use crate::clock;
use crate::directory::AccountId;
use crate::photos::PreparedPhoto;

/// What became of a change the admin made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "outcome", rename_all = "camelCase")]
#[expect(
    clippy::large_enum_variant,
    reason = "one per change the admin makes, answered and dropped"
)]
pub enum Submitted {
    /// Made; the account as now cached.
    Applied { applied: Applied },
    /// Waiting in the outbox: offline, or behind an earlier change to the account, or
    /// held as a conflict (its state and message say which).
    Queued { change: PendingChange },
}

/// Queues a change (with its photo for a new one) without trying to send it.
pub async fn queue(
    to: &Changing<'_>,
    account: &AccountId,
    change: &Change,
    photo: Option<&PreparedPhoto>,
    review_id: Option<i64>,
) -> Result<i64, ChangeError> {
    queue_with(to, account, change, photo, review_id, None).await
}

async fn queue_with(
    to: &Changing<'_>,
    account: &AccountId,
    change: &Change,
    photo: Option<&PreparedPhoto>,
    review_id: Option<i64>,
    bulk_id: Option<&str>,
) -> Result<i64, ChangeError> {
    match (change, photo) {
        (Change::SetPhoto, Some(_)) => {}
        (Change::SetPhoto, None) => return Err(InvalidChange::PhotoWithoutImage.into()),
        _ => change.validate()?,
    }
    let details = to.cache.account_details(account.as_str()).await?;
    let pending = NewPendingChange {
        key: super::new_key(),
        queued_at: clock::now_ms(),
        account_id: account.as_str().to_owned(),
        account_name: details
            .as_ref()
            .map(|d| d.account.name.clone())
            .unwrap_or_default(),
        account_email: details
            .as_ref()
            .map(|d| d.account.email.clone())
            .unwrap_or_default(),
        change: change.clone(),
        base: details
            .as_ref()
            .map(|d| facts::touched(change, d))
            .unwrap_or_default(),
        photo: photo.map(|p| (p.bytes.clone(), p.content_type.to_owned())),
        review_id,
        bulk_id: bulk_id.map(str::to_owned),
    };
    Ok(to.cache.queue_change(&pending).await?)
}

/// Makes a change: queues it, then sends it unless the directory is known to be offline.
/// A refusal is returned as the error and leaves nothing queued (the audit trail keeps
/// it); a change that cannot be sent now stays queued.
pub async fn submit(
    to: &Changing<'_>,
    account: &AccountId,
    change: &Change,
    photo: Option<&PreparedPhoto>,
) -> Result<Submitted, ChangeError> {
    submit_with(to, account, change, photo, None).await
}

/// [`submit`], as one change of the bulk action `bulk_id`.
pub async fn submit_with(
    to: &Changing<'_>,
    account: &AccountId,
    change: &Change,
    photo: Option<&PreparedPhoto>,
    bulk_id: Option<&str>,
) -> Result<Submitted, ChangeError> {
    let id = queue_with(to, account, change, photo, None, bulk_id).await?;
    let offline = to.cache.sync_state(to.org.as_str()).await?.offline;
    let step = if offline {
        Step::Stopped {
            error: crate::WireError::new(
                crate::ErrorCode::Offline,
                "The directory cannot be reached",
            ),
        }
    } else {
        match send_if_idle(to, id).await? {
            Some(step) => step,
            None => Step::Held,
        }
    };
    match step {
        Step::Applied { applied } => Ok(Submitted::Applied { applied: *applied }),
        Step::Failed { error } => {
            to.cache.forget_failed_change(id).await?;
            Err(error)
        }
        Step::Held | Step::Stopped { .. } | Step::Gone => {
            let change = to
                .cache
                .pending_changes()
                .await?
                .into_iter()
                .find(|pending| pending.id == id);
            match change {
                Some(change) => Ok(Submitted::Queued { change }),
                None => Err(ChangeError::Refused {
                    code: crate::ErrorCode::Internal,
                    message: "the change left the outbox unexpectedly".into(),
                }),
            }
        }
    }
}
