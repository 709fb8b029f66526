//! Time as the API writes it: ISO-8601 UTC with milliseconds, which also sorts as text
//! in SQLite.

use chrono::{DateTime, SecondsFormat, Utc};

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

pub fn format(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn now_text() -> String {
    format(now())
}
