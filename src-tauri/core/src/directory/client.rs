//! The HTTP client: base URL, timeout, the API key as a bearer token (never in Debug or
//! logs), and the retry rules. The operations live in `user_management`, `extensions`
//! and `organizations`.

use std::fmt;
use std::sync::{Arc, Once};
use std::time::Duration;

use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use super::api_key::ApiKey;
use super::error::{self, DirectoryError};
use super::retry::{self, RetryPolicy};

/// The header that names a change's requests, so that repeats can be recognised.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// Installs the TLS crypto provider once per process (reqwest is built without one).
pub fn install_crypto_provider() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // Fails only if another provider is already installed, which serves as well.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

#[derive(Clone)]
pub struct DirectoryClient {
    http: reqwest::Client,
    base: Url,
    key: ApiKey,
    retry: RetryPolicy,
    /// Sent with every request that changes something, so that a backend that keeps them
    /// (custodian-directory) answers a repeat without making the change twice.
    idempotency_key: Option<Arc<str>>,
}

impl fmt::Debug for DirectoryClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DirectoryClient")
            .field("base", &self.base.as_str())
            .field("key", &self.key)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

pub struct ClientBuilder {
    base: String,
    key: ApiKey,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
}

impl ClientBuilder {
    /// The longest a single request may take, retries not included.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    pub fn build(self) -> Result<DirectoryClient, DirectoryError> {
        let mut base = Url::parse(&self.base)
            .map_err(|e| DirectoryError::Setup(format!("the base URL is not valid: {e}")))?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(DirectoryError::Setup(
                "the base URL must be an http(s) URL".into(),
            ));
        }
        // Paths are joined onto the base, so it must end in a slash to keep its own path.
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        install_crypto_provider();
        // HTTPS_PROXY / NO_PROXY are honoured (reqwest reads them), except for a backend on
        // loopback, which no proxy could reach: the embedded directory is always direct.
        let loopback = match base.host() {
            Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        };
        let mut http = reqwest::Client::builder();
        if loopback {
            http = http.no_proxy();
        }
        let http = http
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(concat!("Custodian/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| DirectoryError::Setup(e.to_string()))?;
        Ok(DirectoryClient {
            http,
            base,
            key: self.key,
            retry: self.retry,
            idempotency_key: None,
        })
    }
}

/// Whether a request may be sent twice. A request that might have reached the server is
/// repeated only when repeating it changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Repeat {
    Safe,
    OnlyIfUnsent,
}

impl DirectoryClient {
    /// `base_url` is `https://api.atlassian.com` or a custodian-directory URL.
    pub fn builder(base_url: impl Into<String>, key: ApiKey) -> ClientBuilder {
        ClientBuilder {
            base: base_url.into(),
            key,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
        }
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    pub(super) fn url(&self, path: &str) -> Result<Url, DirectoryError> {
        self.base
            .join(path.trim_start_matches('/'))
            .map_err(|e| DirectoryError::Setup(format!("bad path {path}: {e}")))
    }

    /// This client, sending `key` as the `Idempotency-Key` of every request that changes
    /// something: the requests of one change, sent again after an interruption, are then
    /// recognised as repeats by a backend that keeps keys.
    pub fn with_idempotency_key(&self, key: &str) -> DirectoryClient {
        DirectoryClient {
            idempotency_key: Some(Arc::from(key)),
            ..self.clone()
        }
    }

    /// This client for one of several requests a change sends to the same place (one role
    /// revoked among several): its key names the part, so that the parts are not taken
    /// for repeats of each other.
    pub fn for_part(&self, part: &str) -> DirectoryClient {
        match &self.idempotency_key {
            Some(key) => self.with_idempotency_key(&format!("{key}/{part}")),
            None => self.clone(),
        }
    }

    pub(super) fn request(&self, method: Method, url: Url) -> RequestBuilder {
        let changes = !matches!(method, Method::GET | Method::HEAD);
        let request = self
            .http
            .request(method, url)
            .bearer_auth(self.key.expose());
        match &self.idempotency_key {
            Some(key) if changes => request.header(IDEMPOTENCY_KEY, key.as_ref()),
            _ => request,
        }
    }

    /// Sends the request built by `build` until it gets an answer worth returning: retries
    /// transport failures and 5xx with backoff, waits out 429s. Any other non-2xx answer
    /// becomes a `DirectoryError` carrying Atlassian's key.
    pub(super) async fn send(
        &self,
        repeat: Repeat,
        build: impl Fn() -> RequestBuilder,
    ) -> Result<Response, DirectoryError> {
        let mut failures = 0;
        let mut rate_limited = 0;
        loop {
            match build().send().await {
                Err(error) => {
                    let unsent = error.is_connect();
                    let may_repeat = unsent || repeat == Repeat::Safe;
                    if !may_repeat || failures >= self.retry.max_retries {
                        return Err(DirectoryError::Offline(error));
                    }
                    tracing::debug!(
                        attempt = failures,
                        "directory request failed in transport; retrying"
                    );
                }
                Ok(response) if response.status() == StatusCode::TOO_MANY_REQUESTS => {
                    let wait = retry::rate_limit_wait(response.headers(), chrono::Utc::now());
                    let within =
                        wait.unwrap_or(self.retry.base_delay) <= self.retry.max_rate_limit_wait;
                    if rate_limited >= self.retry.max_rate_limited || !within {
                        return Err(DirectoryError::RateLimited { retry_after: wait });
                    }
                    let pause = wait.unwrap_or_else(|| self.retry.backoff(rate_limited));
                    tracing::debug!(?pause, "rate limited by the directory; waiting");
                    tokio::time::sleep(pause).await;
                    rate_limited += 1;
                    continue;
                }
                Ok(response) if response.status().is_server_error() => {
                    let status = response.status();
                    // 502/503/504 mean the request was not handled; a 500 may have been.
                    let not_handled = matches!(status.as_u16(), 502..=504);
                    if !(not_handled || repeat == Repeat::Safe)
                        || failures >= self.retry.max_retries
                    {
                        let body = response.text().await.unwrap_or_default();
                        return Err(error::from_response(status.as_u16(), &body));
                    }
                    tracing::debug!(%status, attempt = failures, "directory answered with a server error; retrying");
                }
                Ok(response) if response.status().is_success() => return Ok(response),
                Ok(response) => {
                    let status = response.status().as_u16();
                    let body = response.text().await.map_err(DirectoryError::Offline)?;
                    return Err(error::from_response(status, &body));
                }
            }
            tokio::time::sleep(self.retry.backoff(failures)).await;
            failures += 1;
        }
    }

    pub(super) async fn json<T: DeserializeOwned>(
        &self,
        repeat: Repeat,
        build: impl Fn() -> RequestBuilder,
    ) -> Result<T, DirectoryError> {
        let response = self.send(repeat, build).await?;
        let bytes = response.bytes().await.map_err(DirectoryError::Offline)?;
        serde_json::from_slice(&bytes)
            .map_err(|e| DirectoryError::UnexpectedResponse(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_url_but_not_the_key() {
        let key = ApiKey::parse("top-secret-key").unwrap();
        let client = DirectoryClient::builder("http://127.0.0.1:9", key)
            .build()
            .unwrap();
        let debug = format!("{client:?}");
        assert!(debug.contains("127.0.0.1:9") && !debug.contains("top-secret"));
    }

    #[test]
    fn paths_keep_the_base_path() {
        let key = ApiKey::parse("k").unwrap();
        let client = DirectoryClient::builder("https://example.test/gateway", key)
            .build()
            .unwrap();
        assert_eq!(
            client.url("/users/a/manage").unwrap().as_str(),
            "https://example.test/gateway/users/a/manage"
        );
    }

    #[test]
    fn a_base_url_must_be_http() {
        let key = ApiKey::parse("k").unwrap();
        assert!(
            DirectoryClient::builder("ftp://example.test", key)
                .build()
                .is_err()
        );
    }
}
