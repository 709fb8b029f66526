//! The organization the server hosts, as the rules need it.

use sqlx::SqliteExecutor;

use crate::config::Plan;
use crate::errors::AdminError;
use crate::privileges::Context;
use crate::state::Caller;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Org {
    pub org_id: String,
    pub name: String,
    pub plan: String,
    pub two_step_enforced: bool,
    pub experience: String,
}

impl Org {
    pub fn plan(&self) -> Plan {
        Plan::parse(&self.plan).unwrap_or(Plan::Free)
    }

    /// `extensions`: whether the server answers with Custodian's extensions.
    pub fn context<'a>(&self, caller: &'a Caller, extensions: bool) -> Context<'a> {
        Context {
            caller_account_id: &caller.account_id,
            plan: self.plan(),
            two_step_enforced: self.two_step_enforced,
            extensions,
        }
    }
}

/// The hosted organization. A database holds exactly one once seeded.
pub async fn the_org(db: impl SqliteExecutor<'_>) -> Result<Org, sqlx::Error> {
    sqlx::query_as::<_, Org>("SELECT * FROM orgs LIMIT 1")
        .fetch_one(db)
        .await
}

/// The organization named in an `/admin/.../orgs/{orgId}` path, or 404 `ADMIN-404-2`.
pub async fn by_id(db: impl SqliteExecutor<'_>, org_id: &str) -> Result<Org, AdminError> {
    sqlx::query_as::<_, Org>("SELECT * FROM orgs WHERE org_id = ?")
        .bind(org_id)
        .fetch_optional(db)
        .await?
        .ok_or_else(AdminError::org_not_found)
}
