//! `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/role-assignments`:
//! the account's roles, one entry per resource, as Atlassian's v2 API answers them. With
//! the extensions on, each entry also carries the product's name, its site and when the
//! account last used it (extension fields), so that one call fills the product-access
//! table. One page: an account has a handful of resources.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::accounts;
use crate::errors::AdminError;
use crate::org;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Assignment {
    resource_id: String,
    product_key: String,
    name: String,
    site_url: String,
    role: String,
    last_active: Option<String>,
}

fn not_in_directory() -> AdminError {
    AdminError::refused(
        StatusCode::NOT_FOUND,
        "ADMIN-UAM-404-1",
        "Unknown Resource",
        "One or more user not found in the directory",
    )
}

/// Folds the rows (ordered by resource) into one entry per resource.
fn by_resource(rows: Vec<Assignment>, directory_id: &str, status: &str) -> Vec<Value> {
    let mut entries: Vec<Value> = Vec::new();
    let mut last_resource = None;
    for row in rows {
        let assignment = json!({"role": row.role, "roleAssignmentMethods": ["direct"]});
        if last_resource.as_deref() == Some(row.resource_id.as_str()) {
            if let Some(entry) = entries.last_mut() {
                push(&mut entry["roles"], json!(row.role));
                push(&mut entry["roleAssignments"], assignment);
                if row.last_active > entry["lastActive"].as_str().map(str::to_owned) {
                    entry["lastActive"] = json!(row.last_active);
                }
            }
            continue;
        }
        last_resource = Some(row.resource_id.clone());
        entries.push(json!({
            "resourceId": row.resource_id,
            "resourceOwner": row.product_key,
            "roles": [row.role],
            "roleAssignments": [assignment],
            "directoryId": directory_id,
            "userDirectoryStatus": status,
            "productName": row.name,
            "siteUrl": row.site_url,
            "lastActive": row.last_active,
        }));
    }
    entries
}

/// The entries as Atlassian Cloud answers them: without the extension fields.
fn without_extensions(entries: &mut [Value]) {
    for entry in entries {
        if let Value::Object(entry) = entry {
            for key in ["productName", "siteUrl", "lastActive"] {
                entry.remove(key);
            }
        }
    }
}

fn push(list: &mut Value, item: Value) {
    if let Value::Array(items) = list {
        items.push(item);
    }
}

pub async fn list(
    State(state): State<AppState>,
    Path((org_id, directory_id, account_id)): Path<(String, String, String)>,
) -> Result<Json<Value>, AdminError> {
    let org = org::by_id(&state.pool, &org_id).await?;
    let account = accounts::find(&state.pool, &account_id)
        .await?
        .filter(|a| a.org_id == org.org_id && !a.is_deleted())
        .filter(|a| directory_id == "-" || a.directory_id == directory_id)
        .ok_or_else(not_in_directory)?;
    let rows = sqlx::query_as::<_, Assignment>(
        "SELECT r.resource_id, p.product_key, p.name, p.site_url, r.role, r.last_active
         FROM product_roles r JOIN products p ON p.resource_id = r.resource_id
         WHERE r.account_id = ? ORDER BY p.product_key, r.resource_id, r.role",
    )
    .bind(&account.account_id)
    .fetch_all(&state.pool)
    .await?;
    let mut data = by_resource(rows, &account.directory_id, &account.membership_status);
    if !state.extensions {
        without_extensions(&mut data);
    }
    if account.is_org_admin {
        // A platform role: no directory, as Atlassian answers it.
        data.push(json!({
            "resourceId": format!("ari:cloud:platform::org/{}", org.org_id),
            "resourceOwner": "platform",
            "roles": ["atlassian/org-admin"],
            "roleAssignments": [{"role": "atlassian/org-admin", "roleAssignmentMethods": ["direct"]}],
            "directoryId": null,
            "userDirectoryStatus": null,
        }));
    }
    Ok(Json(json!({"data": data, "links": {"next": null}})))
}
