//! An in-memory index of the facts the account list filters and sorts on.
//!
//! SQLite answers "which accounts match this text" (FTS5, through `WordSets`) and holds every
//! field; this index answers "through which filters, how many, in which order" for 100,000
//! or 1,000,000 accounts in a few milliseconds. The filters narrow a bitmap of the accounts,
//! which then counts the matches at once, and a precomputed order is walked only as far as
//! the window the list shows. The index is rebuilt from the database after every write.

mod select;
mod summary;

use std::collections::HashMap;
use std::sync::Arc;

use sqlx::SqlitePool;

use super::CacheError;
use super::accounts::{AccountStatus, ManagedBy};
use super::facts::{ABSENT, Facts, NEVER_ACTIVE};
use super::id_set::Bitmap;
use super::query::SortColumn;

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

    fn heap_bytes(&self) -> usize {
        self.ids
            .keys()
            .map(|name| name.capacity() + size_of::<(String, u32)>())
            .sum()
    }
}

#[derive(Debug, Default)]
pub struct AccountIndex {
    /// Indexed by account id (the table's integer key); `ABSENT` where no account has the id.
    facts: Vec<Facts>,
    /// The ids accounts have.
    accounts: Bitmap,
    domains: Interner,
    products: Interner,
    /// The accounts with access to each product, by the product's interned id.
    with_product: Vec<Bitmap>,
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
    let mut ids: Vec<u32> = text.split(',').filter_map(|id| id.parse().ok()).collect();
    ids.shrink_to_fit();
    Ok(ids)
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
                fields.next().and_then(|id| id.parse::<u32>().ok()),
                fields.next().and_then(AccountStatus::parse),
                fields.next().and_then(ManagedBy::parse),
                fields.next(),
                fields.next(),
                fields.next(),
            )
            else {
                continue;
            };
            let at = id as usize;
            if index.facts.len() <= at {
                index.facts.resize(at + 1, ABSENT);
            }
            index.facts[at] = Facts {
                last_active: last.parse().unwrap_or(NEVER_ACTIVE),
                domain: index.domains.intern(domain),
                product_count: 0,
                status,
                managed_by,
                two_step_enabled: two_step == "1",
            };
            index.accounts.insert(id);
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
            let Some(id) = account
                .parse::<u32>()
                .ok()
                .filter(|id| index.accounts.contains(*id))
            else {
                continue;
            };
            let product = index.products.intern(product) as usize;
            if index.with_product.len() <= product {
                index
                    .with_product
                    .resize_with(product + 1, || Bitmap::with_capacity(index.facts.len()));
            }
            index.with_product[product].insert(id);
            let facts = &mut index.facts[id as usize];
            facts.product_count = facts.product_count.saturating_add(1);
        }
        index.facts.shrink_to_fit();
        index.accounts.shrink_to_fit();
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

    /// What the index holds, in bytes (the orders derived so far included).
    pub fn heap_bytes(&self) -> usize {
        let order = |ids: &Vec<u32>| ids.capacity() * size_of::<u32>();
        self.facts.capacity() * size_of::<Facts>()
            + self.accounts.heap_bytes()
            + self.domains.heap_bytes()
            + self.products.heap_bytes()
            + self
                .with_product
                .iter()
                .map(Bitmap::heap_bytes)
                .sum::<usize>()
            + order(&self.by_name)
            + order(&self.by_email)
            + self.derived.values().map(|ids| order(ids)).sum::<usize>()
    }

    fn facts(&self, id: u32) -> &Facts {
        self.facts.get(id as usize).unwrap_or(&ABSENT)
    }
}
