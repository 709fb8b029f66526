//! The directory backend as Custodian sees it: Atlassian's admin API and Custodian's
//! extensions, spoken over HTTP by a typed client.

mod api_key;
mod client;
mod error;
mod extensions;
mod ids;
pub mod model;
mod organizations;
mod pages;
mod retry;
mod user_management;

pub use api_key::{ApiKey, ApiKeyError};
pub use client::{ClientBuilder, DirectoryClient, install_crypto_provider};
pub use error::{AdminRefusal, DirectoryError, Refusal};
pub use ids::{AccountId, DeviceId, DirectoryId, DomainId, Email, OrgId, ParseError, TokenId};
pub use pages::Pages;
pub use retry::RetryPolicy;
