//! Settings > Connections: profiles checked at the edge, the profiles file kept whole
//! through every change, connection tests against a real directory over HTTP, and the
//! API key nowhere but where it belongs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot proceed should panic

mod support;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use custodian_core::ErrorCode;
use custodian_core::cache::{self, Cache, Experience};
use custodian_core::connections::{
    ATLASSIAN_API, Capabilities, ConnectionEdit, ConnectionError, ConnectionId, ConnectionKind,
    ConnectionProfile, ConnectionStore, NewConnection, Secrets, StoreError, test_connection,
};
use custodian_core::directory::{ApiKey, RetryPolicy};
use custodian_core::sync::{self, Cancel};
use custodian_directory::{ApiKeyGrant, Faults, KeyRole};
use support::{KEY, org, setup, setup_with};

const CANARY: &str = "ck-LEAKCANARY-7f3a9c21d0e84b56";
const NOT_ADMIN: &str = "not-an-admin-key-0123456789";

fn directory(name: &str, url: &str, org: &str) -> NewConnection {
    NewConnection {
        name: name.into(),
        kind: ConnectionKind::CustodianDirectory,
        url: Some(url.into()),
        org_id: org.into(),
    }
}

fn cloud(name: &str, org: &str) -> NewConnection {
    NewConnection {
        name: name.into(),
        kind: ConnectionKind::AtlassianCloud,
        url: None,
        org_id: org.into(),
    }
}

fn edit(name: &str, url: Option<&str>, org: &str) -> ConnectionEdit {
    ConnectionEdit {
        name: name.into(),
        url: url.map(str::to_owned),
        org_id: org.into(),
    }
}

// ---- profiles -------------------------------------------------------------------------

#[test]
fn names_are_required_and_bounded() {
    let refused = |name: &str| cloud(name, "org-1").check().unwrap_err().to_string();
    assert_eq!(refused("   "), "Give the connection a name");
    assert_eq!(
        refused(&"n".repeat(61)),
        "The name is too long (at most 60 characters)"
    );
    assert!(refused("a\u{7}b").contains("control characters"));
    let profile = cloud("  Northwind Cloud ", "org-1").check().unwrap();
    assert_eq!(profile.name(), "Northwind Cloud");
    assert!(cloud(&"n".repeat(60), "org-1").check().is_ok());
}

#[test]
fn organization_ids_are_parsed() {
    for bad in ["", "a/../b", "o r g"] {
        let error = cloud("X", bad).check().unwrap_err();
        assert_eq!(error.code(), ErrorCode::InvalidInput);
        assert!(
            error
                .to_string()
                .starts_with("The organization ID is not valid"),
            "{error}"
        );
    }
    let profile = cloud("X", " 0a1b2c3d-4e5f ").check().unwrap();
    assert_eq!(profile.org_id().as_str(), "0a1b2c3d-4e5f");
}

#[test]
fn atlassian_cloud_always_uses_the_atlassian_api() {
    let mut new = cloud("Cloud", "org-1");
    new.url = Some("http://evil.example".into());
    let profile = new.check().unwrap();
    assert_eq!(profile.base_url(), ATLASSIAN_API);
    assert_eq!(profile.kind(), ConnectionKind::AtlassianCloud);
}

#[test]
fn a_directory_url_is_https_or_on_this_computer() {
    for good in [
        "https://directory.example.com",
        "https://directory.example.com:8443/custodian/",
        "http://localhost:8080",
        "http://127.0.0.1:8080",
        "http://127.4.5.6",
        "http://[::1]:9000",
    ] {
        assert!(
            directory("D", good, "o").check().is_ok(),
            "{good} was refused"
        );
    }
    let refused = |url: &str| directory("D", url, "o").check().unwrap_err().to_string();
    for plain in [
        "http://directory.example.com",
        "http://10.0.0.5",
        "ftp://x.example",
    ] {
        let message = refused(plain);
        assert!(
            message.starts_with("The URL must start with https://")
                && message.contains("localhost"),
            "{plain}: {message}"
        );
    }
    assert_eq!(
        refused(""),
        "Enter the URL of the Custodian Directory server"
    );
    assert!(refused("not a url").starts_with("The URL is not valid"));
    assert!(refused("https://admin:s3cret@dir.example.com").contains("user name or password"));
    assert!(refused("https://dir.example.com/?key=s3cret").contains("query"));
    let mut missing = directory("D", "x", "o");
    missing.url = None;
    assert!(missing.check().is_err());
}

// ---- the profiles file ----------------------------------------------------------------

/// After every change, the file on disk reads back as exactly what the store holds, and
/// no temporary file is left beside it.
fn assert_on_disk(store: &ConnectionStore) {
    let again = ConnectionStore::load(store.path()).unwrap();
    assert_eq!(again.list(), store.list());
    assert_eq!(
        again.active().map(|p| p.id().clone()),
        store.active().map(|p| p.id().clone())
    );
    let leftovers: Vec<PathBuf> = std::fs::read_dir(store.path().parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn connections_are_added_edited_switched_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = ConnectionStore::path_in(dir.path());
    let mut store = ConnectionStore::load(&path).unwrap();
    assert!(store.list().is_empty() && store.active().is_none());
    assert!(!path.exists(), "loading must not create the file");

    let own = store
        .add(&directory("Own", "https://dir.example.com/", "org-1"))
        .unwrap();
    assert_on_disk(&store);
    let cloud_one = store.add(&cloud("Northwind Cloud", "org-1")).unwrap();
    assert_on_disk(&store);
    assert_eq!(store.list().len(), 2);
    assert_ne!(own.id(), cloud_one.id());
    assert!(cloud_one.id().as_str().starts_with("northwind-cloud-"));

    store.set_active(Some(cloud_one.id())).unwrap();
    assert_on_disk(&store);
    assert_eq!(store.active().unwrap().id(), cloud_one.id());

    // Renaming keeps the id (the cache folder and keychain entry are named by it).
    let renamed = store
        .edit(cloud_one.id(), &edit("Northwind (EU)", None, "org-1"))
        .unwrap();
    assert_on_disk(&store);
    assert_eq!(renamed.profile.id(), cloud_one.id());
    assert_eq!(renamed.profile.name(), "Northwind (EU)");
    assert!(!renamed.backend_changed);
    let moved = store
        .edit(
            own.id(),
            &edit("Own", Some("https://dir2.example.com"), "org-1"),
        )
        .unwrap();
    assert!(moved.backend_changed);
    assert_eq!(moved.profile.base_url(), "https://dir2.example.com");
    assert_on_disk(&store);

    // Removing the active connection falls back to the demo directory.
    let removed = store.remove(cloud_one.id()).unwrap();
    assert_eq!(&removed, cloud_one.id());
    assert!(store.active().is_none());
    assert_on_disk(&store);
    assert!(matches!(
        store.remove(cloud_one.id()),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(
        store.get(cloud_one.id()).unwrap_err().code(),
        ErrorCode::NotFound
    );
    store.set_active(None).unwrap();
    assert_on_disk(&store);
    assert_eq!(store.list(), [moved.profile]);
}

#[test]
fn the_same_backend_and_organization_is_refused_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ConnectionStore::load(ConnectionStore::path_in(dir.path())).unwrap();
    store
        .add(&directory("A", "https://dir.example.com", "org-1"))
        .unwrap();
    let b = store
        .add(&directory("B", "https://dir.example.com", "org-2"))
        .unwrap();
    store.add(&cloud("C", "org-1")).unwrap();

    let error = store
        .add(&directory("A again", "HTTPS://DIR.example.com/", "org-1"))
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Conflict);
    assert!(error.to_string().contains("“A”"), "{error}");
    assert!(store.add(&cloud("C again", "org-1")).is_err());
    // Editing into another's place is refused too; editing in place is not.
    assert!(
        store
            .edit(b.id(), &edit("B", Some("https://dir.example.com"), "org-1"))
            .is_err()
    );
    assert!(
        store
            .edit(
                b.id(),
                &edit("B2", Some("https://dir.example.com"), "org-2")
            )
            .is_ok()
    );
    assert_eq!(store.list().len(), 3);
    assert_on_disk(&store);
}

#[test]
fn a_damaged_file_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = ConnectionStore::path_in(dir.path());
    for damaged in [
        "{ not json",
        r#"{"version":1,"active":null,"connections":[{"id":"../../x","name":"X","kind":"atlassianCloud","baseUrl":"https://api.atlassian.com","orgId":"o"}]}"#,
        r#"{"version":1,"active":null,"connections":[{"id":"x-1","name":"X","kind":"custodianDirectory","baseUrl":"http://dir.example.com","orgId":"o"}]}"#,
        r#"{"version":1,"active":null,"connections":[
            {"id":"x-1","name":"X","kind":"atlassianCloud","baseUrl":"https://api.atlassian.com","orgId":"o"},
            {"id":"x-1","name":"Y","kind":"atlassianCloud","baseUrl":"https://api.atlassian.com","orgId":"p"}]}"#,
    ] {
        std::fs::write(&path, damaged).unwrap();
        let error = ConnectionStore::load(&path).unwrap_err();
        assert!(matches!(error, StoreError::Damaged { .. }), "{error:?}");
        assert!(
            error.to_string().starts_with("The connections file"),
            "{error}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), damaged);
    }
    std::fs::write(&path, r#"{"version":99,"active":null,"connections":[]}"#).unwrap();
    assert!(matches!(
        ConnectionStore::load(&path),
        Err(StoreError::Newer { version: 99, .. })
    ));
    // An active id that is gone falls back to the demo directory.
    std::fs::write(&path, r#"{"version":1,"active":"gone-1","connections":[]}"#).unwrap();
    assert!(ConnectionStore::load(&path).unwrap().active().is_none());
}

#[test]
fn a_failed_write_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = ConnectionStore::path_in(dir.path());
    let mut store = ConnectionStore::load(&path).unwrap();
    let kept = store.add(&cloud("Kept", "org-1")).unwrap();
    let before = std::fs::read(&path).unwrap();
    // Where the temporary file would go, a folder: the write fails before the rename.
    let blocker = dir.path().join("connections.json.tmp");
    std::fs::create_dir(&blocker).unwrap();
    let error = store.add(&cloud("Lost", "org-2")).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Internal);
    assert!(store.set_active(Some(kept.id())).is_err());
    assert_eq!(store.list(), std::slice::from_ref(&kept));
    assert!(store.active().is_none());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    std::fs::remove_dir(&blocker).unwrap();
    // A stale temporary file from a crash is simply replaced.
    std::fs::write(&blocker, "half a file").unwrap();
    store.add(&cloud("Now", "org-2")).unwrap();
    assert_on_disk(&store);
}

// ---- testing a connection -------------------------------------------------------------

fn profile_for(url: &str, org: &str) -> ConnectionProfile {
    directory("Northwind directory", url, org).check().unwrap()
}

#[tokio::test]
async fn a_test_reports_the_organization_and_what_the_connection_can_do() {
    let s = setup(30, Faults::default()).await;
    let profile = profile_for(s.server.url(), org(&s.server).as_str());
    let found = test_connection(&profile, &ApiKey::parse(KEY).unwrap())
        .await
        .unwrap();
    assert_eq!(found.organization_name, "Northwind");
    assert_eq!(found.plan.as_deref(), Some("guard-standard"));
    assert_eq!(found.two_step_enforced, Some(true));
    assert_eq!(found.experience, Some(Experience::Centralized));
    assert_eq!(
        found.capabilities,
        Capabilities::of(ConnectionKind::CustodianDirectory)
    );
    assert!(found.capabilities.avatar && found.capabilities.devices);
    let json = serde_json::to_value(&found).unwrap();
    assert_eq!(json["organizationName"], "Northwind");
    assert_eq!(json["capabilities"]["twoStepExclusion"], true);
}

#[tokio::test]
async fn a_wrong_key_is_refused_in_plain_words() {
    let s = setup(5, Faults::default()).await;
    let profile = profile_for(s.server.url(), org(&s.server).as_str());
    let error = test_connection(&profile, &ApiKey::parse("wrong-key").unwrap())
        .await
        .unwrap_err();
    assert_eq!(error, ConnectionError::KeyRefused);
    assert_eq!(error.code(), ErrorCode::NotPermitted);
    assert!(error.to_string().starts_with("The API key was refused"));
    assert_eq!(error.to_wire().code, ErrorCode::NotPermitted);
}

#[tokio::test]
async fn a_key_that_is_not_an_admins_and_an_unknown_org_are_told_apart() {
    let s = setup_with(|config| {
        config.seed.accounts = 5;
        config.api_keys.push(ApiKeyGrant {
            key: ApiKey::parse(NOT_ADMIN).unwrap(),
            role: KeyRole::NotAdmin,
        });
    })
    .await;
    let profile = profile_for(s.server.url(), org(&s.server).as_str());
    let error = test_connection(&profile, &ApiKey::parse(NOT_ADMIN).unwrap())
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotPermitted, "{error:?}");
    let elsewhere = profile_for(s.server.url(), "no-such-org");
    let error = test_connection(&elsewhere, &ApiKey::parse(KEY).unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(error.code(), ErrorCode::NotFound | ErrorCode::NotPermitted),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_unreachable_server_is_offline() {
    let profile = profile_for("http://127.0.0.1:9", "org-1");
    let error = test_connection(&profile, &ApiKey::parse(KEY).unwrap())
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Offline, "{error:?}");
    let message = error.to_string();
    assert!(
        message.starts_with("Custodian cannot reach 127.0.0.1") && message.contains("HTTPS_PROXY"),
        "{message}"
    );
}

// ---- the key never leaks --------------------------------------------------------------

/// Everything logged by this test binary, at every level, from `tracing` and `log`.
fn captured_logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Arc::new(Mutex::new(Vec::new()));
        let sink = logs.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || LogSink(sink.clone()))
            .try_init()
            .expect("no other subscriber in this test binary");
        logs
    })
    .clone()
}

struct LogSink(Arc<Mutex<Vec<u8>>>);

impl Write for LogSink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A misbehaving server on loopback that answers a few requests by repeating the
/// `Authorization` header back in its body: 200 with a body of the wrong shape, or an
/// error whose title is the header.
fn echo_server(status: u16) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(8) {
            let Ok(mut stream) = stream else { return };
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut authorization = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some((name, value)) = line.split_once(':')
                    && name.eq_ignore_ascii_case("authorization")
                {
                    authorization = value.trim().to_owned();
                }
            }
            let body = match status {
                200 => serde_json::json!({ "data": authorization }),
                _ => serde_json::json!({
                    "errors": [{ "code": "ADMIN-400-1", "title": authorization, "detail": authorization }]
                }),
            }
            .to_string();
            let _ = write!(
                stream,
                "HTTP/1.1 {status} Echo\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

/// An error as anyone could see it: shown, debug-printed, sent to the UI.
fn told(error: &dyn std::fmt::Debug, display: &dyn std::fmt::Display, wire: &str) -> String {
    format!("{display} | {error:?} | {wire}")
}

/// Every file under `dir` that holds `needle`.
fn files_holding(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_holding(&path, needle));
        } else if std::fs::read(&path)
            .unwrap()
            .windows(needle.len())
            .any(|w| w == needle)
        {
            found.push(path);
        }
    }
    found
}

#[tokio::test]
async fn the_api_key_appears_nowhere_but_the_keychain() {
    let logs = captured_logs();
    tracing::info!("leak test starts");
    let canary = ApiKey::parse(CANARY).unwrap();
    let s = setup_with(|config| {
        config.seed.accounts = 40;
        config.api_keys.push(ApiKeyGrant {
            key: canary.clone(),
            role: KeyRole::OrgAdmin,
        });
    })
    .await;
    let data = tempfile::tempdir().unwrap();
    let secrets = Secrets::memory();
    let mut store = ConnectionStore::load(ConnectionStore::path_in(data.path())).unwrap();
    let profile = store
        .add(&directory(
            "Canary",
            s.server.url(),
            org(&s.server).as_str(),
        ))
        .unwrap();
    store.set_active(Some(profile.id())).unwrap();
    secrets.store(profile.id(), &canary).await.unwrap();
    let key = secrets.key(profile.id()).await.unwrap().unwrap();
    assert_eq!(key, canary);

    let mut errors: Vec<String> = Vec::new();

    // A good backend, then bad ones: refused, unreachable, echoing the key back.
    test_connection(&profile, &key).await.unwrap();
    let bad_backends = [
        profile_for(s.server.url(), "no-such-org"),
        profile_for("http://127.0.0.1:9", "org-1"),
        profile_for(&echo_server(200), "org-1"),
        profile_for(&echo_server(400), "org-1"),
    ];
    for bad in &bad_backends {
        let error = test_connection(bad, &key).await.unwrap_err();
        errors.push(told(&error, &error, &format!("{:?}", error.to_wire())));
    }
    let wrong_key = ApiKey::parse(format!("{CANARY}-revoked")).unwrap();
    let error = test_connection(&profile, &wrong_key).await.unwrap_err();
    errors.push(told(&error, &error, &format!("{:?}", error.to_wire())));
    // Both echoes really did carry the key back: only the redaction kept it out.
    assert!(
        errors.iter().filter(|e| e.contains("[API key]")).count() >= 2,
        "{errors:#?}"
    );

    // A sync with the key, into the connection's own cache.
    let cache_path = cache::path_for(data.path(), profile.id().as_str());
    let cache = Cache::open(&cache_path).await.unwrap();
    let client = profile
        .client(key.clone())
        .retry(RetryPolicy {
            max_retries: 4,
            base_delay: Duration::from_millis(2),
            max_delay: Duration::from_millis(20),
            max_rate_limited: 4,
            max_rate_limit_wait: Duration::from_secs(5),
        })
        .build()
        .unwrap();
    let report = sync::sync(
        &client,
        profile.org_id(),
        &cache,
        &Cancel::default(),
        |_| {},
    )
    .await
    .unwrap();
    assert!(report.accounts > 0, "{report:?}");
    custodian_core::organization::refresh(&client, &cache, profile.org_id())
        .await
        .unwrap();
    let offline = profile_for("http://127.0.0.1:9", org(&s.server).as_str())
        .client(key.clone())
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let error = sync::sync(
        &offline,
        profile.org_id(),
        &cache,
        &Cancel::default(),
        |_| {},
    )
    .await
    .unwrap_err();
    errors.push(told(&error, &error, error.code().as_str()));
    errors.push(told(&client, &format!("{client:?}"), ""));
    let wal = cache_path.with_extension("sqlite-wal");
    assert!(wal.exists(), "the cache keeps a WAL while open");

    let needle = CANARY.as_bytes();
    assert_eq!(
        files_holding(data.path(), needle),
        Vec::<PathBuf>::new(),
        "the key is in the data folder"
    );
    assert!(
        !std::fs::read(store.path())
            .unwrap()
            .windows(needle.len())
            .any(|w| w == needle)
    );
    for error in &errors {
        assert!(!error.contains("LEAKCANARY"), "{error}");
    }
    let logs = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    assert!(logs.contains("leak test starts"), "logs were not captured");
    assert!(logs.contains("connection test passed"));
    assert!(!logs.contains("LEAKCANARY"), "the key is in the log");
}

// ---- the OS keychain ------------------------------------------------------------------

#[tokio::test]
async fn the_keychain_stores_reads_and_forgets_a_key() {
    let secrets = Secrets::open().await;
    if !secrets.status().available {
        eprintln!(
            "skipped: no Secret Service here ({})",
            secrets.status().detail
        );
        assert!(
            secrets
                .status()
                .detail
                .starts_with("No keychain is available (")
        );
        return;
    }
    let id = ConnectionId::parse(format!("custodian-test-{}", fastrand::u32(..))).unwrap();
    let key = ApiKey::parse(format!("{CANARY}-keychain")).unwrap();
    assert_eq!(secrets.key(&id).await.unwrap(), None);
    secrets.store(&id, &key).await.unwrap();
    assert_eq!(secrets.key(&id).await.unwrap(), Some(key.clone()));
    // A second Secrets (the next launch) finds it too.
    let next_launch = Secrets::open().await;
    assert_eq!(next_launch.key(&id).await.unwrap(), Some(key));
    secrets.forget(&id).await.unwrap();
    assert_eq!(secrets.key(&id).await.unwrap(), None);
    secrets.forget(&id).await.unwrap();
}
