//! A change and its audit event, committed together or not at all. The desktop app's
//! incremental sync reads the audit trail, so a change without its event would never
//! reach it.

use sqlx::{Sqlite, SqliteConnection, SqlitePool, Transaction};

use crate::accounts;
use crate::audit::{self, Target};
use crate::state::Caller;

pub struct Change {
    tx: Transaction<'static, Sqlite>,
}

impl Change {
    /// Takes the write lock at once (`BEGIN IMMEDIATE`): the checks then read what the
    /// change writes over, and a second writer waits for its turn instead of failing
    /// half-way through.
    pub async fn begin(pool: &SqlitePool) -> Result<Self, sqlx::Error> {
        Ok(Self {
            tx: pool.begin_with("BEGIN IMMEDIATE").await?,
        })
    }

    /// Where the checks read and the change writes.
    pub fn db(&mut self) -> &mut SqliteConnection {
        &mut self.tx
    }

    pub async fn end_sessions(&mut self, account_id: &str) -> Result<(), sqlx::Error> {
        accounts::end_sessions(&mut self.tx, account_id).await
    }

    /// Writes the event and commits it with the change. A change dropped without this,
    /// on a refusal or an error, is rolled back.
    pub async fn commit(
        mut self,
        caller: &Caller,
        action: &str,
        target: Target<'_>,
    ) -> Result<(), sqlx::Error> {
        audit::record(&mut self.tx, caller, action, target).await?;
        self.tx.commit().await
    }
}
