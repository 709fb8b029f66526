//! An in-memory index of the facts the account list filters and sorts on.
//!
//! SQLite answers "which accounts match this text" (FTS5) and holds every field; this index
//! answers "in which order, through which filters, how many" for 100,000 or 1,000,000
//! accounts in a few milliseconds, by walking a precomputed order over compact facts.
//! It is rebuilt from the database after a sync and kept in step by single-account writes.

use std::collections::HashMap;
use std::sync::Arc;

use sqlx::SqlitePool;

use super::CacheError;
use super::accounts::{AccountStatus, ManagedBy};
use super::overview::{ACTIVITY_DAYS, ActivityBucket, NEVER, OLDER, Overview, StatusCount};
use super::query::{AccountFilter, Facet, Facets, SortColumn};

/// Interned strings (domains, products): small integers stand in for them in the facts.
#[derive(Debug, Default)]
struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    fn intern(&mut self, text: &str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(text.to_owned()).or_insert(next)
    }

    fn get(&self, text: &str) -> Option<u32> {
        self.ids.get(text).copied()
    }

    /// The strings, by their ids.
    fn names(&self) -> Vec<&str> {
        let mut names = vec![""; self.ids.len()];
        for (name, id) in &self.ids {
            names[*id as usize] = name;
        }
        names
    }
}

/// What the list needs of one account, in 24 bytes.
#[derive(Debug, Clone, Copy)]
struct Facts {
    present: bool,
    status: AccountStatus,
    managed_by: ManagedBy,
    two_step_enabled: bool,
    product_count: u16,
    domain: u32,
    last_active: Option<i64>,
    /// One bit per interned product (the first 128 products); see `matches`.
    products: u128,
}

const ABSENT: Facts = Facts {
    present: false,
    status: AccountStatus::Active,
    managed_by: ManagedBy::Unknown,
    two_step_enabled: false,
    product_count: 0,
    domain: u32::MAX,
    last_active: None,
    products: 0,
};

/// A filter resolved against the index: strings become interned ids.
struct Resolved {
    statuses: Vec<AccountStatus>,
    domain: Option<Option<u32>>,
    managed_by: Option<ManagedBy>,
    product: Option<Option<u32>>,
    two_step_enabled: Option<bool>,
    active_since: Option<i64>,
}

impl Resolved {
    fn matches(&self, facts: &Facts) -> bool {
        if !facts.present {
            return false;
        }
        if !self.statuses.is_empty() && !self.statuses.contains(&facts.status) {
            return false;
        }
        if let Some(domain) = self.domain
            && domain != Some(facts.domain)
        {
            return false;
        }
        if let Some(managed_by) = self.managed_by
            && managed_by != facts.managed_by
        {
            return false;
        }
        if let Some(product) = self.product {
            match product {
                Some(bit) if bit < 128 && facts.products & (1u128 << bit) != 0 => {}
                _ => return false,
            }
        }
        if let Some(two_step) = self.two_step_enabled
            && two_step != facts.two_step_enabled
        {
            return false;
        }
        if let Some(since) = self.active_since
            && facts.last_active.is_some_and(|last| last >= since)
        {
            return false;
        }
        true
    }
}

#[derive(Debug, Default)]
pub struct AccountIndex {
    /// Indexed by account id (the table's integer key).
    facts: Vec<Facts>,
    domains: Interner,
    products: Interner,
    by_name: Arc<Vec<u32>>,
    by_email: Arc<Vec<u32>>,
    /// The other orders, derived from the name order on first use.
    derived: HashMap<(SortColumn, bool), Arc<Vec<u32>>>,
}

/// Ids in the order a query gives them, fetched as one string: stepping SQLite in C and
/// parsing once is far cheaper than a million rows through the driver.
pub(super) async fn ids(
    pool: &SqlitePool,
    ordered_ids_sql: &str,
    bind: Option<&str>,
) -> Result<Vec<u32>, CacheError> {
    let sql = format!("SELECT coalesce(group_concat(id), '') FROM ({ordered_ids_sql})");
    let mut query = sqlx::query_scalar::<_, String>(&sql);
    if let Some(value) = bind {
        query = query.bind(value);
    }
    let text = query.fetch_one(pool).await?;
    Ok(text.split(',').filter_map(|id| id.parse().ok()).collect())
}

impl AccountIndex {
    pub async fn load(pool: &SqlitePool) -> Result<Self, CacheError> {
        let mut index = Self::default();
        // Every account's facts in one string (fields split by U+001F, rows by U+001E),
        // like `ids`: far cheaper than 100,000 rows through the driver.
        let facts: String = sqlx::query_scalar(
            "SELECT coalesce(group_concat(id || char(31) || status || char(31) || managed_by
                 || char(31) || two_step_enabled || char(31) || domain || char(31)
                 || coalesce(last_active, ''), char(30)), '')
             FROM accounts",
        )
        .fetch_one(pool)
        .await?;
        for row in facts.split('\u{1e}').filter(|row| !row.is_empty()) {
            let mut fields = row.split('\u{1f}');
            let (
                Some(id),
                Some(status),
                Some(managed_by),
                Some(two_step),
                Some(domain),
                Some(last),
            ) = (
                fields.next().and_then(|id| id.parse::<usize>().ok()),
                fields.next().and_then(AccountStatus::parse),
                fields.next().and_then(ManagedBy::parse),
                fields.next(),
                fields.next(),
                fields.next(),
            )
            else {
                continue;
            };
            if index.facts.len() <= id {
                index.facts.resize(id + 1, ABSENT);
            }
            index.facts[id] = Facts {
                present: true,
                status,
                managed_by,
                two_step_enabled: two_step == "1",
                product_count: 0,
                domain: index.domains.intern(domain),
                last_active: last.parse().ok(),
                products: 0,
            };
        }
        let access: String = sqlx::query_scalar(
            "SELECT coalesce(group_concat(account || char(31) || product, char(30)), '')
             FROM (SELECT DISTINCT account, product FROM product_access)",
        )
        .fetch_one(pool)
        .await?;
        for row in access.split('\u{1e}').filter(|row| !row.is_empty()) {
            let Some((account, product)) = row.split_once('\u{1f}') else {
                continue;
            };
            let bit = index.products.intern(product);
            if let Some(facts) = account
                .parse::<usize>()
                .ok()
                .and_then(|a| index.facts.get_mut(a))
            {
                facts.product_count = facts.product_count.saturating_add(1);
                if bit < 128 {
                    facts.products |= 1u128 << bit;
                }
            }
        }
        index.by_name = Arc::new(
            ids(
                pool,
                "SELECT id FROM accounts ORDER BY name COLLATE NOCASE, id",
                None,
            )
            .await?,
        );
        index.by_email = Arc::new(
            ids(
                pool,
                "SELECT id FROM accounts ORDER BY email COLLATE NOCASE, id",
                None,
            )
            .await?,
        );
        Ok(index)
    }

    /// The domains and products the accounts have, with how many accounts each: the
    /// choices of the list's domain and product filters, most common first.
    pub fn facets(&self) -> Facets {
        let mut domains = vec![0u32; self.domains.ids.len()];
        let mut products = vec![0u32; self.products.ids.len().min(128)];
        for facts in self.facts.iter().filter(|facts| facts.present) {
            if let Some(count) = domains.get_mut(facts.domain as usize) {
                *count += 1;
            }
            for (bit, count) in products.iter_mut().enumerate() {
                if facts.products & (1u128 << bit) != 0 {
                    *count += 1;
                }
            }
        }
        let ranked = |names: Vec<&str>, counts: Vec<u32>| {
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
        };
        Facets {
            domains: ranked(self.domains.names(), domains),
            products: ranked(self.products.names(), products),
        }
    }

    pub fn overview(&self, now: i64) -> Overview {
        let mut overview = Overview::default();
        let mut statuses = [0u32; AccountStatus::ALL.len()];
        let mut activity = [0u32; ACTIVITY_DAYS.len() + 2];
        for facts in self.facts.iter().filter(|facts| facts.present) {
            overview.accounts += 1;
            statuses[facts.status as usize] += 1;
            if facts.status == AccountStatus::Active {
                if facts.two_step_enabled {
                    overview.two_step_on += 1;
                } else {
                    overview.two_step_off += 1;
                }
            }
            let bucket = match facts.last_active {
                None => ACTIVITY_DAYS.len() + 1,
                Some(last) => {
                    let days = (now - last).max(0) / 86_400;
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
        // Ties keep the name order, both ways: a stable sort of the name order.
        let mut order = self.by_name.as_ref().clone();
        let facts = &self.facts;
        let key = |id: &u32| {
            let facts = facts.get(*id as usize).unwrap_or(&ABSENT);
            match column {
                SortColumn::Status => facts.status as i64,
                SortColumn::ProductCount => i64::from(facts.product_count),
                SortColumn::LastActive => facts.last_active.unwrap_or(i64::MIN),
                SortColumn::TwoStep => i64::from(facts.two_step_enabled),
                SortColumn::ManagedBy => facts.managed_by as i64,
                SortColumn::Name | SortColumn::Email => 0,
            }
        };
        order.sort_by(|a, b| {
            let ordering = key(a).cmp(&key(b));
            if descending {
                ordering.reverse()
            } else {
                ordering
            }
        });
        let order = Arc::new(order);
        self.derived
            .insert((column, descending), Arc::clone(&order));
        (order, false)
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
                .map(|days| now - i64::from(days) * 86_400),
        }
    }

    /// Walks the order, counting every match and keeping the ids in the window.
    /// `text_matches`, when given, holds the ids the search text matched.
    pub fn select(
        &mut self,
        filter: &AccountFilter,
        text_matches: Option<&[u32]>,
        sort: SortColumn,
        descending: bool,
        window: std::ops::Range<u32>,
        now: i64,
    ) -> (u32, Vec<u32>) {
        let resolved = self.resolve(filter, now);
        let (order, backwards) = self.order(sort, descending);
        let in_text = membership(text_matches, self.facts.len());
        let mut total = 0u32;
        let mut selected = Vec::with_capacity(window.len());
        let mut visit = |id: u32| {
            let facts = self.facts.get(id as usize).unwrap_or(&ABSENT);
            if in_text.as_ref().is_some_and(|set| !set.contains(id)) || !resolved.matches(facts) {
                return;
            }
            if window.contains(&total) {
                selected.push(id);
            }
            total += 1;
        };
        if backwards {
            order.iter().rev().copied().for_each(&mut visit);
        } else {
            order.iter().copied().for_each(&mut visit);
        }
        (total, selected)
    }
}

/// A set of ids as a bitmap, for membership tests in the walk.
struct Bitmap(Vec<u64>);

impl Bitmap {
    fn contains(&self, id: u32) -> bool {
        self.0
            .get(id as usize / 64)
            .is_some_and(|word| word & (1 << (id % 64)) != 0)
    }
}

fn membership(ids: Option<&[u32]>, capacity: usize) -> Option<Bitmap> {
    let ids = ids?;
    let mut words = vec![0u64; capacity.div_ceil(64)];
    for &id in ids {
        if let Some(word) = words.get_mut(id as usize / 64) {
            *word |= 1 << (id % 64);
        }
    }
    Some(Bitmap(words))
}
