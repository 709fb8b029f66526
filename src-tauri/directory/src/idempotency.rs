//! `Idempotency-Key` on changes. The desktop app's outbox sends a change again, with the
//! same key, when it cannot tell whether the first attempt arrived (it was killed between
//! sending and recording). The first 2xx answer to a (key, method, path with query) from
//! a caller is kept for a day and answered again, marked `Idempotent-Replayed: true`,
//! without running the route a second time. Refusals and failures are not kept: a change
//! commits in one transaction or not at all (see `change.rs`), so after one nothing was
//! changed, and a retry is tried afresh.
//!
//! Requests with the same key run one at a time, so a retry that arrives while the first
//! attempt is still running waits for its answer. An attempt runs to its end in its own
//! task, and its answer is kept even if its client has hung up.
//!
//! Known gap: the answer is stored after the route's transaction commits, not inside it.
//! If this server dies between the two, the change is made but not remembered, and a
//! retry applies it again. The client dying, the case the outbox has to survive, is
//! covered.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sqlx::SqlitePool;
use tokio::sync::OwnedMutexGuard;

use crate::clock;
use crate::errors::{
    AdminError, FieldViolation, ManageError, Unwrapped, answers_unwrapped, gateway_refusal,
};
use crate::state::Caller;

/// The request header naming one change, the same on every attempt to send it.
pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
/// Set to `true` on an answer that was stored, not made afresh.
pub const IDEMPOTENT_REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");

/// The header as a field violation names it.
const IDEMPOTENCY_KEY_FIELD: &str = "Idempotency-Key";
const MAX_KEY_LEN: usize = 255;
/// How long an answer is kept, in milliseconds.
const KEPT_FOR_MS: i64 = 24 * 60 * 60 * 1000;

/// What the middleware holds: where answers are kept, and who is running which key.
pub struct Idempotency {
    pool: SqlitePool,
    locks: KeyLocks,
}

impl Idempotency {
    pub fn new(pool: SqlitePool) -> Arc<Self> {
        Arc::new(Self {
            pool,
            locks: KeyLocks::default(),
        })
    }
}

/// 1 to 255 visible ASCII characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyProblem {
    Empty,
    TooLong,
    InvalidCharacters,
    Repeated,
}

impl IdempotencyKey {
    pub fn parse(value: &HeaderValue) -> Result<Self, KeyProblem> {
        let bytes = value.as_bytes();
        if bytes.is_empty() {
            Err(KeyProblem::Empty)
        } else if !bytes.iter().all(|b| (0x21..=0x7e).contains(b)) {
            Err(KeyProblem::InvalidCharacters)
        } else if bytes.len() > MAX_KEY_LEN {
            Err(KeyProblem::TooLong)
        } else {
            // Visible ASCII only, so this is the same text.
            Ok(Self(String::from_utf8_lossy(bytes).into_owned()))
        }
    }
}

impl KeyProblem {
    /// The violation key, as field violations name them elsewhere in the API.
    fn violation(self) -> &'static str {
        match self {
            KeyProblem::Empty => "minLength",
            KeyProblem::TooLong => "maxLength",
            KeyProblem::InvalidCharacters => "validCharacters",
            KeyProblem::Repeated => "notUnique",
        }
    }

    fn detail(self) -> &'static str {
        match self {
            KeyProblem::Empty => "The Idempotency-Key header is empty",
            KeyProblem::TooLong => "The Idempotency-Key header is longer than 255 characters",
            KeyProblem::InvalidCharacters => {
                "The Idempotency-Key header may hold visible ASCII characters only"
            }
            KeyProblem::Repeated => "The Idempotency-Key header is given more than once",
        }
    }

    /// A 400 in the shape of the route the request was for.
    fn refusal(self, path: &str) -> Response {
        if path.starts_with("/users/") {
            let violation = FieldViolation::new(IDEMPOTENCY_KEY_FIELD, &[self.violation()]);
            return ManageError::FieldConstraints(vec![violation]).into_response();
        }
        let refusal = AdminError::bad_request(self.detail());
        if answers_unwrapped(path) {
            Unwrapped(refusal).into_response()
        } else {
            refusal.into_response()
        }
    }
}

/// What the same key may be used for again: the same request by the same caller.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Scope {
    key: IdempotencyKey,
    method: String,
    path: String,
    caller_id: String,
}

fn is_change(method: &Method) -> bool {
    matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    )
}

/// The middleware. It must run inside authentication: the caller is part of the scope,
/// and a request that is refused there must never be answered from here.
pub async fn replay_or_run(
    State(idempotency): State<Arc<Idempotency>>,
    request: Request,
    next: Next,
) -> Response {
    if !is_change(request.method()) {
        return next.run(request).await;
    }
    let mut values = request.headers().get_all(&IDEMPOTENCY_KEY).iter();
    let Some(first) = values.next() else {
        return next.run(request).await;
    };
    let path = request.uri().path().to_owned();
    let parsed = match values.next() {
        Some(_) => Err(KeyProblem::Repeated),
        None => IdempotencyKey::parse(first),
    };
    let key = match parsed {
        Ok(key) => key,
        Err(problem) => return problem.refusal(&path),
    };
    let scope = Scope {
        key,
        method: request.method().as_str().to_owned(),
        path: request
            .uri()
            .path_and_query()
            .map_or(path.clone(), |whole| whole.as_str().to_owned()),
        // Authentication always names the caller before this runs.
        caller_id: request
            .extensions()
            .get::<Caller>()
            .map(|caller| caller.account_id.clone())
            .unwrap_or_default(),
    };
    let attempt = tokio::spawn(async move { idempotency.once(scope, request, next).await });
    match attempt.await {
        Ok(response) => response,
        // A route that panics does so as it would without the key.
        Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

impl Idempotency {
    async fn once(&self, scope: Scope, request: Request, next: Next) -> Response {
        let user_management = scope.path.starts_with("/users/");
        let _turn = self.locks.turn(&scope).await;
        let since = clock::now().timestamp_millis() - KEPT_FOR_MS;
        match stored(&self.pool, &scope, since).await {
            Ok(Some(answer)) => return answer.replay(),
            Ok(None) => {}
            Err(error) => {
                tracing::error!(%error, "stored answers could not be read");
                return internal(user_management);
            }
        }

        let response = next.run(request).await;
        if !response.status().is_success() {
            return response;
        }
        let (parts, body) = response.into_parts();
        let body = match axum::body::to_bytes(body, usize::MAX).await {
            Ok(body) => body,
            Err(error) => {
                tracing::error!(%error, "the answer to a change could not be read");
                return internal(user_management);
            }
        };
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok());
        let now = clock::now().timestamp_millis();
        let status = parts.status.as_u16();
        if let Err(error) = remember(&self.pool, &scope, status, content_type, &body, now).await {
            // The change stands; only a retry of it would be applied again.
            tracing::error!(%error, "the answer to a change with an Idempotency-Key was not stored");
        }
        if let Err(error) = forget_older_than(&self.pool, now - KEPT_FOR_MS).await {
            tracing::warn!(%error, "old idempotency keys were not pruned");
        }
        Response::from_parts(parts, Body::from(body))
    }
}

fn internal(user_management: bool) -> Response {
    gateway_refusal(
        user_management,
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "Internal error",
    )
}

#[derive(sqlx::FromRow)]
struct Answer {
    status: i64,
    content_type: Option<String>,
    body: Vec<u8>,
}

impl Answer {
    fn replay(self) -> Response {
        let status = u16::try_from(self.status)
            .ok()
            .and_then(|status| StatusCode::from_u16(status).ok())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() = status;
        let headers = response.headers_mut();
        if let Some(value) = self
            .content_type
            .and_then(|text| HeaderValue::from_str(&text).ok())
        {
            headers.insert(header::CONTENT_TYPE, value);
        }
        headers.insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
        response
    }
}

async fn stored(
    pool: &SqlitePool,
    scope: &Scope,
    since_ms: i64,
) -> Result<Option<Answer>, sqlx::Error> {
    sqlx::query_as(
        "SELECT status, content_type, body FROM idempotency_keys
         WHERE key = ? AND method = ? AND path = ? AND caller_id = ? AND created_at >= ?",
    )
    .bind(&scope.key.0)
    .bind(&scope.method)
    .bind(&scope.path)
    .bind(&scope.caller_id)
    .bind(since_ms)
    .fetch_optional(pool)
    .await
}

async fn remember(
    pool: &SqlitePool,
    scope: &Scope,
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
    at_ms: i64,
) -> Result<(), sqlx::Error> {
    // Replaces an expired row for the same scope that was not pruned yet.
    sqlx::query(
        "INSERT OR REPLACE INTO idempotency_keys
         (key, method, path, caller_id, status, content_type, body, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&scope.key.0)
    .bind(&scope.method)
    .bind(&scope.path)
    .bind(&scope.caller_id)
    .bind(status)
    .bind(content_type)
    .bind(body)
    .bind(at_ms)
    .execute(pool)
    .await?;
    Ok(())
}

async fn forget_older_than(pool: &SqlitePool, cutoff_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM idempotency_keys WHERE created_at < ?")
        .bind(cutoff_ms)
        .execute(pool)
        .await?;
    Ok(())
}

/// One async lock per scope in use, dropped when the last request for it leaves.
#[derive(Default)]
struct KeyLocks {
    in_use: Mutex<HashMap<Scope, Slot>>,
}

struct Slot {
    lock: Arc<tokio::sync::Mutex<()>>,
    /// Requests holding or waiting for the lock.
    users: usize,
}

/// The lock for one scope, held until dropped.
struct Turn<'a> {
    // Fields drop in order: the lock is released before the place is given up.
    _guard: OwnedMutexGuard<()>,
    _place: Place<'a>,
}

/// A request counted as a user of its scope's lock, from before it waits until it is
/// done, also when it is dropped while waiting.
struct Place<'a> {
    locks: &'a KeyLocks,
    scope: Scope,
}

impl KeyLocks {
    async fn turn(&self, scope: &Scope) -> Turn<'_> {
        let lock = {
            let mut in_use = self.in_use.lock().unwrap_or_else(PoisonError::into_inner);
            let slot = in_use.entry(scope.clone()).or_insert_with(|| Slot {
                lock: Arc::default(),
                users: 0,
            });
            slot.users += 1;
            slot.lock.clone()
        };
        let place = Place {
            locks: self,
            scope: scope.clone(),
        };
        Turn {
            _guard: lock.lock_owned().await,
            _place: place,
        }
    }

    #[cfg(test)]
    fn scopes_in_use(&self) -> usize {
        self.in_use
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        let mut in_use = self
            .locks
            .in_use
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let last = in_use.get_mut(&self.scope).is_some_and(|slot| {
            slot.users -= 1;
            slot.users == 0
        });
        if last {
            in_use.remove(&self.scope);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::time::Duration;

    use super::*;

    fn key(bytes: &[u8]) -> Result<IdempotencyKey, KeyProblem> {
        IdempotencyKey::parse(&HeaderValue::from_bytes(bytes).unwrap())
    }

    fn scope(key: &str) -> Scope {
        Scope {
            key: IdempotencyKey(key.to_owned()),
            method: "POST".to_owned(),
            path: "/users/a/manage/lifecycle/disable".to_owned(),
            caller_id: "admin".to_owned(),
        }
    }

    #[test]
    fn keys_are_one_to_255_visible_ascii_characters() {
        assert!(key(b"a").is_ok());
        assert!(key(b"outbox:42/7~!").is_ok());
        assert!(key("k".repeat(255).as_bytes()).is_ok());
        assert_eq!(key(b""), Err(KeyProblem::Empty));
        assert_eq!(key("k".repeat(256).as_bytes()), Err(KeyProblem::TooLong));
        assert_eq!(key(b"a b"), Err(KeyProblem::InvalidCharacters));
        // Tab is the one control character a header value can hold.
        assert_eq!(key(b"a\tb"), Err(KeyProblem::InvalidCharacters));
        assert_eq!(key("clé".as_bytes()), Err(KeyProblem::InvalidCharacters));
    }

    #[tokio::test]
    async fn a_scope_waits_for_the_one_holding_it_and_is_then_forgotten() {
        let locks = Arc::new(KeyLocks::default());
        let first = locks.turn(&scope("k")).await;
        // Another key is not held up.
        drop(locks.turn(&scope("other")).await);

        let waiting = {
            let locks = locks.clone();
            tokio::spawn(async move {
                let _turn = locks.turn(&scope("k")).await;
            })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(!waiting.is_finished());
        assert_eq!(locks.scopes_in_use(), 1);

        drop(first);
        waiting.await.unwrap();
        assert_eq!(locks.scopes_in_use(), 0);
    }

    #[tokio::test]
    async fn a_request_dropped_while_waiting_leaves_no_lock_behind() {
        let locks = KeyLocks::default();
        let first = locks.turn(&scope("k")).await;
        let gave_up =
            tokio::time::timeout(Duration::from_millis(10), locks.turn(&scope("k"))).await;
        assert!(gave_up.is_err());
        assert_eq!(locks.scopes_in_use(), 1);
        drop(first);
        assert_eq!(locks.scopes_in_use(), 0);
    }
}
