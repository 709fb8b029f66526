//! `GET /admin/v2/orgs/{orgId}/directories`: one directory under the centralized
//! experience, one per site under the original one. Opaque cursors in `links.next`.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use serde_json::{Value, json};

use crate::cursor;
use crate::errors::AdminError;
use crate::extract::{query_value, query_values};
use crate::org;
use crate::state::AppState;

pub const MAX_LIMIT: i64 = 100;

#[derive(sqlx::FromRow)]
struct Directory {
    directory_id: String,
    name: String,
    position: i64,
}

pub fn parse_limit(raw: Option<String>, default: i64) -> Result<i64, AdminError> {
    let Some(raw) = raw else { return Ok(default) };
    match raw.parse::<i64>() {
        Ok(limit) if (1..=MAX_LIMIT).contains(&limit) => Ok(limit),
        _ => Err(AdminError::bad_request(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        ))),
    }
}

pub async fn list(
    State(state): State<AppState>,
    Path(org_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, AdminError> {
    let org = org::by_id(&state.pool, &org_id).await?;
    let query = query.as_deref();
    let limit = parse_limit(query_value(query, "limit"), 20)?;
    let after = match query_value(query, "cursor") {
        Some(cursor) => cursor::decode("directories", &cursor)?.after,
        None => -1,
    };
    let search = query_value(query, "searchTerm").map(|t| t.to_lowercase());
    let wanted = query_values(query, "directoryIds");
    let all = sqlx::query_as::<_, Directory>(
        "SELECT directory_id, name, position FROM directories WHERE org_id = ? AND position > ?
         ORDER BY position",
    )
    .bind(&org.org_id)
    .bind(after)
    .fetch_all(&state.pool)
    .await?;
    let mut matching: Vec<Directory> = all
        .into_iter()
        .filter(|d| wanted.is_empty() || wanted.contains(&d.directory_id))
        .filter(|d| {
            search
                .as_ref()
                .is_none_or(|t| d.name.to_lowercase().contains(t))
        })
        .collect();
    let more = matching.len() as i64 > limit;
    matching.truncate(limit as usize);
    let next = matching
        .last()
        .filter(|_| more)
        .map(|d| cursor::encode("directories", d.position, None));
    let data: Vec<Value> = matching
        .iter()
        .map(|d| json!({"directoryId": d.directory_id, "name": d.name, "icon": null}))
        .collect();
    Ok(Json(
        json!({"data": data, "links": {"self": null, "prev": null, "next": next}}),
    ))
}
