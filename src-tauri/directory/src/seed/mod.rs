//! The demo organization: deterministic (a fixed RNG seed gives the same ids, names and
//! statuses every time; dates are relative to the seeding time) and realistic, from a
//! dozen accounts to a million. Written in one transaction with multi-row inserts.

mod names;
mod showcase;

use chrono::{DateTime, Duration, Utc};
use sqlx::{Acquire, QueryBuilder, Sqlite, SqlitePool, Transaction};

use crate::clock;
use crate::config::{Experience, SeedConfig};
use names::{CULTURES, DEPARTMENTS, DEVICE_NAMES, JOB_TITLES, ORGANIZATIONS, TOKEN_LABELS};
pub use showcase::{SHOWCASE_ACCOUNTS, Showcase};

const RNG_SEED: u64 = 0x0C57_0D1A;
/// Rows per INSERT statement: well under SQLite's 32,766 bound parameters.
const CHUNK: usize = 500;

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
        let mut tx = connection.begin().await?;
        write(&mut tx, config, clock::now()).await?;
        tx.commit().await?;
        sqlx::query("PRAGMA cache_size = -2000")
            .execute(&mut *connection)
            .await?;
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

/// One account as generated, before it is written.
struct AccountSeed {
    seq: i64,
    account_id: String,
    directory_id: String,
    name: String,
    nickname: String,
    email: String,
    domain: &'static str,
    job_title: Option<&'static str>,
    department: Option<&'static str>,
    organization: Option<&'static str>,
    location: Option<&'static str>,
    zoneinfo: &'static str,
    locale: &'static str,
    account_status: &'static str,
    membership_status: &'static str,
    claim_status: &'static str,
    management_source: &'static str,
    external_directory: Option<&'static str>,
    mfa_enabled: bool,
    export_blocked: bool,
    is_org_admin: bool,
    added_to_org: String,
    deactivated_on: Option<String>,
    deletion_due: Option<String>,
    last_active: Option<String>,
}

async fn write(
    tx: &mut Transaction<'_, Sqlite>,
    config: &SeedConfig,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut rng = fastrand::Rng::with_seed(RNG_SEED);
    let org_id = uuid(&mut rng);
    sqlx::query("INSERT INTO orgs (org_id, name, plan, two_step_enforced, experience) VALUES (?, ?, ?, ?, ?)")
        .bind(&org_id)
        .bind("Northwind")
        .bind(config.plan.as_str())
        .bind(config.two_step_enforced)
        .bind(config.experience.as_str())
        .execute(&mut **tx)
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
        .execute(&mut **tx)
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
            .execute(&mut **tx)
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
            .execute(&mut **tx)
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
            insert_batch(tx, &org_id, &batch, &products, &mut rng, now).await?;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        insert_batch(tx, &org_id, &batch, &products, &mut rng, now).await?;
    }
    if let Some((id, name, email)) = admin {
        seed_events(tx, &org_id, (&id, &name, &email), total, &mut rng, now).await?;
    }
    Ok(())
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

fn days_ago(now: DateTime<Utc>, rng: &mut fastrand::Rng, max_days: i64) -> String {
    clock::format(now - Duration::minutes(rng.i64(60..max_days.max(1) * 24 * 60 + 60)))
}

fn generate(
    rng: &mut fastrand::Rng,
    seq: i64,
    directories: &[String],
    used_emails: &mut std::collections::HashSet<String>,
    now: DateTime<Utc>,
) -> AccountSeed {
    let culture = pick(rng, CULTURES);
    let (given, given_latin) = *pick(rng, culture.given);
    let (family, family_latin) = *pick(rng, culture.family);
    let name = if culture.family_first {
        // Han and Hangul names are written without a space.
        let joiner = if given.is_ascii() { " " } else { "" };
        format!("{family}{joiner}{given}")
    } else {
        format!("{given} {family}")
    };
    let (place, zoneinfo) = *pick(rng, culture.places);

    let roll = rng.u32(..100);
    let domain_index = showcase::domain_for(seq).unwrap_or(match roll {
        0..=69 => 0,
        70..=81 => 1,
        82..=89 => UNCLAIMED_VERIFIED,
        90..=95 => 3,
        _ => 4,
    });
    let domain = DOMAINS[domain_index].name;
    let mut local = format!("{given_latin}.{family_latin}");
    if !used_emails.insert(format!("{local}@{domain}")) {
        local = format!("{given_latin}.{family_latin}{seq}");
        used_emails.insert(format!("{local}@{domain}"));
    }
    let managed = DOMAINS[domain_index].verified && domain_index != UNCLAIMED_VERIFIED;

    let (account_status, membership_status, deactivated, deletion_due) = match rng.u32(..100) {
        0..=84 => ("active", "active", false, None),
        85..=87 => ("active", "suspended", false, None),
        88..=89 => ("active", "no_membership", false, None),
        90..=95 => ("inactive", "active", true, None),
        96..=97 => (
            "inactive",
            "active",
            true,
            Some(clock::format(now + Duration::days(rng.i64(1..14)))),
        ),
        _ => ("closed", "active", true, None),
    };
    let (management_source, external_directory) = match rng.u32(..100) {
        0..=19 if managed => ("synced", Some("scim")),
        20..=29 if managed => ("synced", Some("google")),
        _ => ("invited", None),
    };
    let extended = rng.u32(..100) < 90;
    AccountSeed {
        seq,
        account_id: format!("712020:{}", uuid(rng)),
        directory_id: directories[(seq as usize) % directories.len()].clone(),
        nickname: given.chars().take(30).collect(),
        name,
        email: format!("{local}@{domain}"),
        domain,
        job_title: extended.then(|| *pick(rng, JOB_TITLES)),
        department: extended.then(|| *pick(rng, DEPARTMENTS)),
        organization: extended.then(|| *pick(rng, ORGANIZATIONS)),
        location: extended.then_some(place),
        zoneinfo,
        locale: culture.locale,
        account_status,
        membership_status,
        claim_status: if managed { "managed" } else { "unmanaged" },
        management_source,
        external_directory,
        mfa_enabled: rng.u32(..100) < 70,
        export_blocked: false,
        is_org_admin: false,
        added_to_org: days_ago(now, rng, 5 * 365),
        deactivated_on: deactivated.then(|| days_ago(now, rng, 60)),
        deletion_due,
        last_active: (account_status == "active").then(|| days_ago(now, rng, 90)),
    }
}

async fn insert_batch(
    tx: &mut Transaction<'_, Sqlite>,
    org_id: &str,
    batch: &[AccountSeed],
    products: &[String],
    rng: &mut fastrand::Rng,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut accounts = QueryBuilder::<Sqlite>::new(
        "INSERT INTO accounts (seq, account_id, org_id, directory_id, name, nickname, email, email_domain, \
         job_title, department, organization, location, zoneinfo, locale, account_status, membership_status, \
         claim_status, management_source, external_directory, mfa_enabled, export_blocked, is_org_admin, \
         added_to_org, deactivated_on, deletion_due, last_active) ",
    );
    accounts.push_values(batch, |mut row, a| {
        row.push_bind(a.seq)
            .push_bind(&a.account_id)
            .push_bind(org_id)
            .push_bind(&a.directory_id)
            .push_bind(&a.name)
            .push_bind(&a.nickname)
            .push_bind(&a.email)
            .push_bind(a.domain)
            .push_bind(a.job_title)
            .push_bind(a.department)
            .push_bind(a.organization)
            .push_bind(a.location)
            .push_bind(a.zoneinfo)
            .push_bind(a.locale)
            .push_bind(a.account_status)
            .push_bind(a.membership_status)
            .push_bind(a.claim_status)
            .push_bind(a.management_source)
            .push_bind(a.external_directory)
            .push_bind(a.mfa_enabled)
            .push_bind(a.export_blocked)
            .push_bind(a.is_org_admin)
            .push_bind(&a.added_to_org)
            .push_bind(&a.deactivated_on)
            .push_bind(&a.deletion_due)
            .push_bind(&a.last_active);
    });
    accounts.build().persistent(true).execute(&mut **tx).await?;

    // Children of the batch: every account gets at least one device and one product so
    // that the showcase accounts have something to show.
    let mut devices = Vec::new();
    let mut tokens = Vec::new();
    let mut roles = Vec::new();
    for a in batch {
        let device_count = if a.seq <= SHOWCASE_ACCOUNTS as i64 {
            3
        } else {
            rng.usize(0..3)
        };
        for n in 0..device_count {
            // The showcase accounts get a browser and a mobile session at least.
            let (kind, name) = match (a.seq <= SHOWCASE_ACCOUNTS as i64, n) {
                (true, 0) => DEVICE_NAMES[0],
                (true, 1) => DEVICE_NAMES[4],
                _ => *pick(rng, DEVICE_NAMES),
            };
            devices.push((
                uuid(rng),
                a.account_id.as_str(),
                kind,
                name,
                a.location,
                format!("203.0.113.{}", rng.u8(1..255)),
                days_ago(now, rng, 30),
            ));
        }
        let token_count = if a.seq <= SHOWCASE_ACCOUNTS as i64 {
            2
        } else if rng.u32(..100) < 30 {
            rng.usize(1..3)
        } else {
            0
        };
        for _ in 0..token_count {
            let created = days_ago(now, rng, 400);
            let expiry = clock::format(now + Duration::days(rng.i64(30..365)));
            let last_access = (rng.u32(..100) < 80).then(|| days_ago(now, rng, 20));
            tokens.push((
                uuid(rng),
                a.account_id.as_str(),
                *pick(rng, TOKEN_LABELS),
                created,
                last_access,
                expiry,
            ));
        }
        let product_count = 1 + rng.usize(0..products.len().min(3));
        let first = rng.usize(..products.len());
        for n in 0..product_count {
            let resource = &products[(first + n) % products.len()];
            let role = match rng.u32(..100) {
                0..=84 => "atlassian/user",
                85..=92 => "atlassian/admin",
                93..=96 => "atlassian/basic",
                _ => "atlassian/guest",
            };
            let last_active = (a.account_status == "active" && rng.u32(..100) < 85)
                .then(|| days_ago(now, rng, 60));
            roles.push((a.account_id.as_str(), resource.as_str(), role, last_active));
        }
    }
    for chunk in devices.chunks(CHUNK) {
        let mut query = QueryBuilder::<Sqlite>::new(
            "INSERT INTO devices (device_id, account_id, kind, name, location, ip, last_active) ",
        );
        query.push_values(chunk, |mut row, d| {
            row.push_bind(&d.0)
                .push_bind(d.1)
                .push_bind(d.2)
                .push_bind(d.3)
                .push_bind(d.4)
                .push_bind(&d.5)
                .push_bind(&d.6);
        });
        query.build().persistent(true).execute(&mut **tx).await?;
    }
    for chunk in tokens.chunks(CHUNK) {
        let mut query = QueryBuilder::<Sqlite>::new(
            "INSERT INTO api_tokens (token_id, account_id, label, created_at, last_access, expiry) ",
        );
        query.push_values(chunk, |mut row, t| {
            row.push_bind(&t.0)
                .push_bind(t.1)
                .push_bind(t.2)
                .push_bind(&t.3)
                .push_bind(&t.4)
                .push_bind(&t.5);
        });
        query.build().persistent(true).execute(&mut **tx).await?;
    }
    for chunk in roles.chunks(CHUNK) {
        let mut query = QueryBuilder::<Sqlite>::new(
            "INSERT INTO product_roles (account_id, resource_id, role, last_active) ",
        );
        query.push_values(chunk, |mut row, r| {
            row.push_bind(r.0)
                .push_bind(r.1)
                .push_bind(r.2)
                .push_bind(&r.3);
        });
        query.build().persistent(true).execute(&mut **tx).await?;
    }
    Ok(())
}

/// A plausible audit trail: the admin's recent work, oldest first.
async fn seed_events(
    tx: &mut Transaction<'_, Sqlite>,
    org_id: &str,
    actor: (&str, &str, &str),
    accounts: i64,
    rng: &mut fastrand::Rng,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const ACTIONS: [&str; 5] = [
        "user_profile_updated",
        "user_deactivated",
        "user_reactivated",
        "product_access_granted",
        "api_token_revoked",
    ];
    let count = 60;
    for n in 0..count {
        let target_seq = rng.i64(1..=accounts);
        let target: (String, String) =
            sqlx::query_as("SELECT account_id, name FROM accounts WHERE seq = ?")
                .bind(target_seq)
                .fetch_one(&mut **tx)
                .await?;
        let time = clock::format(now - Duration::hours(i64::from(count - n) * 7));
        sqlx::query(
            "INSERT INTO events (event_id, org_id, time, action, actor_id, actor_name, actor_email, \
             target_type, target_id, target_name, ip) VALUES (?, ?, ?, ?, ?, ?, ?, 'users', ?, ?, ?)",
        )
        .bind(uuid(rng))
        .bind(org_id)
        .bind(time)
        .bind(*pick(rng, &ACTIONS))
        .bind(actor.0)
        .bind(actor.1)
        .bind(actor.2)
        .bind(&target.0)
        .bind(&target.1)
        .bind("198.51.100.7")
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
