//! When to try again, and how long to wait: exponential backoff with jitter for 5xx and
//! dropped connections; on 429, as long as the backend says (bounded).

use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::header::{HeaderMap, RETRY_AFTER};

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Further attempts after the first, for 5xx answers and transport failures.
    pub max_retries: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// Attempts after a 429 before giving up with `RateLimited`.
    pub max_rate_limited: u32,
    /// The longest the client waits for a rate limit to lift; a longer wait is left to the
    /// caller (`RateLimited { retry_after }`).
    pub max_rate_limit_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_rate_limited: 5,
            max_rate_limit_wait: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Never retry: for callers that handle failures themselves.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            max_rate_limited: 0,
            ..Self::default()
        }
    }

    /// The pause before retry number `attempt` (0-based): doubling from `base_delay`, at
    /// most `max_delay`, with up to half of it random so that clients do not retry in step.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let doubled = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(attempt.min(16)));
        let capped = doubled.min(self.max_delay);
        let half = capped / 2;
        half + half.mul_f64(fastrand::f64())
    }
}

/// How long a 429 asks the client to wait: `Retry-After` (seconds or an HTTP date), else
/// `X-RateLimit-Reset` (an ISO-8601 time, as Atlassian documents it).
pub fn rate_limit_wait(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(value) = text(RETRY_AFTER.as_str()) {
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(Duration::from_secs(seconds));
        }
        if let Ok(time) = DateTime::parse_from_rfc2822(value) {
            return Some(until(time.with_timezone(&Utc), now));
        }
    }
    let reset = text("x-ratelimit-reset")?;
    let time = DateTime::parse_from_rfc3339(reset)
        .or_else(|_| DateTime::parse_from_str(reset, "%Y-%m-%dT%H:%M%z"))
        .ok()?;
    Some(until(time.with_timezone(&Utc), now))
}

fn until(time: DateTime<Utc>, now: DateTime<Utc>) -> Duration {
    (time - now).to_std().unwrap_or(Duration::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy::default();
        for attempt in 0..10 {
            let delay = policy.backoff(attempt);
            let full = (policy.base_delay * 2u32.pow(attempt)).min(policy.max_delay);
            assert!(
                delay >= full / 2 && delay <= full,
                "attempt {attempt}: {delay:?}"
            );
        }
    }

    #[test]
    fn waits_are_read_from_either_header() {
        let now = Utc::now();
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(rate_limit_wait(&headers, now), Some(Duration::from_secs(3)));

        let mut headers = HeaderMap::new();
        let reset = (now + chrono::Duration::seconds(10)).to_rfc3339();
        headers.insert("x-ratelimit-reset", HeaderValue::from_str(&reset).unwrap());
        let wait = rate_limit_wait(&headers, now).unwrap();
        assert!(wait > Duration::from_secs(9) && wait <= Duration::from_secs(10));

        assert_eq!(rate_limit_wait(&HeaderMap::new(), now), None);
    }
}
