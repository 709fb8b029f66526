//! `PUT /users/{account_id}/manage/email`: a new address, only on a domain the
//! organization has verified. The change ends the user's sessions.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use custodian_core::directory::Email;
use serde::Deserialize;

use super::account_change::AccountChange;
use crate::accounts;
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
    let (mut change, account) =
        AccountChange::begin(&state, &caller, &account_id, privileges::email_set).await?;
    let email = Email::parse(body.email).map_err(|_| {
        ManageError::FieldConstraints(vec![FieldViolation::new("email", &["format"])])
    })?;

    let domain = email.domain();
    let verified: Option<String> =
        sqlx::query_scalar("SELECT domain_id FROM domains WHERE name = ? AND status = 'verified'")
            .bind(&domain)
            .fetch_optional(change.db())
            .await?;
    if verified.is_none() {
        return Err(ManageError::UnclaimedDomain(domain));
    }
    let holder = accounts::find_by_email(change.db(), email.as_str()).await?;
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
        .execute(change.db())
        .await?;
    change.end_sessions().await?;
    change.commit("user_email_updated").await?;
    Ok(StatusCode::NO_CONTENT)
}
