//! `GET /users/{account_id}/manage`: what the caller may do to the account, and why not.

use axum::Extension;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use serde_json::Value;

use super::target::managed_account;
use crate::errors::ManageError;
use crate::extract::query_values;
use crate::privileges;
use crate::state::{AppState, Caller};

pub async fn privileges(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ManageError> {
    let (org, account) = managed_account(&state, &account_id).await?;
    let wanted = query_values(query.as_deref(), "privileges");
    Ok(Json(Value::Object(privileges::all(
        &org.context(&caller, state.extensions),
        &account,
        &wanted,
    ))))
}
