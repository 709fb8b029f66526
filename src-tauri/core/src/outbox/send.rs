//! Sending the outbox: one change at a time, in the order they were made. Each is checked
//! against the account as the directory has it now, marked as being sent, sent with its
//! idempotency key, and settled with its audit entry in one transaction.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::account::{self, AccountError};
use crate::cache::AccountDetails;
use crate::cache::{NewAuditEntry, Outgoing, PendingState, Settled};
use crate::changes::{self, Applied, ChangeError, Changing, Fact, facts};
use crate::directory::AccountId;
use crate::photos::PreparedPhoto;
use crate::sync::Cancel;
use crate::{ErrorCode, WireError, clock};

/// What became of one queued change.
#[derive(Debug)]
pub enum Step {
    Applied {
        applied: Box<Applied>,
    },
    /// Held: a conflict for the admin, or waiting for an earlier change to the account.
    Held,
    /// The directory refused it; kept with the reason.
    Failed {
        error: ChangeError,
    },
    /// The directory cannot be reached (or asks to wait): the change stays queued, and so
    /// does everything after it.
    Stopped {
        error: WireError,
    },
    /// Not in the outbox, or not waiting to be sent.
    Gone,
}

/// How far a send of the outbox has got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutboxProgress {
    pub done: u32,
    pub total: u32,
    /// The change being sent, as the panel describes it.
    pub current: String,
}

/// How a send of the outbox ended.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutboxReport {
    pub applied: u32,
    pub held: u32,
    pub failed: u32,
    /// Still queued when it stopped.
    pub waiting: u32,
    /// Why it stopped before the end, when it did.
    pub stopped: Option<WireError>,
}

const CHANGED_MEANWHILE: &str = "The account changed on the directory after you made this change. Compare, then keep yours or discard it.";
const MAYBE_APPLIED: &str = "Custodian stopped while sending this change, and this directory cannot tell whether it arrived: the account has changed since. Compare, then keep yours or discard it.";
const WAITS: &str = "Waits for an earlier change to this account.";

/// How long Custodian Directory keeps an idempotency key's answer.
const KEYS_KEPT_MS: i64 = 24 * 60 * 60 * 1000;

/// Attempts after which a change that keeps failing without an answer is given up (kept as
/// failed, with the last reason), so that it does not hold up the changes behind it.
const MAX_ATTEMPTS: u32 = 5;

/// Whether the error means "not now" rather than "no": the change stays queued.
fn transient(code: ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::Offline | ErrorCode::RateLimited | ErrorCode::Internal
    )
}

/// Sends one queued change, if it is waiting to be sent. Only one sender at a time works
/// on a connection's outbox.
pub async fn send_one(to: &Changing<'_>, id: i64) -> Result<Step, ChangeError> {
    let _turn = to.cache.outbox_turn().await;
    send_locked(to, id).await
}

async fn send_locked(to: &Changing<'_>, id: i64) -> Result<Step, ChangeError> {
    let Some(outgoing) = to.cache.outgoing_change(id).await? else {
        return Ok(Step::Gone);
    };
    let queued = &outgoing.change;
    let in_doubt = match queued.state {
        PendingState::Pending => false,
        PendingState::Sending => true,
        _ => return Ok(Step::Gone),
    };
    if !in_doubt && to.cache.earlier_open_change(id).await?.is_some() {
        to.cache
            .hold_change(id, clock::now_ms(), WAITS, None)
            .await?;
        return Ok(Step::Held);
    }
    let account =
        AccountId::parse(queued.account_id.as_str()).map_err(changes::InvalidChange::from)?;

    // The account as the directory has it now: what the change is checked against.
    let current = match account::refresh(to.client, to.cache, to.org, &account).await {
        Ok(details) => details,
        Err(error) if transient(error.code()) && error.code() != ErrorCode::Internal => {
            return Ok(Step::Stopped {
                error: WireError::new(error.code(), error.to_string()),
            });
        }
        // The directory will not show this account (no longer managed, a key that may
        // not manage users...): this change fails with why; the others go on.
        Err(error) => {
            let refused = || ChangeError::Refused {
                code: error.code(),
                message: match &error {
                    AccountError::Directory(cause) => changes::refusals::explain(cause),
                    other => other.to_string(),
                },
            };
            settle(
                to,
                &outgoing,
                &account,
                None,
                &Applied::none(),
                Err(refused()),
            )
            .await?;
            return Ok(Step::Failed { error: refused() });
        }
    };
    let now = facts::touched(&queued.change, &current);
    let moved = facts::moved(&queued.base, &now);
    // An interrupted change may be what moved the facts: sent again with its key, a
    // backend that keeps keys answers without making it twice. One that does not cannot
    // tell, so the admin decides.
    // Keys are kept a day: after that a repeat is not recognised.
    let key_kept = clock::now_ms() - queued.updated_at < KEYS_KEPT_MS;
    let conflict = match (in_doubt, to.recognises_repeats && key_kept) {
        (false, _) => (!moved.is_empty()).then_some(CHANGED_MEANWHILE),
        (true, true) => None,
        (true, false) => (!moved.is_empty()).then_some(MAYBE_APPLIED),
    };
    if let Some(message) = conflict {
        to.cache
            .hold_change(id, clock::now_ms(), message, Some(&now))
            .await?;
        return Ok(Step::Held);
    }

    let photo = match &outgoing.photo {
        Some((bytes, content_type)) => Some(
            PreparedPhoto::kept(bytes.clone(), content_type).ok_or(ChangeError::Refused {
                code: ErrorCode::InvalidImage,
                message: "The queued photo could not be read back".into(),
            })?,
        ),
        None => None,
    };
    // Only as it was read: discarded or edited meanwhile, it is not this change any more.
    if !to
        .cache
        .start_sending(id, clock::now_ms(), &queued.change)
        .await?
    {
        return Ok(Step::Gone);
    }
    let client = to.client.with_idempotency_key(&outgoing.key);
    let keyed = Changing {
        client: &client,
        ..*to
    };
    let sent = changes::send(&keyed, &account, &queued.change, photo.as_ref()).await;
    match sent {
        Ok(()) => {
            let applied = changes::read_back(to, &account).await;
            settle(to, &outgoing, &account, Some(&current), &applied, Ok(())).await?;
            if let Some(after) = &applied.details {
                rebase_later(to, id, &current, after).await?;
            }
            Ok(Step::Applied {
                applied: Box::new(applied),
            })
        }
        // The directory did not take it (no connection, a gateway's 5xx, asked to wait):
        // back in line, to be checked again like any change that waits.
        Err(error @ ChangeError::NotTaken { .. }) => {
            to.cache.requeue_unsent(id).await?;
            Ok(Step::Stopped {
                error: WireError::new(error.code(), error.to_string()),
            })
        }
        // Left as `sending`: it may have arrived. The next attempt sends it again with the
        // same key; one that keeps failing this way stops being tried.
        Err(error) if transient(error.code()) && queued.attempts + 1 < MAX_ATTEMPTS => {
            Ok(Step::Stopped {
                error: WireError::new(error.code(), error.to_string()),
            })
        }
        Err(error) => {
            let kept = ChangeError::Refused {
                code: error.code(),
                message: error.to_string(),
            };
            settle(
                to,
                &outgoing,
                &account,
                Some(&current),
                &Applied::none(),
                Err(kept),
            )
            .await?;
            Ok(Step::Failed { error })
        }
    }
}

/// The admin's own changes, queued one after another, move the facts the later ones were
/// based on: those moves are expected, not conflicts. A later change's base follows a
/// fact this change moved, where the admin saw it as it was before.
async fn rebase_later(
    to: &Changing<'_>,
    id: i64,
    before: &AccountDetails,
    after: &AccountDetails,
) -> Result<(), ChangeError> {
    for later in to.cache.later_open_changes(id).await? {
        let then = facts::touched(&later.change, before);
        let now = facts::touched(&later.change, after);
        let mut moved = false;
        let base: Vec<Fact> = later
            .base
            .iter()
            .map(|fact| {
                let was = then.iter().find(|f| f.label == fact.label);
                let is = now.iter().find(|f| f.label == fact.label);
                match (was, is) {
                    (Some(was), Some(is)) if was.value == fact.value && is.value != was.value => {
                        moved = true;
                        is.clone()
                    }
                    _ => fact.clone(),
                }
            })
            .collect();
        if moved {
            to.cache.rebase_change(later.id, &base).await?;
        }
    }
    Ok(())
}

/// Ends a change's way, with its audit entry.
async fn settle(
    to: &Changing<'_>,
    outgoing: &Outgoing,
    account: &AccountId,
    before: Option<&AccountDetails>,
    applied: &Applied,
    result: Result<(), ChangeError>,
) -> Result<(), ChangeError> {
    let queued = &outgoing.change;
    let entry = NewAuditEntry {
        bulk_id: outgoing.bulk_id.clone(),
        ..changes::audit_entry(to, account, &queued.change, before, applied, &result)
    };
    let settled = match &result {
        Ok(()) => Settled::Applied,
        Err(error) => Settled::Failed {
            code: error.code().as_str().to_owned(),
            message: error.to_string(),
        },
    };
    to.cache.settle_change(queued.id, &settled, &entry).await?;
    Ok(())
}

/// Sends every queued change, in order, reporting progress; stops when the directory
/// cannot be reached, or when cancelled (between changes).
pub async fn send_pending(
    to: &Changing<'_>,
    cancel: &Cancel,
    mut progress: impl FnMut(OutboxProgress),
) -> Result<OutboxReport, ChangeError> {
    let _turn = to.cache.outbox_turn().await;
    let mut ids = to.cache.changes_to_send().await?;
    let mut tried = std::collections::HashSet::new();
    let mut report = OutboxReport::default();
    let mut done = 0u32;
    // Changes made while this runs join the end of the line (each is tried once per run).
    while let Some(id) = ids.iter().copied().find(|id| !tried.contains(id)) {
        tried.insert(id);
        let total = done
            + u32::try_from(ids.iter().filter(|id| !tried.contains(id)).count())
                .unwrap_or(u32::MAX)
            + 1;
        if cancel.is_cancelled() {
            report.waiting = total - done;
            report.stopped = Some(WireError::new(ErrorCode::Cancelled, "Stopped as you asked"));
            break;
        }
        let current = to
            .cache
            .outgoing_change(id)
            .await?
            .map(|outgoing| {
                format!(
                    "{}: {}",
                    outgoing.change.account_name, outgoing.change.description
                )
            })
            .unwrap_or_default();
        progress(OutboxProgress {
            done,
            total,
            current,
        });
        match send_locked(to, id).await? {
            Step::Applied { .. } => report.applied += 1,
            Step::Held => report.held += 1,
            Step::Failed { .. } => report.failed += 1,
            Step::Gone => {}
            Step::Stopped { error } => {
                report.waiting = total - done;
                report.stopped = Some(error);
                break;
            }
        }
        done += 1;
        ids = to.cache.changes_to_send().await?;
    }
    if report.stopped.is_none() {
        progress(OutboxProgress {
            done,
            total: done,
            current: String::new(),
        });
    }
    Ok(report)
}

/// Sends one queued change now unless a send of the outbox is running, which will take it
/// up: a change made meanwhile does not wait for the whole run.
pub(super) async fn send_if_idle(to: &Changing<'_>, id: i64) -> Result<Option<Step>, ChangeError> {
    match to.cache.outbox_turn_now() {
        Some(_turn) => send_locked(to, id).await.map(Some),
        None => Ok(None),
    }
}
