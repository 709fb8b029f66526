//! The product sites of the organization and the roles each offers: the choices when an
//! admin grants product access.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ChangeError;
use crate::directory::{DirectoryClient, OrgId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProductSite {
    /// The site's ARI, as grants name it.
    pub site: String,
    pub product: String,
    pub name: String,
    pub url: Option<String>,
    /// Role ids the product offers there; empty when the directory does not say.
    pub roles: Vec<String>,
}

/// Every product site of the organization, by product and then URL.
pub async fn product_sites(
    client: &DirectoryClient,
    org: &OrgId,
) -> Result<Vec<ProductSite>, ChangeError> {
    let workspaces = client.workspaces(org)?.collect_all().await?;
    let mut sites: Vec<ProductSite> = workspaces
        .into_iter()
        .map(|workspace| ProductSite {
            site: workspace.id,
            product: workspace.attributes.type_key,
            name: workspace.attributes.name,
            url: workspace.attributes.host_url,
            roles: workspace.attributes.roles,
        })
        .collect();
    sites.sort_by(|a, b| (&a.name, &a.url).cmp(&(&b.name, &b.url)));
    Ok(sites)
}
