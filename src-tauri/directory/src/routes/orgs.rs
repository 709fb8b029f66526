//! `GET /admin/v1/orgs` and `GET /admin/v1/orgs/{orgId}`. The attributes carry, besides
//! Atlassian's `name`, what the console needs to know of the org (extension fields, left
//! out with the extensions off).

use axum::Json;
use axum::extract::{Path, State};
use serde_json::{Value, json};

use crate::errors::AdminError;
use crate::org::{self, Org};
use crate::state::AppState;

fn org_json(org: &Org, state: &AppState) -> Value {
    let url = format!("{}/admin/v1/orgs/{}", state.base_url, org.org_id);
    let mut attributes = json!({"name": org.name});
    if state.extensions {
        attributes["plan"] = json!(org.plan);
        attributes["twoStepVerificationEnforced"] = json!(org.two_step_enforced);
        attributes["userManagementExperience"] = json!(org.experience);
    }
    json!({
        "id": org.org_id,
        "type": "orgs",
        "attributes": attributes,
        "relationships": {
            "domains": {"links": {"related": format!("{url}/domains")}},
            "users": {"links": {"related": format!("{url}/users")}},
        },
        "links": {"self": url},
    })
}

pub async fn list(State(state): State<AppState>) -> Result<Json<Value>, AdminError> {
    // One organization per server: the page is never followed by another.
    let org = org::the_org(&state.pool).await?;
    Ok(Json(json!({
        "data": [org_json(&org, &state)],
        "links": {"self": format!("{}/admin/v1/orgs", state.base_url)},
    })))
}

pub async fn one(
    State(state): State<AppState>,
    Path(org_id): Path<String>,
) -> Result<Json<Value>, AdminError> {
    let org = org::by_id(&state.pool, &org_id).await?;
    Ok(Json(json!({"data": org_json(&org, &state)})))
}
