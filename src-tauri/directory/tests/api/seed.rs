//! The seed: the same organization every time, kept across restarts, and a seed cut
//! short is noticed rather than served.

use custodian_directory::{Config, Server};

use crate::helpers::{ADMIN_KEY, key};

async fn accounts(
    server: &custodian_directory::RunningServer,
) -> Vec<(String, String, String, String)> {
    sqlx::query_as("SELECT account_id, name, email, account_status FROM accounts ORDER BY seq")
        .fetch_all(server.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_seed_is_the_same_every_time() {
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut config = Config::new(first.path().join("a.sqlite"), key(ADMIN_KEY));
    config.seed.accounts = 300;
    let one = Server::spawn(config.clone()).await.unwrap();
    config.database = second.path().join("b.sqlite");
    let two = Server::spawn(config).await.unwrap();
    assert_eq!(one.seed().org_id, two.seed().org_id);
    assert_eq!(one.seed().accounts.scim, two.seed().accounts.scim);
    let (a, b) = (accounts(&one).await, accounts(&two).await);
    assert_eq!(a.len(), 300);
    assert_eq!(a, b);
}

#[tokio::test]
async fn a_seeded_database_is_kept_on_restart() {
    let data = tempfile::tempdir().unwrap();
    let mut config = Config::new(data.path().join("d.sqlite"), key(ADMIN_KEY));
    config.seed.accounts = 20;
    let server = Server::spawn(config.clone()).await.unwrap();
    sqlx::query("UPDATE accounts SET name = 'Renamed' WHERE seq = 2")
        .execute(server.pool())
        .await
        .unwrap();
    server.shutdown().await.unwrap();

    config.seed.accounts = 500;
    let again = Server::spawn(config).await.unwrap();
    let all = accounts(&again).await;
    assert_eq!(all.len(), 20, "an existing database is not seeded again");
    assert_eq!(all[1].1, "Renamed");
}

#[tokio::test]
async fn a_seed_cut_short_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let mut config = Config::new(data.path().join("d.sqlite"), key(ADMIN_KEY));
    config.seed.accounts = 20;
    let server = Server::spawn(config.clone()).await.unwrap();
    sqlx::query("DELETE FROM seed_complete")
        .execute(server.pool())
        .await
        .unwrap();
    server.shutdown().await.unwrap();
    let error = Server::spawn(config)
        .await
        .err()
        .expect("the server refuses to start");
    assert!(error.to_string().contains("cut short"), "{error}");
}
