//! The demo organization: deterministic (a fixed RNG seed gives the same ids, names and
//! statuses every time; dates are relative to the seeding time) and realistic, from a
//! dozen accounts to a million. Written in one transaction with multi-row inserts.

mod generate;
mod insert;
mod names;
mod showcase;

use chrono::{DateTime, Utc};
use sqlx::{Connection, SqliteConnection, SqlitePool};

use crate::clock;
use crate::config::{Experience, SeedConfig};
use generate::generate;
use insert::{insert_batch, seed_events};
pub use showcase::{SHOWCASE_ACCOUNTS, Showcase};

const RNG_SEED: u64 = 0x0C57_0D1A;
/// Rows per INSERT statement: well under SQLite's 32,766 bound parameters.
const CHUNK: usize = 500;
/// Accounts per transaction (a multiple of CHUNK).
const ACCOUNTS_PER_COMMIT: i64 = 100_000;

/// What a seeded database holds, for tests and the demo to find their way around.
#[derive(Debug, Clone)]
pub struct SeedReport {
    pub org_id: String,
    pub directory_ids: Vec<String>,
    /// Domain ids, by name.
    pub domains: Vec<(String, String)>,
    /// Product resource ids (workspace ARIs).
    pub products: Vec<String>,
    pub accounts: Showcase,
}

struct DomainSeed {
    name: &'static str,
    claim_type: &'static str,
    verified: bool,
}

const DOMAINS: [DomainSeed; 5] = [
    DomainSeed {
        name: "northwind.example",
        claim_type: "dns",
        verified: true,
    },
    DomainSeed {
        name: "northwind-labs.example",
        claim_type: "http",
        verified: true,
    },
    DomainSeed {
        name: "nw-services.example",
        claim_type: "dns",
        verified: true,
    },
    DomainSeed {
        name: "fabrikam.example",
        claim_type: "dns",
        verified: false,
    },
    DomainSeed {
        name: "tailspin.example",
        claim_type: "http",
        verified: false,
    },
];

/// Index into DOMAINS of the verified domain whose accounts are not claimed yet.
const UNCLAIMED_VERIFIED: usize = 2;

const PRODUCTS: [(&str, &str, &str); 4] = [
    ("jira-software", "Jira", "https://northwind.atlassian.net"),
    (
        "confluence",
        "Confluence",
        "https://northwind.atlassian.net",
    ),
    (
        "jira-servicedesk",
        "Jira Service Management",
        "https://northwind-support.atlassian.net",
    ),
    ("bitbucket", "Bitbucket", "https://bitbucket.org/northwind"),
];

pub(crate) fn uuid(rng: &mut fastrand::Rng) -> String {
    let bytes: [u8; 16] = std::array::from_fn(|_| rng.u8(..));
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// Seeds an empty database; leaves a seeded one as it is. Either way, says what is in it.
pub async fn ensure(pool: &SqlitePool, config: &SeedConfig) -> Result<SeedReport, sqlx::Error> {
    let seeded: Option<String> = sqlx::query_scalar("SELECT org_id FROM orgs LIMIT 1")
        .fetch_optional(pool)
        .await?;
    if seeded.is_none() {
        let mut connection = pool.acquire().await?;
        // A cache large enough for the indexes being built: with SQLite's default 2 MB,
        // dirty pages spill to the WAL and are written over and over.
        sqlx::query("PRAGMA cache_size = -262144")
            .execute(&mut *connection)
            .await?;
        write(&mut connection, config, clock::now()).await?;
        sqlx::query("PRAGMA cache_size = -2000")
            .execute(&mut *connection)
            .await?;
    }
    let complete: Option<String> = sqlx::query_scalar("SELECT completed_at FROM seed_complete")
        .fetch_optional(pool)
        .await?;
    if complete.is_none() {
        return Err(sqlx::Error::Protocol(
            "the database holds a seed that was cut short; remove it and start again".into(),
        ));
    }
    report(pool).await
}

async fn report(pool: &SqlitePool) -> Result<SeedReport, sqlx::Error> {
    let org_id: String = sqlx::query_scalar("SELECT org_id FROM orgs LIMIT 1")
        .fetch_one(pool)
        .await?;
    let directory_ids =
        sqlx::query_scalar("SELECT directory_id FROM directories ORDER BY position")
            .fetch_all(pool)
            .await?;
    let domains = sqlx::query_as("SELECT name, domain_id FROM domains ORDER BY position")
        .fetch_all(pool)
        .await?;
    let products = sqlx::query_scalar("SELECT resource_id FROM products ORDER BY rowid")
        .fetch_all(pool)
        .await?;
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT account_id FROM accounts WHERE seq <= ? ORDER BY seq")
            .bind(SHOWCASE_ACCOUNTS as i64)
            .fetch_all(pool)
            .await?;
    let accounts = Showcase::from_ids(&ids).ok_or_else(|| {
        sqlx::Error::Protocol("the database was seeded by an incompatible version".into())
    })?;
    Ok(SeedReport {
        org_id,
        directory_ids,
        domains,
        products,
        accounts,
    })
}
/// Writes the seed in transactions of `ACCOUNTS_PER_COMMIT` accounts: one transaction for
/// a million accounts grows the WAL to gigabytes and slows every write down.
async fn write(
    connection: &mut SqliteConnection,
    config: &SeedConfig,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = connection.begin().await?;
    let mut rng = fastrand::Rng::with_seed(RNG_SEED);
    let org_id = uuid(&mut rng);
    sqlx::query("INSERT INTO orgs (org_id, name, plan, two_step_enforced, experience) VALUES (?, ?, ?, ?, ?)")
        .bind(&org_id)
        .bind("Northwind")
        .bind(config.plan.as_str())
        .bind(config.two_step_enforced)
        .bind(config.experience.as_str())
        .execute(&mut *tx)
        .await?;

    let directory_names: &[&str] = match config.experience {
        Experience::Centralized => &["Northwind"],
        Experience::Original => &[
            "northwind.atlassian.net",
            "northwind-support.atlassian.net",
            "Bitbucket",
        ],
    };
    let mut directories = Vec::new();
    for (position, name) in directory_names.iter().enumerate() {
        let id = uuid(&mut rng);
        sqlx::query(
            "INSERT INTO directories (directory_id, org_id, name, position) VALUES (?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(&org_id)
        .bind(name)
        .bind(position as i64)
        .execute(&mut *tx)
        .await?;
        directories.push(id);
    }

    for (position, domain) in DOMAINS.iter().enumerate() {
        sqlx::query("INSERT INTO domains (domain_id, org_id, name, claim_type, status, position) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(uuid(&mut rng))
            .bind(&org_id)
            .bind(domain.name)
            .bind(domain.claim_type)
            .bind(if domain.verified { "verified" } else { "unverified" })
            .bind(position as i64)
            .execute(&mut *tx)
            .await?;
    }

    let mut products = Vec::new();
    for (key, name, site) in PRODUCTS {
        let resource_id = format!("ari:cloud:{key}::site/{}", uuid(&mut rng));
        sqlx::query("INSERT INTO products (resource_id, org_id, product_key, name, site_url) VALUES (?, ?, ?, ?, ?)")
            .bind(&resource_id)
            .bind(&org_id)
            .bind(key)
            .bind(name)
            .bind(site)
            .execute(&mut *tx)
            .await?;
        products.push(resource_id);
    }

    let total = u64::from(config.accounts).max(SHOWCASE_ACCOUNTS as u64) as i64;
    let mut used_emails = std::collections::HashSet::new();
    let mut batch = Vec::with_capacity(CHUNK);
    let mut admin = None;
    for seq in 1..=total {
        let mut account = generate(&mut rng, seq, &directories, &mut used_emails, now);
        showcase::shape(&mut account, seq, now);
        if seq == 1 {
            admin = Some((
                account.account_id.clone(),
                account.name.clone(),
                account.email.clone(),
            ));
        }
        batch.push(account);
        if batch.len() == CHUNK {
            insert_batch(&mut tx, &org_id, &batch, &products, &mut rng, now).await?;
            batch.clear();
            if seq % ACCOUNTS_PER_COMMIT == 0 {
                tx.commit().await?;
                tx = connection.begin().await?;
            }
        }
    }
    if !batch.is_empty() {
        insert_batch(&mut tx, &org_id, &batch, &products, &mut rng, now).await?;
    }
    if let Some((id, name, email)) = admin {
        seed_events(&mut tx, &org_id, (&id, &name, &email), total, &mut rng, now).await?;
    }
    sqlx::query("INSERT INTO seed_complete (completed_at) VALUES (?)")
        .bind(clock::format(now))
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}
