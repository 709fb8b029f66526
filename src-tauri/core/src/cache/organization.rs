//! The organization and its domains, as last read from the backend.

use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite};
use ts_rs::TS;

use super::{Cache, CacheError};

/// How users are managed: one directory for the whole organization, or users under each
/// product site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Experience {
    Centralized,
    Original,
}

impl Experience {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "centralized" => Some(Self::Centralized),
            "original" => Some(Self::Original),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Centralized => "centralized",
            Self::Original => "original",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrgDomain {
    pub domain_id: String,
    pub name: String,
    pub verified: bool,
    /// `dns`, `http`, ...; None when the backend does not say.
    pub claim_method: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub org_id: String,
    pub name: String,
    pub plan: Option<String>,
    pub two_step_enforced: Option<bool>,
    pub experience: Option<Experience>,
    pub domains: Vec<OrgDomain>,
    /// Unix ms.
    #[ts(type = "number")]
    pub refreshed_at: i64,
}

#[derive(sqlx::FromRow)]
struct OrgRow {
    org_id: String,
    name: String,
    plan: Option<String>,
    two_step_enforced: Option<bool>,
    experience: Option<String>,
    refreshed_at: i64,
}

impl Cache {
    /// The organization as last read; None before the first read.
    pub async fn organization(&self, org_id: &str) -> Result<Option<Organization>, CacheError> {
        let Some(row) = sqlx::query_as::<_, OrgRow>(
            "SELECT org_id, name, plan, two_step_enforced, experience, refreshed_at
             FROM organization WHERE org_id = ?",
        )
        .bind(org_id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let domains = sqlx::query_as::<_, (String, String, bool, Option<String>)>(
            "SELECT domain_id, name, verified, claim_method FROM domains ORDER BY position",
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(domain_id, name, verified, claim_method)| OrgDomain {
            domain_id,
            name,
            verified,
            claim_method,
        })
        .collect();
        Ok(Some(Organization {
            org_id: row.org_id,
            name: row.name,
            plan: row.plan,
            two_step_enforced: row.two_step_enforced,
            experience: row.experience.as_deref().and_then(Experience::parse),
            domains,
            refreshed_at: row.refreshed_at,
        }))
    }

    /// Replaces what is known of the organization, all or nothing.
    pub async fn store_organization(&self, organization: &Organization) -> Result<(), CacheError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT OR REPLACE INTO organization (org_id, name, plan, two_step_enforced,
                 experience, refreshed_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&organization.org_id)
        .bind(&organization.name)
        .bind(&organization.plan)
        .bind(organization.two_step_enforced)
        .bind(organization.experience.map(Experience::as_str))
        .bind(organization.refreshed_at)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM domains").execute(&mut *tx).await?;
        if !organization.domains.is_empty() {
            let mut sql = QueryBuilder::<Sqlite>::new(
                "INSERT INTO domains (domain_id, name, verified, claim_method, position) ",
            );
            sql.push_values(
                organization.domains.iter().enumerate(),
                |mut row, (position, domain)| {
                    row.push_bind(&domain.domain_id)
                        .push_bind(&domain.name)
                        .push_bind(domain.verified)
                        .push_bind(&domain.claim_method)
                        .push_bind(position as i64);
                },
            );
            sql.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
