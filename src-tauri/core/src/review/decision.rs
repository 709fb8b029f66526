//! What the admin decides about one account under review, and the changes that decision
//! makes when the review is applied.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::items::ReviewItem;
use crate::cache::AccountStatus;
use crate::changes::Change;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Decision {
    /// The account keeps its access as it is.
    Keep,
    Deactivate,
    /// Removes the product (its key) on every site the account has it.
    RemoveProduct { product: String },
    /// Nothing changes now; the admin comes back to it (the note says why).
    FollowUp,
}

impl Decision {
    /// As the review and its export name it.
    pub fn describe(&self) -> String {
        match self {
            Self::Keep => "Keep".to_owned(),
            Self::Deactivate => "Deactivate".to_owned(),
            Self::RemoveProduct { product } => format!("Remove {product} access"),
            Self::FollowUp => "Follow up".to_owned(),
        }
    }

    /// The changes applying it queues, from the account as cached: none for a decision
    /// that changes nothing, or when the account already is as decided.
    pub(super) fn changes(&self, item: &ReviewItem) -> Vec<Change> {
        match self {
            Self::Keep | Self::FollowUp => Vec::new(),
            // An account no longer cached is still tried: the outbox then says why not.
            Self::Deactivate => match item.status {
                Some(AccountStatus::Deactivated | AccountStatus::PendingDeletion) => Vec::new(),
                _ => vec![Change::Deactivate { message: None }],
            },
            Self::RemoveProduct { product } => item
                .products
                .iter()
                .filter(|access| &access.product == product)
                .map(|access| Change::RemoveProduct {
                    product: product.clone(),
                    site: access.site.clone(),
                })
                .collect(),
        }
    }
}
