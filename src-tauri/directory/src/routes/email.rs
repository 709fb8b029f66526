//! `PUT /users/{account_id}/manage/email`: a new address, only on a domain the
//! organization has verified. The change ends the user's sessions.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use custodian_core::directory::Email;
use serde::Deserialize;

use super::target::managed_account;
use crate::accounts;
use crate::audit::{self, Target};
use crate::errors::{FieldViolation, ManageError};
use crate::extract::ManageJson;
use crate::privileges;
use crate::state::{AppState, Caller};

#[derive(Deserialize)]
pub struct NewEmail {
    email: String,
}

pub async fn set(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
    ManageJson(body): ManageJson<NewEmail>,
) -> Result<StatusCode, ManageError> {
    let (_, account) = managed_account(&state, &account_id).await?;
    let email = Email::parse(body.email).map_err(|_| {
        ManageError::FieldConstraints(vec![FieldViolation::new("email", &["format"])])
    })?;
    privileges::email_set(&account).map_err(ManageError::Action)?;

    let domain = email.domain();
    let verified: Option<String> =
        sqlx::query_scalar("SELECT domain_id FROM domains WHERE name = ? AND status = 'verified'")
            .bind(&domain)
            .fetch_optional(&state.pool)
            .await?;
    if verified.is_none() {
        return Err(ManageError::UnclaimedDomain(domain));
    }
    let holder = accounts::find_by_email(&state.pool, email.as_str()).await?;
    if holder.is_some_and(|holder| holder.account_id != account.account_id) {
        return Err(ManageError::FieldConstraints(vec![FieldViolation::new(
            "email",
            &["alreadyInUse"],
        )]));
    }

    sqlx::query("UPDATE accounts SET email = ?, email_domain = ? WHERE account_id = ?")
        .bind(email.as_str())
        .bind(&domain)
        .bind(&account.account_id)
        .execute(&state.pool)
        .await?;
    accounts::end_sessions(&state.pool, &account.account_id).await?;
    audit::record(
        &state.pool,
        &caller,
        "user_email_updated",
        Target::user(&account.account_id, &account.name),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
