//! `GET /admin/v1/orgs/{orgId}/events`: the audit trail, newest first, with the cursor of
//! the next page in `meta.next`.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use sqlx::{QueryBuilder, Sqlite};

use crate::clock;
use crate::cursor;
use crate::errors::AdminError;
use crate::extract::query_value;
use crate::org;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Event {
    seq: i64,
    event_id: String,
    time: String,
    action: String,
    actor_id: String,
    actor_name: String,
    actor_email: String,
    target_type: String,
    target_id: String,
    target_name: Option<String>,
    ip: Option<String>,
}

/// `from` and `to` are UNIX epoch times in milliseconds.
fn epoch_millis(raw: Option<String>) -> Result<Option<String>, AdminError> {
    let Some(raw) = raw else { return Ok(None) };
    let millis: i64 = raw.parse().map_err(|_| invalid_time())?;
    let time = Utc
        .timestamp_millis_opt(millis)
        .single()
        .ok_or_else(invalid_time)?;
    Ok(Some(clock::format(time)))
}

fn invalid_time() -> AdminError {
    AdminError::refused(
        StatusCode::BAD_REQUEST,
        "ADMIN-400-3",
        "Invalid time date",
        "from and to are epoch milliseconds",
    )
}

pub async fn list(
    State(state): State<AppState>,
    Path(org_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, AdminError> {
    let org = org::by_id(&state.pool, &org_id).await?;
    let query_text = query.as_deref();
    let before = query_value(query_text, "cursor")
        .map(|c| cursor::decode("events", &c))
        .transpose()?;
    let from = epoch_millis(query_value(query_text, "from"))?;
    let to = epoch_millis(query_value(query_text, "to"))?;
    let page_size = i64::from(state.v1_page_size);

    let mut sql = QueryBuilder::<Sqlite>::new("SELECT * FROM events WHERE org_id = ");
    sql.push_bind(&org.org_id);
    if let Some(before) = &before {
        sql.push(" AND seq < ").push_bind(before.after);
    }
    if let Some(from) = from {
        sql.push(" AND time >= ").push_bind(from);
    }
    if let Some(to) = to {
        sql.push(" AND time <= ").push_bind(to);
    }
    if let Some(action) = query_value(query_text, "action") {
        sql.push(" AND action = ").push_bind(action);
    }
    if let Some(q) = query_value(query_text, "q").filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", q.replace(['%', '_'], ""));
        sql.push(" AND (action LIKE ").push_bind(pattern.clone());
        sql.push(" OR actor_name LIKE ").push_bind(pattern.clone());
        sql.push(" OR target_name LIKE ")
            .push_bind(pattern)
            .push(")");
    }
    sql.push(" ORDER BY seq DESC LIMIT ")
        .push_bind(page_size + 1);
    let mut events: Vec<Event> = sql.build_query_as().fetch_all(&state.pool).await?;
    let more = events.len() as i64 > page_size;
    events.truncate(page_size as usize);

    let base = format!("{}/admin/v1/orgs/{}/events", state.base_url, org.org_id);
    let next = events
        .last()
        .filter(|_| more)
        .map(|last| cursor::encode("events", last.seq, None));
    let mut meta = json!({"page_size": page_size});
    let mut links = json!({"self": base});
    if let Some(next) = &next {
        meta["next"] = json!(next);
        links["next"] = json!(format!("{base}?cursor={next}"));
    }
    let data: Vec<Value> = events
        .iter()
        .map(|e| event_json(e, &state.base_url, &base))
        .collect();
    Ok(Json(json!({"data": data, "meta": meta, "links": links})))
}

fn event_json(event: &Event, base_url: &str, events_url: &str) -> Value {
    let mut target = json!({
        "id": event.target_id,
        "type": event.target_type,
        "attributes": {},
        "links": {"self": format!("{base_url}/users/{}/manage/profile", event.target_id)},
    });
    if let Some(name) = &event.target_name {
        target["attributes"] = json!({"name": name});
    }
    json!({
        "id": event.event_id,
        "type": "events",
        "attributes": {
            "time": event.time,
            "action": event.action,
            "actor": {
                "id": event.actor_id,
                "name": event.actor_name,
                "email": event.actor_email,
                "links": {"self": format!("{base_url}/users/{}/manage/profile", event.actor_id)},
            },
            "context": [target],
            "location": {"ip": event.ip},
        },
        "links": {"self": format!("{events_url}/{}", event.event_id)},
    })
}
