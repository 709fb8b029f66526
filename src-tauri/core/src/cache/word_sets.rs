//! The ids each searched word matched, kept until the cache is next written.
//!
//! FTS5 hands matches over one row at a time (about 70 ns each), so a broad word (`a`
//! matches most accounts) costs 7 ms at 100,000 accounts and ten times that at 1,000,000.
//! An admin types word by word and goes back and forth between searches: each word is asked
//! of FTS5 once, on its own, and kept; a search of several words intersects the kept sets.
//! The AND of FTS5 prefix words is exactly the intersection of what each word matches alone,
//! except that FTS5 drops a word with no token in it (`"ː"*`): when a word matched nothing,
//! the whole text goes to FTS5 instead, so the answer is always FTS5's own.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use sqlx::SqlitePool;

use super::id_set::IdSet;
use super::{CacheError, index, lock, search_text};

/// How many words (and whole texts) are kept: with a set costing at most 1/8 byte per
/// account, 64 of them stay under 8 bytes per account.
const CAPACITY: usize = 64;

#[derive(Debug, Default)]
pub(super) struct WordSets {
    kept: Mutex<Kept>,
}

#[derive(Debug, Default)]
struct Kept {
    sets: HashMap<String, (Arc<IdSet>, u64)>,
    /// Counts uses, so the least recently used set goes first.
    clock: u64,
}

impl Kept {
    fn get(&mut self, expr: &str) -> Option<Arc<IdSet>> {
        self.clock += 1;
        let (ids, used) = self.sets.get_mut(expr)?;
        *used = self.clock;
        Some(Arc::clone(ids))
    }

    fn insert(&mut self, expr: String, ids: Arc<IdSet>) {
        if self.sets.len() >= CAPACITY
            && !self.sets.contains_key(&expr)
            && let Some(oldest) = self
                .sets
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(expr, _)| expr.clone())
        {
            self.sets.remove(&oldest);
        }
        self.clock += 1;
        self.sets.insert(expr, (ids, self.clock));
    }
}

impl WordSets {
    /// The ids of the accounts that match every word (each an FTS5 prefix expression).
    /// `writes` counts the cache's writes: what was read while one landed is not kept.
    pub async fn matches(
        &self,
        pool: &SqlitePool,
        words: &[String],
        writes: &AtomicU64,
    ) -> Result<Arc<IdSet>, CacheError> {
        let text = search_text::all_of(words);
        if let Some(ids) = lock(&self.kept).get(&text) {
            return Ok(ids);
        }
        let before = writes.load(Ordering::SeqCst);
        let mut sets = Vec::with_capacity(words.len());
        for (at, word) in words.iter().enumerate() {
            if words[..at].contains(word) {
                continue;
            }
            let kept = lock(&self.kept).get(word);
            let ids = match kept {
                Some(ids) => ids,
                None => {
                    let ids = fts(pool, word).await?;
                    self.keep(word.clone(), &ids, writes, before);
                    ids
                }
            };
            sets.push(ids);
        }
        sets.sort_by_key(|ids| ids.len());
        let ids = match sets.as_slice() {
            [one] => Arc::clone(one),
            [first, ..] if first.is_empty() => fts(pool, &text).await?,
            [first, rest @ ..] => Arc::new(
                rest.iter()
                    .fold(first.as_ref().clone(), |both, ids| both.intersection(ids)),
            ),
            [] => Arc::default(),
        };
        self.keep(text, &ids, writes, before);
        Ok(ids)
    }

    /// Forgets every set: the cache was written.
    pub fn clear(&self) {
        *lock(&self.kept) = Kept::default();
    }

    pub fn heap_bytes(&self) -> usize {
        lock(&self.kept)
            .sets
            .iter()
            .map(|(expr, (ids, _))| expr.capacity() + ids.heap_bytes())
            .sum()
    }

    fn keep(&self, expr: String, ids: &Arc<IdSet>, writes: &AtomicU64, before: u64) {
        let mut kept = lock(&self.kept);
        // Checked under the lock: a write counts before it clears, so a set read before a
        // write is either refused here or cleared after.
        if writes.load(Ordering::SeqCst) == before {
            kept.insert(expr, Arc::clone(ids));
        }
    }
}

async fn fts(pool: &SqlitePool, expr: &str) -> Result<Arc<IdSet>, CacheError> {
    let sql = "SELECT rowid AS id FROM accounts_search WHERE accounts_search MATCH ?";
    Ok(Arc::new(IdSet::from_ids(
        index::ids(pool, sql, Some(expr)).await?,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_recently_used_set_goes_first() {
        let mut kept = Kept::default();
        for n in 0..CAPACITY {
            kept.insert(format!("w{n}"), Arc::default());
        }
        assert!(kept.get("w0").is_some());
        kept.insert("new".into(), Arc::default());
        assert_eq!(kept.sets.len(), CAPACITY);
        assert!(kept.get("w0").is_some(), "w0 was used most recently");
        assert!(kept.get("w1").is_none(), "w1 was the least recently used");
        assert!(kept.get("new").is_some());
    }
}
