//! Extension: `POST /users/{account_id}/manage/password/reset`: the user must choose a new
//! password at their next login. Not for accounts whose identity provider owns the
//! password. `GET` on the same path tells whether a reset is pending.

use axum::extract::{Path, State};
use axum::{Extension, Json};
use serde_json::{Value, json};

use super::account_change::AccountChange;
use super::target::managed_account;
use crate::clock;
use crate::errors::ManageError;
use crate::privileges;
use crate::state::{AppState, Caller};

pub async fn require_reset(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
) -> Result<Json<Value>, ManageError> {
    let (mut change, account) =
        AccountChange::begin(&state, &caller, &account_id, privileges::password_reset).await?;
    let requested_at = match account.password_reset_requested {
        Some(already) => already,
        None => {
            let now = clock::now_text();
            sqlx::query("UPDATE accounts SET password_reset_requested = ? WHERE account_id = ?")
                .bind(&now)
                .bind(&account.account_id)
                .execute(change.db())
                .await?;
            change.commit("user_password_reset_required").await?;
            now
        }
    };
    Ok(Json(
        json!({"passwordResetRequired": true, "requestedAt": requested_at}),
    ))
}

pub async fn read(
    State(state): State<AppState>,
    Path(account_id): Path<String>,
) -> Result<Json<Value>, ManageError> {
    let (_, account) = managed_account(&state, &account_id).await?;
    let mut answer = json!({"passwordResetRequired": account.password_reset_requested.is_some()});
    if let Some(requested_at) = account.password_reset_requested {
        answer["requestedAt"] = json!(requested_at);
    }
    Ok(Json(answer))
}
