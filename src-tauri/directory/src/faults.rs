//! Fault injection: the server can be told at start to answer slowly, fail, hang up or
//! throttle, so that clients can be tested against a backend that misbehaves. Random
//! faults come from a seeded RNG, so a given sequence of requests meets the same faults
//! on every run.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::config::Faults;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Serve the request normally.
    None,
    /// Close the connection without an answer.
    Drop,
    /// Answer 503.
    Unavailable,
    /// Answer 429 with this Retry-After.
    RateLimited(Duration),
}

pub struct FaultInjector {
    faults: Faults,
    rng: Mutex<fastrand::Rng>,
    requests: AtomicU64,
}

impl FaultInjector {
    pub fn new(faults: Faults) -> Self {
        let rng = Mutex::new(fastrand::Rng::with_seed(faults.seed));
        Self {
            faults,
            rng,
            requests: AtomicU64::new(0),
        }
    }

    pub fn latency(&self) -> Duration {
        self.faults.latency
    }

    /// The fault, if any, for the next request.
    pub fn next(&self) -> Fault {
        let number = self.requests.fetch_add(1, Ordering::Relaxed);
        if let Some(burst) = self.faults.rate_limit_burst {
            // Each cycle lets `every` requests through, then refuses `length`.
            let cycle = u64::from(burst.every) + u64::from(burst.length);
            if cycle > 0 && number % cycle >= u64::from(burst.every) {
                return Fault::RateLimited(burst.retry_after);
            }
        }
        if self.faults.drop_rate <= 0.0 && self.faults.error_rate <= 0.0 {
            return Fault::None;
        }
        let roll = {
            let mut rng = self.rng.lock().unwrap_or_else(|poison| poison.into_inner());
            rng.f64()
        };
        if roll < self.faults.drop_rate {
            Fault::Drop
        } else if roll < self.faults.drop_rate + self.faults.error_rate {
            Fault::Unavailable
        } else {
            Fault::None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Burst;

    #[test]
    fn bursts_refuse_after_every_n_requests() {
        let injector = FaultInjector::new(Faults {
            rate_limit_burst: Some(Burst {
                every: 2,
                length: 1,
                retry_after: Duration::from_secs(1),
            }),
            ..Faults::default()
        });
        let seen: Vec<bool> = (0..6).map(|_| injector.next() == Fault::None).collect();
        assert_eq!(seen, [true, true, false, true, true, false]);
    }

    #[test]
    fn the_same_seed_gives_the_same_faults() {
        let faults = Faults {
            error_rate: 0.3,
            drop_rate: 0.2,
            seed: 7,
            ..Faults::default()
        };
        let first: Vec<Fault> = {
            let injector = FaultInjector::new(faults.clone());
            (0..50).map(|_| injector.next()).collect()
        };
        let injector = FaultInjector::new(faults);
        let second: Vec<Fault> = (0..50).map(|_| injector.next()).collect();
        assert_eq!(first, second);
        assert!(first.contains(&Fault::Drop) && first.contains(&Fault::Unavailable));
    }
}
