//! Extension: `GET /users/{account_id}/manage/devices` and
//! `POST .../devices/{deviceId}/logout`. Browser sessions end at once; a mobile app only
//! notices at its next check-in, so its session is `pending` until a time at most an hour
//! away, and the answer says so rather than pretending it is over.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use chrono::Duration;
use serde_json::{Value, json};

use super::account_change::AccountChange;
use super::target::managed_account;
use crate::clock;
use crate::errors::ManageError;
use crate::privileges;
use crate::state::{AppState, Caller};

/// How long a mobile app may keep its session after a log-out.
const MOBILE_GRACE_MINUTES: i64 = 60;

#[derive(sqlx::FromRow)]
struct Device {
    device_id: String,
    kind: String,
    name: String,
    location: Option<String>,
    ip: Option<String>,
    last_active: String,
    session_ends_at: Option<String>,
}

fn session(ends_at: Option<&str>, now: &str) -> Value {
    match ends_at {
        None => json!({"state": "active"}),
        Some(ends) if ends > now => json!({"state": "pending", "endsBy": ends}),
        Some(ends) => json!({"state": "ended", "endedAt": ends}),
    }
}

fn device_json(device: &Device, now: &str) -> Value {
    json!({
        "id": device.device_id,
        "kind": device.kind,
        "name": device.name,
        "location": device.location,
        "ipAddress": device.ip,
        "lastActive": device.last_active,
        "session": session(device.session_ends_at.as_deref(), now),
    })
}

pub async fn list(
    State(state): State<AppState>,
    Path(account_id): Path<String>,
) -> Result<Json<Value>, ManageError> {
    let (_, account) = managed_account(&state, &account_id).await?;
    let devices = sqlx::query_as::<_, Device>(
        "SELECT device_id, kind, name, location, ip, last_active, session_ends_at FROM devices
         WHERE account_id = ? ORDER BY last_active DESC",
    )
    .bind(&account.account_id)
    .fetch_all(&state.pool)
    .await?;
    let now = clock::now_text();
    Ok(Json(
        json!({"data": devices.iter().map(|d| device_json(d, &now)).collect::<Vec<_>>()}),
    ))
}

pub async fn logout(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((account_id, device_id)): Path<(String, String)>,
) -> Result<(StatusCode, Json<Value>), ManageError> {
    let (mut change, account) =
        AccountChange::begin(&state, &caller, &account_id, privileges::device_logout).await?;
    let device = sqlx::query_as::<_, Device>(
        "SELECT device_id, kind, name, location, ip, last_active, session_ends_at FROM devices
         WHERE account_id = ? AND device_id = ?",
    )
    .bind(&account.account_id)
    .bind(&device_id)
    .fetch_optional(change.db())
    .await?
    .ok_or(ManageError::NotFound)?;

    let now = clock::now();
    let now_text = clock::format(now);
    let ends_at = if device.kind == "browser" {
        now_text.clone()
    } else {
        clock::format(now + Duration::minutes(MOBILE_GRACE_MINUTES))
    };
    // An earlier end stays: logging out twice never extends a session.
    let ends_at = match device.session_ends_at {
        Some(existing) if existing < ends_at => existing,
        _ => ends_at,
    };
    sqlx::query("UPDATE devices SET session_ends_at = ? WHERE device_id = ?")
        .bind(&ends_at)
        .bind(&device.device_id)
        .execute(change.db())
        .await?;
    change.commit("user_device_logged_out").await?;
    let pending = ends_at > now_text;
    let status = if pending {
        StatusCode::ACCEPTED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(
            json!({"id": device.device_id, "kind": device.kind, "session": session(Some(&ends_at), &now_text)}),
        ),
    ))
}
