//! Extension: `GET|PUT|DELETE /users/{account_id}/manage/two-step-verification/exclusion`.
//! An account can only be excluded where the organization enforces two-step verification.

use axum::extract::{Path, State};
use axum::{Extension, Json};
use serde_json::{Value, json};

use super::account_change::AccountChange;
use super::target::managed_account;
use crate::errors::ManageError;
use crate::privileges;
use crate::state::{AppState, Caller};

pub async fn read(
    State(state): State<AppState>,
    Path(account_id): Path<String>,
) -> Result<Json<Value>, ManageError> {
    let (org, account) = managed_account(&state, &account_id).await?;
    Ok(Json(
        json!({"enforced": org.two_step_enforced, "excluded": account.two_step_excluded}),
    ))
}

async fn set(
    state: AppState,
    caller: Caller,
    account_id: String,
    excluded: bool,
) -> Result<Json<Value>, ManageError> {
    let (mut change, account) =
        AccountChange::begin(&state, &caller, &account_id, privileges::two_step_exclusion).await?;
    if account.two_step_excluded != excluded {
        sqlx::query("UPDATE accounts SET two_step_excluded = ? WHERE account_id = ?")
            .bind(excluded)
            .bind(&account.account_id)
            .execute(change.db())
            .await?;
        let action = if excluded {
            "user_2sv_excluded"
        } else {
            "user_2sv_exclusion_removed"
        };
        change.commit(action).await?;
    }
    Ok(Json(json!({"enforced": true, "excluded": excluded})))
}

pub async fn exclude(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
) -> Result<Json<Value>, ManageError> {
    set(state, caller, account_id, true).await
}

pub async fn include(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
) -> Result<Json<Value>, ManageError> {
    set(state, caller, account_id, false).await
}
