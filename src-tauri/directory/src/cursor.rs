//! Opaque cursors: where the previous page ended, base64url-encoded so that clients
//! treat them as tokens. A cursor names its list, so one list's cursor is refused by
//! another.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::errors::AdminError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Which list the cursor belongs to (`users`, `events`, ...).
    #[serde(rename = "l")]
    pub list: String,
    /// The sort key of the last item served.
    #[serde(rename = "s")]
    pub after: i64,
    /// The secondary sort key, when the list is sorted by a name.
    #[serde(rename = "n", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

pub fn encode(list: &str, after: i64, name: Option<String>) -> String {
    let position = Position {
        list: list.to_owned(),
        after,
        name,
    };
    // Serializing a struct of strings and integers cannot fail.
    let json = serde_json::to_vec(&position).unwrap_or_default();
    URL_SAFE_NO_PAD.encode(json)
}

pub fn decode(list: &str, cursor: &str) -> Result<Position, AdminError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor.trim())
        .map_err(|_| AdminError::invalid_cursor())?;
    let position: Position =
        serde_json::from_slice(&bytes).map_err(|_| AdminError::invalid_cursor())?;
    if position.list != list {
        return Err(AdminError::invalid_cursor());
    }
    Ok(position)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_and_stays_in_its_list() {
        let cursor = encode("users", 42, Some("Ana".into()));
        assert_eq!(decode("users", &cursor).unwrap().after, 42);
        assert!(decode("events", &cursor).is_err());
        assert!(decode("users", "not a cursor").is_err());
    }
}
