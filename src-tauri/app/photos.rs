//! Photos the admin has chosen but not uploaded yet, one per account: the file's bytes,
//! the crop chosen so far and the avatar it makes, shown as a preview before upload.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use custodian_core::changes::PhotoPreview;
use custodian_core::photos::{self, Crop, PhotoError, PreparedPhoto};

pub struct Staged {
    source: Arc<Vec<u8>>,
    pub crop: Crop,
    pub photo: PreparedPhoto,
    pub version: u32,
}

#[derive(Default)]
pub struct StagedPhotos(Mutex<HashMap<String, Staged>>);

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The pipeline, off the async workers: it is CPU work.
async fn prepare(source: Arc<Vec<u8>>, crop: Crop) -> Result<PreparedPhoto, PhotoError> {
    tauri::async_runtime::spawn_blocking(move || photos::prepare(&source, Some(crop)))
        .await
        .map_err(|error| PhotoError::Internal {
            detail: error.to_string(),
        })?
}

impl StagedPhotos {
    /// Makes the avatar from a new file, centred; replaces what was staged for the account.
    pub async fn stage(&self, account: &str, source: Vec<u8>) -> Result<PhotoPreview, PhotoError> {
        let source = Arc::new(source);
        let crop = Crop::default();
        let photo = prepare(Arc::clone(&source), crop).await?;
        let mut staged = lock(&self.0);
        let version = staged.get(account).map_or(1, |s| s.version + 1);
        let preview = PhotoPreview {
            source: photo.source,
            crop,
            version,
        };
        staged.insert(
            account.to_owned(),
            Staged {
                source,
                crop,
                photo,
                version,
            },
        );
        Ok(preview)
    }

    /// Makes the avatar again with another crop; None when nothing is staged.
    pub async fn recrop(
        &self,
        account: &str,
        crop: Crop,
    ) -> Result<Option<PhotoPreview>, PhotoError> {
        let Some(source) = lock(&self.0).get(account).map(|s| Arc::clone(&s.source)) else {
            return Ok(None);
        };
        let photo = prepare(Arc::clone(&source), crop).await?;
        let mut staged = lock(&self.0);
        // Another file staged meanwhile wins over this older one's new cut.
        let Some(entry) = staged
            .get_mut(account)
            .filter(|entry| Arc::ptr_eq(&entry.source, &source))
        else {
            return Ok(None);
        };
        entry.version += 1;
        entry.crop = crop;
        entry.photo = photo;
        Ok(Some(PhotoPreview {
            source: entry.photo.source,
            crop,
            version: entry.version,
        }))
    }

    pub fn photo(&self, account: &str) -> Option<PreparedPhoto> {
        lock(&self.0).get(account).map(|s| s.photo.clone())
    }

    pub fn discard(&self, account: &str) {
        lock(&self.0).remove(account);
    }
}
