//! `GET /admin/v1/orgs/{orgId}/domains[/{domainId}]` (pages linked by URL in
//! `links.next`), and the extensions `POST .../domains/{domainId}/verify`, `.../claim`,
//! and `GET .../claim`: what a claim would do, without doing it.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use serde_json::{Value, json};
use sqlx::{SqliteConnection, SqliteExecutor};

use crate::audit::Target;
use crate::change::Change;
use crate::cursor;
use crate::errors::AdminError;
use crate::extract::query_value;
use crate::org;
use crate::state::{AppState, Caller};

#[derive(sqlx::FromRow)]
struct Domain {
    domain_id: String,
    name: String,
    claim_type: String,
    status: String,
    position: i64,
}

fn domain_json(domain: &Domain, base_url: &str, org_id: &str) -> Value {
    json!({
        "id": domain.domain_id,
        "type": "domains",
        "attributes": {
            "name": domain.name,
            "claim": {"type": domain.claim_type, "status": domain.status},
        },
        "links": {"self": format!("{base_url}/admin/v1/orgs/{org_id}/domains/{}", domain.domain_id)},
    })
}

impl Domain {
    fn target(&self) -> Target<'_> {
        Target {
            kind: "domains",
            id: &self.domain_id,
            name: Some(&self.name),
        }
    }
}

async fn find(
    db: impl SqliteExecutor<'_>,
    org_id: &str,
    domain_id: &str,
) -> Result<Domain, AdminError> {
    sqlx::query_as::<_, Domain>("SELECT * FROM domains WHERE org_id = ? AND domain_id = ?")
        .bind(org_id)
        .bind(domain_id)
        .fetch_optional(db)
        .await?
        .ok_or_else(AdminError::domain_not_found)
}

/// The domain, if its accounts can be claimed: only a verified domain's can.
async fn claimable(
    db: &mut SqliteConnection,
    org_id: &str,
    domain_id: &str,
) -> Result<Domain, AdminError> {
    let domain = find(db, org_id, domain_id).await?;
    if domain.status != "verified" {
        return Err(AdminError::refused(
            StatusCode::CONFLICT,
            "ADMIN-409-28",
            "Domain not verified",
            format!("Verify {} before claiming its accounts", domain.name),
        ));
    }
    Ok(domain)
}

pub async fn list(
    State(state): State<AppState>,
    Path(org_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, AdminError> {
    let org = org::by_id(&state.pool, &org_id).await?;
    let after = match query_value(query.as_deref(), "cursor") {
        Some(cursor) => cursor::decode("domains", &cursor)?.after,
        None => -1,
    };
    let page_size = i64::from(state.v1_page_size);
    let mut domains = sqlx::query_as::<_, Domain>(
        "SELECT * FROM domains WHERE org_id = ? AND position > ? ORDER BY position LIMIT ?",
    )
    .bind(&org.org_id)
    .bind(after)
    .bind(page_size + 1)
    .fetch_all(&state.pool)
    .await?;
    let more = domains.len() as i64 > page_size;
    domains.truncate(page_size as usize);
    let base = format!("{}/admin/v1/orgs/{}/domains", state.base_url, org.org_id);
    let mut links = json!({"self": base});
    if let (true, Some(last)) = (more, domains.last()) {
        links["next"] = json!(format!(
            "{base}?cursor={}",
            cursor::encode("domains", last.position, None)
        ));
    }
    let data: Vec<Value> = domains
        .iter()
        .map(|d| domain_json(d, &state.base_url, &org.org_id))
        .collect();
    Ok(Json(json!({"data": data, "links": links})))
}

pub async fn one(
    State(state): State<AppState>,
    Path((org_id, domain_id)): Path<(String, String)>,
) -> Result<Json<Value>, AdminError> {
    let org = org::by_id(&state.pool, &org_id).await?;
    let domain = find(&state.pool, &org.org_id, &domain_id).await?;
    Ok(Json(
        json!({"data": domain_json(&domain, &state.base_url, &org.org_id)}),
    ))
}

/// Extension: marks the domain verified. A hosted directory cannot look up DNS records or
/// fetch the HTTP token on the admin's behalf, so verifying is the admin's say-so here.
pub async fn verify(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((org_id, domain_id)): Path<(String, String)>,
) -> Result<Json<Value>, AdminError> {
    let mut change = Change::begin(&state.pool).await?;
    let org = org::by_id(change.db(), &org_id).await?;
    let mut domain = find(change.db(), &org.org_id, &domain_id).await?;
    if domain.status != "verified" {
        sqlx::query("UPDATE domains SET status = 'verified' WHERE domain_id = ?")
            .bind(&domain.domain_id)
            .execute(change.db())
            .await?;
        change
            .commit(&caller, "domain_verified", domain.target())
            .await?;
        domain.status = "verified".into();
    }
    Ok(Json(
        json!({"data": domain_json(&domain, &state.base_url, &org.org_id)}),
    ))
}

/// Extension: claims every account on a verified domain; they become managed.
pub async fn claim(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((org_id, domain_id)): Path<(String, String)>,
) -> Result<Json<Value>, AdminError> {
    let mut change = Change::begin(&state.pool).await?;
    let org = org::by_id(change.db(), &org_id).await?;
    let domain = claimable(change.db(), &org.org_id, &domain_id).await?;
    let claimed = sqlx::query(
        "UPDATE accounts SET claim_status = 'managed'
         WHERE org_id = ? AND email_domain = ? AND claim_status = 'unmanaged'",
    )
    .bind(&org.org_id)
    .bind(&domain.name)
    .execute(change.db())
    .await?
    .rows_affected();
    change
        .commit(&caller, "domain_accounts_claimed", domain.target())
        .await?;
    Ok(Json(
        json!({"data": {"domainId": domain.domain_id, "domain": domain.name, "claimedAccounts": claimed}}),
    ))
}

/// Extension: how many accounts a claim would make managed, refused as the claim would be.
pub async fn preview_claim(
    State(state): State<AppState>,
    Path((org_id, domain_id)): Path<(String, String)>,
) -> Result<Json<Value>, AdminError> {
    let mut db = state.pool.acquire().await?;
    let org = org::by_id(&mut *db, &org_id).await?;
    let domain = claimable(&mut db, &org.org_id, &domain_id).await?;
    let claimable: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM accounts
         WHERE org_id = ? AND email_domain = ? AND claim_status = 'unmanaged'",
    )
    .bind(&org.org_id)
    .bind(&domain.name)
    .fetch_one(&mut *db)
    .await?;
    Ok(Json(
        json!({"data": {"domainId": domain.domain_id, "domain": domain.name, "claimableAccounts": claimable}}),
    ))
}
