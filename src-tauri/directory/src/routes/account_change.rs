//! A change to one managed account, as every user-management route makes it: find the
//! account and check the privilege, change it, end its sessions where the change calls
//! for it, and record the audit event; all in one transaction, so that a refusal or a
//! failure at any step leaves the account as it was.

use sqlx::SqliteConnection;

use super::target::find_managed;
use crate::accounts::Account;
use crate::audit::Target;
use crate::change::Change;
use crate::errors::ManageError;
use crate::privileges::Privilege;
use crate::state::{AppState, Caller};

pub struct AccountChange {
    change: Change,
    caller: Caller,
    account_id: String,
    name: String,
}

impl AccountChange {
    /// Opens the change and checks it: the account as it stands inside the
    /// transaction, so that no other change slips in between the check and the write.
    pub async fn begin(
        state: &AppState,
        caller: &Caller,
        account_id: &str,
        privilege: Privilege,
    ) -> Result<(Self, Account), ManageError> {
        let mut change = Change::begin(&state.pool).await?;
        let (org, account) = find_managed(change.db(), account_id).await?;
        privilege(&org.context(caller, state.extensions), &account).map_err(ManageError::Action)?;
        let this = Self {
            change,
            caller: caller.clone(),
            account_id: account.account_id.clone(),
            name: account.name.clone(),
        };
        Ok((this, account))
    }

    pub fn db(&mut self) -> &mut SqliteConnection {
        self.change.db()
    }

    pub async fn end_sessions(&mut self) -> Result<(), ManageError> {
        Ok(self.change.end_sessions(&self.account_id).await?)
    }

    /// Records the event and commits. Returning early without this rolls back.
    pub async fn commit(self, action: &str) -> Result<(), ManageError> {
        let target = Target::user(&self.account_id, &self.name);
        Ok(self.change.commit(&self.caller, action, target).await?)
    }
}
