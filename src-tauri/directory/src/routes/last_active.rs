//! `GET /admin/v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates`: when the
//! user last used each product. One page: a user has a handful of products.

use axum::Json;
use axum::extract::{Path, State};
use serde_json::{Value, json};

use crate::accounts;
use crate::errors::AdminError;
use crate::org;
use crate::state::AppState;

/// The product key as the v1 organizations API spells it.
fn v1_key(product_key: &str) -> &str {
    match product_key {
        "jira-servicedesk" => "jira-service-desk",
        other => other,
    }
}

pub async fn dates(
    State(state): State<AppState>,
    Path((org_id, account_id)): Path<(String, String)>,
) -> Result<Json<Value>, AdminError> {
    let org = org::by_id(&state.pool, &org_id).await?;
    let account = accounts::find(&state.pool, &account_id)
        .await?
        .filter(|a| a.org_id == org.org_id)
        .ok_or_else(AdminError::user_not_found)?;
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT r.resource_id, p.product_key, MAX(r.last_active) FROM product_roles r
         JOIN products p ON p.resource_id = r.resource_id
         WHERE r.account_id = ? GROUP BY r.resource_id ORDER BY p.product_key",
    )
    .bind(&account.account_id)
    .fetch_all(&state.pool)
    .await?;
    let access: Vec<Value> = rows
        .into_iter()
        .map(|(id, key, last_active)| {
            let mut entry = json!({"id": id, "key": v1_key(&key)});
            // `last_active` is a date here, not a time.
            if let Some(date) = last_active.as_deref().and_then(|t| t.get(..10)) {
                entry["last_active"] = json!(date);
            }
            entry
        })
        .collect();
    let added = account.added_to_org.get(..10).map(str::to_owned);
    Ok(Json(
        json!({"data": {"product_access": access, "added_to_org": added}, "links": {}}),
    ))
}
