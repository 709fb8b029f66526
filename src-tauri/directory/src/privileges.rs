//! What the caller may do to one account, and why not: the rules behind
//! `GET /users/{id}/manage` and every refusal of a user-management route.

use serde_json::{Map, Value, json};

use crate::accounts::Account;
use crate::config::Plan;

/// Why a privilege is withheld: Atlassian's restriction reasons, plus the plan rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restriction {
    /// Kept for the caller's own account.
    NotMyself,
    /// The identity provider owns this, over SCIM.
    Scim,
    /// The identity provider owns this, through Google Workspace.
    Google,
    /// The account is blocked under US export control.
    ExportControl,
    /// API tokens are visible on Atlassian Guard Standard only. Atlassian's reason enum
    /// has no plan reason, so the key is `administrative` and `requiredPlan` (an
    /// extension property) says which.
    PlanRequired,
    /// The plan rule as a server without extensions gives it: `administrative` alone.
    PlanRequiredUnnamed,
    /// The organization does not enforce two-step verification, so there is nothing to
    /// exclude the account from.
    TwoStepNotEnforced,
    /// The field is never written through this route (id, email, picture, status...).
    ReadOnly,
}

impl Restriction {
    pub fn reason(self) -> Value {
        match self {
            Restriction::NotMyself => json!({"key": "administrative.notMyself"}),
            Restriction::Scim => json!({"key": "externalDirectory.scim"}),
            Restriction::Google => json!({"key": "externalDirectory.google"}),
            Restriction::ExportControl => json!({"key": "blocked.exportControl"}),
            Restriction::PlanRequired => {
                json!({"key": "administrative", "requiredPlan": Plan::GuardStandard.as_str()})
            }
            Restriction::TwoStepNotEnforced => json!({"key": "twoStepVerification.notEnforced"}),
            Restriction::PlanRequiredUnnamed | Restriction::ReadOnly => {
                json!({"key": "administrative"})
            }
        }
    }

    /// `Manageability.Unallowed`.
    pub fn unallowed(self) -> Value {
        json!({"allowed": false, "reason": self.reason()})
    }
}

/// A privilege: allowed, or withheld for a reason.
pub type Rule = Result<(), Restriction>;

/// The rule a change to an account is made under, checked where the change is made.
pub type Privilege = fn(&Context<'_>, &Account) -> Rule;

pub fn rule_json(rule: Rule) -> Value {
    match rule {
        Ok(()) => json!({"allowed": true}),
        Err(restriction) => restriction.unallowed(),
    }
}

/// The profile fields `PATCH .../profile` can write, keyed by JSON path as in
/// `profile.write`.
pub const PROFILE_FIELDS: [&str; 8] = [
    "name",
    "nickname",
    "zoneinfo",
    "locale",
    "extended_profile.job_title",
    "extended_profile.organization",
    "extended_profile.department",
    "extended_profile.location",
];

/// Who is asking, about which organization, and whether the answer may carry
/// Custodian's extensions.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub caller_account_id: &'a str,
    pub plan: Plan,
    pub two_step_enforced: bool,
    pub extensions: bool,
}

fn identity_provider(account: &Account) -> Rule {
    match account.external_directory.as_deref() {
        Some("scim") => Err(Restriction::Scim),
        Some("google") => Err(Restriction::Google),
        _ => Ok(()),
    }
}

fn not_myself(context: &Context<'_>, account: &Account) -> Rule {
    if account.account_id == context.caller_account_id {
        Err(Restriction::NotMyself)
    } else {
        Ok(())
    }
}

/// The rule for one writable profile field: an identity provider owns the name and the
/// extended profile; the public name, time zone and locale stay with the admin.
pub fn profile_field(account: &Account, field: &str) -> Rule {
    match field {
        "nickname" | "zoneinfo" | "locale" => Ok(()),
        _ => identity_provider(account),
    }
}

/// For changes checked otherwise: the profile field by field, the picture not at all.
pub fn unrestricted(_: &Context<'_>, _: &Account) -> Rule {
    Ok(())
}

pub fn email_set(_: &Context<'_>, account: &Account) -> Rule {
    identity_provider(account)
}

pub fn lifecycle_enablement(context: &Context<'_>, account: &Account) -> Rule {
    not_myself(context, account)?;
    identity_provider(account)?;
    if account.export_blocked {
        return Err(Restriction::ExportControl);
    }
    Ok(())
}

/// Export control blocks re-enabling an account, not deactivating it.
pub fn lifecycle_disable(context: &Context<'_>, account: &Account) -> Rule {
    match lifecycle_enablement(context, account) {
        Err(Restriction::ExportControl) => Ok(()),
        rule => rule,
    }
}

pub fn lifecycle_delete(context: &Context<'_>, account: &Account) -> Rule {
    not_myself(context, account)
}

pub fn api_tokens(context: &Context<'_>, _: &Account) -> Rule {
    if context.plan == Plan::GuardStandard {
        Ok(())
    } else if context.extensions {
        Err(Restriction::PlanRequired)
    } else {
        Err(Restriction::PlanRequiredUnnamed)
    }
}

pub fn two_step_exclusion(context: &Context<'_>, _: &Account) -> Rule {
    if context.two_step_enforced {
        Ok(())
    } else {
        Err(Restriction::TwoStepNotEnforced)
    }
}

/// A password is the identity provider's business when it syncs the account.
pub fn password_reset(_: &Context<'_>, account: &Account) -> Rule {
    identity_provider(account)
}

pub fn device_logout(context: &Context<'_>, account: &Account) -> Rule {
    not_myself(context, account)
}

/// `profile.write`: every writable field with its rule.
pub fn profile_write(account: &Account) -> Map<String, Value> {
    PROFILE_FIELDS
        .iter()
        .map(|field| {
            (
                (*field).to_owned(),
                rule_json(profile_field(account, field)),
            )
        })
        .collect()
}

/// Atlassian's privileges with one rule each, by the name `GET /users/{id}/manage` gives
/// them.
const ATLASSIAN: [(&str, Privilege); 5] = [
    ("email.set", email_set),
    ("lifecycle.enablement", lifecycle_enablement),
    ("lifecycle.delete", lifecycle_delete),
    ("apiToken.read", api_tokens),
    ("apiToken.delete", api_tokens),
];

/// Custodian's, one for each extension route (and for disabling alone): answered only
/// with the extensions on.
const EXTENSION: [(&str, Privilege); 5] = [
    ("avatar.set", unrestricted),
    ("twoStepVerification.exclusion", two_step_exclusion),
    ("devices.logout", device_logout),
    ("password.reset", password_reset),
    ("lifecycle.disable", lifecycle_disable),
];

/// The whole answer of `GET /users/{id}/manage`, limited to `wanted` when given.
pub fn all(context: &Context<'_>, account: &Account, wanted: &[String]) -> Map<String, Value> {
    let mut map = Map::new();
    let write = Value::Object(profile_write(account));
    map.insert("profile".into(), write.clone());
    map.insert("profile.write".into(), write);
    map.insert("profile.read".into(), rule_json(Ok(())));
    let extension: &[(&str, Privilege)] = if context.extensions { &EXTENSION } else { &[] };
    for (name, privilege) in ATLASSIAN.iter().chain(extension) {
        map.insert((*name).into(), rule_json(privilege(context, account)));
    }
    if !wanted.is_empty() {
        map.retain(|key, _| wanted.iter().any(|w| w == key));
    }
    map
}
