//! Product access: the roles an account holds on each resource, and the workspaces (product
//! sites) on which a role can be granted.

use serde::{Deserialize, Serialize};

/// One entry of `GET /admin/v2/orgs/{o}/directories/{d}/users/{a}/role-assignments`: the
/// account's roles on one resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleAssignment {
    /// The workspace ARI (`resource` of roles/assign), or the org's ARI for org-admin.
    pub resource_id: String,
    /// The product key (`jira-software`, ...), `platform` for platform roles.
    #[serde(default)]
    pub resource_owner: String,
    /// Deprecated by Atlassian in favour of `role_assignments`; see `role_ids`.
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub role_assignments: Vec<AssignedRole>,
    /// None for platform roles (org-admin).
    #[serde(default)]
    pub directory_id: Option<String>,
    /// `active`, `suspended` or `no_membership`; None for platform roles.
    #[serde(default)]
    pub user_directory_status: Option<String>,
    /// Extension: the product's name on the site. Absent on Atlassian Cloud.
    #[serde(default)]
    pub product_name: Option<String>,
    /// Extension: the site's URL.
    #[serde(default)]
    pub site_url: Option<String>,
    /// Extension: when the account last used the product here.
    #[serde(default)]
    pub last_active: Option<String>,
}

/// A role and how the account came to hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssignedRole {
    pub role: String,
    /// `direct`, `group_direct` or `inferred`.
    #[serde(default)]
    pub role_assignment_methods: Vec<String>,
}

impl RoleAssignment {
    /// The role ids held, from `roleAssignments` when Atlassian sends only those.
    pub fn role_ids(&self) -> Vec<&str> {
        if self.roles.is_empty() {
            self.role_assignments
                .iter()
                .map(|r| r.role.as_str())
                .collect()
        } else {
            self.roles.iter().map(String::as_str).collect()
        }
    }
}

/// Atlassian's `WorkspaceModel` (`POST /admin/v2/orgs/{o}/workspaces`): a product site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    /// The workspace ARI: `resource` in roles/assign and roles/revoke.
    pub id: String,
    pub attributes: WorkspaceAttributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceAttributes {
    pub name: String,
    /// The product key: `jira-software`, `confluence`, `jira-servicedesk`, `bitbucket`, ...
    #[serde(default)]
    pub type_key: String,
    /// The site's URL.
    #[serde(default)]
    pub host_url: Option<String>,
    /// `online`, `offline` or `deprecated`.
    #[serde(default)]
    pub status: Option<String>,
    /// Extension: the roles the product offers here, those roles/assign accepts. Empty on
    /// Atlassian Cloud.
    #[serde(default)]
    pub roles: Vec<String>,
}
