//! Requests per key in fixed windows, reported the way Atlassian does: 429 with
//! `Retry-After`, and `X-RateLimit-Limit/Remaining/Reset` on every answer.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::config::RateLimit;

pub struct RateLimiter {
    limit: RateLimit,
    windows: Mutex<HashMap<usize, Window>>,
}

struct Window {
    started: Instant,
    started_at: DateTime<Utc>,
    used: u32,
}

/// The outcome for one request, with what the headers report.
#[derive(Debug, Clone, Copy)]
pub struct Decision {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u32,
    pub reset_at: DateTime<Utc>,
    pub retry_after: Duration,
}

impl RateLimiter {
    pub fn new(limit: RateLimit) -> Self {
        Self {
            limit,
            windows: Mutex::new(HashMap::new()),
        }
    }

    pub fn check(&self, key_index: usize) -> Decision {
        let now = Instant::now();
        // A poisoned lock only means another request panicked mid-count; the counts
        // are still usable.
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        let window = windows.entry(key_index).or_insert_with(|| Window {
            started: now,
            started_at: Utc::now(),
            used: 0,
        });
        if now.duration_since(window.started) >= self.limit.window {
            *window = Window {
                started: now,
                started_at: Utc::now(),
                used: 0,
            };
        }
        let allowed = window.used < self.limit.requests;
        if allowed {
            window.used += 1;
        }
        let elapsed = now.duration_since(window.started);
        let left = self.limit.window.saturating_sub(elapsed);
        let reset_at = window.started_at
            + chrono::Duration::from_std(self.limit.window).unwrap_or(chrono::Duration::zero());
        Decision {
            allowed,
            limit: self.limit.requests,
            remaining: self.limit.requests - window.used,
            reset_at,
            // Whole seconds, rounded up, as Retry-After carries them.
            retry_after: Duration::from_secs(left.as_secs() + u64::from(left.subsec_nanos() > 0)),
        }
    }
}
