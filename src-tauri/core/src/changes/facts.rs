//! What an account looks like to the audit trail: its facts as "Label: value", so that a
//! change is recorded as the facts it changed, before and after.

use super::change::Change;
use crate::cache::{AccountDetails, AccountStatus, Section, SessionState};

fn or_dash(value: Option<&str>) -> String {
    value.unwrap_or("—").to_owned()
}

fn status(status: AccountStatus) -> &'static str {
    match status {
        AccountStatus::Active => "Active",
        AccountStatus::Suspended => "Suspended",
        AccountStatus::Deactivated => "Deactivated",
        AccountStatus::PendingDeletion => "Pending deletion",
    }
}

/// The account's facts, in a fixed order.
pub fn facts(details: &AccountDetails) -> Vec<(&'static str, String)> {
    let account = &details.account;
    let mut facts = vec![
        ("Full name", account.name.clone()),
        ("Public name", or_dash(account.public_name.as_deref())),
        ("Email", account.email.clone()),
        ("Job title", or_dash(account.job_title.as_deref())),
        ("Department", or_dash(account.department.as_deref())),
        ("Organization", or_dash(account.organization.as_deref())),
        ("Location", or_dash(account.location.as_deref())),
        ("Time zone", or_dash(account.time_zone.as_deref())),
        ("Language", or_dash(account.locale.as_deref())),
        ("Status", status(account.status).to_owned()),
    ];
    let mut products: Vec<String> = details
        .products
        .iter()
        .map(|access| match access.roles.as_slice() {
            [] => access.product.clone(),
            roles => format!("{} ({})", access.product, roles.join(", ")),
        })
        .collect();
    products.sort();
    facts.push(("Product access", products.join(", ")));
    if let Section::Known { value } = &details.two_step {
        let excluded = if value.excluded {
            "Excluded"
        } else {
            "Not excluded"
        };
        facts.push(("Two-step exclusion", excluded.to_owned()));
    }
    if let Section::Known { value } = &details.devices {
        let signed_in = value
            .iter()
            .filter(|device| device.session == SessionState::Active)
            .count();
        facts.push(("Devices signed in", signed_in.to_string()));
    }
    if let Section::Known { value } = &details.api_tokens {
        facts.push(("API tokens", value.len().to_string()));
    }
    let reset = if details.password_reset_requested_at.is_some() {
        "Required at next login"
    } else {
        "Not required"
    };
    facts.push(("Password reset", reset.to_owned()));
    facts
}

/// The facts a change is about: what its audit entry records, and nothing that merely
/// changed elsewhere since the account was last read.
fn concerned(change: &Change) -> Vec<&'static str> {
    match change {
        Change::EditProfile { edits } => edits.iter().map(|edit| edit.field.label()).collect(),
        Change::ChangeEmail { .. } => vec!["Email"],
        Change::GrantProduct { .. } | Change::RemoveProduct { .. } => vec!["Product access"],
        Change::ExcludeFromTwoStep | Change::IncludeInTwoStep => vec!["Two-step exclusion"],
        Change::LogOutDevice { .. } => vec!["Devices signed in"],
        Change::RequirePasswordReset => vec!["Password reset"],
        Change::RevokeToken { .. } | Change::RevokeAllTokens => vec!["API tokens"],
        Change::Deactivate { .. }
        | Change::Reactivate
        | Change::Delete
        | Change::CancelDeletion => vec!["Status"],
        Change::SetPhoto | Change::RemovePhoto => Vec::new(),
    }
}

/// The facts the change is about that differ, as (before, after) text, one "Label: value"
/// per line; None when none of them did.
pub fn differences(
    change: &Change,
    before: &AccountDetails,
    after: &AccountDetails,
) -> Option<(String, String)> {
    let concerned = concerned(change);
    let after_facts = facts(after);
    let mut old = Vec::new();
    let mut new = Vec::new();
    for (label, value) in facts(before) {
        if !concerned.contains(&label) {
            continue;
        }
        let Some((_, changed)) = after_facts.iter().find(|(other, _)| *other == label) else {
            continue;
        };
        if *changed != value {
            old.push(format!("{label}: {value}"));
            new.push(format!("{label}: {changed}"));
        }
    }
    if old.is_empty() {
        None
    } else {
        Some((old.join("\n"), new.join("\n")))
    }
}
