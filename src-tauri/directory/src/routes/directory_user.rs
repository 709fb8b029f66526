//! The v2 user record as search answers it, with the expansions that need their own
//! query (`productAccess`, `counts.resources`).

use std::collections::HashMap;

use serde_json::{Value, json};
use sqlx::{QueryBuilder, Sqlite};

use crate::accounts::Account;
use crate::errors::AdminError;
use crate::state::AppState;

/// The v2 user record, with the extension fields the console needs when `extensions`.
pub fn user_json(account: &Account, base_url: &str, extensions: bool) -> Value {
    let picture = account.picture(base_url);
    let mut user = json!({
        "accountId": account.account_id,
        "accountType": "atlassian",
        "status": account.status(),
        "accountStatus": account.account_status(),
        "membershipStatus": account.membership_status,
        "addedToOrg": account.added_to_org,
        "name": account.name,
        "nickname": account.nickname,
        "email": account.email,
        "emailVerified": true,
        "claimStatus": account.claim_status,
        "managementSource": account.management_source,
        "mfaEnabled": account.mfa_enabled,
        "jobTitle": account.job_title,
        "department": account.department,
        "organization": account.organization,
        "location": account.location,
        "timeZone": account.zoneinfo,
        "picture": picture,
        "avatar": picture,
        "links": {"self": account.account_id},
        "deactivatedOn": account.deactivated_on,
        "forDeletion": account.is_pending_deletion(),
    });
    if extensions {
        for (key, value) in [
            ("deletionDate", json!(account.deletion_due)),
            ("lastActive", json!(account.last_active)),
            ("directoryId", json!(account.directory_id)),
            (
                "twoStepVerificationExcluded",
                json!(account.two_step_excluded),
            ),
            (
                "passwordResetRequired",
                json!(account.password_reset_requested.is_some()),
            ),
        ] {
            user[key] = value;
        }
    }
    user
}

/// `productAccess` of each account on the page: one entry per product, with the latest
/// activity on it.
pub async fn product_access(
    state: &AppState,
    accounts: &[Account],
) -> Result<HashMap<String, Vec<Value>>, AdminError> {
    let mut map: HashMap<String, Vec<Value>> = HashMap::new();
    if accounts.is_empty() {
        return Ok(map);
    }
    let mut query = QueryBuilder::<Sqlite>::new(
        "SELECT r.account_id, p.product_key, r.resource_id, MAX(r.last_active) FROM product_roles r
         JOIN products p ON p.resource_id = r.resource_id WHERE r.account_id IN (",
    );
    let mut list = query.separated(", ");
    for account in accounts {
        list.push_bind(&account.account_id);
    }
    list.push_unseparated(") GROUP BY r.account_id, r.resource_id ORDER BY p.product_key");
    let rows: Vec<(String, String, String, Option<String>)> =
        query.build_query_as().fetch_all(&state.pool).await?;
    for (account_id, key, resource_id, last_active) in rows {
        map.entry(account_id)
            .or_default()
            .push(json!({"key": key, "id": resource_id, "lastActiveTimestamp": last_active}));
    }
    Ok(map)
}
