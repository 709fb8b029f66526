//! Atlassian's organizations API (v1 and v2) as the console uses it, with the domain
//! extensions (verify, claim).

use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};

use super::client::{DirectoryClient, Repeat};
use super::error::DirectoryError;
use super::ids::{AccountId, DirectoryId, DomainId, OrgId};
use super::model::{
    ClaimPreview, ClaimResult, Directory, DirectoryUser, Domain, Event, EventQuery,
    LastActiveDates, Org, RoleAssignment, UserSearch, Workspace,
};
use super::pages::{CursorShape, PageRequest, Pages};

#[derive(Deserialize)]
struct One<T> {
    data: T,
}

impl DirectoryClient {
    /// The organizations the key administers (pages linked by URL).
    pub fn orgs(&self) -> Result<Pages<Org>, DirectoryError> {
        let url = self.url("admin/v1/orgs")?;
        Ok(Pages::new(
            self,
            PageRequest::Get { url },
            CursorShape::LinksUrl,
        ))
    }

    pub async fn org(&self, org: &OrgId) -> Result<Org, DirectoryError> {
        let url = self.url(&format!("admin/v1/orgs/{org}"))?;
        let one: One<Org> = self
            .json(Repeat::Safe, || self.request(Method::GET, url.clone()))
            .await?;
        Ok(one.data)
    }

    pub fn domains(&self, org: &OrgId) -> Result<Pages<Domain>, DirectoryError> {
        let url = self.url(&format!("admin/v1/orgs/{org}/domains"))?;
        Ok(Pages::new(
            self,
            PageRequest::Get { url },
            CursorShape::LinksUrl,
        ))
    }

    pub async fn domain(&self, org: &OrgId, domain: &DomainId) -> Result<Domain, DirectoryError> {
        let url = self.url(&format!("admin/v1/orgs/{org}/domains/{domain}"))?;
        let one: One<Domain> = self
            .json(Repeat::Safe, || self.request(Method::GET, url.clone()))
            .await?;
        Ok(one.data)
    }

    /// Extension: marks the domain verified.
    pub async fn verify_domain(
        &self,
        org: &OrgId,
        domain: &DomainId,
    ) -> Result<Domain, DirectoryError> {
        let url = self.url(&format!("admin/v1/orgs/{org}/domains/{domain}/verify"))?;
        let one: One<Domain> = self
            .json(Repeat::Safe, || self.request(Method::POST, url.clone()))
            .await?;
        Ok(one.data)
    }

    /// Extension: claims the accounts on a verified domain; they become managed.
    pub async fn claim_domain(
        &self,
        org: &OrgId,
        domain: &DomainId,
    ) -> Result<ClaimResult, DirectoryError> {
        let url = self.url(&format!("admin/v1/orgs/{org}/domains/{domain}/claim"))?;
        let one: One<ClaimResult> = self
            .json(Repeat::Safe, || self.request(Method::POST, url.clone()))
            .await?;
        Ok(one.data)
    }

    /// Extension: how many accounts `claim_domain` would make managed, refused as the
    /// claim would be (an unverified domain is a conflict).
    pub async fn claim_preview(
        &self,
        org: &OrgId,
        domain: &DomainId,
    ) -> Result<ClaimPreview, DirectoryError> {
        let url = self.url(&format!("admin/v1/orgs/{org}/domains/{domain}/claim"))?;
        let one: One<ClaimPreview> = self
            .json(Repeat::Safe, || self.request(Method::GET, url.clone()))
            .await?;
        Ok(one.data)
    }

    /// One directory (centralized experience) or several (original).
    pub fn directories(&self, org: &OrgId) -> Result<Pages<Directory>, DirectoryError> {
        let url = self.url(&format!("admin/v2/orgs/{org}/directories"))?;
        Ok(Pages::new(
            self,
            PageRequest::Get { url },
            CursorShape::LinksCursor,
        ))
    }

    /// Users of a directory (`DirectoryId::all()` for every directory), page by page.
    pub fn search_users(
        &self,
        org: &OrgId,
        directory: &DirectoryId,
        search: &UserSearch,
    ) -> Result<Pages<DirectoryUser>, DirectoryError> {
        let url = self.url(&format!(
            "admin/v2/orgs/{org}/directories/{directory}/users/search"
        ))?;
        let body =
            serde_json::to_value(search).map_err(|e| DirectoryError::Setup(e.to_string()))?;
        Ok(Pages::new(
            self,
            PageRequest::Post { url, body },
            CursorShape::LinksCursor,
        ))
    }

    /// The account's roles, one entry per resource, across every directory (all pages).
    pub async fn role_assignments(
        &self,
        org: &OrgId,
        account: &AccountId,
    ) -> Result<Vec<RoleAssignment>, DirectoryError> {
        let url = self.url(&format!(
            "admin/v2/orgs/{org}/directories/-/users/{account}/role-assignments"
        ))?;
        Pages::new(self, PageRequest::Get { url }, CursorShape::LinksCursor)
            .collect_all()
            .await
    }

    /// The organization's workspaces (product sites), each with the roles it offers where
    /// the backend says (an extension). The whole list: Atlassian takes a cursor alone, so
    /// the first body asks for nothing more.
    pub fn workspaces(&self, org: &OrgId) -> Result<Pages<Workspace>, DirectoryError> {
        let url = self.url(&format!("admin/v2/orgs/{org}/workspaces"))?;
        Ok(Pages::new(
            self,
            PageRequest::Post {
                url,
                body: json!({}),
            },
            CursorShape::LinksCursor,
        ))
    }

    /// Grants a role on a product (`resource` is its workspace ARI; none for org-admin).
    pub async fn assign_role(
        &self,
        org: &OrgId,
        account: &AccountId,
        role: &str,
        resource: Option<&str>,
    ) -> Result<(), DirectoryError> {
        self.change_role(org, account, "assign", role, resource)
            .await
    }

    pub async fn revoke_role(
        &self,
        org: &OrgId,
        account: &AccountId,
        role: &str,
        resource: Option<&str>,
    ) -> Result<(), DirectoryError> {
        self.change_role(org, account, "revoke", role, resource)
            .await
    }

    async fn change_role(
        &self,
        org: &OrgId,
        account: &AccountId,
        change: &str,
        role: &str,
        resource: Option<&str>,
    ) -> Result<(), DirectoryError> {
        let url = self.url(&format!(
            "admin/v1/orgs/{org}/users/{account}/roles/{change}"
        ))?;
        let mut body = json!({"role": role});
        if let Some(resource) = resource {
            body["resource"] = Value::String(resource.to_owned());
        }
        self.send(Repeat::Safe, || {
            self.request(Method::POST, url.clone()).json(&body)
        })
        .await?;
        Ok(())
    }

    /// The audit trail, newest first (cursor in `meta.next`).
    pub fn events(&self, org: &OrgId, query: &EventQuery) -> Result<Pages<Event>, DirectoryError> {
        let mut url = self.url(&format!("admin/v1/orgs/{org}/events"))?;
        {
            let mut pairs = url.query_pairs_mut();
            if let Some(q) = &query.q {
                pairs.append_pair("q", q);
            }
            if let Some(from) = query.from {
                pairs.append_pair("from", &from.to_string());
            }
            if let Some(to) = query.to {
                pairs.append_pair("to", &to.to_string());
            }
            if let Some(action) = &query.action {
                pairs.append_pair("action", action);
            }
        }
        Ok(Pages::new(
            self,
            PageRequest::Get { url },
            CursorShape::MetaNext,
        ))
    }

    pub async fn last_active_dates(
        &self,
        org: &OrgId,
        account: &AccountId,
    ) -> Result<LastActiveDates, DirectoryError> {
        let url = self.url(&format!(
            "admin/v1/orgs/{org}/directory/users/{account}/last-active-dates"
        ))?;
        let one: One<LastActiveDates> = self
            .json(Repeat::Safe, || self.request(Method::GET, url.clone()))
            .await?;
        Ok(one.data)
    }
}
