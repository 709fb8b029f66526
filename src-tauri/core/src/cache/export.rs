//! The account list as a CSV file: exactly the accounts and columns the view shows, in its
//! order, for a spreadsheet or an audit.

use std::io::Write;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::query::{AccountQuery, MAX_LIMIT};
use super::{Account, Cache, CacheError};

const HEADER: [&str; 7] = [
    "Name",
    "Email",
    "Status",
    "Products",
    "Last active",
    "2SV",
    "Managed by",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportReport {
    pub accounts: u32,
    pub path: String,
}

/// One CSV field. Quoted when it holds a separator, a quote or a line break; and a leading
/// `=`, `+`, `-` or `@` is defused, so a spreadsheet shows a name instead of running it as a
/// formula (CSV injection).
fn field(text: &str) -> String {
    let defused = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// A Unix-seconds time as the day it falls on (UTC): 2024-01-01.
pub(crate) fn date(unix_seconds: Option<i64>) -> String {
    unix_seconds
        .and_then(|seconds| chrono::DateTime::from_timestamp(seconds, 0))
        .map(|time| time.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn row(account: &Account) -> [String; 7] {
    let managed_by = match account.managed_by {
        super::ManagedBy::Invited => "Invited",
        super::ManagedBy::IdentityProvider => "Identity provider",
        super::ManagedBy::Unknown => "Unknown",
    };
    [
        account.name.clone(),
        account.email.clone(),
        account.status.label().to_owned(),
        account.product_count.to_string(),
        date(account.last_active),
        if account.two_step_enabled {
            "On"
        } else {
            "Off"
        }
        .to_owned(),
        managed_by.to_owned(),
    ]
}

pub(crate) fn write_line(
    out: &mut impl Write,
    fields: impl IntoIterator<Item = impl AsRef<str>>,
) -> std::io::Result<()> {
    let line: Vec<String> = fields.into_iter().map(|f| field(f.as_ref())).collect();
    out.write_all(line.join(",").as_bytes())?;
    out.write_all(b"\r\n")
}

/// Writes every account matching `query` (its window ignored), in its order. Returns how
/// many were written.
pub async fn write_csv(
    cache: &Cache,
    query: &AccountQuery,
    now: i64,
    out: &mut impl Write,
) -> Result<u32, CacheError> {
    write_line(out, HEADER)?;
    let mut written = 0;
    loop {
        let window = AccountQuery {
            offset: written,
            limit: MAX_LIMIT,
            ..query.clone()
        };
        let page = cache.search(&window, now).await?;
        for account in &page.accounts {
            write_line(out, row(account))?;
        }
        written += page.accounts.len() as u32;
        if page.accounts.is_empty() || written >= page.total {
            break;
        }
    }
    out.flush()?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("Alice Smith"), "Alice Smith");
        assert_eq!(field("Smith, Alice"), "\"Smith, Alice\"");
        assert_eq!(field("Alice \"Al\" Smith"), "\"Alice \"\"Al\"\" Smith\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(
            field("=HYPERLINK(\"http://evil\")"),
            "\"'=HYPERLINK(\"\"http://evil\"\")\""
        );
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field("-2"), "'-2");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
    }

    #[test]
    fn dates_are_iso_days() {
        assert_eq!(date(Some(1_704_067_200)), "2024-01-01");
        assert_eq!(date(None), "");
    }
}
