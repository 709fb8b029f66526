//! A v2 directory user, as the cache keeps it.

use chrono::DateTime;

use crate::cache::{Account, AccountRecord, AccountStatus, Lifecycle, ManagedBy, ProductAccess};
use crate::directory::model::DirectoryUser;

fn unix_seconds(text: Option<&str>) -> Option<i64> {
    DateTime::parse_from_rfc3339(text?)
        .ok()
        .map(|time| time.timestamp())
}

fn status(user: &DirectoryUser) -> AccountStatus {
    if user.for_deletion == Some(true) || user.status.as_deref() == Some("for_deletion") {
        return AccountStatus::PendingDeletion;
    }
    match (user.status.as_deref(), user.account_status.as_deref()) {
        (Some("deactivated"), _) | (_, Some("inactive" | "closed")) => AccountStatus::Deactivated,
        (Some("suspended"), _) => AccountStatus::Suspended,
        _ => AccountStatus::Active,
    }
}

fn managed_by(user: &DirectoryUser) -> ManagedBy {
    match user.management_source.as_deref() {
        Some("invited") => ManagedBy::Invited,
        Some("synced") => ManagedBy::IdentityProvider,
        _ => ManagedBy::Unknown,
    }
}

pub fn to_record(user: DirectoryUser) -> AccountRecord {
    let products: Vec<ProductAccess> = user
        .product_access
        .iter()
        .flatten()
        .map(|access| ProductAccess {
            product: access.key.clone(),
            site: access.id.clone(),
            role: None,
            last_active: unix_seconds(access.last_active_timestamp.as_deref()),
        })
        .collect();
    let email = user.email.clone().unwrap_or_default();
    AccountRecord {
        account: Account {
            name: user.name.clone().unwrap_or_else(|| email.clone()),
            public_name: user.nickname.clone(),
            status: status(&user),
            managed_by: managed_by(&user),
            two_step_enabled: user.mfa_enabled.unwrap_or(false),
            product_count: products.len() as u32,
            last_active: unix_seconds(user.last_active.as_deref()),
            added_to_org: unix_seconds(user.added_to_org.as_deref()),
            email,
            account_id: user.account_id,
            job_title: user.job_title,
            department: user.department,
            organization: user.organization,
            location: user.location,
            time_zone: user.time_zone,
            locale: None,
        },
        products,
        lifecycle: Lifecycle {
            deactivated_on: unix_seconds(user.deactivated_on.as_deref()),
            deletion_date: unix_seconds(user.deletion_date.as_deref()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(json: serde_json::Value) -> DirectoryUser {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn a_full_record_maps_field_by_field() {
        let record = to_record(user(serde_json::json!({
            "accountId": "5b10", "status": "active", "accountStatus": "active",
            "name": "Aiko Tanaka", "nickname": "Aiko", "email": "aiko@acme.com",
            "managementSource": "synced", "mfaEnabled": true, "jobTitle": "Engineer",
            "addedToOrg": "2024-01-01T00:00:00.000Z",
            "productAccess": [{ "key": "confluence", "id": "ari:cloud:confluence::site/1",
                                "lastActiveTimestamp": "2025-11-06T23:07:29.936941226Z" }]
        })));
        let account = &record.account;
        assert_eq!(account.name, "Aiko Tanaka");
        assert_eq!(account.public_name.as_deref(), Some("Aiko"));
        assert_eq!(account.status, AccountStatus::Active);
        assert_eq!(account.managed_by, ManagedBy::IdentityProvider);
        assert!(account.two_step_enabled);
        assert_eq!(account.added_to_org, Some(1_704_067_200));
        assert_eq!(record.products.len(), 1);
        assert_eq!(record.products[0].last_active, Some(1_762_470_449));
    }

    #[test]
    fn statuses_follow_atlassians_derivation() {
        let status_of = |json| to_record(user(json)).account.status;
        use serde_json::json;
        assert_eq!(
            status_of(json!({"accountId": "a", "status": "for_deletion"})),
            AccountStatus::PendingDeletion
        );
        assert_eq!(
            status_of(json!({"accountId": "a", "forDeletion": true})),
            AccountStatus::PendingDeletion
        );
        assert_eq!(
            status_of(json!({"accountId": "a", "accountStatus": "inactive"})),
            AccountStatus::Deactivated
        );
        assert_eq!(
            status_of(json!({"accountId": "a", "status": "suspended"})),
            AccountStatus::Suspended
        );
        assert_eq!(status_of(json!({"accountId": "a"})), AccountStatus::Active);
    }

    #[test]
    fn missing_fields_are_not_invented() {
        let record = to_record(user(
            serde_json::json!({ "accountId": "x", "email": "x@acme.com" }),
        ));
        assert_eq!(
            record.account.name, "x@acme.com",
            "the email stands in for a missing name"
        );
        assert_eq!(record.account.managed_by, ManagedBy::Unknown);
        assert_eq!(record.account.last_active, None);
        assert!(record.products.is_empty());
    }
}
