//! `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/search`: the users of a
//! directory (`-` for all), filtered, in pages of at most 100 cut by keyset, with the
//! opaque cursor of the next page in `links.next`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;
use serde_json::{Value, json};
use sqlx::{QueryBuilder, Sqlite};

use super::directories::MAX_LIMIT;
use super::directory_user::{product_access, user_json};
use crate::accounts::Account;
use crate::clock;
use crate::cursor;
use crate::errors::AdminError;
use crate::extract::AdminJson;
use crate::org;
use crate::state::AppState;

const DEFAULT_LIMIT: i64 = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchRequest {
    cursor: Option<String>,
    limit: Option<i64>,
    #[serde(default)]
    account_ids: Vec<String>,
    #[serde(default)]
    directory_ids: Vec<String>,
    #[serde(default)]
    resource_ids: Vec<String>,
    #[serde(default)]
    group_ids: Vec<String>,
    mfa_enabled: Option<bool>,
    claim_status: Option<String>,
    #[serde(default)]
    status: Vec<String>,
    #[serde(default)]
    account_status: Vec<String>,
    #[serde(default)]
    membership_status: Vec<String>,
    #[serde(default)]
    role_ids: Vec<String>,
    #[serde(default)]
    email_domains: Vec<String>,
    search_term: Option<String>,
    #[serde(default)]
    emails: Vec<String>,
    #[serde(default)]
    expand: Vec<String>,
    #[serde(default)]
    sort_by: Vec<SortBy>,
}

#[derive(Debug, Deserialize)]
pub struct SortBy {
    field: String,
    direction: String,
}

const STATUSES: [&str; 5] = [
    "active",
    "suspended",
    "not_invited",
    "deactivated",
    "for_deletion",
];
const ACCOUNT_STATUSES: [&str; 3] = ["active", "inactive", "closed"];
const MEMBERSHIP_STATUSES: [&str; 3] = ["active", "suspended", "no_membership"];
const EXPANDS: [&str; 4] = [
    "platformRoles",
    "counts.resources",
    "productAccess",
    "groups",
];
pub const ROLE_IDS: [&str; 11] = [
    "atlassian/user",
    "atlassian/admin",
    "atlassian/guest",
    "atlassian/customer",
    "atlassian/user-access-admin",
    "atlassian/contributor",
    "atlassian/basic",
    "atlassian/stakeholder",
    "atlassian/org-admin",
    "atlassian/site-admin",
    "atlassian/ai-access",
];

fn check_values(name: &str, values: &[String], allowed: &[&str]) -> Result<(), AdminError> {
    match values.iter().find(|v| !allowed.contains(&v.as_str())) {
        Some(bad) => Err(AdminError::bad_request(format!(
            "{name}: unknown value {bad:?}"
        ))),
        None => Ok(()),
    }
}

/// `SQL LIKE` text with the wildcards of the search term taken literally.
fn like_pattern(term: &str) -> String {
    let escaped = term
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

fn push_in<'a>(query: &mut QueryBuilder<'a, Sqlite>, column: &str, values: &'a [String]) {
    query.push(format!(" AND {column} IN ("));
    let mut list = query.separated(", ");
    for value in values {
        list.push_bind(value.as_str());
    }
    list.push_unseparated(")");
}

/// The v2 status filter in SQL: Atlassian's derived status, with a lapsed grace period
/// counted as deleted.
fn status_condition(status: &str) -> &'static str {
    match status {
        "active" => "(account_status = 'active' AND membership_status = 'active')",
        "suspended" => "(account_status = 'active' AND membership_status = 'suspended')",
        "not_invited" => "(account_status = 'active' AND membership_status = 'no_membership')",
        "for_deletion" => "(deletion_due IS NOT NULL AND deletion_due > :now)",
        _ => "(account_status <> 'active' AND (deletion_due IS NULL OR deletion_due <= :now))",
    }
}

fn account_status_condition(status: &str) -> &'static str {
    match status {
        "active" => "(account_status = 'active')",
        "inactive" => {
            "(account_status = 'inactive' AND (deletion_due IS NULL OR deletion_due > :now))"
        }
        _ => "(account_status = 'closed' OR deletion_due <= :now)",
    }
}

pub async fn search(
    State(state): State<AppState>,
    Path((org_id, directory_id)): Path<(String, String)>,
    AdminJson(request): AdminJson<SearchRequest>,
) -> Result<Json<Value>, AdminError> {
    let org = org::by_id(&state.pool, &org_id).await?;
    let limit = request.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(AdminError::bad_request(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    if request.search_term.is_some() && !request.emails.is_empty() {
        return Err(AdminError::bad_request(
            "searchTerm and emails cannot be used together",
        ));
    }
    check_values("status", &request.status, &STATUSES)?;
    check_values("accountStatus", &request.account_status, &ACCOUNT_STATUSES)?;
    check_values(
        "membershipStatus",
        &request.membership_status,
        &MEMBERSHIP_STATUSES,
    )?;
    check_values("expand", &request.expand, &EXPANDS)?;
    check_values("roleIds", &request.role_ids, &ROLE_IDS)?;
    if let Some(claim) = &request.claim_status {
        check_values(
            "claimStatus",
            std::slice::from_ref(claim),
            &["managed", "unmanaged"],
        )?;
    }
    let descending = match request.sort_by.as_slice() {
        [] => None,
        [sort] if sort.field == "nick_name" && sort.direction == "asc" => Some(false),
        [sort] if sort.field == "nick_name" && sort.direction == "desc" => Some(true),
        _ => {
            return Err(AdminError::bad_request(
                "sortBy takes one entry: field nick_name, direction asc or desc",
            ));
        }
    };
    let position = request
        .cursor
        .as_deref()
        .map(|c| cursor::decode("users", c))
        .transpose()?;
    if directory_id != "-" {
        let known: Option<String> = sqlx::query_scalar(
            "SELECT directory_id FROM directories WHERE org_id = ? AND directory_id = ?",
        )
        .bind(&org.org_id)
        .bind(&directory_id)
        .fetch_optional(&state.pool)
        .await?;
        if known.is_none() {
            return Err(AdminError::refused(
                axum::http::StatusCode::NOT_FOUND,
                "ADMIN-UAM-404-1",
                "Unknown Resource",
                "No such directory in the organization",
            ));
        }
    }

    let now = clock::now_text();
    let mut query = QueryBuilder::<Sqlite>::new("SELECT * FROM accounts WHERE org_id = ");
    query.push_bind(&org.org_id);
    if directory_id != "-" {
        query.push(" AND directory_id = ").push_bind(&directory_id);
    }
    if !request.directory_ids.is_empty() {
        push_in(&mut query, "directory_id", &request.directory_ids);
    }
    if !request.account_ids.is_empty() {
        push_in(&mut query, "account_id", &request.account_ids);
    }
    if !request.emails.is_empty() {
        push_in(&mut query, "email", &request.emails);
    }
    if !request.email_domains.is_empty() {
        push_in(&mut query, "email_domain", &request.email_domains);
    }
    if !request.group_ids.is_empty() {
        // This directory has no groups: no user is in any of them.
        query.push(" AND 0");
    }
    if let Some(mfa) = request.mfa_enabled {
        query.push(" AND mfa_enabled = ").push_bind(mfa);
    }
    if let Some(claim) = &request.claim_status {
        query.push(" AND claim_status = ").push_bind(claim);
    }
    let push_any = |query: &mut QueryBuilder<'_, Sqlite>, conditions: Vec<&'static str>| {
        if !conditions.is_empty() {
            // `:now` stands for the current time, bound once per use.
            let sql = conditions.join(" OR ");
            let mut parts = sql.split(":now").peekable();
            query.push(" AND (");
            while let Some(part) = parts.next() {
                query.push(part);
                if parts.peek().is_some() {
                    query.push_bind(now.clone());
                }
            }
            query.push(")");
        }
    };
    push_any(
        &mut query,
        request.status.iter().map(|s| status_condition(s)).collect(),
    );
    push_any(
        &mut query,
        request
            .account_status
            .iter()
            .map(|s| account_status_condition(s))
            .collect(),
    );
    if !request.membership_status.is_empty() {
        push_in(&mut query, "membership_status", &request.membership_status);
    }
    if !request.role_ids.is_empty() {
        let org_admin = request.role_ids.iter().any(|r| r == "atlassian/org-admin");
        query
            .push(" AND (")
            .push(if org_admin { "is_org_admin = 1" } else { "0" });
        query.push(
            " OR EXISTS (SELECT 1 FROM product_roles r WHERE r.account_id = accounts.account_id",
        );
        push_in(&mut query, "r.role", &request.role_ids);
        query.push("))");
    }
    if !request.resource_ids.is_empty() {
        query.push(
            " AND EXISTS (SELECT 1 FROM product_roles r WHERE r.account_id = accounts.account_id",
        );
        push_in(&mut query, "r.resource_id", &request.resource_ids);
        query.push(")");
    }
    if let Some(term) = request
        .search_term
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let pattern = like_pattern(term);
        query
            .push(" AND (name LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\'");
        query
            .push(" OR nickname LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\'");
        query
            .push(" OR email LIKE ")
            .push_bind(pattern)
            .push(" ESCAPE '\\')");
    }
    match (descending, &position) {
        (None, Some(p)) => {
            query.push(" AND seq > ").push_bind(p.after);
        }
        (Some(desc), Some(p)) => {
            let name = p.name.clone().unwrap_or_default();
            query.push(if desc {
                " AND (nickname, seq) < ("
            } else {
                " AND (nickname, seq) > ("
            });
            query
                .push_bind(name)
                .push(", ")
                .push_bind(p.after)
                .push(")");
        }
        (_, None) => {}
    }
    query.push(match descending {
        None => " ORDER BY seq",
        Some(false) => " ORDER BY nickname, seq",
        Some(true) => " ORDER BY nickname DESC, seq DESC",
    });
    query.push(" LIMIT ").push_bind(limit + 1);

    let mut accounts: Vec<Account> = query.build_query_as().fetch_all(&state.pool).await?;
    let more = accounts.len() as i64 > limit;
    accounts.truncate(limit as usize);
    let next = accounts.last().filter(|_| more).map(|last| {
        let name = descending.map(|_| last.nickname.clone());
        cursor::encode("users", last.seq, name)
    });

    let wants = |what: &str| request.expand.iter().any(|e| e == what);
    let access = if wants("productAccess") || wants("counts.resources") {
        product_access(&state, &accounts).await?
    } else {
        HashMap::new()
    };
    let data: Vec<Value> = accounts
        .iter()
        .map(|account| {
            let mut user = user_json(account, &state.base_url, state.extensions);
            let products = access.get(&account.account_id).cloned().unwrap_or_default();
            if wants("platformRoles") {
                let roles: Vec<&str> = if account.is_org_admin {
                    vec!["atlassian/org-admin"]
                } else {
                    vec![]
                };
                user["platformRoles"] = json!(roles);
            }
            if wants("counts.resources") {
                user["counts"] = json!({"resources": products.len()});
            }
            if wants("productAccess") {
                user["productAccess"] = json!(products);
            }
            if wants("groups") {
                user["groups"] = json!([]);
            }
            user
        })
        .collect();
    Ok(Json(
        json!({"data": data, "links": {"self": request.cursor, "prev": null, "next": next}}),
    ))
}
