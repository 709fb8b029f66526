//! The local cache: one SQLite database per connection, in the app's data folder. The UI
//! reads accounts only from here, so lists and search are instant and work offline.

mod accounts;
mod audit;
mod avatars;
mod details;
mod error;
mod export;
mod facts;
mod id_set;
mod index;
mod organization;
mod outbox;
mod overview;
mod query;
mod reviews;
mod search_text;
mod sync_state;
mod word_sets;

use std::path::Path;
use std::str::FromStr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

pub use accounts::{Account, AccountRecord, AccountStatus, Lifecycle, ManagedBy, ProductAccess};
pub use audit::{AuditEntry, AuditQuery, ChangeResult, NewAuditEntry};
pub use avatars::CachedPhoto;
pub use details::{
    AccountDetails, AccountToken, DetailsUpdate, DeviceKind, ProductRow, RecentDevice, Section,
    SessionState, SiteRoles, TwoStepState,
};
pub use error::CacheError;
pub use export::{ExportReport, write_csv};
pub(crate) use export::{date, write_line};
pub use organization::{Experience, OrgDomain, Organization};
pub use outbox::{NewPendingChange, Outgoing, PendingChange, PendingState, Settled};
pub use overview::{ActivityBucket, Overview, StatusCount};
pub use query::{AccountFilter, AccountPage, AccountQuery, Facet, Facets, MAX_LIMIT, SortColumn};
pub use reviews::ReviewChange;
pub use search_text::SearchText;
pub use sync_state::SyncState;

use index::AccountIndex;
use word_sets::WordSets;

pub struct Cache {
    pool: SqlitePool,
    /// None until first needed, and again after a write: rebuilt from the database.
    index: Mutex<Option<AccountIndex>>,
    /// Held while the index loads: the list, its count and the filters all ask at once at
    /// launch, and each would otherwise load (and hold in memory) an index of its own.
    loading: tokio::sync::Mutex<()>,
    /// The ids the last words and texts searched matched. Typing, scrolling, sorting and
    /// filtering ask again with the same words; they should not pay for FTS5 again.
    word_sets: WordSets,
    /// Who may send the outbox or queue a review now: shared by every `Cache` open on the
    /// same file (switching connections away and back opens another).
    turns: Turns,
    /// Counts writes, so a search that raced a write does not keep its stale answer.
    writes: AtomicU64,
}

/// The locks of one cache file, the same for every `Cache` open on it.
#[derive(Clone, Default)]
struct Turns {
    outbox: std::sync::Arc<tokio::sync::Mutex<()>>,
    review: std::sync::Arc<tokio::sync::Mutex<()>>,
}

impl Turns {
    fn of(path: &Path) -> Self {
        static BY_FILE: Mutex<Option<std::collections::HashMap<std::path::PathBuf, Turns>>> =
            Mutex::new(None);
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let mut files = BY_FILE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        files
            .get_or_insert_with(Default::default)
            .entry(key)
            .or_default()
            .clone()
    }
}

/// Where a connection's cache lives in the app's data folder.
pub fn path_for(data_dir: &Path, connection: &str) -> std::path::PathBuf {
    data_dir
        .join("connections")
        .join(connection)
        .join("cache.sqlite")
}

impl Cache {
    /// Opens (creating if needed) the cache at `path` and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Self, CacheError> {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Self {
            pool,
            index: Mutex::new(None),
            loading: tokio::sync::Mutex::new(()),
            word_sets: WordSets::default(),
            writes: AtomicU64::new(0),
            turns: Turns::of(path),
        })
    }

    pub async fn sync_state(&self, org: &str) -> Result<SyncState, CacheError> {
        sync_state::read(&self.pool, org).await
    }

    /// Ends a full sync that started at `started_at` (Unix ms): accounts it did not
    /// refresh are removed. Returns how many were.
    pub async fn finish_full_sync(
        &self,
        org: &str,
        started_at: i64,
        finished_at: i64,
    ) -> Result<u64, CacheError> {
        let removed = sync_state::finish_full(&self.pool, org, started_at, finished_at).await?;
        if removed > 0 {
            self.invalidate_index();
        }
        Ok(removed)
    }

    pub async fn record_sync_failure(
        &self,
        org: &str,
        at: i64,
        error: &str,
        code: crate::ErrorCode,
    ) -> Result<(), CacheError> {
        sync_state::record_failure(&self.pool, org, at, error, code).await
    }

    /// Ends an incremental sync that started at `started_at` (Unix ms).
    pub async fn finish_incremental_sync(
        &self,
        org: &str,
        started_at: i64,
        finished_at: i64,
    ) -> Result<(), CacheError> {
        sync_state::finish_incremental(&self.pool, org, started_at, finished_at).await
    }

    /// Removes accounts the directory no longer manages. Returns how many were cached.
    pub async fn remove_accounts(&self, account_ids: &[String]) -> Result<u64, CacheError> {
        if account_ids.is_empty() {
            return Ok(0);
        }
        let mut sql = QueryBuilder::<Sqlite>::new("DELETE FROM accounts WHERE account_id IN (");
        let mut list = sql.separated(", ");
        for id in account_ids {
            list.push_bind(id);
        }
        sql.push(")");
        let removed = sql.build().execute(&self.pool).await?.rows_affected();
        if removed > 0 {
            self.invalidate_index();
        }
        Ok(removed)
    }

    /// Stores accounts as a sync delivers them, all or none. `refreshed_at` is Unix ms.
    pub async fn store_accounts(
        &self,
        records: &[AccountRecord],
        refreshed_at: i64,
    ) -> Result<(), CacheError> {
        let mut tx = self.pool.begin().await?;
        accounts::upsert(&mut tx, records, refreshed_at).await?;
        tx.commit().await?;
        self.invalidate_index();
        Ok(())
    }

    pub async fn account_count(&self) -> Result<u32, CacheError> {
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM accounts")
            .fetch_one(&self.pool)
            .await?;
        Ok(count as u32)
    }

    /// The accounts matching a query, in its order, within its window, with the total.
    pub async fn search(&self, query: &AccountQuery, now: i64) -> Result<AccountPage, CacheError> {
        let limit = query.limit.min(MAX_LIMIT);
        let window = query.offset..query.offset.saturating_add(limit);
        let (total, ids) = self.select(query, window, now).await?;
        let accounts = self.accounts_by_id(&ids).await?;
        Ok(AccountPage {
            total,
            offset: query.offset,
            accounts,
        })
    }

    /// The account ids of every match of a query's search and filters, in its order,
    /// from its offset on (a limit of 0 means all): what "select all matching" selects.
    pub async fn matching_account_ids(
        &self,
        query: &AccountQuery,
        now: i64,
    ) -> Result<Vec<String>, CacheError> {
        let end = match query.limit {
            0 => u32::MAX,
            limit => query.offset.saturating_add(limit),
        };
        let (_, ids) = self.select(query, query.offset..end, now).await?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut by_id: std::collections::HashMap<i64, String> =
            sqlx::query_as::<_, (i64, String)>("SELECT id, account_id FROM accounts")
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .collect();
        Ok(ids
            .iter()
            .filter_map(|id| by_id.remove(&i64::from(*id)))
            .collect())
    }

    /// The total and the ids of one window of a query's matches.
    async fn select(
        &self,
        query: &AccountQuery,
        window: std::ops::Range<u32>,
        now: i64,
    ) -> Result<(u32, Vec<u32>), CacheError> {
        let text_matches = match SearchText::parse(&query.text) {
            SearchText::Everything => None,
            SearchText::Nothing => return Ok((0, Vec::new())),
            SearchText::Match(words) => Some(
                self.word_sets
                    .matches(&self.pool, &words, &self.writes)
                    .await?,
            ),
        };
        self.ensure_index().await?;
        let mut guard = lock(&self.index);
        let Some(index) = guard.as_mut() else {
            return Ok((0, Vec::new()));
        };
        Ok(index.select(
            &query.filter,
            text_matches.as_deref(),
            query.sort,
            query.descending,
            window,
            now,
        ))
    }

    /// The organization at a glance, from every cached account.
    pub async fn overview(&self, now: i64) -> Result<Overview, CacheError> {
        self.ensure_index().await?;
        Ok(lock(&self.index)
            .as_ref()
            .map(|index| index.overview(now))
            .unwrap_or_default())
    }

    /// The choices for the domain and product filters, from every cached account.
    pub async fn facets(&self) -> Result<Facets, CacheError> {
        self.ensure_index().await?;
        Ok(lock(&self.index)
            .as_ref()
            .map(AccountIndex::facets)
            .unwrap_or_default())
    }

    /// What the in-memory index and the kept word sets hold, in bytes: nothing before the
    /// first search or after a write. For the benchmark and diagnostics.
    pub fn memory_bytes(&self) -> usize {
        let index = lock(&self.index)
            .as_ref()
            .map_or(0, AccountIndex::heap_bytes);
        index + self.word_sets.heap_bytes()
    }

    fn invalidate_index(&self) {
        self.writes.fetch_add(1, Ordering::SeqCst);
        *lock(&self.index) = None;
        self.word_sets.clear();
    }

    /// Loads the in-memory index now, so that the first search finds it ready (the app
    /// calls it at launch, while the window opens).
    pub async fn prepare(&self) -> Result<(), CacheError> {
        self.ensure_index().await
    }

    async fn ensure_index(&self) -> Result<(), CacheError> {
        if lock(&self.index).is_some() {
            return Ok(());
        }
        let _loading = self.loading.lock().await;
        // A write that lands during a load may be missing from it: load again. During a
        // sync writes keep coming, and each one invalidates again, so a few tries do.
        for _ in 0..3 {
            if lock(&self.index).is_some() {
                return Ok(());
            }
            let writes = self.writes.load(Ordering::SeqCst);
            let index = AccountIndex::load(&self.pool).await?;
            let mut slot = lock(&self.index);
            *slot = Some(index);
            if self.writes.load(Ordering::SeqCst) == writes {
                return Ok(());
            }
            *slot = None;
        }
        let index = AccountIndex::load(&self.pool).await?;
        *lock(&self.index) = Some(index);
        Ok(())
    }

    /// Full rows for ids, in the order given.
    async fn accounts_by_id(&self, ids: &[u32]) -> Result<Vec<Account>, CacheError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = QueryBuilder::<Sqlite>::new(ACCOUNT_COLUMNS);
        sql.push(" WHERE a.id IN (");
        let mut list = sql.separated(", ");
        for id in ids {
            list.push_bind(i64::from(*id));
        }
        sql.push(")");
        let rows: Vec<AccountRow> = sql.build_query_as().fetch_all(&self.pool).await?;
        let mut by_id: std::collections::HashMap<i64, Account> =
            rows.into_iter().map(|row| (row.id, row.into())).collect();
        Ok(ids
            .iter()
            .filter_map(|id| by_id.remove(&i64::from(*id)))
            .collect())
    }
}

/// The data behind these locks is rebuilt, never half-written, so a panic elsewhere
/// leaves nothing to distrust: take the lock back.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

const ACCOUNT_COLUMNS: &str =
    "SELECT a.id, a.account_id, a.name, a.public_name, a.email, a.job_title,
    a.department, a.organization, a.location, a.time_zone, a.locale, a.status, a.managed_by,
    a.two_step_enabled, a.last_active, a.added_to_org,
    (SELECT count(DISTINCT product) FROM product_access p WHERE p.account = a.id) AS product_count
    FROM accounts a";

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    account_id: String,
    name: String,
    public_name: Option<String>,
    email: String,
    job_title: Option<String>,
    department: Option<String>,
    organization: Option<String>,
    location: Option<String>,
    time_zone: Option<String>,
    locale: Option<String>,
    status: String,
    managed_by: String,
    two_step_enabled: bool,
    last_active: Option<i64>,
    added_to_org: Option<i64>,
    product_count: i64,
}

impl From<AccountRow> for Account {
    fn from(row: AccountRow) -> Self {
        Self {
            account_id: row.account_id,
            name: row.name,
            public_name: row.public_name,
            email: row.email,
            job_title: row.job_title,
            department: row.department,
            organization: row.organization,
            location: row.location,
            time_zone: row.time_zone,
            locale: row.locale,
            // The schema's CHECK constraints admit only known values.
            status: AccountStatus::parse(&row.status).unwrap_or(AccountStatus::Active),
            managed_by: ManagedBy::parse(&row.managed_by).unwrap_or(ManagedBy::Unknown),
            two_step_enabled: row.two_step_enabled,
            product_count: row.product_count as u32,
            last_active: row.last_active,
            added_to_org: row.added_to_org,
        }
    }
}
