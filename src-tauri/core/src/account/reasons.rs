//! Why the backend withholds something, in the admin's words. The backend's reason keys
//! (Atlassian's restriction reasons, plus Custodian's) become one sentence each.

use crate::directory::Refusal;
use crate::directory::model::Rule;

/// The plan name as the admin knows it.
fn plan_name(plan: &str) -> String {
    match plan {
        "guard-standard" => "Atlassian Guard Standard".to_owned(),
        "standard" => "Standard".to_owned(),
        other => other.to_owned(),
    }
}

/// One sentence for a reason key, with the plan it needs where there is one.
pub fn explain(key: &str, required_plan: Option<&str>) -> String {
    if let Some(plan) = required_plan {
        return format!(
            "Needs the {} plan, which this organization does not have.",
            plan_name(plan)
        );
    }
    match key {
        "administrative.notMyself" => "Not for your own account.".to_owned(),
        "externalDirectory.scim" => {
            "Managed by your identity provider (SCIM): change it there.".to_owned()
        }
        "externalDirectory.google" => "Managed through Google Workspace: change it there.".to_owned(),
        "blocked.exportControl" => "The account is blocked under US export control.".to_owned(),
        "twoStepVerification.notEnforced" => {
            "Your organization does not enforce two-step verification, so there is nothing to exclude this account from."
                .to_owned()
        }
        "administrative" => "The directory does not allow this.".to_owned(),
        other => format!("The directory does not allow this ({other})."),
    }
}

/// Why a privilege is withheld; None when it is allowed.
pub fn withheld(rule: &Rule) -> Option<String> {
    if rule.allowed {
        return None;
    }
    Some(match &rule.reason {
        Some(reason) => explain(&reason.key, reason.required_plan.as_deref()),
        None => explain("administrative", None),
    })
}

/// Why the backend refused a read, from its `{key, context}`.
pub fn refused(refusal: &Refusal) -> String {
    let context = refusal.context.as_ref();
    let plan = context
        .and_then(|c| c.pointer("/reason/requiredPlan"))
        .and_then(serde_json::Value::as_str);
    match refusal.reason() {
        Some(key) => explain(key, plan),
        None => explain(&refusal.key, plan),
    }
}

/// What the admin reads where a backend has no API for a section (Atlassian Cloud has
/// none for devices, two-step exclusion and the other extensions).
pub const NOT_IN_PUBLIC_API: &str = "Not available through Atlassian's public API.";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_plan_reason_names_the_plan() {
        let refusal = Refusal {
            status: 403,
            key: "forbidden.action".into(),
            context: Some(
                json!({"reason": {"key": "administrative", "requiredPlan": "guard-standard"}}),
            ),
        };
        assert_eq!(
            refused(&refusal),
            "Needs the Atlassian Guard Standard plan, which this organization does not have."
        );
    }

    #[test]
    fn identity_provider_reasons_say_where_to_change_it() {
        let rule: Rule = serde_json::from_value(
            json!({"allowed": false, "reason": {"key": "externalDirectory.scim"}}),
        )
        .unwrap();
        assert_eq!(
            withheld(&rule).as_deref(),
            Some("Managed by your identity provider (SCIM): change it there.")
        );
        let allowed: Rule = serde_json::from_value(json!({"allowed": true})).unwrap();
        assert_eq!(withheld(&allowed), None);
    }

    #[test]
    fn an_unknown_key_is_named_rather_than_hidden() {
        assert_eq!(
            explain("something.new", None),
            "The directory does not allow this (something.new)."
        );
    }
}
