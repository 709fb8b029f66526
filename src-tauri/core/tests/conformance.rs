//! Conformance with Atlassian's user-management API: every request the directory client
//! makes to `/users/{account_id}/manage...` goes to a Stoplight Prism mock generated from
//! Atlassian's `admin_user.json`. Prism validates each request against the document and
//! answers an invalid one with 400 or 422; its validator logs the violation, and the test
//! fails with it. The answers, the document's examples and then answers generated from its
//! schemas, must parse into our models.
//!
//! Prism lives in its own npm package: `npm ci --prefix tests/conformance`
//! (`scripts/ensure-deps.sh` runs it for `make test`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot proceed should panic

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use custodian_core::directory::model::{ExtendedChanges, ProfileChanges};
use custodian_core::directory::{
    AccountId, ApiKey, DirectoryClient, DirectoryError, Email, RetryPolicy, TokenId,
};
use serde_json::{Value, json};

/// Atlassian's document as published, the same copy the directory server's tests use.
const ADMIN_USER_JSON: &str = include_str!("../../directory/tests/data/admin_user.json");

/// The document's own example of an account id.
const ACCOUNT: &str = "557057:4f9acfd2-6155-419b-8de5-5b5cf27a59a0";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `admin_user.json` with the two places where its schemas contradict its own prose put
/// right; each correction first checks that the defect is still there, so an updated
/// document makes the test say which correction to drop.
fn corrected_document() -> Value {
    let mut document: Value = serde_json::from_str(ADMIN_USER_JSON).unwrap();

    // `AccountId.pattern` ends in a newline, so no real account id (the document's own
    // example included) matches it. The intent is an id of 1 to 128 of these characters.
    let pattern = &mut document["components"]["schemas"]["AccountId"]["pattern"];
    assert_eq!(
        pattern, "[a-zA-Z0-9_|:-]{1,128}\n",
        "admin_user.json's AccountId pattern changed: drop this correction"
    );
    *pattern = json!("^[a-zA-Z0-9_|:-]{1,128}$");

    // PATCH .../profile takes "a subset of the mutable fields", but its schema is the
    // whole `AtlassianAccountUser`, whose `required` (name, nickname) belongs to the
    // response. The request schema keeps every property and drops `required`.
    let schemas = &document["components"]["schemas"];
    let user = &schemas["AtlassianAccountUser"]["allOf"];
    assert_eq!(user[0]["$ref"], "#/components/schemas/User");
    let mut properties = schemas["User"]["properties"].as_object().unwrap().clone();
    properties.extend(user[1]["properties"].as_object().unwrap().clone());
    let body = &mut document["paths"]["/users/{account_id}/manage/profile"]["patch"]["requestBody"]
        ["content"]["application/json"]["schema"];
    assert_eq!(
        body,
        &json!({"$ref": "#/components/schemas/AtlassianAccountUser"}),
        "admin_user.json's PATCH profile body changed: drop this correction"
    );
    *body = json!({"type": "object", "properties": properties});
    document
}

/// A Prism mock server on a free loopback port; killed when dropped.
struct Prism {
    child: Child,
    base_url: String,
    log: Arc<Mutex<Vec<String>>>,
    _document: tempfile::TempDir,
}

impl Prism {
    /// `prism mock --errors` on the corrected document, plus `extra` arguments.
    fn start(extra: &[&str]) -> Prism {
        let root = repo_root();
        let cli = root.join("tests/conformance/node_modules/@stoplight/prism-cli/dist/index.js");
        assert!(
            cli.is_file(),
            "Stoplight Prism is not installed: run `npm ci --prefix tests/conformance` \
             (make test does it through scripts/ensure-deps.sh)"
        );
        let dir = tempfile::tempdir().unwrap();
        let document = dir.path().join("admin_user.json");
        std::fs::write(&document, corrected_document().to_string()).unwrap();

        let mut child = Command::new("node")
            .arg(&cli)
            .args(["mock", "--errors", "--host", "127.0.0.1", "--port", "0"])
            .args(extra)
            .arg(&document)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "could not run node ({e}): the conformance test needs Node.js on PATH and \
                     `npm ci --prefix tests/conformance`"
                )
            });

        let log = Arc::new(Mutex::new(Vec::new()));
        let (listening, port) = mpsc::channel();
        read_lines(child.stdout.take().unwrap(), &log, Some(listening));
        read_lines(child.stderr.take().unwrap(), &log, None);
        let Ok(base_url) = port.recv_timeout(Duration::from_secs(90)) else {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "Prism did not start listening:\n{}",
                log.lock().unwrap().join("\n")
            );
        };
        Prism {
            child,
            base_url,
            log,
            _document: dir,
        }
    }

    fn client(&self) -> DirectoryClient {
        // No retries: a refused request should fail at once, with Prism's reason.
        DirectoryClient::builder(&self.base_url, ApiKey::parse("conformance-key").unwrap())
            .retry(RetryPolicy::none())
            .build()
            .unwrap()
    }

    /// What Prism's validator reported so far (errors and warnings), after making sure
    /// everything it logged for earlier requests has been read.
    async fn violations(&self) -> Vec<String> {
        let marker = format!("/conformance-flush-{}", fastrand::u64(..));
        // Unknown to the document, so Prism only logs it (and answers 404), after
        // everything it logged for the requests before it.
        let _ = reqwest::get(format!("{}{marker}", self.base_url)).await;
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            {
                let log = self.log.lock().unwrap();
                if log.iter().any(|line| line.contains(&marker)) {
                    return log
                        .iter()
                        .filter(|line| {
                            line.contains("[VALIDATOR]")
                                && (line.contains('✖') || line.contains('⚠'))
                        })
                        .cloned()
                        .collect();
                }
            }
            assert!(Instant::now() < deadline, "Prism's log stopped");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Panics, with Prism's reasons, if the call failed or Prism found a violation.
    async fn check<T>(&self, what: &str, result: Result<T, DirectoryError>) -> T {
        let violations = self.violations().await;
        match result {
            Ok(value) if violations.is_empty() => value,
            Ok(_) => panic!(
                "{what}: admin_user.json is violated:\n{}",
                violations.join("\n")
            ),
            Err(error) => panic!(
                "{what} failed: {error}\nPrism's validator:\n{}",
                violations.join("\n")
            ),
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Collects the lines of one of Prism's outputs; reports the URL once it listens.
fn read_lines(
    output: impl Read + Send + 'static,
    log: &Arc<Mutex<Vec<String>>>,
    mut listening: Option<mpsc::Sender<String>>,
) {
    let log = Arc::clone(log);
    std::thread::spawn(move || {
        for line in BufReader::new(output).lines().map_while(Result::ok) {
            if let Some((_, url)) = line.split_once("Prism is listening on ")
                && let Some(sender) = listening.take()
            {
                let _ = sender.send(url.trim().to_owned());
            }
            log.lock().unwrap().push(line);
        }
    });
}

fn every_field() -> ProfileChanges {
    ProfileChanges {
        name: Some("Ana García".into()),
        nickname: Some("Ana".into()),
        zoneinfo: Some(Some("Europe/Madrid".into())),
        locale: Some(Some("es-ES".into())),
        extended_profile: ExtendedChanges {
            job_title: Some(Some("Staff Engineer".into())),
            organization: Some(Some("Custodian".into())),
            department: Some(Some("Platform".into())),
            location: Some(Some("Sevilla".into())),
        },
    }
}

fn one_field() -> ProfileChanges {
    ProfileChanges {
        extended_profile: ExtendedChanges {
            job_title: Some(Some("Principal Engineer".into())),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Every user-management call the client makes, once each (twice where the body varies).
async fn every_request(prism: &Prism) {
    let client = prism.client();
    let account = AccountId::parse(ACCOUNT).unwrap();

    let privileges = prism
        .check("privileges", client.privileges(&account).await)
        .await;
    assert!(privileges.profile_read.is_some());
    let profile = prism.check("profile", client.profile(&account).await).await;
    assert!(!profile.name.is_empty());
    prism
        .check(
            "update_profile (every field)",
            client.update_profile(&account, &every_field()).await,
        )
        .await;
    prism
        .check(
            "update_profile (one field)",
            client.update_profile(&account, &one_field()).await,
        )
        .await;
    let email = Email::parse("ana.garcia@example.com").unwrap();
    prism
        .check("set_email", client.set_email(&account, &email).await)
        .await;
    let tokens = prism
        .check("api_tokens", client.api_tokens(&account).await)
        .await;
    assert!(tokens.iter().all(|t| !t.created_at.is_empty()));
    let token = TokenId::parse("fake-tokenId").unwrap();
    prism
        .check(
            "revoke_api_token",
            client.revoke_api_token(&account, &token).await,
        )
        .await;
    prism
        .check(
            "deactivate (no message)",
            client.deactivate(&account, None).await,
        )
        .await;
    prism
        .check(
            "deactivate (with a message)",
            client
                .deactivate(&account, Some("On 6-month suspension"))
                .await,
        )
        .await;
    prism
        .check("reactivate", client.reactivate(&account).await)
        .await;
    prism.check("delete", client.delete(&account).await).await;
    prism
        .check("cancel_delete", client.cancel_delete(&account).await)
        .await;
}

#[tokio::test]
async fn every_request_validates_and_the_examples_parse() {
    let prism = Prism::start(&[]);
    every_request(&prism).await;

    // The document's examples, field for field.
    let client = prism.client();
    let account = AccountId::parse(ACCOUNT).unwrap();
    let profile = client.profile(&account).await.unwrap();
    assert_eq!(profile.account_id, account);
    assert_eq!(profile.nickname.as_deref(), Some("marshmallow"));
    assert_eq!(
        profile.extended_profile.job_title.as_deref(),
        Some("Lead Investigator")
    );
    let tokens = client.api_tokens(&account).await.unwrap();
    assert_eq!(tokens[0].label, "My Addon");
    assert_eq!(
        tokens[0].last_access.as_deref(),
        Some("2015-05-12T20:20:50.521Z")
    );
}

#[tokio::test]
async fn every_request_validates_and_generated_answers_parse() {
    // Answers generated from the schemas: optional fields left out, refusals with reasons.
    let prism = Prism::start(&["--dynamic", "--seed", "custodian"]);
    every_request(&prism).await;
}

/// A known deviation, kept visible: the client clears an optional field by sending `null`
/// (as custodian-directory accepts), but admin_user.json types every profile field as a
/// string and does not say how to clear one. Should the document's type or Atlassian's
/// behaviour change, this test says so.
#[tokio::test]
async fn clearing_a_field_sends_null_which_the_document_does_not_allow() {
    let prism = Prism::start(&[]);
    let client = prism.client();
    let account = AccountId::parse(ACCOUNT).unwrap();
    let clear = ProfileChanges {
        extended_profile: ExtendedChanges {
            location: Some(None),
            ..Default::default()
        },
        ..Default::default()
    };
    let result = client.update_profile(&account, &clear).await;
    let violations = prism.violations().await;
    assert!(result.is_err(), "Prism accepted a null field");
    assert!(
        violations
            .iter()
            .all(|v| v.contains("extended_profile.location must be string")
                || v.contains("did not pass the validation rules")),
        "other violations than the known one:\n{}",
        violations.join("\n")
    );
    assert!(
        violations
            .iter()
            .any(|v| v.contains("extended_profile.location must be string")),
        "{}",
        violations.join("\n")
    );
}
