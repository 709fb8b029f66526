//! The `custodian-directory` binary: the URL as the first line of stdout, loopback unless
//! told otherwise, a clean stop on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use custodian_core::directory::RetryPolicy;

use crate::helpers::{ADMIN_KEY, client_for};

fn directory(args: &[&str], db: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_custodian-directory"));
    command
        .args([
            "--db",
            db.to_str().unwrap(),
            "--seed-accounts",
            "30",
            "--plan",
            "standard",
        ])
        .args(args)
        .env("CUSTODIAN_DIRECTORY_API_KEY", ADMIN_KEY)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    command
}

/// Waits for the process to end, for at most `limit`.
fn wait(child: &mut Child, limit: Duration) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("the directory did not stop within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The first line of the child's stdout: the URL it listens on.
async fn url_of(child: &mut Child) -> String {
    let stdout = child.stdout.take().unwrap();
    tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        line.trim().to_owned()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn the_binary_prints_its_url_first_and_stops_on_sigterm() {
    let data = tempfile::tempdir().unwrap();
    let mut child = directory(&["--listen", "127.0.0.1:0"], &data.path().join("d.sqlite"))
        .spawn()
        .unwrap();
    let url = url_of(&mut child).await;
    assert!(
        url.starts_with("http://127.0.0.1:") && !url.ends_with(":0"),
        "{url}"
    );

    let client = client_for(&url, ADMIN_KEY, RetryPolicy::none());
    let orgs = client.orgs().unwrap().collect_all().await.unwrap();
    assert_eq!(orgs[0].attributes.plan.as_deref(), Some("standard"));

    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = tokio::task::spawn_blocking(move || wait(&mut child, Duration::from_secs(20)))
        .await
        .unwrap();
    assert!(status.success(), "{status:?}");
}

#[tokio::test]
async fn the_binary_refuses_a_non_loopback_address_unless_allowed() {
    let data = tempfile::tempdir().unwrap();
    let mut child = directory(&["--listen", "0.0.0.0:0"], &data.path().join("d.sqlite"))
        .spawn()
        .unwrap();
    let status = tokio::task::spawn_blocking(move || wait(&mut child, Duration::from_secs(20)))
        .await
        .unwrap();
    assert_eq!(status.code(), Some(2));
}

#[tokio::test]
async fn the_binary_serves_no_extensions_when_told() {
    let capabilities = |url: &str| {
        reqwest::Client::new()
            .get(format!("{url}/custodian/v1/capabilities"))
            .bearer_auth(ADMIN_KEY)
            .send()
    };
    for (flags, status) in [(&[][..], 200), (&["--no-extensions"][..], 404)] {
        let data = tempfile::tempdir().unwrap();
        let mut child = directory(flags, &data.path().join("d.sqlite"))
            .spawn()
            .unwrap();
        let url = url_of(&mut child).await;
        let answer = capabilities(&url).await;
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(answer.unwrap().status(), status, "{flags:?}");
    }
}
