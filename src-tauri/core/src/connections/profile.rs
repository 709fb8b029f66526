//! A connection profile: which backend, which organization, under what name. Checked at
//! the edge (the admin's form, the profiles file); past it, a profile is valid. It never
//! holds the API key: that lives in the keychain, under the profile's id.

use std::fmt;
use std::net::IpAddr;

use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;
use url::{Host, Url};

use crate::directory::{ApiKey, ClientBuilder, DirectoryClient, OrgId, ParseError};
use crate::error::{ErrorCode, WireError};

/// Atlassian's admin API: the only base URL an Atlassian Cloud connection uses.
pub const ATLASSIAN_API: &str = "https://api.atlassian.com";

const NAME_MAX: usize = 60;
const ID_MAX: usize = 64;
/// The cache folder of the built-in demo directory: no profile may take it.
const DEMO_ID: &str = "demo";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ConnectionKind {
    /// `https://api.atlassian.com` with an organization API key.
    AtlassianCloud,
    /// A custodian-directory server of the organization's own.
    CustodianDirectory,
}

/// A profile's id: a slug made once, when the profile is added, and never changed. It
/// names the cache folder and the keychain entry, so it holds only `a-z`, `0-9` and `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ConnectionId(String);

impl ConnectionId {
    pub fn parse(value: impl Into<String>) -> Result<Self, ParseError> {
        const WHAT: &str = "the connection id";
        let value = value.into();
        if value.is_empty() {
            return Err(ParseError::Empty { what: WHAT });
        }
        if value.len() > ID_MAX {
            return Err(ParseError::TooLong {
                what: WHAT,
                max: ID_MAX,
            });
        }
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if !value.chars().all(allowed) || value.starts_with('-') || value == DEMO_ID {
            return Err(ParseError::InvalidCharacters { what: WHAT });
        }
        Ok(Self(value))
    }

    /// A new id from the connection's name: its slug and a random suffix, e.g.
    /// `northwind-cloud-k3x9qa`.
    pub(super) fn generate(name: &str, kind: ConnectionKind) -> Self {
        let mut slug = String::new();
        for c in name.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
            if slug.len() >= 40 {
                break;
            }
        }
        let mut slug = slug.trim_end_matches('-').to_owned();
        if slug.is_empty() {
            slug.push_str(match kind {
                ConnectionKind::AtlassianCloud => "atlassian",
                ConnectionKind::CustodianDirectory => "directory",
            });
        }
        let suffix: String = (0..6)
            .map(|_| {
                let n = fastrand::u8(0..36);
                char::from_digit(u32::from(n), 36).unwrap_or('x')
            })
            .collect();
        Self(format!("{slug}-{suffix}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ConnectionId {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

impl From<ConnectionId> for String {
    fn from(id: ConnectionId) -> String {
        id.0
    }
}

impl fmt::Display for ConnectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A checked connection. Made only by `NewConnection::check`, `ConnectionProfile::edited`
/// or by reading the profiles file (which checks again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionProfile {
    #[ts(type = "string")]
    id: ConnectionId,
    name: String,
    kind: ConnectionKind,
    /// Without a trailing slash; always `ATLASSIAN_API` for Atlassian Cloud.
    base_url: String,
    #[ts(type = "string")]
    org_id: OrgId,
}

impl ConnectionProfile {
    pub fn id(&self) -> &ConnectionId {
        &self.id
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn kind(&self) -> ConnectionKind {
        self.kind
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn org_id(&self) -> &OrgId {
        &self.org_id
    }

    /// The profile with the admin's changes; id and kind stay.
    pub fn edited(&self, edit: &ConnectionEdit) -> Result<Self, ProfileError> {
        let mut profile = NewConnection {
            name: edit.name.clone(),
            kind: self.kind,
            url: edit.url.clone(),
            org_id: edit.org_id.clone(),
        }
        .check()?;
        profile.id = self.id.clone();
        Ok(profile)
    }

    /// Whether `other` talks to the same backend as the same organization.
    pub fn same_backend(&self, other: &ConnectionProfile) -> bool {
        self.kind == other.kind
            && self.base_url == other.base_url
            && self
                .org_id
                .as_str()
                .eq_ignore_ascii_case(other.org_id.as_str())
    }

    /// A client for this connection's backend, sending `key`. Proxies (`HTTPS_PROXY`,
    /// `NO_PROXY`) are honoured except on loopback.
    pub fn client(&self, key: ApiKey) -> ClientBuilder {
        match self.kind {
            ConnectionKind::AtlassianCloud => DirectoryClient::builder(atlassian_api_url(), key),
            ConnectionKind::CustodianDirectory => {
                DirectoryClient::builder(self.base_url.as_str(), key)
            }
        }
    }
}

/// The profile as the file has it, before it is checked again.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UncheckedProfile {
    id: String,
    name: String,
    kind: ConnectionKind,
    base_url: String,
    org_id: String,
}

impl<'de> Deserialize<'de> for ConnectionProfile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = UncheckedProfile::deserialize(deserializer)?;
        Self::try_from(raw).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<UncheckedProfile> for ConnectionProfile {
    type Error = ProfileError;
    fn try_from(raw: UncheckedProfile) -> Result<Self, Self::Error> {
        let mut profile = NewConnection {
            name: raw.name,
            kind: raw.kind,
            url: Some(raw.base_url),
            org_id: raw.org_id,
        }
        .check()?;
        profile.id = ConnectionId::parse(raw.id).map_err(ProfileError::Id)?;
        Ok(profile)
    }
}

/// A connection as the admin enters it in Settings > Connections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewConnection {
    pub name: String,
    pub kind: ConnectionKind,
    /// The server's URL for a Custodian Directory; ignored for Atlassian Cloud.
    pub url: Option<String>,
    pub org_id: String,
}

/// What the admin may change of a connection: not its kind, which would make it another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionEdit {
    pub name: String,
    pub url: Option<String>,
    pub org_id: String,
}

impl NewConnection {
    /// The checked profile, with a new id.
    pub fn check(&self) -> Result<ConnectionProfile, ProfileError> {
        let name = check_name(&self.name)?;
        let org_id = OrgId::parse(self.org_id.trim()).map_err(ProfileError::OrgId)?;
        let base_url = match self.kind {
            ConnectionKind::AtlassianCloud => ATLASSIAN_API.to_owned(),
            ConnectionKind::CustodianDirectory => check_url(self.url.as_deref())?,
        };
        Ok(ConnectionProfile {
            id: ConnectionId::generate(&name, self.kind),
            name,
            kind: self.kind,
            base_url,
            org_id,
        })
    }
}

fn check_name(name: &str) -> Result<String, ProfileError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ProfileError::NameEmpty);
    }
    if name.chars().count() > NAME_MAX {
        return Err(ProfileError::NameTooLong { max: NAME_MAX });
    }
    if name.chars().any(char::is_control) {
        return Err(ProfileError::NameInvalid);
    }
    Ok(name.to_owned())
}

/// Where Atlassian Cloud connections send their requests: `https://api.atlassian.com`,
/// unless `CUSTODIAN_ATLASSIAN_API_URL` names another address of the same API (an API
/// gateway the organization routes through, or a test double); it is held to the rules of
/// a directory's URL, and ignored, with a warning, when it breaks them.
pub fn atlassian_api_url() -> String {
    static URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    URL.get_or_init(|| match std::env::var("CUSTODIAN_ATLASSIAN_API_URL") {
        Err(_) => ATLASSIAN_API.to_owned(),
        Ok(text) => check_url(Some(&text)).unwrap_or_else(|error| {
            tracing::warn!(%error, "CUSTODIAN_ATLASSIAN_API_URL is ignored");
            ATLASSIAN_API.to_owned()
        }),
    })
    .clone()
}

/// A Custodian Directory's URL: https, or http to this computer only (nothing crosses a
/// network unencrypted); no user name, password, query or fragment, which could carry a
/// secret into the profiles file.
fn check_url(url: Option<&str>) -> Result<String, ProfileError> {
    let text = url.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return Err(ProfileError::UrlMissing);
    }
    let url = Url::parse(text).map_err(|e| ProfileError::UrlInvalid(e.to_string()))?;
    let loopback = match url.host() {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => return Err(ProfileError::UrlInvalid("it names no server".into())),
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        _ => return Err(ProfileError::UrlNotHttps),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ProfileError::UrlHasCredentials);
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(ProfileError::UrlHasQuery);
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// Why a connection was refused before anything was stored or sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error("Give the connection a name")]
    NameEmpty,
    #[error("The name is too long (at most {max} characters)")]
    NameTooLong { max: usize },
    #[error("The name must not contain control characters")]
    NameInvalid,
    #[error("The organization ID is not valid: {0}")]
    OrgId(ParseError),
    #[error("Enter the URL of the Custodian Directory server")]
    UrlMissing,
    #[error("The URL is not valid: {0}")]
    UrlInvalid(String),
    #[error(
        "The URL must start with https:// (http:// is allowed only for a server on this \
         computer: localhost, 127.x.x.x or [::1])"
    )]
    UrlNotHttps,
    #[error(
        "The URL must not contain a user name or password: the API key is entered on its \
         own and kept in the keychain"
    )]
    UrlHasCredentials,
    #[error("The URL must not contain a query (?…) or a fragment (#…)")]
    UrlHasQuery,
    #[error("The connection id is not valid: {0}")]
    Id(ParseError),
}

impl ProfileError {
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidInput
    }

    pub fn to_wire(&self) -> WireError {
        WireError::new(self.code(), self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory(url: &str) -> NewConnection {
        NewConnection {
            name: "Northwind".into(),
            kind: ConnectionKind::CustodianDirectory,
            url: Some(url.into()),
            org_id: "org-1".into(),
        }
    }

    #[test]
    fn generated_ids_are_slugs_of_the_name() {
        let id = ConnectionId::generate("Northwind Cloud (EU)!", ConnectionKind::AtlassianCloud);
        assert!(id.as_str().starts_with("northwind-cloud-eu-"), "{id}");
        assert!(ConnectionId::parse(id.as_str()).is_ok());
        let id = ConnectionId::generate("Ñ", ConnectionKind::CustodianDirectory);
        assert!(id.as_str().starts_with("directory-"), "{id}");
        let long = ConnectionId::generate(&"x".repeat(500), ConnectionKind::AtlassianCloud);
        assert!(ConnectionId::parse(long.as_str()).is_ok());
    }

    #[test]
    fn ids_cannot_leave_the_data_folder_or_take_the_demos_place() {
        for bad in ["", "../x", "a/b", "Demo", "demo", "-x", "a b", "a.b"] {
            assert!(ConnectionId::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn urls_are_normalised() {
        let profile = directory("HTTPS://Dir.Example.COM:443/api/")
            .check()
            .unwrap();
        assert_eq!(profile.base_url(), "https://dir.example.com/api");
        let profile = directory("http://[::1]:8080").check().unwrap();
        assert_eq!(profile.base_url(), "http://[::1]:8080");
    }

    #[test]
    fn a_profile_serialises_without_any_key() {
        let profile = directory("https://dir.example.com").check().unwrap();
        let json = serde_json::to_value(&profile).unwrap();
        let fields: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(fields, ["baseUrl", "id", "kind", "name", "orgId"]);
        assert_eq!(json["kind"], "custodianDirectory");
        let back: ConnectionProfile = serde_json::from_value(json).unwrap();
        assert_eq!(back, profile);
    }

    #[test]
    fn the_file_is_checked_again_when_read() {
        let json = serde_json::json!({
            "id": "x-1", "name": "X", "kind": "custodianDirectory",
            "baseUrl": "http://dir.example.com", "orgId": "o"
        });
        assert!(serde_json::from_value::<ConnectionProfile>(json).is_err());
        let json = serde_json::json!({
            "id": "../../etc", "name": "X", "kind": "atlassianCloud",
            "baseUrl": "https://api.atlassian.com", "orgId": "o"
        });
        assert!(serde_json::from_value::<ConnectionProfile>(json).is_err());
    }
}
