//! What the admin decides about a queued change before it is sent: edit it, discard it,
//! try a failed one again, or keep it over a conflict.

use crate::cache::{Cache, PendingChange, PendingState};
use crate::changes::{Change, ChangeError, InvalidChange};
use crate::{ErrorCode, clock};

fn not_open() -> ChangeError {
    ChangeError::Refused {
        code: ErrorCode::Conflict,
        message: "This change is being sent or was sent already; it can no longer be changed"
            .into(),
    }
}

async fn find(cache: &Cache, id: i64) -> Result<PendingChange, ChangeError> {
    cache
        .outgoing_change(id)
        .await?
        .map(|outgoing| outgoing.change)
        .ok_or_else(|| ChangeError::Refused {
            code: ErrorCode::NotFound,
            message: "This change is no longer in the outbox".into(),
        })
}

/// Replaces a queued change with an edited one of the same kind (a new job title, another
/// email, a different message); it goes back in line.
pub async fn edit(cache: &Cache, id: i64, change: &Change) -> Result<(), ChangeError> {
    let queued = find(cache, id).await?;
    if std::mem::discriminant(&queued.change) != std::mem::discriminant(change) {
        return Err(ChangeError::Refused {
            code: ErrorCode::InvalidInput,
            message: format!(
                "A queued change keeps its kind: this one is \"{}\"",
                queued.description
            ),
        });
    }
    if matches!(change, Change::SetPhoto) {
        return Err(InvalidChange::PhotoWithoutImage.into());
    }
    change.validate()?;
    // Edited over a conflict, it is the admin's answer to what the directory has now.
    let base = match queued.state {
        PendingState::Conflict => queued.current.as_deref(),
        _ => None,
    };
    requeue(cache, id, change, base).await
}

/// Drops a queued change that has not been applied; one an interrupted send left in
/// doubt too, when no send is running.
pub async fn discard(cache: &Cache, id: i64) -> Result<(), ChangeError> {
    let idle = cache.outbox_turn_now();
    if cache.discard_change(id, idle.is_some()).await? {
        Ok(())
    } else {
        Err(not_open())
    }
}

/// Puts a failed change back in line, as it was.
pub async fn retry(cache: &Cache, id: i64) -> Result<(), ChangeError> {
    let queued = find(cache, id).await?;
    if queued.state != PendingState::Failed {
        return Err(not_open());
    }
    requeue(cache, id, &queued.change, None).await
}

/// Keeps the admin's change over what changed meanwhile: it is sent as it is, now
/// checked against the directory's present facts.
pub async fn keep_mine(cache: &Cache, id: i64) -> Result<(), ChangeError> {
    let queued = find(cache, id).await?;
    let (PendingState::Conflict, Some(current)) = (queued.state, &queued.current) else {
        return Err(not_open());
    };
    requeue(cache, id, &queued.change, Some(current)).await
}

async fn requeue(
    cache: &Cache,
    id: i64,
    change: &Change,
    base: Option<&[crate::changes::Fact]>,
) -> Result<(), ChangeError> {
    if cache
        .requeue_change(id, clock::now_ms(), change, base)
        .await?
    {
        Ok(())
    } else {
        Err(not_open())
    }
}
