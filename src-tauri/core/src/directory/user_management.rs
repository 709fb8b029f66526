//! Atlassian's user-management API (`/users/{account_id}/manage/...`), as in
//! `admin_user.json`.

use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use super::client::{DirectoryClient, Repeat};
use super::error::DirectoryError;
use super::ids::{AccountId, Email, TokenId};
use super::model::{ApiToken, Privileges, Profile, ProfileChanges};

#[derive(Deserialize)]
struct ProfileEnvelope {
    account: Profile,
}

fn manage(account: &AccountId, rest: &str) -> String {
    format!("users/{}/manage{rest}", account.as_str())
}

impl DirectoryClient {
    /// What the caller may do to the account. Call it before offering an action.
    pub async fn privileges(&self, account: &AccountId) -> Result<Privileges, DirectoryError> {
        let url = self.url(&manage(account, ""))?;
        self.json(Repeat::Safe, || self.request(Method::GET, url.clone()))
            .await
    }

    pub async fn profile(&self, account: &AccountId) -> Result<Profile, DirectoryError> {
        let url = self.url(&manage(account, "/profile"))?;
        let envelope: ProfileEnvelope = self
            .json(Repeat::Safe, || self.request(Method::GET, url.clone()))
            .await?;
        Ok(envelope.account)
    }

    /// Changes the given fields; answers the updated profile.
    pub async fn update_profile(
        &self,
        account: &AccountId,
        changes: &ProfileChanges,
    ) -> Result<Profile, DirectoryError> {
        let url = self.url(&manage(account, "/profile"))?;
        let envelope: ProfileEnvelope = self
            .json(Repeat::Safe, || {
                self.request(Method::PATCH, url.clone()).json(changes)
            })
            .await?;
        Ok(envelope.account)
    }

    /// Only to an address on a verified domain; ends the user's sessions.
    pub async fn set_email(
        &self,
        account: &AccountId,
        email: &Email,
    ) -> Result<(), DirectoryError> {
        let url = self.url(&manage(account, "/email"))?;
        let body = json!({"email": email.as_str()});
        self.send(Repeat::Safe, || {
            self.request(Method::PUT, url.clone()).json(&body)
        })
        .await?;
        Ok(())
    }

    pub async fn api_tokens(&self, account: &AccountId) -> Result<Vec<ApiToken>, DirectoryError> {
        let url = self.url(&manage(account, "/api-tokens"))?;
        self.json(Repeat::Safe, || self.request(Method::GET, url.clone()))
            .await
    }

    pub async fn revoke_api_token(
        &self,
        account: &AccountId,
        token: &TokenId,
    ) -> Result<(), DirectoryError> {
        let url = self.url(&manage(account, &format!("/api-tokens/{}", token.as_str())))?;
        self.send(Repeat::OnlyIfUnsent, || {
            self.request(Method::DELETE, url.clone())
        })
        .await?;
        Ok(())
    }

    pub async fn deactivate(
        &self,
        account: &AccountId,
        message: Option<&str>,
    ) -> Result<(), DirectoryError> {
        let url = self.url(&manage(account, "/lifecycle/disable"))?;
        let body = match message {
            Some(message) => json!({"message": message}),
            None => json!({}),
        };
        self.send(Repeat::Safe, || {
            self.request(Method::POST, url.clone()).json(&body)
        })
        .await?;
        Ok(())
    }

    pub async fn reactivate(&self, account: &AccountId) -> Result<(), DirectoryError> {
        let url = self.url(&manage(account, "/lifecycle/enable"))?;
        self.send(Repeat::Safe, || self.request(Method::POST, url.clone()))
            .await?;
        Ok(())
    }

    /// Schedules the deletion: 14 days during which `cancel_delete` restores the account.
    pub async fn delete(&self, account: &AccountId) -> Result<(), DirectoryError> {
        let url = self.url(&manage(account, "/lifecycle/delete"))?;
        self.send(Repeat::OnlyIfUnsent, || {
            self.request(Method::POST, url.clone())
        })
        .await?;
        Ok(())
    }

    pub async fn cancel_delete(&self, account: &AccountId) -> Result<(), DirectoryError> {
        let url = self.url(&manage(account, "/lifecycle/cancel-delete"))?;
        self.send(Repeat::OnlyIfUnsent, || {
            self.request(Method::POST, url.clone())
        })
        .await?;
        Ok(())
    }
}
