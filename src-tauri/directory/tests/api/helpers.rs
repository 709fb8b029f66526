//! Each test gets its own server on a free loopback port, with its own temporary
//! database, and a client for it.

use std::time::Duration;

use custodian_core::directory::{AccountId, ApiKey, DirectoryClient, OrgId, RetryPolicy};
use custodian_directory::{ApiKeyGrant, Config, KeyRole, RunningServer, SeedReport, Server};
use serde_json::Value;
use tempfile::TempDir;

pub const ADMIN_KEY: &str = "test-admin-key-0123456789";
pub const NOT_ADMIN_KEY: &str = "test-former-admin-key";

pub struct TestApp {
    pub server: RunningServer,
    pub client: DirectoryClient,
    /// A plain HTTP client for what the typed client does not send (bad bodies, wrong
    /// keys) and for looking at raw responses.
    pub http: reqwest::Client,
    _data: TempDir,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let data = tempfile::tempdir().expect("a temporary directory");
    let mut config = Config::new(data.path().join("directory.sqlite"), key(ADMIN_KEY));
    config.api_keys.push(ApiKeyGrant {
        key: key(NOT_ADMIN_KEY),
        role: KeyRole::NotAdmin,
    });
    config.seed.accounts = 40;
    adjust(&mut config);
    let server = Server::spawn(config).await.expect("the server starts");
    let client = client_for(server.url(), ADMIN_KEY, RetryPolicy::default());
    custodian_core::directory::install_crypto_provider();
    let http = reqwest::Client::new();
    TestApp {
        server,
        client,
        http,
        _data: data,
    }
}

pub fn key(text: &str) -> ApiKey {
    ApiKey::parse(text).expect("a valid key")
}

pub fn client_for(url: &str, api_key: &str, retry: RetryPolicy) -> DirectoryClient {
    DirectoryClient::builder(url, key(api_key))
        .timeout(Duration::from_secs(20))
        .retry(retry)
        .build()
        .expect("a client")
}

/// Retries fast, so that tests of the retry rules take milliseconds.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 8,
        base_delay: Duration::from_millis(2),
        max_delay: Duration::from_millis(20),
        max_rate_limited: 5,
        max_rate_limit_wait: Duration::from_secs(5),
    }
}

impl TestApp {
    pub fn seed(&self) -> &SeedReport {
        self.server.seed()
    }

    pub fn org(&self) -> OrgId {
        OrgId::parse(self.seed().org_id.clone()).expect("an org id")
    }

    pub fn account(&self, pick: impl Fn(&custodian_directory::Showcase) -> &String) -> AccountId {
        AccountId::parse(pick(&self.seed().accounts).clone()).expect("an account id")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.url())
    }

    pub fn domain_id(&self, name: &str) -> String {
        self.seed()
            .domains
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| id.clone())
            .expect("a seeded domain")
    }

    /// Sends a raw request with the admin key; answers the status and the JSON body
    /// (`Null` when there is none).
    pub async fn raw(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        self.raw_with_key(ADMIN_KEY, method, path, body).await
    }

    pub async fn raw_with_key(
        &self,
        api_key: &str,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut request = self
            .http
            .request(method, self.url(path))
            .bearer_auth(api_key);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status().as_u16();
        let text = response.text().await.expect("a body");
        let json = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).expect("a JSON body")
        };
        (status, json)
    }
}
