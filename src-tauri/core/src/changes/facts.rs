//! What an account looks like to the audit trail: its facts as "Label: value", so that a
//! change is recorded as the facts it changed, before and after.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::change::Change;
use crate::cache::{AccountDetails, Section, SessionState};

fn or_dash(value: Option<&str>) -> String {
    value.unwrap_or("—").to_owned()
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
        ("Status", account.status.label().to_owned()),
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

/// One fact a change touches, as an account had it: what a queued change is checked
/// against before it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

fn session(state: SessionState) -> &'static str {
    match state {
        SessionState::Active => "Signed in",
        SessionState::Ending => "Logging out",
        SessionState::Ended => "Logged out",
    }
}

/// The facts `change` would change, as `details` has them; a fact the cache does not know
/// (a section never read) is left out, so it cannot be mistaken for a change.
pub fn touched(change: &Change, details: &AccountDetails) -> Vec<Fact> {
    let fact = |label: String, value: String| Fact { label, value };
    match change {
        Change::LogOutDevice { device_id } => match &details.devices {
            Section::Known { value } => {
                let device = value.iter().find(|d| &d.device_id == device_id);
                let label = format!(
                    "Device {}",
                    device.map_or(device_id.as_str(), |d| d.name.as_str())
                );
                let state = device.map_or("Not listed", |d| session(d.session));
                vec![fact(label, state.to_owned())]
            }
            _ => Vec::new(),
        },
        Change::RevokeToken { token_id } => match &details.api_tokens {
            Section::Known { value } => {
                let token = value.iter().find(|t| &t.token_id == token_id);
                let label = format!(
                    "API token {}",
                    token.map_or(token_id.as_str(), |t| t.label.as_str())
                );
                let state = if token.is_some() { "Active" } else { "Revoked" };
                vec![fact(label, state.to_owned())]
            }
            _ => Vec::new(),
        },
        Change::GrantProduct { product, site, .. } | Change::RemoveProduct { product, site } => {
            let row = details
                .products
                .iter()
                .find(|row| &row.product == product && &row.site == site);
            // Named by the site's own id, which both sides have, whether or not the
            // account has a row there: a site URL shows only with one.
            let place = site.rsplit(['/', ':']).next().unwrap_or(site.as_str());
            let access = match row {
                None => "No access".to_owned(),
                // Access whose roles were not read yet (a sync lists products, not roles):
                // not known well enough to compare.
                Some(row) if row.roles.is_empty() => return Vec::new(),
                Some(row) => row.roles.join(", "),
            };
            vec![fact(format!("{product} on site {place}"), access)]
        }
        _ => {
            let concerned = concerned(change);
            facts(details)
                .into_iter()
                .filter(|(label, _)| concerned.contains(label))
                .map(|(label, value)| fact(label.to_owned(), value))
                .collect()
        }
    }
}

/// The facts that differ between what a change was based on and what is there now, as
/// (then, now) pairs by label. A fact missing on either side is not compared.
pub fn moved(base: &[Fact], now: &[Fact]) -> Vec<(Fact, Fact)> {
    base.iter()
        .filter_map(|then| {
            let current = now.iter().find(|fact| fact.label == then.label)?;
            (current.value != then.value).then(|| (then.clone(), current.clone()))
        })
        .collect()
}
