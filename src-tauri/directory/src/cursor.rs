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
    /// The page size, for lists whose cursor must be sent alone (workspaces).
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i64>,
}

pub fn encode(list: &str, after: i64, name: Option<String>) -> String {
    encode_position(&Position {
        list: list.to_owned(),
        after,
        name,
        page_size: None,
    })
}

/// A cursor that also carries the page size.
pub fn encode_sized(list: &str, after: i64, page_size: i64) -> String {
    encode_position(&Position {
        list: list.to_owned(),
        after,
        name: None,
        page_size: Some(page_size),
    })
}

fn encode_position(position: &Position) -> String {
    // Serializing a struct of strings and integers cannot fail.
    let json = serde_json::to_vec(position).unwrap_or_default();
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
        let sized = decode("workspaces", &encode_sized("workspaces", 3, 20)).unwrap();
        assert_eq!((sized.after, sized.page_size), (3, Some(20)));
    }
}
