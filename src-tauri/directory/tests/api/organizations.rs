//! Organizations, domains (with the verify and claim extensions), directories, product
//! roles, events and last-active dates, in Atlassian's shapes and cursor styles.

use custodian_core::ErrorCode;
use custodian_core::directory::model::{EventQuery, UserSearch};
use custodian_core::directory::{AccountId, DirectoryId, DomainId, OrgId};
use custodian_directory::Experience;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test]
async fn orgs_are_listed_and_read() {
    let app = spawn_app().await;
    let orgs = app.client.orgs().unwrap().collect_all().await.unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].id, app.seed().org_id);
    let org = app.client.org(&app.org()).await.unwrap();
    assert_eq!(org.attributes.name, "Northwind");
    assert_eq!(org.attributes.plan.as_deref(), Some("guard-standard"));
    assert_eq!(org.attributes.two_step_verification_enforced, Some(true));
    assert_eq!(
        org.attributes.user_management_experience.as_deref(),
        Some("centralized")
    );

    let error = app
        .client
        .org(&OrgId::parse("no-such-org").unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        (error.key(), error.code()),
        (Some("ADMIN-404-2"), ErrorCode::NotFound)
    );
    let (status, body) = app
        .raw(Method::GET, "/admin/v1/orgs/no-such-org/domains", None)
        .await;
    assert_eq!(status, 404);
    assert_eq!(body["errors"][0]["status"], "404");
}

#[tokio::test]
async fn domains_page_by_url_and_can_be_read_one_by_one() {
    let app = spawn_app_with(|config| config.v1_page_size = 2).await;
    let (status, first) = app
        .raw(
            Method::GET,
            &format!("/admin/v1/orgs/{}/domains", app.seed().org_id),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let next = first["links"]["next"].as_str().unwrap();
    assert!(
        next.starts_with(app.server.url()) && next.contains("cursor="),
        "{next}"
    );

    let domains = app
        .client
        .domains(&app.org())
        .unwrap()
        .collect_all()
        .await
        .unwrap();
    let names: Vec<&str> = domains.iter().map(|d| d.name()).collect();
    assert_eq!(
        names,
        [
            "northwind.example",
            "northwind-labs.example",
            "nw-services.example",
            "fabrikam.example",
            "tailspin.example"
        ]
    );
    assert_eq!(domains.iter().filter(|d| d.is_verified()).count(), 3);

    let id = DomainId::parse(app.domain_id("fabrikam.example")).unwrap();
    let one = app.client.domain(&app.org(), &id).await.unwrap();
    assert_eq!(one.attributes.claim.unwrap().kind.as_deref(), Some("dns"));
    let error = app
        .client
        .domain(&app.org(), &DomainId::parse("nope").unwrap())
        .await
        .unwrap_err();
    assert_eq!(error.key(), Some("ADMIN-404-3"));

    let path = format!(
        "/admin/v1/orgs/{}/domains?cursor=garbage",
        app.seed().org_id
    );
    let (status, body) = app.raw(Method::GET, &path, None).await;
    assert_eq!(
        (status, body["errors"][0]["code"].as_str()),
        (400, Some("ADMIN-400-1"))
    );
}

#[tokio::test]
async fn verifying_a_domain_lets_its_accounts_be_claimed() {
    let app = spawn_app().await;
    let fabrikam = DomainId::parse(app.domain_id("fabrikam.example")).unwrap();
    let stranger = app.account(|a| &a.unverified_domain);

    let error = app
        .client
        .claim_domain(&app.org(), &fabrikam)
        .await
        .unwrap_err();
    assert_eq!(
        (error.key(), error.code()),
        (Some("ADMIN-409-28"), ErrorCode::Conflict)
    );
    assert_eq!(
        app.client.profile(&stranger).await.unwrap_err().key(),
        Some("forbidden")
    );

    let verified = app
        .client
        .verify_domain(&app.org(), &fabrikam)
        .await
        .unwrap();
    assert!(verified.is_verified());
    let claimed = app
        .client
        .claim_domain(&app.org(), &fabrikam)
        .await
        .unwrap();
    assert!(claimed.claimed_accounts >= 1);
    assert_eq!(claimed.domain, "fabrikam.example");
    assert_eq!(
        app.client.profile(&stranger).await.unwrap().account_id,
        stranger
    );
    // Claiming again finds nothing left to claim.
    assert_eq!(
        app.client
            .claim_domain(&app.org(), &fabrikam)
            .await
            .unwrap()
            .claimed_accounts,
        0
    );

    // A verified domain whose accounts were never claimed.
    let services = DomainId::parse(app.domain_id("nw-services.example")).unwrap();
    let unclaimed = app.account(|a| &a.unclaimed);
    assert_eq!(
        app.client.profile(&unclaimed).await.unwrap_err().key(),
        Some("forbidden")
    );
    app.client
        .claim_domain(&app.org(), &services)
        .await
        .unwrap();
    assert!(app.client.profile(&unclaimed).await.is_ok());
    let email_now_allowed =
        custodian_core::directory::Email::parse("moved@fabrikam.example").unwrap();
    app.client
        .set_email(&app.account(|a| &a.invited), &email_now_allowed)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_centralized_experience_has_one_directory() {
    let app = spawn_app().await;
    let directories = app
        .client
        .directories(&app.org())
        .unwrap()
        .collect_all()
        .await
        .unwrap();
    assert_eq!(directories.len(), 1);
    assert_eq!(directories[0].directory_id, app.seed().directory_ids[0]);
}

#[tokio::test]
async fn the_original_experience_has_a_directory_per_site_paged_by_cursor() {
    let app = spawn_app_with(|config| config.seed.experience = Experience::Original).await;
    let path = format!("/admin/v2/orgs/{}/directories?limit=2", app.seed().org_id);
    let (_, first) = app.raw(Method::GET, &path, None).await;
    assert_eq!(first["data"].as_array().unwrap().len(), 2);
    let cursor = first["links"]["next"].as_str().unwrap();
    let (_, second) = app
        .raw(Method::GET, &format!("{path}&cursor={cursor}"), None)
        .await;
    assert_eq!(second["data"].as_array().unwrap().len(), 1);
    assert!(second["links"]["next"].is_null());

    let all = app
        .client
        .directories(&app.org())
        .unwrap()
        .collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    let (status, body) = app
        .raw(
            Method::GET,
            &format!("/admin/v2/orgs/{}/directories?limit=101", app.seed().org_id),
            None,
        )
        .await;
    assert_eq!(
        (status, body["errors"][0]["code"].as_str()),
        (400, Some("ADMIN-UAM-400-1"))
    );

    // Each directory has its own users; `-` has them all.
    let search = UserSearch {
        limit: Some(100),
        ..Default::default()
    };
    let mut total = 0;
    for directory in &all {
        let id = DirectoryId::parse(directory.directory_id.clone()).unwrap();
        total += app
            .client
            .search_users(&app.org(), &id, &search)
            .unwrap()
            .collect_all()
            .await
            .unwrap()
            .len();
    }
    let everyone = app
        .client
        .search_users(&app.org(), &DirectoryId::all(), &search)
        .unwrap()
        .collect_all()
        .await
        .unwrap();
    assert_eq!(total, everyone.len());
}

fn product_keys(users: &[custodian_core::directory::model::DirectoryUser]) -> Vec<String> {
    users[0]
        .product_access
        .clone()
        .unwrap_or_default()
        .into_iter()
        .map(|p| p.id)
        .collect()
}

#[tokio::test]
async fn product_access_is_granted_and_removed_through_roles() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    let search = UserSearch {
        account_ids: vec![invited.to_string()],
        expand: vec![
            "productAccess".into(),
            "platformRoles".into(),
            "counts.resources".into(),
        ],
        ..Default::default()
    };
    let access = |app: &crate::helpers::TestApp| {
        let client = app.client.clone();
        let org = app.org();
        let search = search.clone();
        async move {
            client
                .search_users(&org, &DirectoryId::all(), &search)
                .unwrap()
                .collect_all()
                .await
                .unwrap()
        }
    };
    let before = access(&app).await;
    let held = product_keys(&before);
    let products = &app.seed().products;
    let missing = products
        .iter()
        .find(|p| !held.contains(p) && !p.contains("bitbucket"))
        .unwrap()
        .clone();

    app.client
        .assign_role(&app.org(), &invited, "atlassian/user", Some(&missing))
        .await
        .unwrap();
    let after = access(&app).await;
    assert!(product_keys(&after).contains(&missing));
    assert_eq!(after[0].platform_roles.as_deref(), Some(&[][..]));

    app.client
        .revoke_role(&app.org(), &invited, "atlassian/user", Some(&missing))
        .await
        .unwrap();
    assert!(!product_keys(&access(&app).await).contains(&missing));

    app.client
        .assign_role(&app.org(), &invited, "atlassian/org-admin", None)
        .await
        .unwrap();
    assert_eq!(
        access(&app).await[0].platform_roles.as_deref(),
        Some(&["atlassian/org-admin".to_owned()][..])
    );

    // Refusals.
    let org = app.org();
    let cases = [
        (
            "atlassian/user",
            Some("ari:cloud:jira-software::site/unknown"),
            "ADMIN-UAM-400-4",
        ),
        ("atlassian/user", None, "ADMIN-UAM-400-3"),
        (
            "atlassian/customer",
            Some(products[0].as_str()),
            "ADMIN-UAM-400-3",
        ),
        (
            "atlassian/overlord",
            Some(products[0].as_str()),
            "ADMIN-400-24",
        ),
    ];
    for (role, resource, code) in cases {
        let error = app
            .client
            .assign_role(&org, &invited, role, resource)
            .await
            .unwrap_err();
        assert_eq!(error.key(), Some(code), "{role} {resource:?}");
        assert_eq!(error.code(), ErrorCode::InvalidInput);
    }
    let nobody = AccountId::parse("712020:nobody").unwrap();
    let error = app
        .client
        .assign_role(&org, &nobody, "atlassian/user", Some(&products[0]))
        .await
        .unwrap_err();
    assert_eq!(
        (error.key(), error.code()),
        (Some("ADMIN-404-8"), ErrorCode::NotFound)
    );
    let deactivated = app.account(|a| &a.deactivated);
    let error = app
        .client
        .assign_role(&org, &deactivated, "atlassian/user", Some(&products[0]))
        .await
        .unwrap_err();
    assert_eq!(error.key(), Some("ADMIN-UAM-400-2"));
    let path = format!(
        "/admin/v1/orgs/{}/users/{invited}/roles/assign",
        app.seed().org_id
    );
    let (status, body) = app
        .raw(Method::POST, &path, Some(json!({"resource": "x"})))
        .await;
    assert_eq!(
        (status, body["errors"][0]["code"].as_str()),
        (400, Some("ADMIN-400-24"))
    );
}

#[tokio::test]
async fn events_record_every_change_and_page_by_meta_next() {
    let app = spawn_app_with(|config| config.v1_page_size = 7).await;
    let invited = app.account(|a| &a.invited);
    app.client.deactivate(&invited, None).await.unwrap();
    app.client.reactivate(&invited).await.unwrap();

    let (_, first) = app
        .raw(
            Method::GET,
            &format!("/admin/v1/orgs/{}/events", app.seed().org_id),
            None,
        )
        .await;
    assert_eq!(first["meta"]["page_size"], 7);
    assert!(first["meta"]["next"].is_string());
    assert_eq!(first["data"][0]["type"], "events");
    assert_eq!(first["data"][0]["attributes"]["action"], "user_reactivated");
    assert_eq!(first["data"][1]["attributes"]["action"], "user_deactivated");

    let all = app
        .client
        .events(&app.org(), &EventQuery::default())
        .unwrap()
        .collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 62);
    let mut ids: Vec<&str> = all.iter().map(|e| e.id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 62);
    assert_eq!(all[0].attributes.actor.id, app.seed().accounts.admin);
    assert_eq!(all[0].attributes.context[0].id, invited.as_str());

    let query = EventQuery {
        action: Some("user_deactivated".into()),
        ..Default::default()
    };
    let filtered = app
        .client
        .events(&app.org(), &query)
        .unwrap()
        .collect_all()
        .await
        .unwrap();
    assert!(
        !filtered.is_empty()
            && filtered
                .iter()
                .all(|e| e.attributes.action == "user_deactivated")
    );
    let future = chrono::Utc::now().timestamp_millis() + 60_000;
    let query = EventQuery {
        from: Some(future),
        ..Default::default()
    };
    assert!(
        app.client
            .events(&app.org(), &query)
            .unwrap()
            .collect_all()
            .await
            .unwrap()
            .is_empty()
    );

    let path = format!("/admin/v1/orgs/{}/events?from=yesterday", app.seed().org_id);
    let (status, body) = app.raw(Method::GET, &path, None).await;
    assert_eq!(
        (status, body["errors"][0]["code"].as_str()),
        (400, Some("ADMIN-400-3"))
    );
}

#[tokio::test]
async fn last_active_dates_list_each_product() {
    let app = spawn_app().await;
    let dates = app
        .client
        .last_active_dates(&app.org(), &app.account(|a| &a.invited))
        .await
        .unwrap();
    assert!(!dates.product_access.is_empty());
    assert_eq!(dates.added_to_org.as_deref().map(str::len), Some(10));
    for product in &dates.product_access {
        assert!(
            [
                "jira-software",
                "confluence",
                "jira-service-desk",
                "bitbucket"
            ]
            .contains(&product.key.as_str())
        );
        if let Some(date) = &product.last_active {
            assert!(
                chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
                "{date}"
            );
        }
    }
    let nobody = AccountId::parse("712020:nobody").unwrap();
    assert_eq!(
        app.client
            .last_active_dates(&app.org(), &nobody)
            .await
            .unwrap_err()
            .key(),
        Some("ADMIN-404-8")
    );
}
