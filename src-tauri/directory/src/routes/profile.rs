//! `GET|PATCH /users/{account_id}/manage/profile`: the profile, and changes to it field
//! by field, each checked against who owns the field and its constraints.

use axum::Extension;
use axum::Json;
use axum::extract::{Path, State};
use serde_json::{Map, Value, json};

use super::account_change::AccountChange;
use super::target::managed_account;
use crate::accounts;
use crate::errors::{FieldViolation, ManageError};
use crate::extract::ManageJson;
use crate::privileges::{self, PROFILE_FIELDS, Restriction};
use crate::state::{AppState, Caller};

pub async fn read(
    State(state): State<AppState>,
    Path(account_id): Path<String>,
) -> Result<Json<Value>, ManageError> {
    let (_, account) = managed_account(&state, &account_id).await?;
    Ok(Json(
        json!({"account": account.profile_json(&state.base_url)}),
    ))
}

/// Fields of `AtlassianAccountUser` that no one can write through this route.
const READ_ONLY: [&str; 6] = [
    "account_id",
    "account_type",
    "account_status",
    "email",
    "picture",
    "characteristics",
];

/// A change to one field: a new value, or `None` to clear it.
struct FieldChange {
    field: &'static str,
    column: &'static str,
    value: Option<String>,
}

fn column_of(field: &str) -> Option<(&'static str, &'static str)> {
    let (field, column) = match field {
        "name" => ("name", "name"),
        "nickname" => ("nickname", "nickname"),
        "zoneinfo" => ("zoneinfo", "zoneinfo"),
        "locale" => ("locale", "locale"),
        "extended_profile.job_title" => ("extended_profile.job_title", "job_title"),
        "extended_profile.organization" => ("extended_profile.organization", "organization"),
        "extended_profile.department" => ("extended_profile.department", "department"),
        "extended_profile.location" => ("extended_profile.location", "location"),
        _ => return None,
    };
    Some((field, column))
}

/// Flattens the body into field paths as `profile.write` names them. Wrong JSON types
/// make the body unparseable; names that are no field at all are constraint violations.
/// The requested fields with their values, and the names that are no field at all.
type Requested = (Vec<(String, Value)>, Vec<String>);

fn flatten(body: Value) -> Result<Requested, ManageError> {
    let Value::Object(body) = body else {
        return Err(ManageError::BodyParseFailure);
    };
    let mut fields = Vec::new();
    let mut unknown = Vec::new();
    for (key, value) in body {
        if key == "extended_profile" {
            let Value::Object(extended) = value else {
                return Err(ManageError::BodyParseFailure);
            };
            for (inner, value) in extended {
                fields.push((format!("extended_profile.{inner}"), value));
            }
        } else if READ_ONLY.contains(&key.as_str()) || PROFILE_FIELDS.contains(&key.as_str()) {
            fields.push((key, value));
        } else {
            unknown.push(key);
        }
    }
    for (field, value) in &fields {
        let is_text_field = !READ_ONLY.contains(&field.as_str());
        if is_text_field && !(value.is_string() || value.is_null()) {
            return Err(ManageError::BodyParseFailure);
        }
    }
    for (field, _) in &fields {
        if !READ_ONLY.contains(&field.as_str()) && column_of(field).is_none() {
            unknown.push(field.clone());
        }
    }
    Ok((fields, unknown))
}

fn has_control_characters(text: &str) -> bool {
    text.chars().any(char::is_control)
}

fn looks_like_locale(text: &str) -> bool {
    let mut parts = text.split(['-', '_']);
    let language_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    language_ok
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn looks_like_zoneinfo(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c))
        && !text.starts_with('/')
}

/// The constraint keys one value violates.
fn violations(field: &str, value: Option<&str>) -> Vec<&'static str> {
    let mut keys = Vec::new();
    let Some(value) = value else {
        if matches!(field, "name" | "nickname") {
            keys.push("required");
        }
        return keys;
    };
    let length = value.chars().count();
    let max = match field {
        "name" => 100,
        "nickname" => 30,
        _ => 255,
    };
    if matches!(field, "name" | "nickname") && value.trim().is_empty() {
        keys.push("minLength");
    }
    if length > max {
        keys.push("maxLength");
    }
    if has_control_characters(value) {
        keys.push("validCharacters");
    }
    if field == "locale" && !looks_like_locale(value) {
        keys.push("format");
    }
    if field == "zoneinfo" && !looks_like_zoneinfo(value) {
        keys.push("format");
    }
    keys
}

pub async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(account_id): Path<String>,
    ManageJson(body): ManageJson<Value>,
) -> Result<Json<Value>, ManageError> {
    let (mut change, account) =
        AccountChange::begin(&state, &caller, &account_id, privileges::unrestricted).await?;
    let (fields, unknown) = flatten(body)?;

    // Who owns each requested field comes first: an admin must learn that a field is the
    // identity provider's before being told its value is too long.
    let mut rules = Map::new();
    let mut refused = false;
    for (field, _) in &fields {
        let rule = if READ_ONLY.contains(&field.as_str()) {
            Err(Restriction::ReadOnly)
        } else if column_of(field).is_some() {
            privileges::profile_field(&account, field)
        } else {
            continue;
        };
        refused |= rule.is_err();
        rules.insert(field.clone(), privileges::rule_json(rule));
    }
    if refused {
        return Err(ManageError::FieldMutation(rules));
    }

    let mut problems: Vec<FieldViolation> = unknown
        .iter()
        .map(|field| FieldViolation::new(field.clone(), &["unknownField"]))
        .collect();
    let mut changes = Vec::new();
    for (field, value) in fields {
        let Some((field, column)) = column_of(&field) else {
            continue;
        };
        let value = value.as_str().map(str::to_owned);
        let keys = violations(field, value.as_deref());
        if keys.is_empty() {
            changes.push(FieldChange {
                field,
                column,
                value,
            });
        } else {
            problems.push(FieldViolation::new(field, &keys));
        }
    }
    if !problems.is_empty() {
        return Err(ManageError::FieldConstraints(problems));
    }

    if changes.is_empty() {
        return Ok(Json(
            json!({"account": account.profile_json(&state.base_url)}),
        ));
    }
    for field_change in &changes {
        // Column names come from the fixed table above, never from the request.
        let sql = format!(
            "UPDATE accounts SET {} = ? WHERE account_id = ?",
            field_change.column
        );
        sqlx::query(&sql)
            .bind(&field_change.value)
            .bind(&account.account_id)
            .execute(change.db())
            .await?;
    }
    let updated = accounts::find(change.db(), &account.account_id)
        .await?
        .ok_or(ManageError::AccountNotFound)?;
    change.commit("user_profile_updated").await?;
    let fields: Vec<&str> = changes.iter().map(|c| c.field).collect();
    tracing::info!(account = %account.account_id, ?fields, "profile updated");
    Ok(Json(
        json!({"account": updated.profile_json(&state.base_url)}),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_limited_and_free_of_control_characters() {
        assert!(violations("name", Some("Ana")).is_empty());
        assert_eq!(violations("name", Some(&"x".repeat(101))), ["maxLength"]);
        assert_eq!(violations("nickname", Some(&"ß".repeat(31))), ["maxLength"]);
        assert!(violations("nickname", Some(&"ß".repeat(30))).is_empty());
        assert_eq!(violations("name", Some("a\u{0}b")), ["validCharacters"]);
        assert_eq!(violations("name", None), ["required"]);
        assert!(violations("extended_profile.location", None).is_empty());
    }

    #[test]
    fn locales_and_zones_are_checked_for_shape() {
        assert!(looks_like_locale("en-US") && looks_like_locale("zh-Hant-TW"));
        assert!(!looks_like_locale("english") && !looks_like_locale("en US"));
        assert!(looks_like_zoneinfo("America/Argentina/Buenos_Aires"));
        assert!(!looks_like_zoneinfo("Mars/Olympus Mons"));
    }
}
