//! The local cache on a real SQLite file: storing accounts, searching, filtering, sorting.

#![allow(clippy::unwrap_used)] // a test that cannot proceed should panic

use custodian_core::cache::{
    Account, AccountFilter, AccountQuery, AccountRecord, AccountStatus, Cache, Lifecycle,
    ManagedBy, ProductAccess, SortColumn,
};

const NOW: i64 = 1_800_000_000;
const DAY: i64 = 86_400;

struct Person {
    id: &'static str,
    name: &'static str,
    email: &'static str,
    title: Option<&'static str>,
    status: AccountStatus,
    managed_by: ManagedBy,
    two_step: bool,
    products: &'static [&'static str],
    days_since_active: Option<i64>,
}

const PEOPLE: &[Person] = &[
    Person {
        id: "a1",
        name: "Alice Smith",
        email: "alice.smith@acme.com",
        title: Some("Engineer"),
        status: AccountStatus::Active,
        managed_by: ManagedBy::Invited,
        two_step: true,
        products: &["jira", "confluence"],
        days_since_active: Some(1),
    },
    Person {
        id: "a2",
        name: "Bob Jones",
        email: "bob@acme.com",
        title: Some("Designer"),
        status: AccountStatus::Deactivated,
        managed_by: ManagedBy::IdentityProvider,
        two_step: false,
        products: &["confluence"],
        days_since_active: Some(200),
    },
    Person {
        id: "a3",
        name: "José Álvarez",
        email: "jose@acme.es",
        title: None,
        status: AccountStatus::Active,
        managed_by: ManagedBy::IdentityProvider,
        two_step: true,
        products: &[],
        days_since_active: None,
    },
    Person {
        id: "a4",
        name: "山田 太郎",
        email: "taro@acme.jp",
        title: Some("Engineer"),
        status: AccountStatus::PendingDeletion,
        managed_by: ManagedBy::Invited,
        two_step: false,
        products: &["jira"],
        days_since_active: Some(100),
    },
    Person {
        id: "a5",
        name: "alice Cooper",
        email: "cooper@other.org",
        title: Some("OR manager"),
        status: AccountStatus::Active,
        managed_by: ManagedBy::Invited,
        two_step: false,
        products: &["jira", "bitbucket", "confluence"],
        days_since_active: Some(10),
    },
];

fn record(person: &Person) -> AccountRecord {
    let last_active = person.days_since_active.map(|days| NOW - days * DAY);
    AccountRecord {
        account: Account {
            account_id: person.id.into(),
            name: person.name.into(),
            public_name: None,
            email: person.email.into(),
            job_title: person.title.map(Into::into),
            department: None,
            organization: None,
            location: None,
            time_zone: None,
            locale: None,
            status: person.status,
            managed_by: person.managed_by,
            two_step_enabled: person.two_step,
            product_count: 0,
            last_active,
            added_to_org: None,
        },
        products: person
            .products
            .iter()
            .map(|product| ProductAccess {
                product: (*product).into(),
                site: "acme.atlassian.net".into(),
                role: Some("atlassian/user".into()),
                last_active,
            })
            .collect(),
        lifecycle: Lifecycle::default(),
    }
}

async fn cache() -> (tempfile::TempDir, Cache) {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let records: Vec<_> = PEOPLE.iter().map(record).collect();
    cache.store_accounts(&records, NOW).await.unwrap();
    (dir, cache)
}

async fn ids(cache: &Cache, query: AccountQuery) -> (u32, Vec<String>) {
    let page = cache
        .search(
            &AccountQuery {
                limit: 100,
                ..query
            },
            NOW,
        )
        .await
        .unwrap();
    (
        page.total,
        page.accounts.into_iter().map(|a| a.account_id).collect(),
    )
}

fn text(text: &str) -> AccountQuery {
    AccountQuery {
        text: text.into(),
        ..Default::default()
    }
}

fn filter(filter: AccountFilter) -> AccountQuery {
    AccountQuery {
        filter,
        ..Default::default()
    }
}

#[tokio::test]
async fn everything_sorted_by_name_by_default() {
    let (_dir, cache) = cache().await;
    let (total, found) = ids(&cache, AccountQuery::default()).await;
    assert_eq!(total, 5);
    // Case-insensitive: "alice Cooper" sorts with "Alice Smith".
    assert_eq!(found, ["a5", "a1", "a2", "a3", "a4"]);
}

#[tokio::test]
async fn search_finds_by_prefix_of_any_word_in_any_searched_field() {
    let (_dir, cache) = cache().await;
    assert_eq!(
        ids(&cache, text("ali")).await,
        (2, vec!["a5".into(), "a1".into()])
    );
    assert_eq!(ids(&cache, text("ali smi")).await.1, ["a1"]);
    assert_eq!(ids(&cache, text("alice.smith@ac")).await.1, ["a1"]);
    assert_eq!(ids(&cache, text("engineer")).await.1, ["a1", "a4"]);
    assert_eq!(
        ids(&cache, text("jose")).await.1,
        ["a3"],
        "diacritics are ignored"
    );
    assert_eq!(ids(&cache, text("ÁLVAREZ")).await.1, ["a3"]);
    assert_eq!(ids(&cache, text("山田")).await.1, ["a4"]);
    assert_eq!(ids(&cache, text("nobody")).await.0, 0);
}

#[tokio::test]
async fn hostile_search_text_neither_breaks_nor_widens_the_query() {
    let (_dir, cache) = cache().await;
    for hostile in [
        "\"",
        "\"\"",
        "*",
        "a*",
        "OR",
        "alice OR bob",
        "NEAR(alice bob)",
        "-alice",
        "alice -bob",
        "name:alice",
        "^alice",
        "(",
        ")",
        "'",
        "'; DROP TABLE accounts; --",
        "\\",
        "🙂",
        "🙂alice",
        "AND",
        "NOT",
        "{alice}",
        "alice\u{0}bob",
        "%",
        "_",
        "alice\"",
        "\"alice",
    ] {
        let page = cache.search(&text(hostile), NOW).await;
        page.unwrap_or_else(|error| panic!("{hostile:?} broke the search: {error}"));
    }
    // Operators would widen or invert the search; as words they only narrow it.
    assert_eq!(
        ids(&cache, text("alice -bob")).await.0,
        0,
        "-bob is the word bob, not NOT bob"
    );
    assert_eq!(ids(&cache, text("-alice")).await.0, 2);
    assert_eq!(
        ids(&cache, text("name:alice")).await.0,
        0,
        "no column filter"
    );
    assert_eq!(ids(&cache, text("NEAR(alice bob)")).await.0, 0);
    assert_eq!(ids(&cache, text("\"alice")).await.0, 2);
    assert_eq!(
        ids(&cache, text("*")).await.0,
        0,
        "a lone * is not everything"
    );
    assert_eq!(ids(&cache, text("'; DROP TABLE accounts; --")).await.0, 0);
    // "OR" is a word to look for, not an operator: only the OR manager has it.
    assert_eq!(ids(&cache, text("OR")).await.1, ["a5"]);
    assert_eq!(ids(&cache, text("alice OR bob")).await.0, 0);
    assert_eq!(
        cache.account_count().await.unwrap(),
        5,
        "nothing was dropped"
    );
}

#[tokio::test]
async fn filters_combine_with_each_other_and_with_search() {
    let (_dir, cache) = cache().await;
    let active = AccountFilter {
        statuses: vec![AccountStatus::Active],
        ..Default::default()
    };
    assert_eq!(
        ids(&cache, filter(active.clone())).await.1,
        ["a5", "a1", "a3"]
    );
    let active_alice = AccountQuery {
        text: "alice".into(),
        filter: active.clone(),
        ..Default::default()
    };
    assert_eq!(ids(&cache, active_alice).await.1, ["a5", "a1"]);
    let statuses = vec![AccountStatus::Deactivated, AccountStatus::PendingDeletion];
    assert_eq!(
        ids(
            &cache,
            filter(AccountFilter {
                statuses,
                ..Default::default()
            })
        )
        .await
        .1,
        ["a2", "a4"]
    );
    let domain = AccountFilter {
        domain: Some("ACME.com".into()),
        ..Default::default()
    };
    assert_eq!(ids(&cache, filter(domain)).await.1, ["a1", "a2"]);
    let idp = AccountFilter {
        managed_by: Some(ManagedBy::IdentityProvider),
        ..Default::default()
    };
    assert_eq!(ids(&cache, filter(idp)).await.1, ["a2", "a3"]);
    let jira = AccountFilter {
        product: Some("jira".into()),
        ..Default::default()
    };
    assert_eq!(ids(&cache, filter(jira)).await.1, ["a5", "a1", "a4"]);
    let unknown = AccountFilter {
        product: Some("trello".into()),
        ..Default::default()
    };
    assert_eq!(ids(&cache, filter(unknown)).await.0, 0);
    let no_2sv = AccountFilter {
        two_step_enabled: Some(false),
        ..active
    };
    assert_eq!(ids(&cache, filter(no_2sv)).await.1, ["a5"]);
    // Inactive for more than 90 days, or never active.
    let inactive = AccountFilter {
        inactive_days: Some(90),
        ..Default::default()
    };
    assert_eq!(ids(&cache, filter(inactive)).await.1, ["a2", "a3", "a4"]);
}

#[tokio::test]
async fn every_column_sorts_both_ways_with_ties_in_name_order() {
    let (_dir, cache) = cache().await;
    let sorted = |sort, descending| AccountQuery {
        sort,
        descending,
        ..Default::default()
    };
    assert_eq!(
        ids(&cache, sorted(SortColumn::Email, false)).await.1,
        ["a1", "a2", "a5", "a3", "a4"]
    );
    assert_eq!(
        ids(&cache, sorted(SortColumn::ProductCount, true)).await.1,
        ["a5", "a1", "a2", "a4", "a3"]
    );
    assert_eq!(
        ids(&cache, sorted(SortColumn::LastActive, false)).await.1,
        ["a3", "a2", "a4", "a5", "a1"]
    );
    assert_eq!(
        ids(&cache, sorted(SortColumn::Status, false)).await.1,
        ["a5", "a1", "a3", "a2", "a4"]
    );
    assert_eq!(
        ids(&cache, sorted(SortColumn::TwoStep, true)).await.1,
        ["a1", "a3", "a5", "a2", "a4"]
    );
    assert_eq!(
        ids(&cache, sorted(SortColumn::ManagedBy, false)).await.1,
        ["a5", "a1", "a4", "a2", "a3"]
    );
    assert_eq!(
        ids(&cache, sorted(SortColumn::Name, true)).await.1,
        ["a4", "a3", "a2", "a1", "a5"]
    );
}

#[tokio::test]
async fn a_window_returns_its_rows_and_the_whole_count() {
    let (_dir, cache) = cache().await;
    let page = cache
        .search(
            &AccountQuery {
                offset: 1,
                limit: 2,
                ..Default::default()
            },
            NOW,
        )
        .await
        .unwrap();
    assert_eq!(page.total, 5);
    assert_eq!(page.offset, 1);
    let names: Vec<_> = page.accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Alice Smith", "Bob Jones"]);
    assert_eq!(page.accounts[0].product_count, 2);
    assert_eq!(page.accounts[0].last_active, Some(NOW - DAY));
}

#[tokio::test]
async fn storing_again_updates_in_place_and_the_search_follows() {
    let (_dir, cache) = cache().await;
    let mut bob = record(&PEOPLE[1]);
    bob.account.name = "Robert Jones".into();
    bob.products.clear();
    cache.store_accounts(&[bob], NOW).await.unwrap();
    assert_eq!(cache.account_count().await.unwrap(), 5);
    assert_eq!(
        ids(&cache, text("bob")).await.0,
        1,
        "still found by the email bob@"
    );
    assert_eq!(ids(&cache, text("robert")).await.1, ["a2"]);
    let confluence = AccountFilter {
        product: Some("confluence".into()),
        ..Default::default()
    };
    assert_eq!(ids(&cache, filter(confluence)).await.1, ["a5", "a1"]);
}

#[tokio::test]
async fn the_cache_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/cache.sqlite");
    {
        let cache = Cache::open(&path).await.unwrap();
        cache
            .store_accounts(&[record(&PEOPLE[0])], NOW)
            .await
            .unwrap();
    }
    let cache = Cache::open(&path).await.unwrap();
    assert_eq!(ids(&cache, text("alice")).await.1, ["a1"]);
}

#[tokio::test]
async fn an_account_delivered_twice_is_stored_once_as_its_latest() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let first = record(&PEOPLE[0]);
    let mut second = record(&PEOPLE[0]);
    second.account.name = "Alice Smith-Jones".into();
    cache
        .store_accounts(&[first, record(&PEOPLE[1]), second], NOW)
        .await
        .unwrap();
    assert_eq!(cache.account_count().await.unwrap(), 2);
    assert_eq!(ids(&cache, text("jones")).await.1, ["a1", "a2"]);
}

#[tokio::test]
async fn facets_count_the_accounts_of_each_domain_and_product() {
    let (_dir, cache) = cache().await;
    let facets = cache.facets().await.unwrap();
    let pairs = |facets: &[custodian_core::cache::Facet]| -> Vec<(String, u32)> {
        facets
            .iter()
            .map(|f| (f.name.clone(), f.accounts))
            .collect()
    };
    assert_eq!(
        pairs(&facets.domains),
        [
            ("acme.com".into(), 2),
            ("acme.es".into(), 1),
            ("acme.jp".into(), 1),
            ("other.org".into(), 1)
        ]
    );
    assert_eq!(
        pairs(&facets.products),
        [
            ("confluence".into(), 3),
            ("jira".into(), 3),
            ("bitbucket".into(), 1)
        ]
    );
}

#[tokio::test]
async fn the_csv_export_holds_exactly_what_the_list_shows() {
    let (_dir, cache) = cache().await;
    let query = AccountQuery {
        text: "alice".into(),
        sort: SortColumn::Email,
        limit: 1, // the window of the list is not the export's
        ..Default::default()
    };
    let mut out = Vec::new();
    let written = custodian_core::cache::write_csv(&cache, &query, NOW, &mut out)
        .await
        .unwrap();
    assert_eq!(written, 2);
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|line| !line.is_empty()).collect();
    assert_eq!(
        lines,
        [
            "Name,Email,Status,Products,Last active,2SV,Managed by",
            "Alice Smith,alice.smith@acme.com,Active,2,2027-01-14,On,Invited",
            "alice Cooper,cooper@other.org,Active,3,2027-01-05,Off,Invited",
        ]
    );
}

#[tokio::test]
async fn the_overview_counts_statuses_two_step_activity_and_domains() {
    let (_dir, cache) = cache().await;
    let overview = cache.overview(NOW).await.unwrap();
    assert_eq!(overview.accounts, 5);
    let statuses: Vec<(AccountStatus, u32)> = overview
        .by_status
        .iter()
        .map(|s| (s.status, s.accounts))
        .collect();
    assert_eq!(
        statuses,
        [
            (AccountStatus::Active, 3),
            (AccountStatus::Suspended, 0),
            (AccountStatus::Deactivated, 1),
            (AccountStatus::PendingDeletion, 1)
        ]
    );
    // Among the three active accounts, Alice Smith and José have 2SV, alice Cooper does not.
    assert_eq!((overview.two_step_on, overview.two_step_off), (2, 1));
    let activity: Vec<(String, u32)> = overview
        .last_active
        .iter()
        .map(|b| (b.label.clone(), b.accounts))
        .collect();
    assert_eq!(
        activity,
        [
            ("Within 7 days".to_owned(), 1),
            ("8 to 30 days".to_owned(), 1),
            ("31 to 90 days".to_owned(), 0),
            ("91 days to a year".to_owned(), 2),
            ("Over a year".to_owned(), 0),
            ("Never".to_owned(), 1),
        ]
    );
    assert_eq!(overview.by_domain[0].name, "acme.com");
}

mod after_writes;

#[tokio::test]
async fn select_all_matching_gives_every_match_in_the_list_s_order() {
    let (_dir, cache) = cache().await;
    let all = cache
        .matching_account_ids(&AccountQuery::default(), NOW)
        .await
        .unwrap();
    assert_eq!(all, ["a5", "a1", "a2", "a3", "a4"]);
    let engineers = cache
        .matching_account_ids(&text("engineer"), NOW)
        .await
        .unwrap();
    assert_eq!(engineers, ["a1", "a4"]);
    let range = AccountQuery {
        offset: 1,
        limit: 2,
        ..AccountQuery::default()
    };
    assert_eq!(
        cache.matching_account_ids(&range, NOW).await.unwrap(),
        ["a1", "a2"]
    );
    assert!(
        cache
            .matching_account_ids(&text("\"\""), NOW)
            .await
            .unwrap()
            .is_empty()
    );
}
