//! A new profile photo: the prepared avatar is uploaded, kept in the cache with its list
//! thumbnail, and recorded like every other change.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::apply::{Applied, ChangeError, Changing, run, send};
use super::change::Change;
use crate::directory::AccountId;
use crate::photos::{Crop, PreparedPhoto, SourceInfo};

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
    let change = Change::SetPhoto;
    run(
        to,
        account,
        &change,
        None,
        send(to, account, &change, Some(photo)),
    )
    .await
}
