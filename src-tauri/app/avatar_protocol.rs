//! `avatar://localhost/{account}` serves an account's cached photo to the web view
//! (`?full` for the 512 px avatar, else the list thumbnail), and
//! `avatar://localhost/staged/{account}` the preview of a photo not uploaded yet. Only
//! images leave here, and only from the cache: the web view never reads a file.

use tauri::http::{Request, Response, StatusCode, header};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::photos::StagedPhotos;
use crate::state::AppState;

/// The path as the web view wrote it, `%XX` escapes decoded (`convertFileSrc` encodes the
/// account id's `:` and the `/` after `staged`).
fn decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = bytes
            .get(at + 1..at + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (bytes[at], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                at += 3;
            }
            (byte, _) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn not_found() -> Response<Vec<u8>> {
    Response::builder()
        .status(StatusCode::NOT_FOUND)
        .body(Vec::new())
        .unwrap_or_default()
}

fn image(content_type: &str, bytes: Vec<u8>) -> Response<Vec<u8>> {
    Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-cache")
        .body(bytes)
        .unwrap_or_else(|_| not_found())
}

// Tauri hands a protocol handler its context and request by value.
#[allow(clippy::needless_pass_by_value)]
pub fn handle<R: Runtime>(
    context: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = context.app_handle().clone();
    let path = decoded(request.uri().path().trim_start_matches('/'));
    let full = request.uri().query().is_some_and(|q| q.contains("full"));
    tauri::async_runtime::spawn(async move {
        let response = if let Some(account) = path.strip_prefix("staged/") {
            match app.state::<StagedPhotos>().photo(account) {
                Some(photo) => image(photo.content_type, photo.bytes),
                None => not_found(),
            }
        } else {
            match app
                .state::<AppState>()
                .session()
                .cache
                .avatar(&path, !full)
                .await
            {
                Ok(Some(photo)) => image(&photo.content_type, photo.bytes),
                Ok(None) => not_found(),
                Err(error) => {
                    tracing::warn!(%error, "a cached photo could not be read");
                    not_found()
                }
            }
        };
        responder.respond(response);
    });
}

#[cfg(test)]
mod tests {
    use super::decoded;

    #[test]
    fn escaped_paths_are_decoded_and_plain_ones_kept() {
        assert_eq!(decoded("staged%2F712020%3Aab-1"), "staged/712020:ab-1");
        assert_eq!(decoded("712020:ab"), "712020:ab");
        assert_eq!(decoded("100%"), "100%");
        assert_eq!(decoded("%zz"), "%zz");
    }
}
