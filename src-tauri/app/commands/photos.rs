use custodian_core::changes::{self, Change, ChangeError, PhotoPreview};
use custodian_core::directory::AccountId;
use custodian_core::outbox::{self, Submitted};
use custodian_core::photos::{Crop, PhotoError};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::Error;
use crate::photos::StagedPhotos;
use crate::state::AppState;

/// The largest file read for a photo; the pipeline refuses it anyway, but it is not read
/// whole first.
const MAX_FILE: u64 = 25 * 1024 * 1024;

fn unreadable(error: impl std::fmt::Display) -> Error {
    Error::Photo(PhotoError::Internal {
        detail: format!("the file could not be read: {error}"),
    })
}

/// Reads a regular file of at most `MAX_FILE` bytes (one more tells it is too large), off
/// the async workers. Devices, pipes and folders are refused: they are not photos.
async fn read(path: std::path::PathBuf) -> Result<Vec<u8>, Error> {
    tauri::async_runtime::spawn_blocking(move || {
        use std::io::Read;
        let file = std::fs::File::open(&path).map_err(unreadable)?;
        if !file.metadata().map_err(unreadable)?.is_file() {
            return Err(unreadable("it is not a regular file"));
        }
        let mut bytes = Vec::new();
        file.take(MAX_FILE + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if bytes.len() as u64 > MAX_FILE {
            return Err(Error::Photo(PhotoError::TooLarge { bytes: bytes.len() }));
        }
        Ok(bytes)
    })
    .await
    .map_err(unreadable)?
}

/// A file dropped on the window (the drop event gives its path): made into a preview.
#[tauri::command]
#[tracing::instrument(level = "info", skip(photos), err)]
pub async fn stage_photo_file(
    photos: State<'_, StagedPhotos>,
    account_id: String,
    path: String,
) -> Result<PhotoPreview, Error> {
    let bytes = read(std::path::PathBuf::from(path)).await?;
    Ok(photos.stage(&account_id, bytes).await?)
}

/// An image pasted into the window.
#[tauri::command]
#[tracing::instrument(level = "info", skip(photos, bytes), fields(bytes = bytes.len()), err)]
pub async fn stage_photo_bytes(
    photos: State<'_, StagedPhotos>,
    account_id: String,
    bytes: Vec<u8>,
) -> Result<PhotoPreview, Error> {
    Ok(photos.stage(&account_id, bytes).await?)
}

/// Asks for an image file with the native dialog; None when the admin cancels.
#[tauri::command]
#[tracing::instrument(level = "info", skip(app, photos), err)]
pub async fn choose_photo<R: Runtime>(
    app: AppHandle<R>,
    photos: State<'_, StagedPhotos>,
    account_id: String,
) -> Result<Option<PhotoPreview>, Error> {
    let (chosen, answer) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title("Choose a profile photo")
        .add_filter("Images", &["jpg", "jpeg", "png", "gif", "webp"])
        .pick_file(move |path| {
            let _ = chosen.send(path);
        });
    let Some(path) = answer.await.ok().flatten() else {
        return Ok(None);
    };
    let path = path
        .into_path()
        .map_err(|error| Error::Setup(error.to_string()))?;
    let bytes = read(path).await?;
    Ok(Some(photos.stage(&account_id, bytes).await?))
}

/// The staged photo cut again where the admin moved or zoomed it.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(photos), err)]
pub async fn crop_photo(
    photos: State<'_, StagedPhotos>,
    account_id: String,
    crop: Crop,
) -> Result<Option<PhotoPreview>, Error> {
    Ok(photos.recrop(&account_id, crop).await?)
}

/// Uploads the staged photo; answers the account as now cached.
#[tauri::command]
#[tracing::instrument(level = "info", skip(state, photos), err)]
pub async fn upload_photo(
    state: State<'_, AppState>,
    photos: State<'_, StagedPhotos>,
    account_id: String,
) -> Result<Submitted, Error> {
    let session = state.session();
    let account = AccountId::parse(account_id.as_str())?;
    let photo = photos.photo(&account_id).ok_or(ChangeError::Invalid(
        changes::InvalidChange::PhotoWithoutImage,
    ))?;
    let submitted = outbox::submit(
        &session.changing(),
        &account,
        &Change::SetPhoto,
        Some(&photo),
    )
    .await?;
    photos.discard(&account_id);
    Ok(submitted)
}

#[tauri::command]
#[tracing::instrument(level = "debug", skip(photos))]
pub fn discard_photo(photos: State<'_, StagedPhotos>, account_id: String) {
    photos.discard(&account_id);
}
