//! A change the directory refused, told in the admin's words: which field, which domain,
//! which plan, what stands in the way. Built from the typed refusal, never from a dump.

use serde_json::Value;

use super::change::ProfileField;
use crate::account::reasons;
use crate::directory::{AdminRefusal, DirectoryError, Refusal};

fn field_label(key: &str) -> String {
    ProfileField::from_api_key(key)
        .map(|field| field.label().to_owned())
        .unwrap_or_else(|| key.to_owned())
}

fn constraint(key: &str, field: &str) -> String {
    let limit = ProfileField::from_api_key(field).map(ProfileField::max_length);
    match (key, limit) {
        ("maxLength", Some(max)) => format!("is too long ({max} characters at most)"),
        ("maxLength", None) => "is too long".to_owned(),
        ("minLength" | "required", _) => "cannot be empty".to_owned(),
        ("validCharacters", _) => "contains characters it cannot hold".to_owned(),
        ("format", _) => "is not in the expected format".to_owned(),
        ("alreadyInUse", _) => "is already used by another account".to_owned(),
        ("unknownField", _) => "is not a field the directory knows".to_owned(),
        (other, _) => format!("was refused ({other})"),
    }
}

fn user_management(refusal: &Refusal) -> String {
    match refusal.key.as_str() {
        "forbidden.unclaimedDomain" => format!(
            "{} is not a verified domain of your organization. Choose an address on a verified domain, or verify the domain first.",
            refusal.reason().unwrap_or("That domain")
        ),
        "forbidden.fieldMutation" => {
            let fields: Vec<String> = refusal
                .read_only_fields()
                .into_iter()
                .map(|(field, reason)| {
                    let why = reason.map_or_else(
                        || "read-only".to_owned(),
                        |key| reasons::explain(&key, None),
                    );
                    format!("{}: {why}", field_label(&field))
                })
                .collect();
            format!("These fields cannot be changed here. {}", fields.join(" "))
        }
        "fieldConstraintsViolated" => {
            let problems: Vec<String> = refusal
                .field_violations()
                .into_iter()
                .map(|(field, keys)| {
                    let what: Vec<String> =
                        keys.iter().map(|key| constraint(key, &field)).collect();
                    format!("{} {}", field_label(&field), what.join(" and "))
                })
                .collect();
            format!("The directory refused the values: {}.", problems.join("; "))
        }
        "conflict.lifecycleErrors" => {
            let problems: Vec<String> = refusal
                .context
                .as_ref()
                .and_then(|c| c.get("errorCodes"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|problem| {
                    problem
                        .get("message")
                        .or_else(|| problem.get("code"))
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                })
                .collect();
            if problems.is_empty() {
                "The account's state does not allow this now.".to_owned()
            } else {
                problems.join(" ")
            }
        }
        "accountNotFound" | "notFound" => {
            "The directory no longer has this (it may have been removed meanwhile).".to_owned()
        }
        // No reason about this account: the key itself may not manage users, as an
        // Atlassian organization API key with scopes cannot.
        "forbidden" if refusal.context.is_none() => SCOPED_KEY.to_owned(),
        key if key.starts_with("forbidden") => reasons::refused(refusal),
        _ => format!("The directory refused the change ({}).", refusal.key),
    }
}

fn organization(refusal: &AdminRefusal) -> String {
    let detail = refusal.detail.as_deref().unwrap_or(&refusal.title);
    match refusal.code.as_str() {
        "ADMIN-UAM-400-2" => {
            "The account is deactivated: reactivate it before granting access.".to_owned()
        }
        "ADMIN-UAM-400-3" => "That role does not exist on that product.".to_owned(),
        "ADMIN-UAM-400-4" => "Your organization does not have that product.".to_owned(),
        "ADMIN-409-28" => {
            "The domain is not verified yet: verify it before claiming its accounts.".to_owned()
        }
        _ => format!("The directory refused the change: {detail}."),
    }
}

/// Why the change did not happen, for the admin to read. Every case also says that nothing
/// was changed where that is what the admin needs to know.
/// A user-management refusal that names no reason.
pub const SCOPED_KEY: &str = "The directory refused the API key for user management. Nothing was changed. An Atlassian organization API key with scopes cannot manage users: create one without scopes (Atlassian Administration > Settings > API keys) and enter it in Settings > Connections.";

pub fn explain(error: &DirectoryError) -> String {
    match error {
        DirectoryError::Offline(_) | DirectoryError::Unavailable { .. } => {
            "The directory cannot be reached. Nothing was changed.".to_owned()
        }
        DirectoryError::RateLimited { .. } => {
            "The directory asks to slow down. Nothing was changed; try again in a minute."
                .to_owned()
        }
        DirectoryError::Unauthorized => {
            "The directory did not accept the API key. Nothing was changed.".to_owned()
        }
        DirectoryError::Refused(refusal) => user_management(refusal),
        DirectoryError::Admin(refusal) => organization(refusal),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn refused(status: u16, key: &str, context: Value) -> String {
        explain(&DirectoryError::Refused(Refusal {
            status,
            key: key.into(),
            context: Some(context),
        }))
    }

    #[test]
    fn a_refusal_without_a_reason_explains_a_key_that_cannot_manage_users() {
        let message = explain(&DirectoryError::Refused(Refusal {
            status: 403,
            key: "forbidden".into(),
            context: None,
        }));
        assert!(message.contains("API key with scopes"), "{message}");
        assert!(message.contains("Nothing was changed"));
    }

    #[test]
    fn an_unverified_domain_is_named() {
        assert_eq!(
            refused(
                403,
                "forbidden.unclaimedDomain",
                json!({"domain": "example.org"})
            ),
            "example.org is not a verified domain of your organization. Choose an address on a verified domain, or verify the domain first."
        );
    }

    #[test]
    fn identity_provider_fields_say_where_to_change_them() {
        let text = refused(
            403,
            "forbidden.fieldMutation",
            json!({"extended_profile.job_title": {"allowed": false, "reason": {"key": "externalDirectory.scim"}}}),
        );
        assert_eq!(
            text,
            "These fields cannot be changed here. Job title: Managed by your identity provider (SCIM): change it there."
        );
    }

    #[test]
    fn field_limits_name_the_field_and_the_limit() {
        let text = refused(
            400,
            "fieldConstraintsViolated",
            json!({"fieldViolations": [{"field": "nickname", "violations": [{"key": "maxLength"}]}]}),
        );
        assert_eq!(
            text,
            "The directory refused the values: Public name is too long (30 characters at most)."
        );
    }

    #[test]
    fn lifecycle_conflicts_carry_the_directory_s_reasons() {
        let text = refused(
            409,
            "conflict.lifecycleErrors",
            json!({"errorCodes": [{"code": "orgAdmin", "message": "The account is an organization admin."}]}),
        );
        assert_eq!(text, "The account is an organization admin.");
    }

    #[test]
    fn rate_limits_say_nothing_changed() {
        let text = explain(&DirectoryError::RateLimited { retry_after: None });
        assert!(text.contains("Nothing was changed"));
    }
}
