//! Extension: `POST /users/{account_id}/manage/password/reset`: the user must choose a new
//! password at their next login. Not for accounts whose identity provider owns the
//! password.

use axum::extract::{Path, State};
use axum::{Extension, Json};
use serde_json::{Value, json};

use super::target::managed_account;
use crate::audit::{self, Target};
use crate::clock;
use crate::errors::ManageError;
use crate::privileges;
use crate::state::{AppState, Caller};

pub async fn require_reset(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
) -> Result<Json<Value>, ManageError> {
    let (_, account) = managed_account(&state, &account_id).await?;
    privileges::password_reset(&account).map_err(ManageError::Action)?;
    let requested_at = match account.password_reset_requested {
        Some(already) => already,
        None => {
            let now = clock::now_text();
            sqlx::query("UPDATE accounts SET password_reset_requested = ? WHERE account_id = ?")
                .bind(&now)
                .bind(&account.account_id)
                .execute(&state.pool)
                .await?;
            audit::record(
                &state.pool,
                &caller,
                "user_password_reset_required",
                Target::user(&account.account_id, &account.name),
            )
            .await?;
            now
        }
    };
    Ok(Json(
        json!({"passwordResetRequired": true, "requestedAt": requested_at}),
    ))
}
