use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How far a sync has come, as the progress bar shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgress {
    pub done: u32,
    /// Expected accounts: the cache's count from the last sync; unknown on the first.
    pub total: Option<u32>,
    pub per_second: f64,
    /// Estimated seconds left, when the total is known.
    pub seconds_left: Option<f64>,
}

impl SyncProgress {
    pub fn new(done: u32, total: Option<u32>, elapsed: Duration) -> Self {
        let seconds = elapsed.as_secs_f64();
        let per_second = if seconds > 0.0 {
            f64::from(done) / seconds
        } else {
            0.0
        };
        let seconds_left = total
            .filter(|_| per_second > 0.0)
            .map(|total| f64::from(total.saturating_sub(done)) / per_second);
        Self {
            done,
            total,
            per_second,
            seconds_left,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_and_time_left_follow_from_what_is_done() {
        let progress = SyncProgress::new(500, Some(2000), Duration::from_secs(2));
        assert_eq!(progress.per_second, 250.0);
        assert_eq!(progress.seconds_left, Some(6.0));
    }

    #[test]
    fn nothing_is_estimated_before_anything_is_done() {
        let progress = SyncProgress::new(0, Some(2000), Duration::ZERO);
        assert_eq!(progress.per_second, 0.0);
        assert_eq!(progress.seconds_left, None);
        assert_eq!(
            SyncProgress::new(10, None, Duration::from_secs(1)).seconds_left,
            None
        );
    }
}
