//! `GET /admin/v1/orgs/{orgId}/events`: the organization's audit trail.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub attributes: EventAttributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventAttributes {
    pub time: String,
    pub action: String,
    pub actor: EventActor,
    #[serde(default)]
    pub context: Vec<EventObject>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventActor {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventObject {
    pub id: String,
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
}

/// Filters of the events list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventQuery {
    pub q: Option<String>,
    /// Epoch milliseconds.
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub action: Option<String>,
}
