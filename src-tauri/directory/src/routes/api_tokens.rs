//! `GET /users/{account_id}/manage/api-tokens`, `DELETE .../api-tokens/{tokenId}` and the
//! extension `DELETE .../api-tokens` (all of them): only on Atlassian Guard Standard.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use serde_json::{Value, json};

use super::account_change::AccountChange;
use super::target::managed_account;
use crate::errors::ManageError;
use crate::privileges;
use crate::state::{AppState, Caller};

#[derive(sqlx::FromRow)]
struct Token {
    token_id: String,
    label: String,
    created_at: String,
    last_access: Option<String>,
    expiry: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
) -> Result<Json<Value>, ManageError> {
    let (org, account) = managed_account(&state, &account_id).await?;
    privileges::api_tokens(&org.context(&caller, state.extensions), &account)
        .map_err(ManageError::Action)?;
    let tokens = sqlx::query_as::<_, Token>(
        "SELECT token_id, label, created_at, last_access, expiry FROM api_tokens
         WHERE account_id = ? ORDER BY created_at DESC",
    )
    .bind(&account.account_id)
    .fetch_all(&state.pool)
    .await?;
    let tokens = tokens
        .into_iter()
        .map(|token| {
            // `ApiTokenModel` has no nullable fields: absent values are left out.
            let mut model =
                json!({"id": token.token_id, "label": token.label, "createdAt": token.created_at});
            if let Some(last_access) = token.last_access {
                model["lastAccess"] = json!(last_access);
            }
            if let Some(expiry) = token.expiry {
                model["expiry"] = json!(expiry);
            }
            model
        })
        .collect();
    Ok(Json(Value::Array(tokens)))
}

pub async fn revoke(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((account_id, token_id)): Path<(String, String)>,
) -> Result<StatusCode, ManageError> {
    let (mut change, account) =
        AccountChange::begin(&state, &caller, &account_id, privileges::api_tokens).await?;
    let deleted = sqlx::query("DELETE FROM api_tokens WHERE token_id = ? AND account_id = ?")
        .bind(&token_id)
        .bind(&account.account_id)
        .execute(change.db())
        .await?;
    if deleted.rows_affected() == 0 {
        return Err(ManageError::NotFound);
    }
    change.commit("api_token_revoked").await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Extension: `DELETE /users/{account_id}/manage/api-tokens`, every token at once.
pub async fn revoke_all(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
) -> Result<Json<Value>, ManageError> {
    let (mut change, account) =
        AccountChange::begin(&state, &caller, &account_id, privileges::api_tokens).await?;
    let revoked = sqlx::query("DELETE FROM api_tokens WHERE account_id = ?")
        .bind(&account.account_id)
        .execute(change.db())
        .await?
        .rows_affected();
    if revoked > 0 {
        change.commit("api_tokens_revoked").await?;
    }
    Ok(Json(json!({"revokedTokens": revoked})))
}
