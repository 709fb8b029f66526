//! Extension: devices with sessions, and what a log-out did.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeviceKind {
    Browser,
    Mobile,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    pub id: String,
    pub kind: DeviceKind,
    pub name: String,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub ip_address: Option<String>,
    pub last_active: String,
    pub session: Session,
}

/// A browser session ends at once; a mobile app's stays `Pending` until `ends_by` (at most
/// an hour after the log-out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum Session {
    Active,
    #[serde(rename_all = "camelCase")]
    Pending {
        ends_by: String,
    },
    #[serde(rename_all = "camelCase")]
    Ended {
        ended_at: String,
    },
}
