//! Searches asked before a write see the write: the words kept from earlier searches and
//! the in-memory index are dropped with every write, whichever way it comes.

use super::*;

/// Searches that keep word sets and derive orders, asked before every write below.
const WARM: &[&str] = &[
    "a", "ali", "ali smi", "alice", "smith", "acme", "jones", "coop",
];

async fn warm(cache: &Cache) {
    for text in WARM {
        ids(cache, self::text(text)).await;
        ids(
            cache,
            AccountQuery {
                sort: SortColumn::LastActive,
                descending: true,
                ..self::text(text)
            },
        )
        .await;
    }
}

fn person(id: &'static str, name: &'static str, email: &'static str) -> Person {
    Person {
        id,
        name,
        email,
        title: None,
        status: AccountStatus::Active,
        managed_by: ManagedBy::Invited,
        two_step: true,
        products: &["trello"],
        days_since_active: Some(3),
    }
}

#[tokio::test]
async fn a_stored_account_is_found_by_words_searched_before() {
    let (_dir, cache) = cache().await;
    warm(&cache).await;
    assert_eq!(ids(&cache, text("ali smi")).await.1, ["a1"]);
    assert_eq!(ids(&cache, text("acme")).await.0, 4);
    let alina = person("a6", "Alina Smithers", "alina@acme.com");
    cache.store_accounts(&[record(&alina)], NOW).await.unwrap();
    assert_eq!(ids(&cache, text("ali smi")).await.1, ["a1", "a6"]);
    assert_eq!(ids(&cache, text("ali")).await.1, ["a5", "a1", "a6"]);
    assert_eq!(ids(&cache, text("acme")).await.0, 5);
    assert_eq!(ids(&cache, text("a")).await.0, 6);
    let trello = AccountFilter {
        product: Some("trello".into()),
        ..Default::default()
    };
    assert_eq!(ids(&cache, filter(trello)).await.1, ["a6"]);
}

#[tokio::test]
async fn a_renamed_account_is_found_by_its_new_name_only() {
    let (_dir, cache) = cache().await;
    warm(&cache).await;
    let mut carol = record(&PEOPLE[0]);
    carol.account.name = "Carol Smith".into();
    carol.account.email = "carol.smith@acme.com".into();
    cache.store_accounts(&[carol], NOW).await.unwrap();
    assert_eq!(ids(&cache, text("alice")).await.1, ["a5"]);
    assert_eq!(ids(&cache, text("ali smi")).await.0, 0);
    assert_eq!(ids(&cache, text("smith")).await.1, ["a1"]);
    assert_eq!(ids(&cache, text("carol smi")).await.1, ["a1"]);
}

#[tokio::test]
async fn a_removed_account_is_no_longer_found() {
    let (_dir, cache) = cache().await;
    warm(&cache).await;
    assert_eq!(cache.remove_accounts(&["a1".into()]).await.unwrap(), 1);
    assert_eq!(ids(&cache, text("alice")).await.1, ["a5"]);
    assert_eq!(ids(&cache, text("ali smi")).await.0, 0);
    assert_eq!(ids(&cache, text("smith")).await.0, 0);
    assert_eq!(ids(&cache, text("a")).await.0, 4);
    let by_activity = AccountQuery {
        sort: SortColumn::LastActive,
        descending: true,
        ..text("a")
    };
    assert_eq!(ids(&cache, by_activity).await.1, ["a5", "a4", "a2", "a3"]);
}

#[tokio::test]
async fn a_full_sync_that_removes_accounts_drops_them_from_the_search() {
    let (_dir, cache) = cache().await;
    warm(&cache).await;
    // The sync refreshes everyone but Alice Smith, who is gone from the directory.
    let started_at = NOW + 1;
    let others: Vec<_> = PEOPLE[1..].iter().map(record).collect();
    cache.store_accounts(&others, started_at).await.unwrap();
    warm(&cache).await;
    let removed = cache
        .finish_full_sync("org", started_at, started_at + 1)
        .await
        .unwrap();
    assert_eq!(removed, 1);
    assert_eq!(ids(&cache, text("alice")).await.1, ["a5"]);
    assert_eq!(ids(&cache, text("ali smi")).await.0, 0);
    assert_eq!(ids(&cache, text("a")).await.0, 4);
    assert_eq!(cache.overview(NOW).await.unwrap().accounts, 4);
}

#[tokio::test]
async fn a_text_whose_word_has_no_token_matches_like_the_other_words() {
    let (_dir, cache) = cache().await;
    // U+093E is a letter to Rust but a separator to the index: FTS5 drops the word when
    // other words are there, and matches nothing when it stands alone.
    assert_eq!(ids(&cache, text("\u{93e}")).await.0, 0);
    assert_eq!(ids(&cache, text("\u{93e} alice")).await.1, ["a5", "a1"]);
    assert_eq!(ids(&cache, text("alice \u{93e}")).await.1, ["a5", "a1"]);
    assert_eq!(ids(&cache, text("zzqx alice")).await.0, 0);
}
