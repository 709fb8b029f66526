//! The organization's audit trail: every change made through the API is an event, read
//! back through `GET /admin/v1/orgs/{orgId}/events`.

use sqlx::SqliteConnection;

use crate::clock;
use crate::state::Caller;

/// What an event was about.
pub struct Target<'a> {
    pub kind: &'static str,
    pub id: &'a str,
    pub name: Option<&'a str>,
}

impl<'a> Target<'a> {
    pub fn user(id: &'a str, name: &'a str) -> Self {
        Self {
            kind: "users",
            id,
            name: Some(name),
        }
    }
}

/// Written only through [`crate::change::Change`], in the transaction of the change.
pub async fn record(
    db: &mut SqliteConnection,
    caller: &Caller,
    action: &str,
    target: Target<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO events (event_id, org_id, time, action, actor_id, actor_name, actor_email, \
         target_type, target_id, target_name, ip)
         SELECT ?, org_id, ?, ?, account_id, name, email, ?, ?, ?, '127.0.0.1'
         FROM accounts WHERE account_id = ?",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(clock::now_text())
    .bind(action)
    .bind(target.kind)
    .bind(target.id)
    .bind(target.name)
    .bind(&caller.account_id)
    .execute(db)
    .await?;
    Ok(())
}
