//! The lifecycle operations of Atlassian's user-management API: deactivate, reactivate,
//! delete with its grace period, cancel the deletion; and their refusals.

use chrono::Utc;
use custodian_core::ErrorCode;
use custodian_core::directory::model::{Session, UserSearch};
use custodian_core::directory::{AccountId, DirectoryError, DirectoryId};

use crate::helpers::{TestApp, spawn_app};

fn refusal(error: &DirectoryError) -> (&str, Option<&str>) {
    (error.key().unwrap_or("-"), error.reason())
}

async fn status_of(app: &TestApp, account: &AccountId) -> (String, Option<String>) {
    let search = UserSearch {
        account_ids: vec![account.to_string()],
        ..Default::default()
    };
    let users = app
        .client
        .search_users(&app.org(), &DirectoryId::all(), &search)
        .unwrap()
        .collect_all()
        .await
        .unwrap();
    let user = &users[0];
    (user.status.clone().unwrap(), user.deletion_date.clone())
}

#[tokio::test]
async fn deactivate_and_reactivate() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    app.client
        .deactivate(&invited, Some("On leave"))
        .await
        .unwrap();
    assert_eq!(
        app.client.profile(&invited).await.unwrap().account_status,
        "inactive"
    );
    assert_eq!(status_of(&app, &invited).await.0, "deactivated");
    // Deactivating ends the sessions.
    assert!(
        app.client
            .devices(&invited)
            .await
            .unwrap()
            .iter()
            .all(|d| d.session != Session::Active)
    );
    // Twice is no error.
    app.client.deactivate(&invited, None).await.unwrap();

    app.client.reactivate(&invited).await.unwrap();
    assert_eq!(
        app.client.profile(&invited).await.unwrap().account_status,
        "active"
    );
    assert_eq!(status_of(&app, &invited).await.0, "active");
}

#[tokio::test]
async fn lifecycle_refusals_carry_the_reason() {
    let app = spawn_app().await;
    let cases = [
        (app.account(|a| &a.admin), "administrative.notMyself"),
        (app.account(|a| &a.scim), "externalDirectory.scim"),
        (app.account(|a| &a.google), "externalDirectory.google"),
    ];
    for (account, reason) in &cases {
        let error = app.client.deactivate(account, None).await.unwrap_err();
        assert_eq!(refusal(&error), ("forbidden.action", Some(*reason)));
    }
    let error = app
        .client
        .reactivate(&app.account(|a| &a.export_blocked))
        .await
        .unwrap_err();
    assert_eq!(
        refusal(&error),
        ("forbidden.action", Some("blocked.exportControl"))
    );
    let error = app
        .client
        .delete(&app.account(|a| &a.admin))
        .await
        .unwrap_err();
    assert_eq!(
        refusal(&error),
        ("forbidden.action", Some("administrative.notMyself"))
    );
    let error = app
        .client
        .cancel_delete(&app.account(|a| &a.admin))
        .await
        .unwrap_err();
    assert_eq!(
        refusal(&error),
        ("forbidden.action", Some("administrative.notMyself"))
    );
}

#[tokio::test]
async fn delete_has_a_fourteen_day_grace_period_and_can_be_cancelled() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    app.client.delete(&invited).await.unwrap();

    let (status, due) = status_of(&app, &invited).await;
    assert_eq!(status, "for_deletion");
    let due = chrono::DateTime::parse_from_rfc3339(&due.unwrap()).unwrap();
    let days = (due.with_timezone(&Utc) - Utc::now()).num_hours();
    assert!((13 * 24..=14 * 24).contains(&days), "{days} hours");
    assert_eq!(
        app.client.profile(&invited).await.unwrap().account_status,
        "inactive"
    );

    let error = app.client.delete(&invited).await.unwrap_err();
    assert_eq!(error.key(), Some("conflict.lifecycleErrors"));
    assert_eq!(error.code(), ErrorCode::Conflict);
    let error = app.client.reactivate(&invited).await.unwrap_err();
    assert_eq!(error.key(), Some("conflict.lifecycleErrors"));
    let DirectoryError::Refused(refusal) = &error else {
        panic!()
    };
    let context = refusal.context.as_ref().unwrap();
    assert_eq!(context["accountId"], invited.as_str());
    assert_eq!(context["errorCodes"][0]["code"], "pendingDeletion");

    app.client.cancel_delete(&invited).await.unwrap();
    assert_eq!(status_of(&app, &invited).await, ("active".to_owned(), None));
    let error = app.client.cancel_delete(&invited).await.unwrap_err();
    assert_eq!(error.key(), Some("conflict.lifecycleErrors"));

    // The seeded pending deletion is there too.
    assert_eq!(
        status_of(&app, &app.account(|a| &a.pending_deletion))
            .await
            .0,
        "for_deletion"
    );
}

#[tokio::test]
async fn an_org_admin_cannot_be_deleted_until_the_role_is_removed() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    app.client
        .assign_role(&app.org(), &invited, "atlassian/org-admin", None)
        .await
        .unwrap();
    let validation = app.client.validate_delete(&invited).await.unwrap();
    assert!(!validation.eligible);
    assert_eq!(validation.error_codes[0].code, "orgAdmin");
    let error = app.client.delete(&invited).await.unwrap_err();
    let DirectoryError::Refused(refusal) = &error else {
        panic!()
    };
    assert_eq!(refusal.status, 409);
    assert_eq!(
        refusal.context.as_ref().unwrap()["errorCodes"][0]["code"],
        "orgAdmin"
    );

    app.client
        .revoke_role(&app.org(), &invited, "atlassian/org-admin", None)
        .await
        .unwrap();
    let validation = app.client.validate_delete(&invited).await.unwrap();
    assert!(validation.eligible && validation.error_codes.is_empty());
    assert_eq!(validation.grace_period_days, 14);
    app.client.delete(&invited).await.unwrap();
}
