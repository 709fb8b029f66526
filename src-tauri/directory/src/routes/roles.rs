//! `POST /admin/v1/orgs/{orgId}/users/{accountId}/roles/assign|revoke`: product access.
//! `resource` is a workspace ARI, required for every role but org-admin.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::search::ROLE_IDS;
use crate::accounts;
use crate::audit::Target;
use crate::change::Change;
use crate::errors::AdminError;
use crate::extract::AdminJson;
use crate::org;
use crate::products;
use crate::state::{AppState, Caller};

#[derive(Deserialize)]
pub struct RoleChange {
    role: String,
    resource: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Assign,
    Revoke,
}

async fn change_role(
    state: AppState,
    caller: Caller,
    org_id: String,
    account_id: String,
    body: RoleChange,
    action: Action,
) -> Result<StatusCode, AdminError> {
    let mut change = Change::begin(&state.pool).await?;
    let org = org::by_id(change.db(), &org_id).await?;
    if !ROLE_IDS.contains(&body.role.as_str()) || body.role == "atlassian/ai-access" {
        return Err(AdminError::invalid_body(format!(
            "Unknown role {:?}",
            body.role
        )));
    }
    let account = accounts::find(change.db(), &account_id)
        .await?
        .filter(|a| a.org_id == org.org_id && !a.is_deleted())
        .ok_or_else(AdminError::user_not_found)?;
    if action == Action::Assign && account.account_status() != "active" {
        return Err(AdminError::refused(
            StatusCode::BAD_REQUEST,
            "ADMIN-UAM-400-2",
            "Inactive user",
            "Reactivate the account before granting access",
        ));
    }

    if body.role == "atlassian/org-admin" {
        sqlx::query("UPDATE accounts SET is_org_admin = ? WHERE account_id = ?")
            .bind(action == Action::Assign)
            .bind(&account.account_id)
            .execute(change.db())
            .await?;
    } else {
        let resource = body.resource.ok_or_else(|| {
            AdminError::refused(
                StatusCode::BAD_REQUEST,
                "ADMIN-UAM-400-3",
                "Invalid Role for Resource",
                "This role needs a resource",
            )
        })?;
        let product = products::key_of(change.db(), &org.org_id, &resource).await?;
        let product = product.ok_or_else(|| {
            AdminError::refused(
                StatusCode::BAD_REQUEST,
                "ADMIN-UAM-400-4",
                "Product not licensed",
                "The organization has no product on this resource",
            )
        })?;
        if !products::roles(&product).contains(&body.role.as_str()) {
            return Err(AdminError::refused(
                StatusCode::BAD_REQUEST,
                "ADMIN-UAM-400-3",
                "Invalid Role for Resource",
                format!("{product} has no role {}", body.role),
            ));
        }
        let sql = match action {
            Action::Assign => {
                "INSERT OR IGNORE INTO product_roles (account_id, resource_id, role) VALUES (?, ?, ?)"
            }
            Action::Revoke => {
                "DELETE FROM product_roles WHERE account_id = ? AND resource_id = ? AND role = ?"
            }
        };
        sqlx::query(sql)
            .bind(&account.account_id)
            .bind(&resource)
            .bind(&body.role)
            .execute(change.db())
            .await?;
    }
    let event = match action {
        Action::Assign => "product_access_granted",
        Action::Revoke => "product_access_revoked",
    };
    change
        .commit(
            &caller,
            event,
            Target::user(&account.account_id, &account.name),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn assign(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((org_id, account_id)): Path<(String, String)>,
    AdminJson(body): AdminJson<RoleChange>,
) -> Result<StatusCode, AdminError> {
    change_role(state, caller, org_id, account_id, body, Action::Assign).await
}

pub async fn revoke(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((org_id, account_id)): Path<(String, String)>,
    AdminJson(body): AdminJson<RoleChange>,
) -> Result<StatusCode, AdminError> {
    change_role(state, caller, org_id, account_id, body, Action::Revoke).await
}
