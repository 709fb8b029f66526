//! Paging through a list, whatever shape its cursor takes:
//! - `links.next` holding an opaque cursor (v2 directories and search), sent back as
//!   `cursor` in the body (POST) or the query (GET);
//! - `links.next` holding a URL (v1 orgs and domains), whose `cursor` parameter is sent
//!   back to our own base URL, so that the key never goes to a host named by a response;
//! - `meta.next` (v1 events).
//!
//! Paging ends when the next cursor is missing, null or empty; a cursor seen before is an
//! error rather than an endless loop.

use std::collections::HashSet;
use std::marker::PhantomData;

use reqwest::Method;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use super::client::{DirectoryClient, Repeat};
use super::error::DirectoryError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CursorShape {
    /// `links.next` is an opaque cursor.
    LinksCursor,
    /// `links.next` is a URL carrying `cursor`.
    LinksUrl,
    /// `meta.next` is an opaque cursor.
    MetaNext,
}

#[derive(Debug, Clone)]
pub(super) enum PageRequest {
    Get { url: Url },
    Post { url: Url, body: Value },
}

#[derive(Deserialize)]
struct RawPage<T> {
    #[serde(default = "Vec::new")]
    data: Vec<T>,
    #[serde(default)]
    links: Option<RawNext>,
    #[serde(default)]
    meta: Option<RawNext>,
}

#[derive(Deserialize)]
struct RawNext {
    #[serde(default)]
    next: Option<String>,
}

/// Pages of a list, fetched one at a time so that the caller can report progress and
/// stop whenever it likes. It holds its own handle on the client (a cheap clone), so it
/// can be moved into a task.
pub struct Pages<T> {
    client: DirectoryClient,
    request: PageRequest,
    shape: CursorShape,
    cursor: Option<String>,
    seen: HashSet<String>,
    done: bool,
    _item: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Pages<T> {
    pub(super) fn new(client: &DirectoryClient, request: PageRequest, shape: CursorShape) -> Self {
        Self {
            client: client.clone(),
            request,
            shape,
            cursor: None,
            seen: HashSet::new(),
            done: false,
            _item: PhantomData,
        }
    }

    /// The cursor the next page will be asked for; `None` before the first page. Save it
    /// to resume paging later with `resume_from`.
    pub fn cursor(&self) -> Option<&str> {
        self.cursor.as_deref()
    }

    /// Starts from a saved cursor instead of the first page.
    pub fn resume_from(mut self, cursor: impl Into<String>) -> Self {
        self.cursor = Some(cursor.into());
        self
    }

    /// The next page, or `None` once the list is exhausted.
    pub async fn next_page(&mut self) -> Result<Option<Vec<T>>, DirectoryError> {
        if self.done {
            return Ok(None);
        }
        let cursor = self.cursor.clone();
        let page: RawPage<T> = match &self.request {
            PageRequest::Get { url } => {
                let mut url = url.clone();
                if let Some(cursor) = &cursor {
                    url.query_pairs_mut().append_pair("cursor", cursor);
                }
                self.client
                    .json(Repeat::Safe, || {
                        self.client.request(Method::GET, url.clone())
                    })
                    .await?
            }
            PageRequest::Post { url, body } => {
                let mut body = body.clone();
                if let (Some(cursor), Value::Object(fields)) = (&cursor, &mut body) {
                    fields.insert("cursor".into(), Value::String(cursor.clone()));
                }
                self.client
                    .json(Repeat::Safe, || {
                        self.client.request(Method::POST, url.clone()).json(&body)
                    })
                    .await?
            }
        };
        let next = match self.shape {
            CursorShape::LinksCursor => page.links.and_then(|l| l.next),
            CursorShape::MetaNext => page.meta.and_then(|m| m.next),
            CursorShape::LinksUrl => match page.links.and_then(|l| l.next) {
                Some(next) => Some(cursor_of_url(&next)?),
                None => None,
            },
        };
        match next.filter(|n| !n.is_empty()) {
            None => {
                self.done = true;
                self.cursor = None;
            }
            Some(next) => {
                if !self.seen.insert(next.clone()) || cursor.as_deref() == Some(next.as_str()) {
                    self.done = true;
                    return Err(DirectoryError::RepeatedCursor);
                }
                self.cursor = Some(next);
            }
        }
        Ok(Some(page.data))
    }

    /// Every remaining item. For large lists prefer `next_page`, which can report progress.
    pub async fn collect_all(mut self) -> Result<Vec<T>, DirectoryError> {
        let mut all = Vec::new();
        while let Some(page) = self.next_page().await? {
            all.extend(page);
        }
        Ok(all)
    }
}

/// The `cursor` parameter of a next-page URL (relative or absolute).
fn cursor_of_url(next: &str) -> Result<String, DirectoryError> {
    let base = Url::parse("http://relative.invalid/")
        .map_err(|e| DirectoryError::UnexpectedResponse(e.to_string()))?;
    let url = base.join(next).map_err(|_| {
        DirectoryError::UnexpectedResponse(format!("links.next is not a URL: {next}"))
    })?;
    url.query_pairs()
        .find(|(key, _)| key == "cursor")
        .map(|(_, value)| value.into_owned())
        .ok_or_else(|| DirectoryError::UnexpectedResponse("links.next has no cursor".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_is_taken_from_next_urls() {
        assert_eq!(
            cursor_of_url("https://api.atlassian.com/admin/v1/orgs?cursor=abc%3D").unwrap(),
            "abc="
        );
        assert_eq!(
            cursor_of_url("/admin/v1/orgs/o/domains?cursor=x").unwrap(),
            "x"
        );
        assert!(cursor_of_url("https://api.atlassian.com/admin/v1/orgs").is_err());
    }
}
