//! Custodian's extension endpoints, for what Atlassian has no public API for. Atlassian
//! Cloud answers them 404: the console checks the connection's capabilities first.

use reqwest::Method;
use reqwest::header::CONTENT_TYPE;
use serde::Deserialize;

use super::client::{DirectoryClient, Repeat};
use super::error::DirectoryError;
use super::ids::{AccountId, DeviceId};
use super::model::{
    AvatarUploaded, DeleteValidation, Device, PasswordReset, PasswordResetState, Session,
    TwoStepExclusion,
};

#[derive(Deserialize)]
struct Discovery {
    extensions: bool,
}

#[derive(Deserialize)]
struct DeviceList {
    data: Vec<Device>,
}

#[derive(Deserialize)]
struct LogoutAnswer {
    session: Session,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokensRevoked {
    revoked_tokens: u32,
}

fn manage(account: &AccountId, rest: &str) -> String {
    format!("users/{}/manage{rest}", account.as_str())
}

impl DirectoryClient {
    /// Whether the backend serves Custodian's extensions (a Custodian Directory with them
    /// on). Atlassian Cloud, and a directory with them off, have no such route: false.
    pub async fn offers_extensions(&self) -> Result<bool, DirectoryError> {
        let url = self.url("custodian/v1/capabilities")?;
        let answer: Result<Discovery, _> = self
            .json(Repeat::Safe, || self.request(Method::GET, url.clone()))
            .await;
        match answer {
            Ok(discovery) => Ok(discovery.extensions),
            Err(error) if error.code() == crate::ErrorCode::NotFound => Ok(false),
            Err(error) => Err(error),
        }
    }

    /// Uploads a profile picture as it is; the server checks it and answers `invalidImage`
    /// with a reason, or 413 when it is too large.
    pub async fn upload_avatar(
        &self,
        account: &AccountId,
        image: Vec<u8>,
        content_type: &str,
    ) -> Result<AvatarUploaded, DirectoryError> {
        let url = self.url(&manage(account, "/avatar"))?;
        let image = bytes::Bytes::from(image);
        self.json(Repeat::Safe, || {
            self.request(Method::PUT, url.clone())
                .header(CONTENT_TYPE, content_type)
                .body(image.clone())
        })
        .await
    }

    /// The account's photo and its content type; None when it has none.
    pub async fn avatar(
        &self,
        account: &AccountId,
    ) -> Result<Option<(Vec<u8>, String)>, DirectoryError> {
        let url = self.url(&manage(account, "/avatar"))?;
        match self
            .send(Repeat::Safe, || self.request(Method::GET, url.clone()))
            .await
        {
            Ok(response) => {
                let content_type = response
                    .headers()
                    .get(CONTENT_TYPE)
                    .and_then(|value| value.to_str().ok())
                    .unwrap_or("application/octet-stream")
                    .to_owned();
                let bytes = response
                    .bytes()
                    .await
                    .map_err(|error| DirectoryError::UnexpectedResponse(error.to_string()))?;
                Ok(Some((bytes.to_vec(), content_type)))
            }
            Err(error) if error.code() == crate::ErrorCode::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    pub async fn remove_avatar(&self, account: &AccountId) -> Result<(), DirectoryError> {
        let url = self.url(&manage(account, "/avatar"))?;
        self.send(Repeat::Safe, || self.request(Method::DELETE, url.clone()))
            .await?;
        Ok(())
    }

    pub async fn two_step_exclusion(
        &self,
        account: &AccountId,
    ) -> Result<TwoStepExclusion, DirectoryError> {
        let url = self.url(&manage(account, "/two-step-verification/exclusion"))?;
        self.json(Repeat::Safe, || self.request(Method::GET, url.clone()))
            .await
    }

    /// Excludes the account from enforced two-step verification, or undoes that.
    pub async fn set_two_step_exclusion(
        &self,
        account: &AccountId,
        excluded: bool,
    ) -> Result<TwoStepExclusion, DirectoryError> {
        let url = self.url(&manage(account, "/two-step-verification/exclusion"))?;
        let method = if excluded {
            Method::PUT
        } else {
            Method::DELETE
        };
        self.json(Repeat::Safe, || self.request(method.clone(), url.clone()))
            .await
    }

    pub async fn devices(&self, account: &AccountId) -> Result<Vec<Device>, DirectoryError> {
        let url = self.url(&manage(account, "/devices"))?;
        let list: DeviceList = self
            .json(Repeat::Safe, || self.request(Method::GET, url.clone()))
            .await?;
        Ok(list.data)
    }

    /// Ends the device's session: at once for a browser, `Pending` for a mobile app.
    pub async fn log_out_device(
        &self,
        account: &AccountId,
        device: &DeviceId,
    ) -> Result<Session, DirectoryError> {
        let url = self.url(&manage(
            account,
            &format!("/devices/{}/logout", device.as_str()),
        ))?;
        let answer: LogoutAnswer = self
            .json(Repeat::Safe, || self.request(Method::POST, url.clone()))
            .await?;
        Ok(answer.session)
    }

    pub async fn require_password_reset(
        &self,
        account: &AccountId,
    ) -> Result<PasswordReset, DirectoryError> {
        let url = self.url(&manage(account, "/password/reset"))?;
        self.json(Repeat::Safe, || self.request(Method::POST, url.clone()))
            .await
    }

    /// Whether a password reset is pending, and since when.
    pub async fn password_reset(
        &self,
        account: &AccountId,
    ) -> Result<PasswordResetState, DirectoryError> {
        let url = self.url(&manage(account, "/password/reset"))?;
        self.json(Repeat::Safe, || self.request(Method::GET, url.clone()))
            .await
    }

    /// Revokes every API token of the account at once; answers how many there were. Sent
    /// once at most: a repeat would answer 0 and hide what the first one did.
    pub async fn revoke_all_api_tokens(&self, account: &AccountId) -> Result<u32, DirectoryError> {
        let url = self.url(&manage(account, "/api-tokens"))?;
        let revoked: TokensRevoked = self
            .json(Repeat::OnlyIfUnsent, || {
                self.request(Method::DELETE, url.clone())
            })
            .await?;
        Ok(revoked.revoked_tokens)
    }

    /// Whether `delete` would succeed, and what stands in the way.
    pub async fn validate_delete(
        &self,
        account: &AccountId,
    ) -> Result<DeleteValidation, DirectoryError> {
        let url = self.url(&manage(account, "/lifecycle/delete/validate"))?;
        self.json(Repeat::Safe, || self.request(Method::GET, url.clone()))
            .await
    }
}
