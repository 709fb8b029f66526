//! `GET /custodian/v1/capabilities`: tells a client that this backend serves Custodian's
//! extensions. Served only with them on, so that a client finds 404 here on Atlassian
//! Cloud and on a server shaped like it, and offers the extension operations only where
//! they exist.

use axum::Json;
use serde_json::{Value, json};

pub async fn read() -> Json<Value> {
    Json(json!({"extensions": true, "version": env!("CARGO_PKG_VERSION")}))
}
