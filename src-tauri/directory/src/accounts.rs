//! Accounts as stored, and the queries every route shares to find and change them.

use serde_json::{Value, json};
use sqlx::{SqliteConnection, SqliteExecutor};

use crate::clock;

/// One account row. Status columns hold Atlassian's values; `deletion_due` marks an
/// account pending deletion, which reads as deleted (`closed`) once the date has passed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Account {
    pub seq: i64,
    pub account_id: String,
    pub org_id: String,
    pub directory_id: String,
    pub name: String,
    pub nickname: String,
    pub email: String,
    pub job_title: Option<String>,
    pub department: Option<String>,
    pub organization: Option<String>,
    pub location: Option<String>,
    pub zoneinfo: Option<String>,
    pub locale: Option<String>,
    pub account_status: String,
    pub membership_status: String,
    pub claim_status: String,
    pub management_source: Option<String>,
    pub external_directory: Option<String>,
    pub mfa_enabled: bool,
    pub export_blocked: bool,
    pub is_org_admin: bool,
    pub added_to_org: String,
    pub deactivated_on: Option<String>,
    pub deletion_due: Option<String>,
    pub two_step_excluded: bool,
    pub password_reset_requested: Option<String>,
    pub avatar_version: i64,
    pub last_active: Option<String>,
}

impl Account {
    /// `active`, `inactive` or `closed`, with a lapsed grace period counted as closed.
    pub fn account_status(&self) -> &str {
        match &self.deletion_due {
            Some(due) if due.as_str() <= clock::now_text().as_str() => "closed",
            _ => &self.account_status,
        }
    }

    pub fn is_deleted(&self) -> bool {
        self.account_status() == "closed"
    }

    pub fn is_pending_deletion(&self) -> bool {
        self.deletion_due.is_some() && !self.is_deleted()
    }

    pub fn is_managed(&self) -> bool {
        self.claim_status == "managed"
    }

    /// The v2 `status`, derived as Atlassian documents it.
    pub fn status(&self) -> &'static str {
        if self.is_pending_deletion() {
            return "for_deletion";
        }
        match (self.account_status(), self.membership_status.as_str()) {
            ("active", "active") => "active",
            ("active", "suspended") => "suspended",
            ("active", _) => "not_invited",
            _ => "deactivated",
        }
    }

    /// Where the profile picture is served: always this URL, versioned so that a new
    /// upload is not hidden by a cache.
    pub fn picture(&self, base_url: &str) -> String {
        let url = format!("{base_url}/users/{}/manage/avatar", self.account_id);
        if self.avatar_version > 0 {
            format!("{url}?v={}", self.avatar_version)
        } else {
            url
        }
    }

    /// `AtlassianAccountUser`, as `GET .../manage/profile` returns it.
    pub fn profile_json(&self, base_url: &str) -> Value {
        let mut extended = serde_json::Map::new();
        for (key, value) in [
            ("job_title", &self.job_title),
            ("organization", &self.organization),
            ("department", &self.department),
            ("location", &self.location),
        ] {
            if let Some(value) = value {
                extended.insert(key.into(), json!(value));
            }
        }
        let mut account = json!({
            "account_id": self.account_id,
            "account_type": "atlassian",
            "account_status": self.account_status(),
            "name": self.name,
            "nickname": self.nickname,
            "email": self.email,
            "picture": self.picture(base_url),
            "characteristics": {"not_mentionable": false},
            "extended_profile": extended,
        });
        if let Some(zone) = &self.zoneinfo {
            account["zoneinfo"] = json!(zone);
        }
        if let Some(locale) = &self.locale {
            account["locale"] = json!(locale);
        }
        account
    }
}

pub async fn find(
    db: impl SqliteExecutor<'_>,
    account_id: &str,
) -> Result<Option<Account>, sqlx::Error> {
    sqlx::query_as::<_, Account>("SELECT * FROM accounts WHERE account_id = ?")
        .bind(account_id)
        .fetch_optional(db)
        .await
}

pub async fn find_by_email(
    db: impl SqliteExecutor<'_>,
    email: &str,
) -> Result<Option<Account>, sqlx::Error> {
    sqlx::query_as::<_, Account>("SELECT * FROM accounts WHERE email = ?")
        .bind(email)
        .fetch_optional(db)
        .await
}

/// Ends every session of the account: browser sessions at once, mobile ones within the
/// hour (the app only notices at its next check-in).
pub async fn end_sessions(db: &mut SqliteConnection, account_id: &str) -> Result<(), sqlx::Error> {
    let now = clock::now();
    let within_the_hour = clock::format(now + chrono::Duration::hours(1));
    sqlx::query(
        "UPDATE devices SET session_ends_at = CASE kind WHEN 'browser' THEN ?1 ELSE ?2 END
         WHERE account_id = ?3 AND (session_ends_at IS NULL OR session_ends_at > ?2)",
    )
    .bind(clock::format(now))
    .bind(within_the_hour)
    .bind(account_id)
    .execute(db)
    .await?;
    Ok(())
}
