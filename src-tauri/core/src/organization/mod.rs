//! The organization: its name, plan and user-management experience, and its domains:
//! verifying one, and claiming the accounts on a verified one. Kept in the cache so the
//! Domains view works offline.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cache::{Cache, ChangeResult, Experience, NewAuditEntry, OrgDomain, Organization};
use crate::changes::{ChangeError, Changing};
use crate::clock;
use crate::directory::model::Domain;
use crate::directory::{DirectoryClient, DomainId, OrgId};

fn domain(domain: Domain) -> OrgDomain {
    OrgDomain {
        verified: domain.is_verified(),
        claim_method: domain
            .attributes
            .claim
            .as_ref()
            .and_then(|c| c.kind.clone()),
        name: domain.attributes.name,
        domain_id: domain.id,
    }
}

/// Reads the organization and its domains from the backend and caches them.
pub async fn refresh(
    client: &DirectoryClient,
    cache: &Cache,
    org: &OrgId,
) -> Result<Organization, ChangeError> {
    let (about, domains) = tokio::join!(client.org(org), async {
        client.domains(org)?.collect_all().await
    });
    let about = about?;
    let organization = Organization {
        org_id: about.id,
        name: about.attributes.name,
        plan: about.attributes.plan,
        two_step_enforced: about.attributes.two_step_verification_enforced,
        experience: about
            .attributes
            .user_management_experience
            .as_deref()
            .and_then(Experience::parse),
        domains: domains?.into_iter().map(domain).collect(),
        refreshed_at: clock::now_ms(),
    };
    cache.store_organization(&organization).await?;
    Ok(organization)
}

/// What claiming a verified domain would do, before the admin confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClaimPreview {
    pub domain: String,
    /// Accounts on the domain that would become managed.
    #[ts(type = "number")]
    pub accounts: u64,
}

pub async fn claim_preview(
    client: &DirectoryClient,
    org: &OrgId,
    domain: &DomainId,
) -> Result<ClaimPreview, ChangeError> {
    let preview = client.claim_preview(org, domain).await?;
    Ok(ClaimPreview {
        domain: preview.domain,
        accounts: preview.claimable_accounts,
    })
}

async fn record(
    to: &Changing<'_>,
    operation: &str,
    description: String,
    failure: Option<&ChangeError>,
) -> Result<(), ChangeError> {
    let entry = NewAuditEntry {
        at: clock::now_ms(),
        connection: to.connection.to_owned(),
        account_id: String::new(),
        account_name: String::new(),
        account_email: String::new(),
        operation: operation.to_owned(),
        change: String::new(),
        result: if failure.is_some() {
            ChangeResult::Failed
        } else {
            ChangeResult::Done
        },
        error_code: failure.map(|e| e.code().as_str().to_owned()),
        message: failure.map(ToString::to_string),
        before: None,
        after: None,
        bulk_id: None,
        description,
    };
    to.cache.record_change(&entry).await?;
    Ok(())
}

/// Asks the backend to check the domain's DNS record or HTTP file now; answers the
/// organization as it then is.
pub async fn verify_domain(
    to: &Changing<'_>,
    domain: &DomainId,
    name: &str,
) -> Result<Organization, ChangeError> {
    let description = format!("Verify domain {name}");
    if let Err(error) = to.client.verify_domain(to.org, domain).await {
        let error = ChangeError::from(error);
        record(to, "verifyDomain", description, Some(&error)).await?;
        return Err(error);
    }
    record(to, "verifyDomain", description, None).await?;
    refresh(to.client, to.cache, to.org).await
}

/// Claims the accounts on a verified domain: they become managed. A sync then brings
/// them into the list. Answers how many were claimed.
pub async fn claim_domain(
    to: &Changing<'_>,
    domain: &DomainId,
    name: &str,
) -> Result<u64, ChangeError> {
    match to.client.claim_domain(to.org, domain).await {
        Ok(claimed) => {
            let description = format!(
                "Claim the accounts of {name} ({} claimed)",
                claimed.claimed_accounts
            );
            record(to, "claimDomain", description, None).await?;
            Ok(claimed.claimed_accounts)
        }
        Err(error) => {
            let error = ChangeError::from(error);
            record(
                to,
                "claimDomain",
                format!("Claim the accounts of {name}"),
                Some(&error),
            )
            .await?;
            Err(error)
        }
    }
}
