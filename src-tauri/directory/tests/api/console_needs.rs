//! What the console's managed-account page needs beyond the operations other suites
//! cover: the extension privileges, a pending password reset, revoking every token,
//! the note on a deactivation, a claim's preview, and an account's role assignments.

use custodian_directory::Plan;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{ADMIN_KEY, TestApp, spawn_app, spawn_app_with};

fn manage(account: &str, rest: &str) -> String {
    format!("/users/{account}/manage{rest}")
}

fn refusal(body: &Value) -> (&str, &str) {
    (
        body["key"].as_str().unwrap_or("-"),
        body["context"]["reason"]["key"].as_str().unwrap_or("-"),
    )
}

fn admin_code(body: &Value) -> &str {
    body["errors"][0]["code"].as_str().unwrap_or("-")
}

async fn events_named(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM events WHERE action = ?")
        .bind(action)
        .fetch_one(app.server.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_extension_privileges_say_why_not_before_the_admin_tries() {
    let app = spawn_app_with(|config| config.seed.two_step_enforced = false).await;
    let seed = app.seed().accounts.clone();
    let (_, invited) = app.raw(Method::GET, &manage(&seed.invited, ""), None).await;
    for name in ["avatar.set", "devices.logout", "password.reset"] {
        assert_eq!(invited[name], json!({"allowed": true}), "{name}");
    }
    assert_eq!(
        invited["twoStepVerification.exclusion"]["reason"]["key"],
        "twoStepVerification.notEnforced"
    );
    let (_, admin) = app.raw(Method::GET, &manage(&seed.admin, ""), None).await;
    assert_eq!(
        admin["devices.logout"]["reason"]["key"],
        "administrative.notMyself"
    );
    let (_, google) = app.raw(Method::GET, &manage(&seed.google, ""), None).await;
    assert_eq!(
        google["password.reset"]["reason"]["key"],
        "externalDirectory.google"
    );
    // Export control blocks re-enabling, not deactivating.
    let (_, blocked) = app
        .raw(Method::GET, &manage(&seed.export_blocked, ""), None)
        .await;
    assert_eq!(blocked["lifecycle.disable"], json!({"allowed": true}));
    assert_eq!(
        blocked["lifecycle.enablement"]["reason"]["key"],
        "blocked.exportControl"
    );
    let (_, some) = app
        .raw(
            Method::GET,
            &manage(&seed.invited, "?privileges=password.reset"),
            None,
        )
        .await;
    assert_eq!(some, json!({"password.reset": {"allowed": true}}));
}

#[tokio::test]
async fn a_pending_password_reset_can_be_read() {
    let app = spawn_app().await;
    let seed = app.seed().accounts.clone();
    let path = manage(&seed.invited, "/password/reset");
    let (status, before) = app.raw(Method::GET, &path, None).await;
    assert_eq!(
        (status, before),
        (200, json!({"passwordResetRequired": false}))
    );
    let (_, required) = app.raw(Method::POST, &path, None).await;
    let (_, after) = app.raw(Method::GET, &path, None).await;
    assert_eq!(after, required);
    assert_eq!(after["passwordResetRequired"], true);

    let (status, body) = app
        .raw(
            Method::GET,
            &manage(&seed.unclaimed, "/password/reset"),
            None,
        )
        .await;
    assert_eq!((status, body["key"].as_str()), (403, Some("forbidden")));
    let (status, body) = app
        .raw(Method::GET, &manage("nobody", "/password/reset"), None)
        .await;
    assert_eq!(
        (status, body["key"].as_str()),
        (404, Some("accountNotFound"))
    );
}

#[tokio::test]
async fn every_api_token_is_revoked_at_once() {
    let app = spawn_app().await;
    let invited = app.seed().accounts.invited.clone();
    let tokens = manage(&invited, "/api-tokens");
    let (_, listed) = app.raw(Method::GET, &tokens, None).await;
    let count = listed.as_array().unwrap().len();
    assert!(count > 0);

    let (status, revoked) = app.raw(Method::DELETE, &tokens, None).await;
    assert_eq!((status, revoked), (200, json!({"revokedTokens": count})));
    assert_eq!(app.raw(Method::GET, &tokens, None).await.1, json!([]));
    assert_eq!(events_named(&app, "api_tokens_revoked").await, 1);
    // Nothing left: nothing revoked, nothing recorded.
    let (_, again) = app.raw(Method::DELETE, &tokens, None).await;
    assert_eq!(again, json!({"revokedTokens": 0}));
    assert_eq!(events_named(&app, "api_tokens_revoked").await, 1);
}

#[tokio::test]
async fn revoking_every_token_needs_guard_standard() {
    let app = spawn_app_with(|config| config.seed.plan = Plan::Standard).await;
    let invited = app.seed().accounts.invited.clone();
    let (status, body) = app
        .raw(Method::DELETE, &manage(&invited, "/api-tokens"), None)
        .await;
    assert_eq!(status, 403);
    assert_eq!(refusal(&body), ("forbidden.action", "administrative"));
    assert_eq!(body["context"]["reason"]["requiredPlan"], "guard-standard");
}

#[tokio::test]
async fn a_deactivation_may_carry_a_note_which_is_checked() {
    let app = spawn_app().await;
    let invited = app.seed().accounts.invited.clone();
    let disable = manage(&invited, "/lifecycle/disable");
    let (status, body) = app
        .raw(
            Method::POST,
            &disable,
            Some(json!({"message": "x".repeat(1001)})),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["key"], "fieldConstraintsViolated");
    assert_eq!(
        body["context"]["fieldViolations"][0],
        json!({"field": "message", "violations": [{"key": "maxLength"}]})
    );
    let response = app
        .http
        .post(app.url(&disable))
        .bearer_auth(ADMIN_KEY)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["key"], "bodyParseFailure");
    let (_, profile) = app
        .raw(Method::GET, &manage(&invited, "/profile"), None)
        .await;
    assert_eq!(profile["account"]["account_status"], "active");

    let (status, _) = app
        .raw(
            Method::POST,
            &disable,
            Some(json!({"message": "On leave\nuntil May"})),
        )
        .await;
    assert_eq!(status, 204);
    // No body at all is fine too.
    let (status, _) = app
        .raw(Method::POST, &manage(&invited, "/lifecycle/enable"), None)
        .await;
    assert_eq!(status, 204);
    let (status, _) = app.raw(Method::POST, &disable, None).await;
    assert_eq!(status, 204);
}

#[tokio::test]
async fn a_claim_can_be_previewed_without_claiming() {
    let app = spawn_app().await;
    let org = app.seed().org_id.clone();
    let domain = app.domain_id("nw-services.example");
    let path = format!("/admin/v1/orgs/{org}/domains/{domain}/claim");
    let unmanaged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM accounts WHERE email_domain = 'nw-services.example' \
         AND claim_status = 'unmanaged'",
    )
    .fetch_one(app.server.pool())
    .await
    .unwrap();
    assert!(unmanaged > 0);

    let (status, preview) = app.raw(Method::GET, &path, None).await;
    assert_eq!(status, 200);
    assert_eq!(preview["data"]["claimableAccounts"], unmanaged);
    assert_eq!(preview["data"]["domain"], "nw-services.example");
    assert_eq!(events_named(&app, "domain_accounts_claimed").await, 0);
    let (_, again) = app.raw(Method::GET, &path, None).await;
    assert_eq!(again, preview, "a preview changes nothing");

    let (_, claimed) = app.raw(Method::POST, &path, None).await;
    assert_eq!(claimed["data"]["claimedAccounts"], unmanaged);
    let (_, after) = app.raw(Method::GET, &path, None).await;
    assert_eq!(after["data"]["claimableAccounts"], 0);

    let unverified = app.domain_id("fabrikam.example");
    let (status, body) = app
        .raw(
            Method::GET,
            &format!("/admin/v1/orgs/{org}/domains/{unverified}/claim"),
            None,
        )
        .await;
    assert_eq!((status, admin_code(&body)), (409, "ADMIN-409-28"));
    let (status, body) = app
        .raw(
            Method::GET,
            &format!("/admin/v1/orgs/{org}/domains/nope/claim"),
            None,
        )
        .await;
    assert_eq!((status, admin_code(&body)), (404, "ADMIN-404-3"));
}

#[tokio::test]
async fn role_assignments_list_each_resource_with_its_roles() {
    let app = spawn_app().await;
    let org = app.seed().org_id.clone();
    let invited = app.seed().accounts.invited.clone();
    let path = format!("/admin/v2/orgs/{org}/directories/-/users/{invited}/role-assignments");
    let (status, before) = app.raw(Method::GET, &path, None).await;
    assert_eq!(status, 200);
    assert_eq!(before["links"]["next"], Value::Null);
    let entries = before["data"].as_array().unwrap();
    assert!(!entries.is_empty());
    let directory = entries[0]["directoryId"].as_str().unwrap().to_owned();
    for entry in entries {
        assert!(
            entry["resourceId"]
                .as_str()
                .unwrap()
                .starts_with("ari:cloud:")
        );
        assert!(entry["siteUrl"].as_str().unwrap().starts_with("https://"));
        assert_eq!(
            entry["roles"].as_array().unwrap().len(),
            entry["roleAssignments"].as_array().unwrap().len()
        );
    }

    // A grant shows on its resource; org-admin as a platform role, with no directory.
    let resource = entries[0]["resourceId"].as_str().unwrap().to_owned();
    let grants = format!("/admin/v1/orgs/{org}/users/{invited}/roles/assign");
    for body in [
        json!({"role": "atlassian/admin", "resource": resource}),
        json!({"role": "atlassian/org-admin"}),
    ] {
        assert_eq!(app.raw(Method::POST, &grants, Some(body)).await.0, 204);
    }
    let (_, after) = app.raw(Method::GET, &path, None).await;
    let data = after["data"].as_array().unwrap();
    let granted = data.iter().find(|e| e["resourceId"] == resource).unwrap();
    assert!(
        granted["roles"]
            .as_array()
            .unwrap()
            .contains(&json!("atlassian/admin"))
    );
    let platform = data.last().unwrap();
    assert_eq!(platform["roles"], json!(["atlassian/org-admin"]));
    assert_eq!(platform["directoryId"], Value::Null);

    // In its own directory by id, in no other; unknown and deleted users are not found.
    let own =
        format!("/admin/v2/orgs/{org}/directories/{directory}/users/{invited}/role-assignments");
    assert_eq!(app.raw(Method::GET, &own, None).await.0, 200);
    let deleted = app.seed().accounts.deleted.clone();
    for path in [
        format!("/admin/v2/orgs/{org}/directories/other/users/{invited}/role-assignments"),
        format!("/admin/v2/orgs/{org}/directories/-/users/nobody/role-assignments"),
        format!("/admin/v2/orgs/{org}/directories/-/users/{deleted}/role-assignments"),
    ] {
        let (status, body) = app.raw(Method::GET, &path, None).await;
        assert_eq!(
            (status, admin_code(&body)),
            (404, "ADMIN-UAM-404-1"),
            "{path}"
        );
    }
    let (status, body) = app
        .raw(
            Method::GET,
            &format!("/admin/v2/orgs/nope/directories/-/users/{invited}/role-assignments"),
            None,
        )
        .await;
    assert_eq!((status, admin_code(&body)), (404, "ADMIN-404-2"));
}
