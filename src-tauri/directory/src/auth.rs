//! Bearer API keys: who is calling, whether they are an org admin, and whether they are
//! within their rate limit. Keys are compared as SHA-256 digests in constant time and
//! are never logged.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::clock;
use crate::config::KeyRole;
use crate::errors::{AdminError, Unwrapped, answers_unwrapped, gateway_refusal};
use crate::rate_limit::{Decision, RateLimiter};
use crate::state::Caller;

pub struct KnownKey {
    digest: [u8; 32],
    pub role: KeyRole,
    pub owner_account_id: String,
}

impl KnownKey {
    pub fn new(key: &str, role: KeyRole, owner_account_id: String) -> Self {
        Self {
            digest: digest(key),
            role,
            owner_account_id,
        }
    }
}

pub struct Authenticator {
    pub keys: Vec<KnownKey>,
    pub rate_limiter: Arc<RateLimiter>,
}

fn digest(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

impl Authenticator {
    /// The index of the matching key. Every key is compared, so the time taken does not
    /// tell which one (or how much of one) matched.
    fn find(&self, presented: &str) -> Option<usize> {
        let presented = digest(presented);
        let mut found = None;
        for (index, key) in self.keys.iter().enumerate() {
            if bool::from(key.digest.ct_eq(&presented)) {
                found = Some(index);
            }
        }
        found
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

pub async fn authenticate(
    State(auth): State<Arc<Authenticator>>,
    mut request: Request,
    next: Next,
) -> Response {
    let user_management = request.uri().path().starts_with("/users/");
    let Some(index) = bearer(request.headers()).and_then(|key| auth.find(key)) else {
        return gateway_refusal(
            user_management,
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Unauthorized",
        );
    };
    let decision = auth.rate_limiter.check(index);
    if !decision.allowed {
        let mut response = gateway_refusal(
            false,
            StatusCode::TOO_MANY_REQUESTS,
            "rateLimited",
            "Rate limit exceeded",
        );
        set_rate_headers(response.headers_mut(), &decision, true);
        return response;
    }
    let key = &auth.keys[index];
    let mut response = if key.role == KeyRole::OrgAdmin {
        request.extensions_mut().insert(Caller {
            account_id: key.owner_account_id.clone(),
        });
        next.run(request).await
    } else if user_management {
        gateway_refusal(true, StatusCode::FORBIDDEN, "forbidden", "Forbidden")
    } else {
        let refusal = AdminError::refused(
            StatusCode::FORBIDDEN,
            "ADMIN-403-3",
            "Not allowed to manage the org",
            "The API key's owner is not an organization admin",
        );
        if answers_unwrapped(request.uri().path()) {
            Unwrapped(refusal).into_response()
        } else {
            refusal.into_response()
        }
    };
    set_rate_headers(response.headers_mut(), &decision, false);
    response
}

fn set_rate_headers(headers: &mut HeaderMap, decision: &Decision, refused: bool) {
    let pairs = [
        ("x-ratelimit-limit", decision.limit.to_string()),
        ("x-ratelimit-remaining", decision.remaining.to_string()),
        ("x-ratelimit-reset", clock::format(decision.reset_at)),
    ];
    for (name, value) in pairs {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    if refused {
        headers.insert(
            header::RETRY_AFTER,
            HeaderValue::from(decision.retry_after.as_secs()),
        );
    }
}
