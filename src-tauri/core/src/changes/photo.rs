//! A new profile photo: the prepared avatar is uploaded, kept in the cache with its list
//! thumbnail, and recorded like every other change.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::apply::{Applied, ChangeError, Changing, run};
use super::change::Change;
use crate::clock;
use crate::directory::AccountId;
use crate::photos::{self, Crop, PreparedPhoto, SourceInfo};

/// A photo chosen but not uploaded yet, as its preview shows it. The app serves its image;
/// `version` changes with every new crop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhotoPreview {
    pub source: SourceInfo,
    pub crop: Crop,
    pub version: u32,
}

/// The side of the thumbnails the account list shows.
pub const THUMBNAIL_SIDE: u32 = 64;

/// Uploads a photo made by `photos::prepare`; the directory checks it again.
pub async fn upload_photo(
    to: &Changing<'_>,
    account: &AccountId,
    photo: &PreparedPhoto,
) -> Result<Applied, ChangeError> {
    let sent = async {
        let thumbnail =
            photos::thumbnail(photo, THUMBNAIL_SIDE).map_err(|error| ChangeError::Refused {
                code: error.code(),
                message: error.to_string(),
            })?;
        to.client
            .upload_avatar(account, photo.bytes.clone(), photo.content_type)
            .await?;
        to.cache
            .store_avatar(
                account.as_str(),
                photo.content_type,
                &photo.bytes,
                &thumbnail.bytes,
                clock::now_ms(),
            )
            .await?;
        Ok(())
    };
    run(to, account, &Change::SetPhoto, None, sent).await
}
