//! Which accounts pass a query's text and filters, how many, and the window of them in the
//! order asked for.

use std::ops::Range;
use std::sync::Arc;

use super::AccountIndex;
use crate::cache::facts::Resolved;
use crate::cache::id_set::{Bitmap, IdSet};
use crate::cache::query::{AccountFilter, SortColumn};

/// From how many ids on the filters are tested on two threads: below, starting a thread
/// costs more than it saves.
const PARALLEL_FROM: usize = 250_000;

impl AccountIndex {
    /// The number of accounts that match, and the ids of those in the window, in order.
    /// `text_matches`, when given, holds the ids the search text matched.
    pub fn select(
        &mut self,
        filter: &AccountFilter,
        text_matches: Option<&IdSet>,
        sort: SortColumn,
        descending: bool,
        window: Range<u32>,
        now: i64,
    ) -> (u32, Vec<u32>) {
        let matches = self.matches(filter, text_matches, now);
        let total = matches.len();
        let end = window.end.min(total);
        if window.start >= end {
            return (total, Vec::new());
        }
        let (order, backwards) = self.order(sort, descending);
        let in_order: &mut dyn Iterator<Item = &u32> = if backwards {
            &mut order.iter().rev()
        } else {
            &mut order.iter()
        };
        // Only as far as the window: the count is already known.
        let selected = in_order
            .copied()
            .filter(|id| matches.contains(*id))
            .take(end as usize)
            .skip(window.start as usize)
            .collect();
        (total, selected)
    }

    /// The accounts that match the text and every filter.
    fn matches(&self, filter: &AccountFilter, text_matches: Option<&IdSet>, now: i64) -> Bitmap {
        let resolved = self.resolve(filter, now);
        let mut matches = match text_matches {
            Some(ids) => ids.restrict(&self.accounts),
            None => self.accounts.clone(),
        };
        if let Some(product) = resolved.product {
            match product.and_then(|product| self.with_product.get(product as usize)) {
                Some(with) => matches.intersect_with(with),
                None => return Bitmap::default(),
            }
        }
        if resolved.tests_facts() {
            let keep = |id: u32| resolved.keeps(self.facts(id));
            if self.facts.len() >= PARALLEL_FROM {
                matches.retain_in_parallel(keep);
            } else {
                matches.retain(keep);
            }
        }
        matches
    }

    fn resolve(&self, filter: &AccountFilter, now: i64) -> Resolved {
        Resolved {
            statuses: filter.statuses.clone(),
            domain: filter
                .domain
                .as_deref()
                .map(|d| self.domains.get(&d.to_lowercase())),
            managed_by: filter.managed_by,
            product: filter.product.as_deref().map(|p| self.products.get(p)),
            two_step_enabled: filter.two_step_enabled,
            active_since: filter
                .inactive_days
                .map(|days| now.saturating_sub(i64::from(days) * 86_400)),
        }
    }

    /// The ids in the order asked for, and whether to walk them backwards.
    fn order(&mut self, column: SortColumn, descending: bool) -> (Arc<Vec<u32>>, bool) {
        match column {
            SortColumn::Name => return (Arc::clone(&self.by_name), descending),
            SortColumn::Email => return (Arc::clone(&self.by_email), descending),
            _ => {}
        }
        if let Some(order) = self.derived.get(&(column, descending)) {
            return (Arc::clone(order), false);
        }
        let key = |id: u32| {
            let facts = self.facts(id);
            match column {
                SortColumn::Status => facts.status as i64,
                SortColumn::ProductCount => i64::from(facts.product_count),
                SortColumn::LastActive => facts.last_active,
                SortColumn::TwoStep => i64::from(facts.two_step_enabled),
                SortColumn::ManagedBy => facts.managed_by as i64,
                SortColumn::Name | SortColumn::Email => 0,
            }
        };
        // Ties keep the name order, both ways: a stable sort of the name order, on keys
        // read once rather than at every comparison.
        let mut keyed: Vec<(i64, u32)> = self.by_name.iter().map(|&id| (key(id), id)).collect();
        if descending {
            keyed.sort_by_key(|(key, _)| std::cmp::Reverse(*key));
        } else {
            keyed.sort_by_key(|(key, _)| *key);
        }
        let order = Arc::new(keyed.into_iter().map(|(_, id)| id).collect());
        self.derived
            .insert((column, descending), Arc::clone(&order));
        (order, false)
    }
}
