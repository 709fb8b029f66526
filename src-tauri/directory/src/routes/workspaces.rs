//! `POST /admin/v2/orgs/{orgId}/workspaces`: the organization's product sites as
//! Atlassian's workspace models, in pages cut by keyset, with the opaque cursor of the
//! next page in `links.next` and Atlassian's `meta` (page size, indexes, total).
//!
//! Of the request, this server takes what the console needs: every workspace of the
//! org, paged (`limit`, `cursor`). A `query` or `sort` is refused rather than ignored, so
//! that no caller mistakes the full list for a filtered one. With the extensions on, each
//! workspace carries, as an extension attribute, `roles`: the roles its product offers,
//! for the "grant access" picker. Refusals are one bare `ApplicationError`, as Atlassian
//! answers here.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use serde::Deserialize;
use serde_json::{Value, json};

use super::directories::MAX_LIMIT;
use crate::cursor;
use crate::errors::{AdminError, Unwrapped};
use crate::org;
use crate::products::{self, Product};
use crate::state::AppState;

const DEFAULT_LIMIT: i64 = 20;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkspaceSearch {
    cursor: Option<String>,
    limit: Option<i64>,
    query: Option<Value>,
    sort: Option<Value>,
}

impl WorkspaceSearch {
    /// An empty body asks for the first page of everything.
    fn parse(body: &[u8]) -> Result<Self, AdminError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self::default());
        }
        serde_json::from_slice(body)
            .map_err(|error| AdminError::invalid_body(format!("The body is not valid: {error}")))
    }

    /// Where the page starts (after which position) and how long it is.
    fn page(&self) -> Result<(i64, i64), AdminError> {
        if self.query.is_some() || self.sort.is_some() {
            return Err(AdminError::invalid_body(
                "This server lists every workspace of the organization: send no query or sort",
            ));
        }
        if let Some(cursor) = &self.cursor {
            if self.limit.is_some() {
                return Err(AdminError::invalid_body(
                    "When cursor is sent, no other property may be present",
                ));
            }
            let position = cursor::decode("workspaces", cursor)?;
            let limit = position.page_size.filter(|l| (1..=MAX_LIMIT).contains(l));
            return Ok((position.after, limit.unwrap_or(DEFAULT_LIMIT)));
        }
        match self.limit {
            None => Ok((0, DEFAULT_LIMIT)),
            Some(limit) if (1..=MAX_LIMIT).contains(&limit) => Ok((0, limit)),
            Some(_) => Err(AdminError::invalid_body(format!(
                "limit must be between 1 and {MAX_LIMIT}"
            ))),
        }
    }
}

/// Atlassian's `WorkspaceModel`. UNCONFIRMED in Atlassian's docs: the values of `type` and
/// `typeKey`; the product key is the likelier `typeKey`, and `type` names the collection
/// as the v1 models do (`orgs`, `domains`).
fn workspace_json(product: &Product, extensions: bool) -> Value {
    let mut workspace = json!({
        "id": product.resource_id,
        "type": "workspaces",
        "attributes": {
            "name": product.name,
            "typeKey": product.product_key,
            "type": product.product_key,
            "owner": null,
            "status": "online",
            "statusDetails": [],
            "icons": {},
            "avatars": {},
            "labels": [],
            "sandbox": {"type": "NONE"},
            "usage": null,
            "capacity": null,
            "createdAt": null,
            "createdBy": null,
            "updatedAt": null,
            "hostUrl": product.site_url,
            "regions": [],
        },
        "links": {"self": null},
        "relationships": {},
    });
    if extensions {
        workspace["attributes"]["roles"] = json!(products::roles(&product.product_key));
    }
    workspace
}

pub async fn search(
    State(state): State<AppState>,
    Path(org_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, Unwrapped> {
    let org = org::by_id(&state.pool, &org_id).await?;
    let (after, limit) = WorkspaceSearch::parse(&body)?.page()?;
    let mut page = products::page(&state.pool, &org.org_id, after, limit + 1).await?;
    let more = page.len() as i64 > limit;
    page.truncate(limit as usize);
    let (total, before) = products::counts(&state.pool, &org.org_id, after).await?;
    let next = page
        .last()
        .filter(|_| more)
        // The page size rides in the cursor, since a cursor comes alone.
        .map(|(position, _)| cursor::encode_sized("workspaces", *position, limit));
    let end_index = (!page.is_empty()).then(|| before + page.len() as i64 - 1);
    let data: Vec<Value> = page
        .iter()
        .map(|(_, product)| workspace_json(product, state.extensions))
        .collect();
    Ok(Json(json!({
        "data": data,
        "links": {"self": null, "prev": null, "next": next},
        "meta": {
            "pageSize": limit,
            "startIndex": end_index.map(|_| before),
            "endIndex": end_index,
            "total": total,
        },
    })))
}
