//! Every change an admin can make to a managed account, as one value: what the UI sends,
//! what the audit trail records, and (later) what an offline outbox keeps.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::directory::model::{ExtendedChanges, ProfileChanges};
use crate::directory::{DeviceId, Email, ParseError, TokenId};

/// A profile field an admin can edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ProfileField {
    Name,
    PublicName,
    JobTitle,
    Department,
    Organization,
    Location,
    TimeZone,
    Locale,
}

impl ProfileField {
    pub const ALL: [Self; 8] = [
        Self::Name,
        Self::PublicName,
        Self::JobTitle,
        Self::Department,
        Self::Organization,
        Self::Location,
        Self::TimeZone,
        Self::Locale,
    ];

    /// The field's key in Atlassian's `profile.write` privileges and error bodies.
    pub fn api_key(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::PublicName => "nickname",
            Self::JobTitle => "extended_profile.job_title",
            Self::Department => "extended_profile.department",
            Self::Organization => "extended_profile.organization",
            Self::Location => "extended_profile.location",
            Self::TimeZone => "zoneinfo",
            Self::Locale => "locale",
        }
    }

    pub fn from_api_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.api_key() == key)
    }

    /// As the form labels it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "Full name",
            Self::PublicName => "Public name",
            Self::JobTitle => "Job title",
            Self::Department => "Department",
            Self::Organization => "Organization",
            Self::Location => "Location",
            Self::TimeZone => "Time zone",
            Self::Locale => "Language",
        }
    }

    /// The longest value the directory accepts, in characters.
    pub fn max_length(self) -> usize {
        match self {
            Self::Name => 100,
            Self::PublicName => 30,
            Self::TimeZone => 64,
            _ => 255,
        }
    }

    fn required(self) -> bool {
        matches!(self, Self::Name | Self::PublicName)
    }
}

/// One field's new value; an empty value clears an optional field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldEdit {
    pub field: ProfileField,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Change {
    EditProfile {
        edits: Vec<FieldEdit>,
    },
    ChangeEmail {
        email: String,
    },
    /// Grants a role on a product's site (`site` is the site's ARI).
    GrantProduct {
        product: String,
        site: String,
        role: String,
    },
    /// Removes every role the account has on a product's site.
    RemoveProduct {
        product: String,
        site: String,
    },
    ExcludeFromTwoStep,
    /// Undoes an exclusion: the organization's enforcement applies again.
    IncludeInTwoStep,
    #[serde(rename_all = "camelCase")]
    LogOutDevice {
        device_id: String,
    },
    RequirePasswordReset,
    #[serde(rename_all = "camelCase")]
    RevokeToken {
        token_id: String,
    },
    RevokeAllTokens,
    Deactivate {
        message: Option<String>,
    },
    Reactivate,
    Delete,
    CancelDeletion,
    /// A new profile photo. Its image travels beside the change (`changes::upload_photo`),
    /// never inside it.
    SetPhoto,
    RemovePhoto,
}

/// Why a change was refused before anything was sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidChange {
    #[error("{field} is required")]
    Required { field: &'static str },
    #[error("{field} is too long: {max} characters at most")]
    TooLong { field: &'static str, max: usize },
    #[error("{field} cannot contain control characters such as line breaks")]
    ControlCharacters { field: &'static str },
    #[error("{field} is not a time zone such as Europe/Madrid")]
    TimeZone { field: &'static str },
    #[error("{field} is not a language tag such as en-US")]
    Locale { field: &'static str },
    #[error("{field} is edited twice in one change")]
    Twice { field: &'static str },
    #[error("nothing to change")]
    Empty,
    #[error("a deactivation message is {max} characters at most")]
    MessageTooLong { max: usize },
    #[error("a new photo is uploaded with its image: choose or drop one")]
    PhotoWithoutImage,
    #[error(transparent)]
    Input(#[from] ParseError),
}

/// The longest message a deactivation may carry.
pub const MAX_DEACTIVATION_MESSAGE: usize = 1_000;

fn looks_like_locale(text: &str) -> bool {
    let mut parts = text.split(['-', '_']);
    let language = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    language
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn looks_like_time_zone(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c))
        && !text.starts_with('/')
}

impl FieldEdit {
    /// The value as it will be sent: trimmed, and None for a cleared optional field.
    fn checked(&self) -> Result<Option<String>, InvalidChange> {
        let field = self.field.label();
        let value = self.value.trim();
        if value.is_empty() {
            return if self.field.required() {
                Err(InvalidChange::Required { field })
            } else {
                Ok(None)
            };
        }
        let max = self.field.max_length();
        if value.chars().count() > max {
            return Err(InvalidChange::TooLong { field, max });
        }
        if value.chars().any(char::is_control) {
            return Err(InvalidChange::ControlCharacters { field });
        }
        match self.field {
            ProfileField::TimeZone if !looks_like_time_zone(value) => {
                Err(InvalidChange::TimeZone { field })
            }
            ProfileField::Locale if !looks_like_locale(value) => {
                Err(InvalidChange::Locale { field })
            }
            _ => Ok(Some(value.to_owned())),
        }
    }
}

/// The profile request for a set of edits, checked field by field.
pub fn profile_changes(edits: &[FieldEdit]) -> Result<ProfileChanges, InvalidChange> {
    if edits.is_empty() {
        return Err(InvalidChange::Empty);
    }
    let mut changes = ProfileChanges::default();
    let mut extended = ExtendedChanges::default();
    let mut seen = Vec::new();
    for edit in edits {
        if seen.contains(&edit.field) {
            return Err(InvalidChange::Twice {
                field: edit.field.label(),
            });
        }
        seen.push(edit.field);
        let value = edit.checked()?;
        match edit.field {
            ProfileField::Name => changes.name = value,
            ProfileField::PublicName => changes.nickname = value,
            ProfileField::TimeZone => changes.zoneinfo = Some(value),
            ProfileField::Locale => changes.locale = Some(value),
            ProfileField::JobTitle => extended.job_title = Some(value),
            ProfileField::Department => extended.department = Some(value),
            ProfileField::Organization => extended.organization = Some(value),
            ProfileField::Location => extended.location = Some(value),
        }
    }
    changes.extended_profile = extended;
    Ok(changes)
}

impl Change {
    /// Checks what can be checked before anything is sent.
    pub fn validate(&self) -> Result<(), InvalidChange> {
        match self {
            Change::EditProfile { edits } => profile_changes(edits).map(|_| ()),
            Change::ChangeEmail { email } => {
                Email::parse(email.as_str()).map(|_| ()).map_err(Into::into)
            }
            Change::LogOutDevice { device_id } => DeviceId::parse(device_id.as_str())
                .map(|_| ())
                .map_err(Into::into),
            Change::RevokeToken { token_id } => TokenId::parse(token_id.as_str())
                .map(|_| ())
                .map_err(Into::into),
            Change::SetPhoto => Err(InvalidChange::PhotoWithoutImage),
            Change::Deactivate {
                message: Some(message),
            } if message.chars().count() > MAX_DEACTIVATION_MESSAGE => {
                Err(InvalidChange::MessageTooLong {
                    max: MAX_DEACTIVATION_MESSAGE,
                })
            }
            _ => Ok(()),
        }
    }

    /// What the change does, in the admin's words, for the audit trail and results.
    pub fn describe(&self) -> String {
        match self {
            Change::EditProfile { edits } => {
                let fields: Vec<&str> = edits.iter().map(|edit| edit.field.label()).collect();
                format!("Edit profile: {}", fields.join(", "))
            }
            Change::ChangeEmail { email } => format!("Change email to {email}"),
            Change::GrantProduct { product, role, .. } => {
                format!("Grant {product} access ({role})")
            }
            Change::RemoveProduct { product, .. } => format!("Remove {product} access"),
            Change::ExcludeFromTwoStep => "Exclude from two-step verification".to_owned(),
            Change::IncludeInTwoStep => "Undo the two-step verification exclusion".to_owned(),
            Change::LogOutDevice { .. } => "Log out a device".to_owned(),
            Change::RequirePasswordReset => "Require a password reset".to_owned(),
            Change::RevokeToken { .. } => "Revoke an API token".to_owned(),
            Change::RevokeAllTokens => "Revoke all API tokens".to_owned(),
            Change::Deactivate { .. } => "Deactivate".to_owned(),
            Change::Reactivate => "Reactivate".to_owned(),
            Change::Delete => "Delete".to_owned(),
            Change::CancelDeletion => "Cancel deletion".to_owned(),
            Change::SetPhoto => "Change the profile photo".to_owned(),
            Change::RemovePhoto => "Remove the profile photo".to_owned(),
        }
    }

    /// The operation's name in the audit trail and its filter: `editProfile`, `delete`...
    pub fn operation(&self) -> &'static str {
        match self {
            Change::EditProfile { .. } => "editProfile",
            Change::ChangeEmail { .. } => "changeEmail",
            Change::GrantProduct { .. } => "grantProduct",
            Change::RemoveProduct { .. } => "removeProduct",
            Change::ExcludeFromTwoStep => "excludeFromTwoStep",
            Change::IncludeInTwoStep => "includeInTwoStep",
            Change::LogOutDevice { .. } => "logOutDevice",
            Change::RequirePasswordReset => "requirePasswordReset",
            Change::RevokeToken { .. } => "revokeToken",
            Change::RevokeAllTokens => "revokeAllTokens",
            Change::Deactivate { .. } => "deactivate",
            Change::Reactivate => "reactivate",
            Change::Delete => "delete",
            Change::CancelDeletion => "cancelDeletion",
            Change::SetPhoto => "setPhoto",
            Change::RemovePhoto => "removePhoto",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(field: ProfileField, value: &str) -> FieldEdit {
        FieldEdit {
            field,
            value: value.into(),
        }
    }

    #[test]
    fn changes_travel_tagged_by_kind() {
        let change: Change =
            serde_json::from_str(r#"{"kind":"logOutDevice","deviceId":"d-1"}"#).unwrap();
        assert_eq!(
            change,
            Change::LogOutDevice {
                device_id: "d-1".into()
            }
        );
        let json = serde_json::to_value(Change::Deactivate { message: None }).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "deactivate", "message": null})
        );
    }

    #[test]
    fn a_cleared_optional_field_is_sent_as_null_and_values_are_trimmed() {
        let changes = profile_changes(&[
            edit(ProfileField::JobTitle, "  "),
            edit(ProfileField::Name, " Ana García "),
        ])
        .unwrap();
        assert_eq!(changes.name.as_deref(), Some("Ana García"));
        assert_eq!(changes.extended_profile.job_title, Some(None));
        assert_eq!(changes.extended_profile.location, None);
    }

    #[test]
    fn bad_values_are_refused_before_anything_is_sent() {
        let refused = |field, value: &str| profile_changes(&[edit(field, value)]).unwrap_err();
        assert_eq!(
            refused(ProfileField::Name, ""),
            InvalidChange::Required { field: "Full name" }
        );
        assert_eq!(
            refused(ProfileField::PublicName, &"ß".repeat(31)),
            InvalidChange::TooLong {
                field: "Public name",
                max: 30
            }
        );
        assert_eq!(
            refused(ProfileField::JobTitle, "Chief\nOfficer"),
            InvalidChange::ControlCharacters { field: "Job title" }
        );
        assert_eq!(
            refused(ProfileField::TimeZone, "Mars; DROP TABLE"),
            InvalidChange::TimeZone { field: "Time zone" }
        );
        assert_eq!(
            refused(ProfileField::Locale, "english"),
            InvalidChange::Locale { field: "Language" }
        );
        assert_eq!(profile_changes(&[]).unwrap_err(), InvalidChange::Empty);
        let twice = profile_changes(&[
            edit(ProfileField::Location, "Madrid"),
            edit(ProfileField::Location, "Paris"),
        ]);
        assert_eq!(
            twice.unwrap_err(),
            InvalidChange::Twice { field: "Location" }
        );
    }

    #[test]
    fn an_email_that_is_not_one_is_refused() {
        let change = Change::ChangeEmail {
            email: "not an email".into(),
        };
        assert!(matches!(change.validate(), Err(InvalidChange::Input(_))));
        let message = Change::Deactivate {
            message: Some("x".repeat(1_001)),
        };
        assert!(message.validate().is_err());
    }

    #[test]
    fn every_field_round_trips_through_its_api_key() {
        for field in ProfileField::ALL {
            assert_eq!(ProfileField::from_api_key(field.api_key()), Some(field));
        }
    }
}
