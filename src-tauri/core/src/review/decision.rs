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
    RemoveProduct {
        product: String,
    },
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::ReviewProduct;

    fn item(status: Option<AccountStatus>, products: &[(&str, &str)]) -> ReviewItem {
        ReviewItem {
            position: 0,
            account_id: "712020:a".into(),
            name: "Ana".into(),
            email: "ana@example.com".into(),
            status,
            last_active: None,
            two_step_enabled: Some(false),
            products: products
                .iter()
                .map(|(product, site)| ReviewProduct {
                    product: (*product).into(),
                    product_name: None,
                    site: (*site).into(),
                    site_url: None,
                })
                .collect(),
            decision: None,
            note: String::new(),
            decided_at: None,
            outcome: None,
            change_ids: None,
        }
    }

    #[test]
    fn a_product_is_removed_on_every_site_the_account_has_it() {
        let ana = item(
            Some(AccountStatus::Active),
            &[
                ("confluence", "site/1"),
                ("jira-software", "site/1"),
                ("confluence", "site/2"),
            ],
        );
        let removal = Decision::RemoveProduct {
            product: "confluence".into(),
        };
        let sites: Vec<Change> = ["site/1", "site/2"]
            .into_iter()
            .map(|site| Change::RemoveProduct {
                product: "confluence".into(),
                site: site.into(),
            })
            .collect();
        assert_eq!(removal.changes(&ana), sites);
        let bitbucket = Decision::RemoveProduct {
            product: "bitbucket".into(),
        };
        assert!(bitbucket.changes(&ana).is_empty());
    }

    #[test]
    fn only_an_account_not_deactivated_yet_is_deactivated() {
        let deactivate = vec![Change::Deactivate { message: None }];
        for (status, changes) in [
            (Some(AccountStatus::Active), deactivate.clone()),
            (Some(AccountStatus::Suspended), deactivate.clone()),
            (Some(AccountStatus::Deactivated), Vec::new()),
            (Some(AccountStatus::PendingDeletion), Vec::new()),
            // No longer cached: tried, so the outbox says what became of it.
            (None, deactivate),
        ] {
            assert_eq!(Decision::Deactivate.changes(&item(status, &[])), changes);
        }
        assert!(Decision::Keep.changes(&item(None, &[])).is_empty());
        assert!(Decision::FollowUp.changes(&item(None, &[])).is_empty());
    }

    #[test]
    fn decisions_are_tagged_by_kind_on_the_wire() {
        let json = serde_json::to_string(&Decision::RemoveProduct {
            product: "confluence".into(),
        })
        .unwrap_or_default();
        assert_eq!(json, r#"{"kind":"removeProduct","product":"confluence"}"#);
        let json = serde_json::to_string(&Decision::FollowUp).unwrap_or_default();
        assert_eq!(json, r#"{"kind":"followUp"}"#);
    }
}
