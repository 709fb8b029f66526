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
    use crate::cache::search_text::SearchText;
    use crate::cache::{Account, AccountRecord, AccountStatus, Cache, ManagedBy};

    const NAMES: &[(&str, &str)] = &[
        ("Alice Smith", "alice.smith@acme.com"),
        ("alice Cooper", "cooper@other.org"),
        ("José Álvarez", "jose@acme.es"),
        ("山田 太郎", "taro@acme.jp"),
        ("Ελένη Παπαδοπούλου", "eleni@acme.gr"),
        ("राम शर्मा", "ram@acme.in"),
        ("Oren \"OR\" Near", "near@acme.com"),
        ("Noor NEAR(Sanchez)", "noor-sanchez@acme.com"),
        ("Zoë 🙂 Smile*", "zoe@acme.com"),
        ("Mary-Ann O'Brien", "mary-ann.obrien@acme.co.uk"),
    ];

    async fn cache() -> (tempfile::TempDir, Cache) {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
        let records: Vec<AccountRecord> = NAMES
            .iter()
            .enumerate()
            .map(|(n, (name, email))| AccountRecord {
                account: Account {
                    account_id: format!("id{n}"),
                    name: (*name).into(),
                    public_name: None,
                    email: (*email).into(),
                    job_title: (n % 2 == 0).then(|| "OR manager".into()),
                    department: None,
                    organization: None,
                    location: None,
                    time_zone: None,
                    locale: None,
                    status: AccountStatus::Active,
                    managed_by: ManagedBy::Invited,
                    two_step_enabled: true,
                    product_count: 0,
                    last_active: None,
                    added_to_org: None,
                },
                products: Vec::new(),
                lifecycle: Default::default(),
            })
            .collect();
        cache.store_accounts(&records, 0).await.unwrap();
        (dir, cache)
    }

    /// Kept word sets answer exactly what FTS5 answers for the whole text at once, hostile
    /// text included, whether the words are asked for the first time or kept.
    #[tokio::test]
    async fn kept_words_answer_what_fts5_answers_for_the_whole_text() {
        let (_dir, cache) = cache().await;
        let texts = [
            "a",
            "al",
            "ali smi",
            "smi ali",
            "alice alice",
            "a c",
            "acme co",
            "acme.co",
            "@acme",
            "jose",
            "álv",
            "ALVAREZ",
            "山田",
            "ελ",
            "ελένη παπ",
            "OR",
            "a OR b",
            "or manager",
            "NEAR(a b)",
            "near(",
            "\"OR\"",
            "\"unterminated",
            "a*",
            "smile*",
            "-x",
            "^al",
            "name:alice",
            "🙂",
            "zoë 🙂",
            "o'brien",
            "mary-ann",
            "ा",
            "ा alice",
            "alice ा",
            "zzqx alice",
            "alice zzqx",
            "र",
            "राम",
            "r राम",
            "\u{0}",
            "a\u{0}b",
        ];
        let kept = WordSets::default();
        let writes = AtomicU64::new(0);
        for round in 0..2 {
            for text in texts {
                let SearchText::Match(words) = SearchText::parse(text) else {
                    continue;
                };
                let mine = kept.matches(&cache.pool, &words, &writes).await;
                let fts5 = fts(&cache.pool, &search_text::all_of(&words)).await;
                match (mine, fts5) {
                    (Ok(mine), Ok(fts5)) => {
                        assert_eq!(mine, fts5, "{text:?} in round {round}")
                    }
                    (Err(_), Err(_)) => {}
                    (mine, fts5) => panic!("{text:?}: {mine:?} but FTS5 {fts5:?}"),
                }
            }
        }
        assert!(kept.heap_bytes() > 0);
    }

    #[tokio::test]
    async fn nothing_read_while_a_write_landed_is_kept() {
        let (_dir, cache) = cache().await;
        let kept = WordSets::default();
        let writes = AtomicU64::new(0);
        let words = vec![r#""alice"*"#.to_owned()];
        kept.matches(&cache.pool, &words, &writes).await.unwrap();
        assert!(lock(&kept.kept).get(&words[0]).is_some());
        kept.clear();
        assert!(lock(&kept.kept).get(&words[0]).is_none());
        // A write lands between reading and keeping: `keep` sees the count moved.
        let before = writes.load(Ordering::SeqCst);
        writes.fetch_add(1, Ordering::SeqCst);
        kept.keep(words[0].clone(), &Arc::default(), &writes, before);
        assert!(lock(&kept.kept).get(&words[0]).is_none());
    }

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
