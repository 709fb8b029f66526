//! `POST /users/{account_id}/manage/lifecycle/{disable|enable|delete|cancel-delete}` and
//! the extension `GET .../lifecycle/delete/validate`. Deletion has a 14-day grace period
//! during which the account shows as deactivated and the deletion can be cancelled.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use chrono::Duration;
use serde::Deserialize;
use serde_json::{Value, json};

use super::account_change::AccountChange;
use super::target::managed_account;
use crate::accounts::Account;
use crate::clock;
use crate::errors::{FieldViolation, LifecycleProblem, ManageError};
use crate::extract::OptionalManageJson;
use crate::privileges;
use crate::state::{AppState, Caller};

const GRACE_PERIOD_DAYS: i64 = 14;
/// How long the reason given for a deactivation may be.
const MESSAGE_MAX_CHARS: usize = 1000;
const DELETE_HELP: &str =
    "https://support.atlassian.com/user-management/docs/delete-a-managed-account/";

fn conflict(account: &Account, message: &str, problems: Vec<LifecycleProblem>) -> ManageError {
    ManageError::Lifecycle {
        message: message.to_owned(),
        account_id: account.account_id.clone(),
        errors: problems,
    }
}

fn problem(code: &'static str, message: &str) -> LifecycleProblem {
    LifecycleProblem {
        code,
        message: message.to_owned(),
        link: Some(DELETE_HELP.to_owned()),
    }
}

/// What stands in the way of deleting the account, beyond the caller's privileges.
fn deletion_problems(account: &Account) -> Vec<LifecycleProblem> {
    let mut problems = Vec::new();
    if account.is_pending_deletion() {
        problems.push(problem(
            "alreadyPendingDeletion",
            "The account is already scheduled for deletion",
        ));
    }
    if account.is_org_admin {
        problems.push(problem(
            "orgAdmin",
            "The account is an organization admin; remove the admin role first",
        ));
    }
    problems
}

/// The optional body of `disable`, as Atlassian's API takes it. The note is checked, but
/// this server has no one to deliver it to, so it is kept nowhere.
#[derive(Deserialize)]
pub struct Deactivation {
    #[serde(default)]
    message: Option<String>,
}

pub async fn disable(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
    OptionalManageJson(body): OptionalManageJson<Deactivation>,
) -> Result<StatusCode, ManageError> {
    if let Some(message) = body.and_then(|body| body.message) {
        let mut keys = Vec::new();
        if message.chars().count() > MESSAGE_MAX_CHARS {
            keys.push("maxLength");
        }
        if message.chars().any(|c| c.is_control() && c != '\n') {
            keys.push("validCharacters");
        }
        if !keys.is_empty() {
            return Err(ManageError::FieldConstraints(vec![FieldViolation::new(
                "message", &keys,
            )]));
        }
    }
    let (mut change, account) =
        AccountChange::begin(&state, &caller, &account_id, privileges::lifecycle_disable).await?;
    if account.is_pending_deletion() {
        return Err(conflict(
            &account,
            "The account is scheduled for deletion",
            vec![problem(
                "pendingDeletion",
                "The account is already deactivated pending its deletion",
            )],
        ));
    }
    if account.account_status() == "active" {
        sqlx::query("UPDATE accounts SET account_status = 'inactive', deactivated_on = ? WHERE account_id = ?")
            .bind(clock::now_text())
            .bind(&account.account_id)
            .execute(change.db())
            .await?;
        change.end_sessions().await?;
        change.commit("user_deactivated").await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

pub async fn enable(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
) -> Result<StatusCode, ManageError> {
    let (mut change, account) = AccountChange::begin(
        &state,
        &caller,
        &account_id,
        privileges::lifecycle_enablement,
    )
    .await?;
    if account.is_pending_deletion() {
        return Err(conflict(
            &account,
            "The account is scheduled for deletion",
            vec![problem(
                "pendingDeletion",
                "Cancel the deletion to restore the account",
            )],
        ));
    }
    if account.account_status() != "active" {
        sqlx::query("UPDATE accounts SET account_status = 'active', deactivated_on = NULL WHERE account_id = ?")
            .bind(&account.account_id)
            .execute(change.db())
            .await?;
        change.commit("user_reactivated").await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

pub async fn delete(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
) -> Result<Json<Value>, ManageError> {
    let (mut change, account) =
        AccountChange::begin(&state, &caller, &account_id, privileges::lifecycle_delete).await?;
    let problems = deletion_problems(&account);
    if !problems.is_empty() {
        return Err(conflict(
            &account,
            "The account is not eligible for deletion",
            problems,
        ));
    }
    let now = clock::now();
    sqlx::query(
        "UPDATE accounts SET account_status = 'inactive', deactivated_on = COALESCE(deactivated_on, ?),
         deletion_due = ? WHERE account_id = ?",
    )
    .bind(clock::format(now))
    .bind(clock::format(now + Duration::days(GRACE_PERIOD_DAYS)))
    .bind(&account.account_id)
    .execute(change.db())
    .await?;
    change.end_sessions().await?;
    change.commit("user_deletion_scheduled").await?;
    Ok(Json(json!({"message": "Success"})))
}

pub async fn cancel_delete(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
) -> Result<Json<Value>, ManageError> {
    let (mut change, account) =
        AccountChange::begin(&state, &caller, &account_id, privileges::lifecycle_delete).await?;
    if !account.is_pending_deletion() {
        return Err(conflict(
            &account,
            "The account is not scheduled for deletion",
            vec![problem(
                "notPendingDeletion",
                "There is no deletion to cancel",
            )],
        ));
    }
    sqlx::query(
        "UPDATE accounts SET account_status = 'active', deactivated_on = NULL, deletion_due = NULL
         WHERE account_id = ?",
    )
    .bind(&account.account_id)
    .execute(change.db())
    .await?;
    change.commit("user_deletion_cancelled").await?;
    Ok(Json(json!({"message": "Success"})))
}

/// Extension: would `delete` succeed? The same checks, without the change.
pub async fn validate_delete(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
) -> Result<Json<Value>, ManageError> {
    let (org, account) = managed_account(&state, &account_id).await?;
    privileges::lifecycle_delete(&org.context(&caller, state.extensions), &account)
        .map_err(ManageError::Action)?;
    let problems = deletion_problems(&account);
    Ok(Json(json!({
        "accountId": account.account_id,
        "eligible": problems.is_empty(),
        "errorCodes": problems,
        "gracePeriodDays": GRACE_PERIOD_DAYS,
    })))
}
