//! A Custodian Directory server of the organization's own, named at launch until
//! Settings > Connections arrives:
//!
//! - `--directory-url URL` or `CUSTODIAN_DIRECTORY_URL`: the server, e.g. `http://127.0.0.1:8080`;
//! - `--directory-org ID` or `CUSTODIAN_DIRECTORY_ORG`: the organization's id, so that
//!   Custodian can start offline;
//! - `CUSTODIAN_DIRECTORY_API_KEY`: the org admin's key, never an argument (other users of
//!   the machine can read those); kept in memory only.

use custodian_core::connections::{Capabilities, ConnectionKind};
use custodian_core::directory::{ApiKey, DirectoryClient, OrgId};

use crate::Error;
use crate::state::Connection;

const URL: &str = "CUSTODIAN_DIRECTORY_URL";
const KEY: &str = "CUSTODIAN_DIRECTORY_API_KEY";
const ORG: &str = "CUSTODIAN_DIRECTORY_ORG";

/// The value after `flag` among the launch arguments, else the environment variable.
fn setting(flag: &str, variable: &str) -> Option<String> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == flag {
            return args.next();
        }
    }
    std::env::var(variable).ok()
}

/// The connection the launch names, if it names one.
pub fn from_launch() -> Result<Option<(String, Connection)>, Error> {
    let Some(url) = setting("--directory-url", URL) else {
        return Ok(None);
    };
    let missing =
        |name: &str| Error::Setup(format!("a directory URL is given, so {name} must be too"));
    let key = std::env::var(KEY).map_err(|_| missing(KEY))?;
    let org = setting("--directory-org", ORG).ok_or_else(|| missing("--directory-org"))?;
    let key = ApiKey::parse(key).map_err(|error| Error::Setup(format!("{KEY}: {error}")))?;
    let org = OrgId::parse(org).map_err(|error| Error::Setup(format!("{ORG}: {error}")))?;
    custodian_core::directory::install_crypto_provider();
    let client = DirectoryClient::builder(url.as_str(), key).build()?;
    // One cache per server and organization.
    let id: String = format!("{url}-{}", org.as_str())
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let name = format!("Custodian Directory at {url}");
    let connection = Connection {
        name,
        client,
        org,
        kind: ConnectionKind::CustodianDirectory,
        // Asked of the directory once it is reachable (`state::discover`).
        capabilities: Capabilities::of(ConnectionKind::CustodianDirectory),
        profile: None,
    };
    Ok(Some((id, connection)))
}
