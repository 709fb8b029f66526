//! v2 user search: filters, expansions, limits, opaque cursors, and sorting.

use std::collections::HashSet;

use custodian_core::directory::DirectoryId;
use custodian_core::directory::model::{SortBy, UserSearch};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

async fn all(
    app: &TestApp,
    search: UserSearch,
) -> Vec<custodian_core::directory::model::DirectoryUser> {
    app.client
        .search_users(&app.org(), &DirectoryId::all(), &search)
        .unwrap()
        .collect_all()
        .await
        .unwrap()
}

fn search_path(app: &TestApp) -> String {
    format!(
        "/admin/v2/orgs/{}/directories/-/users/search",
        app.seed().org_id
    )
}

#[tokio::test]
async fn paging_visits_every_account_once() {
    let app = spawn_app_with(|config| config.seed.accounts = 235).await;
    let mut pages = app
        .client
        .search_users(
            &app.org(),
            &DirectoryId::all(),
            &UserSearch {
                limit: Some(100),
                ..Default::default()
            },
        )
        .unwrap();
    let mut sizes = Vec::new();
    let mut seen = HashSet::new();
    while let Some(page) = pages.next_page().await.unwrap() {
        sizes.push(page.len());
        for user in page {
            assert!(
                seen.insert(user.account_id.clone()),
                "{} twice",
                user.account_id
            );
        }
    }
    assert_eq!(sizes, [100, 100, 35]);
    assert_eq!(seen.len(), 235);
    assert!(pages.next_page().await.unwrap().is_none());

    // The default page is 50.
    let (_, body) = app
        .raw(Method::POST, &search_path(&app), Some(json!({})))
        .await;
    assert_eq!(body["data"].as_array().unwrap().len(), 50);
    assert!(body["links"]["next"].is_string());
}

#[tokio::test]
async fn limits_and_cursors_are_checked() {
    let app = spawn_app().await;
    for body in [
        json!({"limit": 101}),
        json!({"limit": 0}),
        json!({"searchTerm": "a", "emails": ["a@b.c"]}),
        json!({"status": ["asleep"]}),
        json!({"sortBy": [{"field": "email", "direction": "asc"}]}),
        json!({"expand": ["everything"]}),
    ] {
        let (status, answer) = app
            .raw(Method::POST, &search_path(&app), Some(body.clone()))
            .await;
        assert_eq!(
            (status, answer["errors"][0]["code"].as_str()),
            (400, Some("ADMIN-UAM-400-1")),
            "{body}"
        );
    }
    let (status, answer) = app
        .raw(
            Method::POST,
            &search_path(&app),
            Some(json!({"cursor": "bm90IG91cnM"})),
        )
        .await;
    assert_eq!(
        (status, answer["errors"][0]["code"].as_str()),
        (400, Some("ADMIN-400-1"))
    );
    // An events cursor is not a users cursor.
    let (_, events) = app
        .raw(
            Method::GET,
            &format!("/admin/v1/orgs/{}/events", app.seed().org_id),
            None,
        )
        .await;
    let cursor = events["meta"]["next"].as_str().unwrap();
    let (status, _) = app
        .raw(
            Method::POST,
            &search_path(&app),
            Some(json!({"cursor": cursor})),
        )
        .await;
    assert_eq!(status, 400);
    let (status, answer) = app
        .raw(
            Method::POST,
            &search_path(&app),
            Some(json!({"limit": "ten"})),
        )
        .await;
    assert_eq!(
        (status, answer["errors"][0]["code"].as_str()),
        (400, Some("ADMIN-400-24"))
    );
    let path = format!(
        "/admin/v2/orgs/{}/directories/no-such-directory/users/search",
        app.seed().org_id
    );
    let (status, answer) = app.raw(Method::POST, &path, Some(json!({}))).await;
    assert_eq!(
        (status, answer["errors"][0]["code"].as_str()),
        (404, Some("ADMIN-UAM-404-1"))
    );
}

#[tokio::test]
async fn filters_select_by_status_claim_source_and_text() {
    let app = spawn_app_with(|config| config.seed.accounts = 300).await;
    let everyone = all(
        &app,
        UserSearch {
            limit: Some(100),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(everyone.len(), 300);
    // The seed has every status, both claim states and both management sources.
    let statuses: HashSet<_> = everyone.iter().filter_map(|u| u.status.clone()).collect();
    for status in [
        "active",
        "suspended",
        "not_invited",
        "deactivated",
        "for_deletion",
    ] {
        assert!(statuses.contains(status), "no {status} account");
    }
    assert!(
        everyone
            .iter()
            .any(|u| u.account_status.as_deref() == Some("closed"))
    );
    assert!(
        everyone
            .iter()
            .any(|u| u.management_source.as_deref() == Some("synced"))
    );
    // Names in several scripts.
    assert!(everyone.iter().any(|u| {
        u.name
            .as_deref()
            .is_some_and(|n| n.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)))
    }));
    assert!(everyone.iter().any(|u| {
        u.name
            .as_deref()
            .is_some_and(|n| n.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)))
    }));

    for status in ["active", "deactivated", "for_deletion", "suspended"] {
        let found = all(
            &app,
            UserSearch {
                status: vec![status.into()],
                limit: Some(100),
                ..Default::default()
            },
        )
        .await;
        let expected = everyone
            .iter()
            .filter(|u| u.status.as_deref() == Some(status))
            .count();
        assert_eq!(found.len(), expected, "{status}");
        assert!(found.iter().all(|u| u.status.as_deref() == Some(status)));
    }
    let unmanaged = all(
        &app,
        UserSearch {
            claim_status: Some("unmanaged".into()),
            limit: Some(100),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(
        unmanaged.len(),
        everyone
            .iter()
            .filter(|u| u.claim_status.as_deref() == Some("unmanaged"))
            .count()
    );
    let closed = all(
        &app,
        UserSearch {
            account_status: vec!["closed".into()],
            ..Default::default()
        },
    )
    .await;
    assert!(
        closed
            .iter()
            .all(|u| u.account_status.as_deref() == Some("closed"))
            && !closed.is_empty()
    );

    let fabrikam = all(
        &app,
        UserSearch {
            email_domains: vec!["fabrikam.example".into()],
            ..Default::default()
        },
    )
    .await;
    assert!(
        !fabrikam.is_empty()
            && fabrikam
                .iter()
                .all(|u| u.email.as_deref().unwrap().ends_with("@fabrikam.example"))
    );

    let target = &everyone[20];
    let by_email = all(
        &app,
        UserSearch {
            emails: vec![target.email.clone().unwrap()],
            ..Default::default()
        },
    )
    .await;
    assert_eq!(by_email.len(), 1);
    assert_eq!(by_email[0].account_id, target.account_id);
    let term = target.name.clone().unwrap();
    let by_term = all(
        &app,
        UserSearch {
            search_term: Some(term.clone()),
            ..Default::default()
        },
    )
    .await;
    assert!(by_term.iter().any(|u| u.account_id == target.account_id));
    assert!(
        by_term
            .iter()
            .all(|u| u.name.as_deref() == Some(term.as_str()) || u.email.is_some())
    );
    // Wildcards in a search term are plain text.
    assert!(
        all(
            &app,
            UserSearch {
                search_term: Some("%".into()),
                ..Default::default()
            }
        )
        .await
        .is_empty()
    );

    let mfa = all(
        &app,
        UserSearch {
            mfa_enabled: Some(true),
            limit: Some(100),
            ..Default::default()
        },
    )
    .await;
    assert!(mfa.iter().all(|u| u.mfa_enabled == Some(true)));
    let admins = all(
        &app,
        UserSearch {
            role_ids: vec!["atlassian/org-admin".into()],
            ..Default::default()
        },
    )
    .await;
    assert_eq!(admins.len(), 1);
    assert_eq!(admins[0].account_id, app.seed().accounts.admin);
    let product = app.seed().products[1].clone();
    let on_product = all(
        &app,
        UserSearch {
            resource_ids: vec![product.clone()],
            expand: vec!["productAccess".into()],
            limit: Some(100),
            ..Default::default()
        },
    )
    .await;
    assert!(!on_product.is_empty());
    assert!(on_product.iter().all(|u| {
        u.product_access
            .as_ref()
            .unwrap()
            .iter()
            .any(|p| p.id == product)
    }));
}

#[tokio::test]
async fn sorting_by_public_name_pages_in_order() {
    let app = spawn_app_with(|config| config.seed.accounts = 120).await;
    for direction in ["asc", "desc"] {
        let search = UserSearch {
            limit: Some(17),
            sort_by: vec![SortBy {
                field: "nick_name".into(),
                direction: direction.into(),
            }],
            ..Default::default()
        };
        let users = all(&app, search).await;
        assert_eq!(users.len(), 120);
        let names: Vec<String> = users.iter().map(|u| u.nickname.clone().unwrap()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        if direction == "desc" {
            sorted.reverse();
        }
        assert_eq!(names, sorted, "{direction}");
    }
}

#[tokio::test]
async fn expansions_appear_only_when_asked_for() {
    let app = spawn_app().await;
    let plain = all(
        &app,
        UserSearch {
            limit: Some(5),
            account_ids: vec![app.seed().accounts.invited.clone()],
            ..Default::default()
        },
    )
    .await;
    assert!(plain[0].product_access.is_none() && plain[0].platform_roles.is_none());
    let path = search_path(&app);
    let body = json!({"accountIds": [app.seed().accounts.admin], "expand": ["productAccess", "platformRoles", "counts.resources", "groups"]});
    let (_, answer) = app.raw(Method::POST, &path, Some(body)).await;
    let user = &answer["data"][0];
    assert_eq!(user["platformRoles"], json!(["atlassian/org-admin"]));
    assert_eq!(
        user["counts"]["resources"],
        user["productAccess"].as_array().unwrap().len()
    );
    assert_eq!(user["groups"], json!([]));
    assert!(
        user["productAccess"][0]["id"]
            .as_str()
            .unwrap()
            .starts_with("ari:cloud:")
    );
}
