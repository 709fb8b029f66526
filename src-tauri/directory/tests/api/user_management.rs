//! Atlassian's user-management operations on privileges, profiles, email and API tokens,
//! with every refusal the issue lists.

use custodian_core::ErrorCode;
use custodian_core::directory::model::{ExtendedChanges, ProfileChanges, Session};
use custodian_core::directory::{AccountId, DirectoryError, Email, TokenId};
use custodian_directory::Plan;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_with};

fn refusal(error: &DirectoryError) -> (&str, Option<&str>) {
    (error.key().unwrap_or("-"), error.reason())
}

#[tokio::test]
async fn privileges_say_what_is_allowed_and_why_not() {
    let app = spawn_app().await;
    let invited = app
        .client
        .privileges(&app.account(|a| &a.invited))
        .await
        .unwrap();
    assert!(invited.profile_write.values().all(|rule| rule.allowed));
    assert_eq!(invited.profile_write.len(), 8);
    assert!(invited.email_set.unwrap().allowed);
    assert!(invited.api_token_read.unwrap().allowed);

    let scim = app
        .client
        .privileges(&app.account(|a| &a.scim))
        .await
        .unwrap();
    assert_eq!(
        scim.profile_write["name"].reason_key(),
        Some("externalDirectory.scim")
    );
    assert_eq!(
        scim.profile_write["extended_profile.department"].reason_key(),
        Some("externalDirectory.scim")
    );
    assert!(scim.profile_write["nickname"].allowed);
    assert_eq!(
        scim.email_set.unwrap().reason_key(),
        Some("externalDirectory.scim")
    );

    let google = app
        .client
        .privileges(&app.account(|a| &a.google))
        .await
        .unwrap();
    assert_eq!(
        google.profile_write["name"].reason_key(),
        Some("externalDirectory.google")
    );

    let myself = app
        .client
        .privileges(&app.account(|a| &a.admin))
        .await
        .unwrap();
    assert_eq!(
        myself.lifecycle_enablement.unwrap().reason_key(),
        Some("administrative.notMyself")
    );
    assert_eq!(
        myself.lifecycle_delete.unwrap().reason_key(),
        Some("administrative.notMyself")
    );

    let blocked = app
        .client
        .privileges(&app.account(|a| &a.export_blocked))
        .await
        .unwrap();
    assert_eq!(
        blocked.lifecycle_enablement.unwrap().reason_key(),
        Some("blocked.exportControl")
    );

    let path = format!(
        "/users/{}/manage?privileges=email.set&privileges=apiToken.read",
        app.account(|a| &a.invited)
    );
    let (status, body) = app.raw(Method::GET, &path, None).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({"email.set": {"allowed": true}, "apiToken.read": {"allowed": true}})
    );
}

#[tokio::test]
async fn unknown_deleted_and_unmanaged_accounts_are_refused() {
    let app = spawn_app().await;
    for (account, key) in [
        (
            AccountId::parse("712020:no-such-account").unwrap(),
            "accountNotFound",
        ),
        (app.account(|a| &a.deleted), "accountNotFound"),
        (app.account(|a| &a.unclaimed), "forbidden"),
        (app.account(|a| &a.unverified_domain), "forbidden"),
    ] {
        let error = app.client.profile(&account).await.unwrap_err();
        assert_eq!(error.key(), Some(key), "{account}");
        let error = app.client.privileges(&account).await.unwrap_err();
        assert_eq!(error.key(), Some(key), "{account}");
    }
    let error = app
        .client
        .profile(&app.account(|a| &a.deleted))
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
    let error = app
        .client
        .profile(&app.account(|a| &a.unclaimed))
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotPermitted);
}

#[tokio::test]
async fn a_profile_is_read_and_changed_field_by_field() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    let before = app.client.profile(&invited).await.unwrap();
    assert_eq!(before.account_id, invited);
    assert_eq!(before.account_status, "active");

    let changes = ProfileChanges {
        name: Some("Zoë Ångström-Łukasiewicz".into()),
        nickname: Some("Zoë".into()),
        zoneinfo: Some(Some("Europe/Warsaw".into())),
        locale: Some(Some("pl-PL".into())),
        extended_profile: ExtendedChanges {
            job_title: Some(Some("Staff Engineer".into())),
            location: Some(None),
            ..Default::default()
        },
    };
    let after = app.client.update_profile(&invited, &changes).await.unwrap();
    assert_eq!(after.name, "Zoë Ångström-Łukasiewicz");
    assert_eq!(after.nickname.as_deref(), Some("Zoë"));
    assert_eq!(after.zoneinfo.as_deref(), Some("Europe/Warsaw"));
    assert_eq!(
        after.extended_profile.job_title.as_deref(),
        Some("Staff Engineer")
    );
    assert_eq!(after.extended_profile.location, None);
    assert_eq!(after.email, before.email);
    assert_eq!(app.client.profile(&invited).await.unwrap(), after);
}

#[tokio::test]
async fn fields_owned_by_the_identity_provider_are_read_only() {
    let app = spawn_app().await;
    let scim = app.account(|a| &a.scim);
    let changes = ProfileChanges {
        name: Some("New Name".into()),
        nickname: Some("Nick".into()),
        ..Default::default()
    };
    let error = app
        .client
        .update_profile(&scim, &changes)
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::ReadOnlyField);
    let DirectoryError::Refused(refusal) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(refusal.status, 403);
    assert_eq!(refusal.key, "forbidden.fieldMutation");
    assert_eq!(
        refusal.read_only_fields(),
        [("name".to_owned(), Some("externalDirectory.scim".to_owned()))]
    );
    // Nothing was changed, not even the allowed field.
    assert_ne!(
        app.client.profile(&scim).await.unwrap().nickname.as_deref(),
        Some("Nick")
    );

    // The public name stays the admin's to change.
    let nickname_only = ProfileChanges {
        nickname: Some("Nick".into()),
        ..Default::default()
    };
    assert_eq!(
        app.client
            .update_profile(&scim, &nickname_only)
            .await
            .unwrap()
            .nickname
            .as_deref(),
        Some("Nick")
    );

    // Read-only fields of every account.
    let path = format!("/users/{}/manage/profile", app.account(|a| &a.invited));
    let (status, body) = app
        .raw(
            Method::PATCH,
            &path,
            Some(json!({"email": "x@northwind.example"})),
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(body["key"], "forbidden.fieldMutation");
    assert_eq!(body["context"]["email"]["allowed"], false);
}

#[tokio::test]
async fn constraint_violations_name_each_field() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    let changes = ProfileChanges {
        name: Some("x".repeat(101)),
        nickname: Some("a\u{7}b".into()),
        locale: Some(Some("not a locale".into())),
        ..Default::default()
    };
    let error = app
        .client
        .update_profile(&invited, &changes)
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    let DirectoryError::Refused(refusal) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(refusal.key, "fieldConstraintsViolated");
    let mut violations = refusal.field_violations();
    violations.sort();
    assert_eq!(
        violations,
        [
            ("locale".to_owned(), vec!["format".to_owned()]),
            ("name".to_owned(), vec!["maxLength".to_owned()]),
            ("nickname".to_owned(), vec!["validCharacters".to_owned()]),
        ]
    );

    let long_nickname = ProfileChanges {
        nickname: Some("n".repeat(31)),
        ..Default::default()
    };
    let error = app
        .client
        .update_profile(&invited, &long_nickname)
        .await
        .unwrap_err();
    assert_eq!(refusal_fields(&error), ["nickname"]);
    // 100 characters (not bytes) is fine.
    let long_name = ProfileChanges {
        name: Some("Ł".repeat(100)),
        ..Default::default()
    };
    assert!(
        app.client
            .update_profile(&invited, &long_name)
            .await
            .is_ok()
    );

    let path = format!("/users/{invited}/manage/profile");
    for body in [
        json!("a string"),
        json!({"name": 7}),
        json!({"extended_profile": "x"}),
    ] {
        let (status, answer) = app.raw(Method::PATCH, &path, Some(body)).await;
        assert_eq!((status, answer), (400, json!({"key": "bodyParseFailure"})));
    }
    let response = app
        .http
        .patch(app.url(&path))
        .bearer_auth(crate::helpers::ADMIN_KEY)
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let (status, answer) = app
        .raw(
            Method::PATCH,
            &path,
            Some(json!({"favourite_colour": "teal"})),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        answer["context"]["fieldViolations"][0],
        json!({"field": "favourite_colour", "violations": [{"key": "unknownField"}]})
    );
}

fn refusal_fields(error: &DirectoryError) -> Vec<String> {
    match error {
        DirectoryError::Refused(refusal) => refusal
            .field_violations()
            .into_iter()
            .map(|(f, _)| f)
            .collect(),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn email_changes_only_to_verified_domains_and_end_sessions() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    let devices = app.client.devices(&invited).await.unwrap();
    assert!(devices.iter().all(|d| d.session == Session::Active));

    let address = Email::parse("new.address@northwind-labs.example").unwrap();
    app.client.set_email(&invited, &address).await.unwrap();
    assert_eq!(
        app.client.profile(&invited).await.unwrap().email,
        "new.address@northwind-labs.example"
    );
    let devices = app.client.devices(&invited).await.unwrap();
    for device in devices {
        match device.kind {
            custodian_core::directory::model::DeviceKind::Browser => {
                assert!(matches!(device.session, Session::Ended { .. }))
            }
            custodian_core::directory::model::DeviceKind::Mobile => {
                assert!(matches!(device.session, Session::Pending { .. }))
            }
        }
    }

    let unverified = Email::parse("someone@fabrikam.example").unwrap();
    let error = app
        .client
        .set_email(&invited, &unverified)
        .await
        .unwrap_err();
    assert_eq!(
        refusal(&error),
        ("forbidden.unclaimedDomain", Some("fabrikam.example"))
    );
    assert_eq!(error.code(), ErrorCode::UnverifiedDomain);
    let elsewhere = Email::parse("someone@gmail.example").unwrap();
    assert_eq!(
        app.client
            .set_email(&invited, &elsewhere)
            .await
            .unwrap_err()
            .key(),
        Some("forbidden.unclaimedDomain")
    );

    let error = app
        .client
        .set_email(&app.account(|a| &a.scim), &address)
        .await
        .unwrap_err();
    assert_eq!(
        refusal(&error),
        ("forbidden.action", Some("externalDirectory.scim"))
    );

    // The address of another account.
    let taken = app
        .client
        .profile(&app.account(|a| &a.google))
        .await
        .unwrap()
        .email;
    let error = app
        .client
        .set_email(&invited, &Email::parse(taken).unwrap())
        .await
        .unwrap_err();
    assert_eq!(refusal_fields(&error), ["email"]);

    let path = format!("/users/{invited}/manage/email");
    let (status, body) = app
        .raw(Method::PUT, &path, Some(json!({"email": "not-an-address"})))
        .await;
    assert_eq!(
        (status, body["key"].as_str()),
        (400, Some("fieldConstraintsViolated"))
    );
    let (status, body) = app.raw(Method::PUT, &path, Some(json!({}))).await;
    assert_eq!((status, body), (400, json!({"key": "bodyParseFailure"})));
}

#[tokio::test]
async fn api_tokens_are_listed_and_revoked_on_guard_standard() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    let tokens = app.client.api_tokens(&invited).await.unwrap();
    assert_eq!(tokens.len(), 2);
    assert!(
        tokens
            .iter()
            .all(|t| !t.label.is_empty() && t.expiry.is_some())
    );

    let first = TokenId::parse(tokens[0].id.clone()).unwrap();
    app.client.revoke_api_token(&invited, &first).await.unwrap();
    let left = app.client.api_tokens(&invited).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_ne!(left[0].id, first.as_str());

    let error = app
        .client
        .revoke_api_token(&invited, &first)
        .await
        .unwrap_err();
    assert_eq!(
        (error.key(), error.code()),
        (Some("notFound"), ErrorCode::NotFound)
    );
    // Another account's token is not found under this one.
    let other = app
        .client
        .api_tokens(&app.account(|a| &a.google))
        .await
        .unwrap();
    let theirs = TokenId::parse(other[0].id.clone()).unwrap();
    assert_eq!(
        app.client
            .revoke_api_token(&invited, &theirs)
            .await
            .unwrap_err()
            .key(),
        Some("notFound")
    );
}

#[tokio::test]
async fn api_tokens_need_guard_standard() {
    let app = spawn_app_with(|config| config.seed.plan = Plan::Standard).await;
    let invited = app.account(|a| &a.invited);
    let error = app.client.api_tokens(&invited).await.unwrap_err();
    assert_eq!(
        refusal(&error),
        ("forbidden.action", Some("administrative"))
    );
    assert_eq!(error.code(), ErrorCode::NotPermitted);
    let DirectoryError::Refused(refusal) = &error else {
        panic!()
    };
    assert_eq!(
        refusal.context.as_ref().unwrap()["reason"]["requiredPlan"],
        "guard-standard"
    );

    let token = TokenId::parse("any-token").unwrap();
    assert_eq!(
        app.client
            .revoke_api_token(&invited, &token)
            .await
            .unwrap_err()
            .key(),
        Some("forbidden.action")
    );
    let privileges = app.client.privileges(&invited).await.unwrap();
    assert_eq!(
        privileges
            .api_token_read
            .unwrap()
            .reason
            .unwrap()
            .required_plan
            .as_deref(),
        Some("guard-standard")
    );
}
