//! The client's product-access and managed-account calls against the real directory
//! server over HTTP: each answers in its typed shape, and each refusal arrives with the
//! key, code and reason the UI branches on.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot proceed should panic

mod support;

use custodian_core::ErrorCode;
use custodian_core::directory::{
    AccountId, ApiKey, DirectoryClient, DirectoryError, DomainId, OrgId, RetryPolicy,
};
use custodian_directory::{ApiKeyGrant, Config, KeyRole, Plan, RunningServer};
use support::{Setup, client, org, setup_with};

const NOT_ADMIN_KEY: &str = "client-test-former-admin-key";

async fn server() -> Setup {
    server_with(|_| {}).await
}

async fn server_with(adjust: impl FnOnce(&mut Config)) -> Setup {
    setup_with(|config| {
        config.seed.accounts = 40;
        config.api_keys.push(ApiKeyGrant {
            key: ApiKey::parse(NOT_ADMIN_KEY).unwrap(),
            role: KeyRole::NotAdmin,
        });
        adjust(config);
    })
    .await
}

fn account(
    server: &RunningServer,
    pick: impl Fn(&custodian_directory::Showcase) -> &String,
) -> AccountId {
    AccountId::parse(pick(&server.seed().accounts).clone()).unwrap()
}

fn domain(server: &RunningServer, name: &str) -> DomainId {
    let (_, id) = server
        .seed()
        .domains
        .iter()
        .find(|(n, _)| n == name)
        .unwrap();
    DomainId::parse(id.clone()).unwrap()
}

fn not_admin_client(server: &RunningServer) -> DirectoryClient {
    DirectoryClient::builder(server.url(), ApiKey::parse(NOT_ADMIN_KEY).unwrap())
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

fn no_such_org() -> OrgId {
    OrgId::parse("no-such-org").unwrap()
}

/// The code of an organization route's refusal, and the UI code it maps to.
fn admin_code(error: &DirectoryError) -> (&str, ErrorCode) {
    let DirectoryError::Admin(refusal) = error else {
        panic!("not an organization refusal: {error:?}");
    };
    (refusal.code.as_str(), error.code())
}

/// The key and reason of a user-management refusal, and the UI code it maps to.
fn refusal(error: &DirectoryError) -> (&str, Option<&str>, ErrorCode) {
    let DirectoryError::Refused(refusal) = error else {
        panic!("not a user-management refusal: {error:?}");
    };
    (refusal.key.as_str(), refusal.reason(), error.code())
}

#[tokio::test]
async fn role_assignments_fill_the_product_access_table() {
    let s = server().await;
    let client = client(&s.server);
    let invited = account(&s.server, |a| &a.invited);
    let product = s.server.seed().products[0].clone();
    client
        .assign_role(&org(&s.server), &invited, "atlassian/admin", Some(&product))
        .await
        .unwrap();

    let assignments = client
        .role_assignments(&org(&s.server), &invited)
        .await
        .unwrap();
    let on_product = assignments
        .iter()
        .find(|a| a.resource_id == product)
        .expect("the role just granted");
    assert!(on_product.role_ids().contains(&"atlassian/admin"));
    assert_eq!(on_product.resource_owner, "jira-software");
    assert_eq!(on_product.product_name.as_deref(), Some("Jira"));
    assert_eq!(
        on_product.site_url.as_deref(),
        Some("https://northwind.atlassian.net")
    );
    assert_eq!(on_product.user_directory_status.as_deref(), Some("active"));
    assert!(on_product.directory_id.is_some());
    let admin_role = on_product
        .role_assignments
        .iter()
        .find(|r| r.role == "atlassian/admin")
        .unwrap();
    assert_eq!(admin_role.role_assignment_methods, ["direct"]);

    // A platform role has no directory.
    let admin = account(&s.server, |a| &a.admin);
    let assignments = client
        .role_assignments(&org(&s.server), &admin)
        .await
        .unwrap();
    let platform = assignments
        .iter()
        .find(|a| a.resource_owner == "platform")
        .unwrap();
    assert_eq!(platform.roles, ["atlassian/org-admin"]);
    assert_eq!(platform.directory_id, None);
}

#[tokio::test]
async fn role_assignments_of_an_unknown_account_or_org_are_not_found() {
    let s = server().await;
    let client = client(&s.server);
    let nobody = AccountId::parse("nobody").unwrap();
    let error = client
        .role_assignments(&org(&s.server), &nobody)
        .await
        .unwrap_err();
    assert_eq!(admin_code(&error), ("ADMIN-UAM-404-1", ErrorCode::NotFound));
    let invited = account(&s.server, |a| &a.invited);
    let error = client
        .role_assignments(&no_such_org(), &invited)
        .await
        .unwrap_err();
    assert_eq!(admin_code(&error), ("ADMIN-404-2", ErrorCode::NotFound));
}

#[tokio::test]
async fn workspaces_list_every_product_site_with_the_roles_it_offers() {
    let s = server().await;
    let client = client(&s.server);
    let workspaces = client
        .workspaces(&org(&s.server))
        .unwrap()
        .collect_all()
        .await
        .unwrap();
    let ids: Vec<&str> = workspaces.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(ids, s.server.seed().products);
    let bitbucket = workspaces
        .iter()
        .find(|w| w.attributes.type_key == "bitbucket")
        .unwrap();
    assert_eq!(bitbucket.attributes.name, "Bitbucket");
    assert_eq!(
        bitbucket.attributes.host_url.as_deref(),
        Some("https://bitbucket.org/northwind")
    );
    assert_eq!(
        bitbucket.attributes.roles,
        ["atlassian/user", "atlassian/admin", "atlassian/contributor"]
    );
    assert_eq!(bitbucket.attributes.status.as_deref(), Some("online"));

    // What the picker offers, the directory grants.
    let invited = account(&s.server, |a| &a.invited);
    for workspace in &workspaces {
        for role in &workspace.attributes.roles {
            client
                .assign_role(&org(&s.server), &invited, role, Some(&workspace.id))
                .await
                .unwrap_or_else(|e| panic!("{role} on {}: {e}", workspace.id));
        }
    }
}

#[tokio::test]
async fn workspaces_page_by_a_cursor_sent_alone() {
    let s = server().await;
    // More sites than one page (20) holds.
    for n in 0..25 {
        sqlx::query(
            "INSERT INTO products (resource_id, org_id, product_key, name, site_url)
             VALUES (?, ?, 'confluence', ?, ?)",
        )
        .bind(format!("ari:cloud:confluence::site/extra-{n}"))
        .bind(&s.server.seed().org_id)
        .bind(format!("Confluence {n}"))
        .bind(format!("https://extra-{n}.atlassian.net"))
        .execute(s.server.pool())
        .await
        .unwrap();
    }
    let mut pages = client(&s.server).workspaces(&org(&s.server)).unwrap();
    let first = pages.next_page().await.unwrap().unwrap();
    assert_eq!(first.len(), 20);
    assert!(pages.cursor().is_some());
    let second = pages.next_page().await.unwrap().unwrap();
    assert_eq!(second.len(), 9);
    assert!(pages.next_page().await.unwrap().is_none());
    assert_eq!(second[8].attributes.name, "Confluence 24");
}

#[tokio::test]
async fn workspaces_are_refused_for_an_unknown_org_and_a_key_not_org_admin() {
    let s = server().await;
    let error = client(&s.server)
        .workspaces(&no_such_org())
        .unwrap()
        .collect_all()
        .await
        .unwrap_err();
    assert_eq!(admin_code(&error), ("ADMIN-404-2", ErrorCode::NotFound));
    let error = not_admin_client(&s.server)
        .workspaces(&org(&s.server))
        .unwrap()
        .collect_all()
        .await
        .unwrap_err();
    assert_eq!(admin_code(&error), ("ADMIN-403-3", ErrorCode::NotPermitted));
}

#[tokio::test]
async fn every_api_token_is_revoked_at_once() {
    let s = server().await;
    let client = client(&s.server);
    let invited = account(&s.server, |a| &a.invited);
    let tokens = client.api_tokens(&invited).await.unwrap().len();
    assert!(tokens > 0);
    assert_eq!(
        client.revoke_all_api_tokens(&invited).await.unwrap(),
        tokens as u32
    );
    assert!(client.api_tokens(&invited).await.unwrap().is_empty());
    assert_eq!(client.revoke_all_api_tokens(&invited).await.unwrap(), 0);
}

#[tokio::test]
async fn revoking_every_token_without_guard_standard_says_which_plan() {
    let s = server_with(|config| config.seed.plan = Plan::Standard).await;
    let invited = account(&s.server, |a| &a.invited);
    let error = client(&s.server)
        .revoke_all_api_tokens(&invited)
        .await
        .unwrap_err();
    assert_eq!(
        refusal(&error),
        (
            "forbidden.action",
            Some("administrative"),
            ErrorCode::NotPermitted
        )
    );
    let DirectoryError::Refused(refused) = &error else {
        unreachable!()
    };
    let plan = refused
        .context
        .as_ref()
        .and_then(|c| c.pointer("/reason/requiredPlan"))
        .and_then(|p| p.as_str());
    assert_eq!(plan, Some("guard-standard"));
}

#[tokio::test]
async fn a_pending_password_reset_is_read_back() {
    let s = server().await;
    let client = client(&s.server);
    let invited = account(&s.server, |a| &a.invited);
    let before = client.password_reset(&invited).await.unwrap();
    assert!(!before.password_reset_required);
    assert_eq!(before.requested_at, None);

    let required = client.require_password_reset(&invited).await.unwrap();
    let after = client.password_reset(&invited).await.unwrap();
    assert!(after.password_reset_required);
    assert_eq!(after.requested_at, Some(required.requested_at));
}

#[tokio::test]
async fn a_password_reset_of_an_account_not_managed_or_unknown_is_refused() {
    let s = server().await;
    let client = client(&s.server);
    let unclaimed = account(&s.server, |a| &a.unclaimed);
    let error = client.password_reset(&unclaimed).await.unwrap_err();
    assert_eq!(
        refusal(&error),
        ("forbidden", None, ErrorCode::NotPermitted)
    );
    let nobody = AccountId::parse("nobody").unwrap();
    let error = client.password_reset(&nobody).await.unwrap_err();
    assert_eq!(
        refusal(&error),
        ("accountNotFound", None, ErrorCode::NotFound)
    );
}

#[tokio::test]
async fn a_claim_is_previewed_without_claiming() {
    let s = server().await;
    let client = client(&s.server);
    let domain_id = domain(&s.server, "nw-services.example");
    let unmanaged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM accounts
         WHERE email_domain = 'nw-services.example' AND claim_status = 'unmanaged'",
    )
    .fetch_one(s.server.pool())
    .await
    .unwrap();
    let preview = client
        .claim_preview(&org(&s.server), &domain_id)
        .await
        .unwrap();
    assert_eq!(preview.domain, "nw-services.example");
    assert_eq!(preview.domain_id, domain_id.as_str());
    assert_eq!(preview.claimable_accounts, unmanaged as u64);
    // Previewing changed nothing: the claim still finds as many.
    let claimed = client
        .claim_domain(&org(&s.server), &domain_id)
        .await
        .unwrap();
    assert_eq!(claimed.claimed_accounts, preview.claimable_accounts);
}

#[tokio::test]
async fn a_claim_preview_is_refused_as_the_claim_would_be() {
    let s = server().await;
    let client = client(&s.server);
    let unverified = domain(&s.server, "fabrikam.example");
    let error = client
        .claim_preview(&org(&s.server), &unverified)
        .await
        .unwrap_err();
    assert_eq!(admin_code(&error), ("ADMIN-409-28", ErrorCode::Conflict));
    let unknown = DomainId::parse("no-such-domain").unwrap();
    let error = client
        .claim_preview(&org(&s.server), &unknown)
        .await
        .unwrap_err();
    assert_eq!(admin_code(&error), ("ADMIN-404-3", ErrorCode::NotFound));
}

#[tokio::test]
async fn the_extension_privileges_are_read_with_their_reasons() {
    let s = server_with(|config| config.seed.two_step_enforced = false).await;
    let client = client(&s.server);
    let allowed = |rule: &Option<custodian_core::directory::model::Rule>| {
        rule.as_ref()
            .map(|r| (r.allowed, r.reason_key().map(str::to_owned)))
    };

    let invited = client
        .privileges(&account(&s.server, |a| &a.invited))
        .await
        .unwrap();
    for rule in [
        &invited.avatar_set,
        &invited.devices_logout,
        &invited.password_reset,
        &invited.lifecycle_disable,
    ] {
        assert_eq!(allowed(rule), Some((true, None)));
    }
    assert_eq!(
        allowed(&invited.two_step_verification_exclusion),
        Some((false, Some("twoStepVerification.notEnforced".into())))
    );
    let admin = client
        .privileges(&account(&s.server, |a| &a.admin))
        .await
        .unwrap();
    assert_eq!(
        allowed(&admin.devices_logout),
        Some((false, Some("administrative.notMyself".into())))
    );
    let google = client
        .privileges(&account(&s.server, |a| &a.google))
        .await
        .unwrap();
    assert_eq!(
        allowed(&google.password_reset),
        Some((false, Some("externalDirectory.google".into())))
    );

    let error = client
        .privileges(&AccountId::parse("nobody").unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        refusal(&error),
        ("accountNotFound", None, ErrorCode::NotFound)
    );
}
