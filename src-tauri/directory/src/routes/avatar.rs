//! Extension: `PUT|DELETE|GET /users/{account_id}/manage/avatar`. The upload is the raw
//! image (`Content-Type: image/*`); the server checks it itself (see `image_check`).

use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use bytes::BytesMut;
use http_body_util::BodyExt;
use serde_json::{Value, json};

use super::account_change::AccountChange;
use super::target::managed_account;
use crate::errors::ManageError;
use crate::image_check::{self, MAX_BYTES};
use crate::privileges;
use crate::state::{AppState, Caller};

/// Past the limit, the rest of a moderately oversized upload is still read (and thrown
/// away) so that the client, still sending, receives the 413 rather than a reset
/// connection. Anything larger is cut off.
const DRAIN_LIMIT: usize = 4 * MAX_BYTES;

async fn read_image(body: Body) -> Result<Bytes, ManageError> {
    let mut body = body;
    let mut image = BytesMut::new();
    let mut received = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| ManageError::InvalidImage { reason: "corrupt" })?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        received += data.len();
        if received <= MAX_BYTES {
            image.extend_from_slice(&data);
        } else if received > DRAIN_LIMIT {
            break;
        }
    }
    if received > MAX_BYTES {
        return Err(ManageError::ImageTooLarge {
            max_bytes: MAX_BYTES,
        });
    }
    Ok(image.freeze())
}

fn declared_length(headers: &HeaderMap) -> Option<usize> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

pub async fn upload(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
    request: Request,
) -> Result<Json<Value>, ManageError> {
    // Refused before the upload is read; checked again in the change, after the image.
    managed_account(&state, &account_id).await?;
    let is_image = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim().to_ascii_lowercase().starts_with("image/"));
    if !is_image {
        return Err(ManageError::InvalidImage {
            reason: "unsupportedMediaType",
        });
    }
    if declared_length(request.headers()).is_some_and(|length| length > DRAIN_LIMIT) {
        return Err(ManageError::ImageTooLarge {
            max_bytes: MAX_BYTES,
        });
    }
    let bytes = read_image(request.into_body()).await?;
    // Decoding is CPU work: off the async workers.
    let checked = {
        let bytes = bytes.clone();
        tokio::task::spawn_blocking(move || image_check::check(&bytes))
            .await
            .map_err(|_| ManageError::InvalidImage { reason: "corrupt" })?
    };
    let checked = checked.map_err(|refusal| match refusal {
        image_check::Refusal::TooLarge => ManageError::ImageTooLarge {
            max_bytes: MAX_BYTES,
        },
        other => ManageError::InvalidImage {
            reason: other.reason(),
        },
    })?;

    let (mut change, account) =
        AccountChange::begin(&state, &caller, &account_id, privileges::unrestricted).await?;
    sqlx::query(
        "INSERT OR REPLACE INTO avatars (account_id, content_type, bytes) VALUES (?, ?, ?)",
    )
    .bind(&account.account_id)
    .bind(checked.content_type)
    .bind(bytes.as_ref())
    .execute(change.db())
    .await?;
    sqlx::query("UPDATE accounts SET avatar_version = avatar_version + 1 WHERE account_id = ?")
        .bind(&account.account_id)
        .execute(change.db())
        .await?;
    change.commit("user_avatar_updated").await?;
    let version = account.avatar_version + 1;
    let picture = format!(
        "{}/users/{}/manage/avatar?v={version}",
        state.base_url, account.account_id
    );
    Ok(Json(
        json!({"picture": picture, "contentType": checked.content_type}),
    ))
}

pub async fn remove(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
) -> Result<StatusCode, ManageError> {
    let (mut change, account) =
        AccountChange::begin(&state, &caller, &account_id, privileges::unrestricted).await?;
    let removed = sqlx::query("DELETE FROM avatars WHERE account_id = ?")
        .bind(&account.account_id)
        .execute(change.db())
        .await?;
    if removed.rows_affected() > 0 {
        sqlx::query("UPDATE accounts SET avatar_version = 0 WHERE account_id = ?")
            .bind(&account.account_id)
            .execute(change.db())
            .await?;
        change.commit("user_avatar_removed").await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

pub async fn fetch(
    State(state): State<AppState>,
    Path(account_id): Path<String>,
) -> Result<Response, ManageError> {
    let (_, account) = managed_account(&state, &account_id).await?;
    let avatar: Option<(String, Vec<u8>)> =
        sqlx::query_as("SELECT content_type, bytes FROM avatars WHERE account_id = ?")
            .bind(&account.account_id)
            .fetch_optional(&state.pool)
            .await?;
    let (content_type, bytes) = avatar.ok_or(ManageError::NotFound)?;
    Ok(([(header::CONTENT_TYPE, content_type)], Body::from(bytes)).into_response())
}
