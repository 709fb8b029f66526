//! The app's commands, called through Tauri's real IPC path on the mock runtime, with the
//! app's own configuration and capabilities: what the UI gets is what these see.

#![allow(clippy::unwrap_used)] // a test that cannot proceed should panic

use custodian_app::state::{AppState, Connection};
use custodian_core::cache::Cache;
use custodian_core::connections::{Capabilities, ConnectionKind};
use custodian_core::directory::{ApiKey, DirectoryClient, OrgId};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

/// The app, its main window, and the temporary folder of its cache (removed when dropped).
fn app() -> (
    App<MockRuntime>,
    WebviewWindow<MockRuntime>,
    tempfile::TempDir,
) {
    let app = custodian_app::with_commands(mock_builder())
        .build(tauri::generate_context!())
        .unwrap();
    let home = tempfile::tempdir().unwrap();
    let cache =
        tauri::async_runtime::block_on(Cache::open(&home.path().join("cache.sqlite"))).unwrap();
    // Nothing listens on the discard port: these tests never reach a directory.
    let key = ApiKey::parse("commands-test-key-0123456789").unwrap();
    let connection = Connection {
        name: "Test directory".into(),
        client: DirectoryClient::builder("http://127.0.0.1:9", key)
            .build()
            .unwrap(),
        org: OrgId::parse("test-org").unwrap(),
        kind: ConnectionKind::CustodianDirectory,
        capabilities: Capabilities::of(ConnectionKind::CustodianDirectory),
        profile: None,
    };
    app.manage(AppState::new(cache, connection, home.path().to_path_buf()));
    // The capabilities grant commands to the window labelled "main", as in tauri.conf.json.
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    (app, window, home)
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str) -> Result<Value, Value> {
    invoke_with(window, cmd, json!({}))
}

fn invoke_with(
    window: &WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn app_info_reports_the_package_and_its_folders() {
    let (_app, window, _home) = app();
    let info = invoke(&window, "app_info").unwrap();
    assert_eq!(info["name"], "Custodian");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    let data_dir = info["dataDir"].as_str().unwrap();
    let log_dir = info["logDir"].as_str().unwrap();
    assert!(data_dir.ends_with("io.custodian.desktop"), "{data_dir}");
    assert!(log_dir.contains("io.custodian.desktop"), "{log_dir}");
}

#[test]
fn connection_status_names_the_connection_and_its_sync() {
    let (_app, window, _home) = app();
    let status = invoke(&window, "connection_status").unwrap();
    assert_eq!(status["name"], "Test directory");
    assert_eq!(status["kind"], "custodianDirectory");
    assert_eq!(status["orgId"], "test-org");
    assert_eq!(status["capabilities"]["devices"], true);
    assert_eq!(
        status["sync"],
        json!({ "lastFullSync": null,
            "lastSync": null, "lastAttempt": null, "lastError": null, "offline": false })
    );
}

#[test]
fn the_saved_connections_are_listed_and_a_bad_one_is_refused_with_why() {
    let (_app, window, _home) = app();
    let overview = invoke(&window, "connections").unwrap();
    assert_eq!(overview["inUseName"], "Test directory");
    assert_eq!(overview["profiles"], json!([]));
    let refusal = invoke_with(
        &window,
        "test_new_connection",
        json!({
            "connection": { "name": "Plain HTTP", "kind": "custodianDirectory",
                "url": "http://directory.example.com", "orgId": "org-1" },
            "key": "a-key-that-must-not-come-back-0123456789"
        }),
    )
    .unwrap_err();
    assert_eq!(refusal["code"], "invalidInput", "{refusal}");
    assert!(
        refusal["message"].as_str().unwrap().contains("https"),
        "{refusal}"
    );
    assert!(!refusal.to_string().contains("must-not-come-back"));
}

#[test]
fn a_sync_against_an_unreachable_directory_fails_as_offline() {
    let (_app, window, _home) = app();
    let channel = json!({ "onProgress": "__CHANNEL__:1" });
    let refusal = invoke_with(&window, "sync_accounts", channel).unwrap_err();
    assert_eq!(refusal["code"], "offline", "{refusal}");
    let status = invoke(&window, "connection_status").unwrap();
    assert!(
        status["sync"]["lastError"]
            .as_str()
            .unwrap()
            .contains("cannot be reached")
    );
}

#[test]
fn commands_the_capabilities_do_not_grant_are_refused() {
    let (_app, window, _home) = app();
    let refusal = invoke(&window, "plugin:app|version").unwrap_err();
    assert!(refusal.to_string().contains("not allowed"), "{refusal}");
    assert!(
        invoke(&window, "app_info").is_ok(),
        "the granted command still works"
    );
}

#[test]
fn search_accounts_answers_from_the_cache_with_a_page() {
    let (_app, window, _home) = app();
    let query = json!({ "query": { "text": "alice", "limit": 50 } });
    let page = invoke_with(&window, "search_accounts", query).unwrap();
    assert_eq!(page, json!({ "total": 0, "offset": 0, "accounts": [] }));
}

#[test]
fn a_malformed_query_is_refused_before_it_reaches_the_cache() {
    let (_app, window, _home) = app();
    let query = json!({ "query": { "sort": "shoeSize" } });
    let refusal = invoke_with(&window, "search_accounts", query).unwrap_err();
    assert!(refusal.to_string().contains("shoeSize"), "{refusal}");
}
