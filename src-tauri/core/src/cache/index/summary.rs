//! Counts over every account: the filter choices and the organization's overview.

use super::AccountIndex;
use crate::cache::accounts::AccountStatus;
use crate::cache::overview::{ACTIVITY_DAYS, ActivityBucket, NEVER, OLDER, Overview, StatusCount};
use crate::cache::query::{Facet, Facets};

impl AccountIndex {
    /// The domains and products the accounts have, with how many accounts each: the
    /// choices of the list's domain and product filters, most common first.
    pub fn facets(&self) -> Facets {
        let mut domains = vec![0u32; self.domains.ids.len()];
        for id in self.accounts.iter() {
            if let Some(count) = domains.get_mut(self.facts(id).domain as usize) {
                *count += 1;
            }
        }
        let mut products = vec![0u32; self.products.ids.len()];
        for (count, with) in products.iter_mut().zip(&self.with_product) {
            *count = with.len();
        }
        Facets {
            domains: ranked(self.domains.names(), domains),
            products: ranked(self.products.names(), products),
        }
    }

    pub fn overview(&self, now: i64) -> Overview {
        let mut overview = Overview::default();
        let mut statuses = [0u32; AccountStatus::ALL.len()];
        let mut activity = [0u32; ACTIVITY_DAYS.len() + 2];
        for id in self.accounts.iter() {
            let facts = self.facts(id);
            overview.accounts += 1;
            statuses[facts.status as usize] += 1;
            if facts.status == AccountStatus::Active {
                if facts.two_step_enabled {
                    overview.two_step_on += 1;
                } else {
                    overview.two_step_off += 1;
                }
            }
            let bucket = match facts.last_active() {
                None => ACTIVITY_DAYS.len() + 1,
                Some(last) => {
                    let days = now.saturating_sub(last).max(0) / 86_400;
                    ACTIVITY_DAYS
                        .iter()
                        .position(|(limit, _)| days <= *limit)
                        .unwrap_or(ACTIVITY_DAYS.len())
                }
            };
            activity[bucket] += 1;
        }
        overview.by_status = AccountStatus::ALL
            .into_iter()
            .zip(statuses)
            .map(|(status, accounts)| StatusCount { status, accounts })
            .collect();
        let labels = ACTIVITY_DAYS
            .iter()
            .map(|(_, label)| *label)
            .chain([OLDER, NEVER]);
        overview.last_active = labels
            .zip(activity)
            .map(|(label, accounts)| ActivityBucket {
                label: label.to_owned(),
                accounts,
            })
            .collect();
        overview.by_domain = self.facets().domains;
        overview
    }
}

/// Named counts, most first, then by name; names no account has are left out.
fn ranked(names: Vec<&str>, counts: Vec<u32>) -> Vec<Facet> {
    let mut ranked: Vec<Facet> = names
        .into_iter()
        .zip(counts)
        .filter(|(name, count)| !name.is_empty() && *count > 0)
        .map(|(name, accounts)| Facet {
            name: name.to_owned(),
            accounts,
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.accounts
            .cmp(&a.accounts)
            .then_with(|| a.name.cmp(&b.name))
    });
    ranked
}
