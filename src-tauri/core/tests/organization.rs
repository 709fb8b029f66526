//! The organization and its domains against the real directory server: read and cached,
//! verified, and claimed with a preview first.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot proceed should panic

mod support;

use custodian_core::ErrorCode;
use custodian_core::cache::{AuditQuery, ChangeResult, Experience};
use custodian_core::changes::Changing;
use custodian_core::directory::DomainId;
use custodian_core::organization;
use custodian_core::sync::{self, Cancel};
use custodian_directory::Faults;
use support::{client, org, setup};

fn domain_id(s: &support::Setup, name: &str) -> DomainId {
    let (_, id) = s
        .server
        .seed()
        .domains
        .iter()
        .find(|(n, _)| n == name)
        .unwrap();
    DomainId::parse(id.clone()).unwrap()
}

#[tokio::test]
async fn the_organization_is_read_and_kept_for_offline() {
    let s = setup(30, Faults::default()).await;
    let read = organization::refresh(&client(&s.server), &s.cache, &org(&s.server))
        .await
        .unwrap();

    assert_eq!(read.experience, Some(Experience::Centralized));
    assert_eq!(read.two_step_enforced, Some(true));
    assert_eq!(read.domains.len(), 5);
    assert_eq!(read.domains.iter().filter(|d| d.verified).count(), 3);
    assert!(read.domains.iter().all(|d| d.claim_method.is_some()));

    s.server.shutdown().await.unwrap();
    let cached = s.cache.organization(&read.org_id).await.unwrap().unwrap();
    assert_eq!(cached, read);
}

#[tokio::test]
async fn a_verified_domain_s_accounts_are_claimed_after_a_preview() {
    let s = setup(200, Faults::default()).await;
    let (client, org) = (client(&s.server), org(&s.server));
    let to = Changing {
        client: &client,
        cache: &s.cache,
        org: &org,
        connection: "Test directory",
        recognises_repeats: true,
    };
    let domain = domain_id(&s, "nw-services.example");
    sync::full_sync(&client, &org, &s.cache, &Cancel::default(), |_| {})
        .await
        .unwrap();
    let before = s.cache.account_count().await.unwrap();

    let preview = organization::claim_preview(&client, &org, &domain)
        .await
        .unwrap();
    assert!(preview.accounts > 0, "the seed leaves accounts to claim");
    assert_eq!(preview.domain, "nw-services.example");
    let claimed = organization::claim_domain(&to, &domain, "nw-services.example")
        .await
        .unwrap();
    assert_eq!(claimed, preview.accounts);

    sync::full_sync(&client, &org, &s.cache, &Cancel::default(), |_| {})
        .await
        .unwrap();
    assert_eq!(
        s.cache.account_count().await.unwrap(),
        before + claimed as u32
    );
    let again = organization::claim_preview(&client, &org, &domain)
        .await
        .unwrap();
    assert_eq!(again.accounts, 0);
    let entry = &s.cache.audit_entries(&AuditQuery::default()).await.unwrap()[0];
    assert_eq!(entry.operation, "claimDomain");
    assert_eq!(entry.result, ChangeResult::Done);
}

#[tokio::test]
async fn an_unverified_domain_cannot_be_claimed_until_it_is_verified() {
    let s = setup(30, Faults::default()).await;
    let (client, org) = (client(&s.server), org(&s.server));
    let to = Changing {
        client: &client,
        cache: &s.cache,
        org: &org,
        connection: "Test directory",
        recognises_repeats: true,
    };
    let domain = domain_id(&s, "fabrikam.example");

    let error = organization::claim_domain(&to, &domain, "fabrikam.example")
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Conflict);
    assert_eq!(
        error.to_string(),
        "The domain is not verified yet: verify it before claiming its accounts."
    );
    let entry = &s.cache.audit_entries(&AuditQuery::default()).await.unwrap()[0];
    assert_eq!(entry.result, ChangeResult::Failed);

    let after = organization::verify_domain(&to, &domain, "fabrikam.example")
        .await
        .unwrap();
    let fabrikam = after
        .domains
        .iter()
        .find(|d| d.name == "fabrikam.example")
        .unwrap();
    assert!(fabrikam.verified);
    assert!(
        organization::claim_preview(&client, &org, &domain)
            .await
            .is_ok()
    );
}
