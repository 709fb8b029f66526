//! Search over the local cache at 100,000 and 1,000,000 accounts.
//!
//! `cargo bench -p custodian-core --bench search` prints `name: value unit` lines. The
//! cache databases are generated once into target/bench-data and reused by later runs.

#![allow(clippy::unwrap_used, clippy::print_stdout)] // a benchmark reports on stdout

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use custodian_core::cache::{
    Account, AccountFilter, AccountQuery, AccountRecord, AccountStatus, Cache, Lifecycle,
    ManagedBy, ProductAccess, SortColumn,
};

const NOW: i64 = 1_800_000_000;
const FIRST: &[&str] = &[
    "Maria",
    "James",
    "Aiko",
    "Oluwaseun",
    "Søren",
    "Ingrid",
    "Mateo",
    "Priya",
    "Chen",
    "Fatima",
    "Lukas",
    "Amara",
    "José",
    "Elena",
    "Yusuf",
    "Hana",
    "Noah",
    "Zofia",
    "Ravi",
    "Camille",
    "Ελένη",
    "Дмитрий",
    "太郎",
    "Mohammed",
    "Grace",
    "Kwame",
    "Lucía",
    "Anders",
    "Mei",
    "Tomás",
];
const LAST: &[&str] = &[
    "Garcia",
    "Smith",
    "Tanaka",
    "Adeyemi",
    "Nielsen",
    "Larsen",
    "Rossi",
    "Sharma",
    "Wang",
    "Haddad",
    "Müller",
    "Okafor",
    "Fernández",
    "Popescu",
    "Yilmaz",
    "Kim",
    "Brown",
    "Nowak",
    "Patel",
    "Dubois",
    "Παπαδοπούλου",
    "Иванов",
    "山田",
    "Rahman",
    "O'Brien",
    "Mensah",
    "López",
    "Johansson",
    "Li",
    "Silva",
];
const TITLES: &[&str] = &[
    "Engineer",
    "Designer",
    "Product Manager",
    "Analyst",
    "Support Lead",
    "Recruiter",
];
const DEPARTMENTS: &[&str] = &[
    "Engineering",
    "Design",
    "Finance",
    "People",
    "Sales",
    "Support",
];
const DOMAINS: &[&str] = &[
    "acme.com",
    "acme.co.uk",
    "acme-labs.io",
    "contractors.acme.com",
];
const PRODUCTS: &[&str] = &[
    "jira-software",
    "confluence",
    "jira-service-management",
    "bitbucket",
    "trello",
];

/// xorshift64*: deterministic, so every run measures the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn account(rng: &mut Rng, n: usize) -> AccountRecord {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let domain = rng.pick(DOMAINS);
    let last_active = (rng.below(10) > 0).then(|| NOW - rng.below(400) as i64 * 86_400);
    let products = (0..rng.below(4))
        .map(|_| ProductAccess {
            product: rng.pick(PRODUCTS).into(),
            site: "acme.atlassian.net".into(),
            role: Some("atlassian/user".into()),
            last_active,
        })
        .collect();
    let status = match rng.below(20) {
        0..=15 => AccountStatus::Active,
        16 => AccountStatus::Suspended,
        17 | 18 => AccountStatus::Deactivated,
        _ => AccountStatus::PendingDeletion,
    };
    AccountRecord {
        account: Account {
            account_id: format!("5b10ac8d82e05b22cc7d{n:08x}"),
            name: format!("{first} {last}"),
            public_name: (rng.below(3) == 0).then(|| first.to_owned()),
            email: format!(
                "{}.{}{n}@{domain}",
                first.to_lowercase(),
                last.to_lowercase()
            ),
            job_title: Some(rng.pick(TITLES).into()),
            department: Some(rng.pick(DEPARTMENTS).into()),
            organization: Some("Acme".into()),
            location: None,
            time_zone: Some("Europe/Berlin".into()),
            locale: Some("en-GB".into()),
            status,
            managed_by: if rng.below(3) == 0 {
                ManagedBy::IdentityProvider
            } else {
                ManagedBy::Invited
            },
            two_step_enabled: rng.below(4) > 0,
            product_count: 0,
            last_active,
            added_to_org: Some(NOW - 800 * 86_400),
        },
        products,
        lifecycle: Lifecycle::default(),
    }
}

async fn seeded_cache(count: usize) -> (Cache, Option<Duration>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    let path: PathBuf = dir.join(format!("cache-v5-{count}.sqlite"));
    let fresh = !path.exists();
    let partial = dir.join(format!("cache-v5-{count}.partial.sqlite"));
    if fresh {
        let _ = std::fs::remove_file(&partial);
        let cache = Cache::open(&partial).await.unwrap();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let started = Instant::now();
        let mut batch = Vec::with_capacity(1000);
        for n in 0..count {
            batch.push(account(&mut rng, n));
            if batch.len() == 1000 {
                cache.store_accounts(&batch, NOW).await.unwrap();
                batch.clear();
            }
        }
        cache.store_accounts(&batch, NOW).await.unwrap();
        let took = started.elapsed();
        drop(cache);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::rename(
                format!("{}{suffix}", partial.display()),
                format!("{}{suffix}", path.display()),
            );
        }
        return (Cache::open(&path).await.unwrap(), Some(took));
    }
    (Cache::open(&path).await.unwrap(), None)
}

fn queries() -> Vec<AccountQuery> {
    let text = |t: &str| AccountQuery {
        text: t.into(),
        limit: 100,
        ..Default::default()
    };
    let mut queries: Vec<AccountQuery> = [
        "",
        "m",
        "a",
        "ja",
        "mar",
        "maria",
        "maria gar",
        "garcia",
        "smith@",
        "@acme",
        "acme.co",
        "eng",
        "product manager",
        "ελ",
        "山田",
        "zzqx",
        "o'brien",
        "jose fernandez",
        "5b10",
    ]
    .into_iter()
    .map(text)
    .collect();
    let inactive = AccountFilter {
        inactive_days: Some(90),
        ..Default::default()
    };
    let no_2sv = AccountFilter {
        two_step_enabled: Some(false),
        statuses: vec![AccountStatus::Active],
        ..Default::default()
    };
    let jira_idp = AccountFilter {
        product: Some("jira-software".into()),
        managed_by: Some(ManagedBy::IdentityProvider),
        ..Default::default()
    };
    for filter in [inactive, no_2sv, jira_idp] {
        for (t, sort) in [
            ("", SortColumn::Name),
            ("a", SortColumn::LastActive),
            ("smith", SortColumn::Email),
        ] {
            queries.push(AccountQuery {
                filter: filter.clone(),
                sort,
                ..text(t)
            });
        }
    }
    for sort in [
        SortColumn::Email,
        SortColumn::Status,
        SortColumn::ProductCount,
        SortColumn::LastActive,
    ] {
        queries.push(AccountQuery {
            sort,
            descending: true,
            ..text("")
        });
    }
    // Scrolled far down the list.
    queries.push(AccountQuery {
        offset: 50_000,
        ..text("")
    });
    queries.push(AccountQuery {
        offset: 20_000,
        ..text("a")
    });
    queries
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank].as_secs_f64() * 1000.0
}

async fn measure(label: &str, count: usize, rounds: usize) {
    let (cache, seeding) = seeded_cache(count).await;
    if let Some(took) = seeding {
        println!("cache_store_{label}: {:.1} s", took.as_secs_f64());
    }
    let started = Instant::now();
    cache.search(&AccountQuery::default(), NOW).await.unwrap();
    println!(
        "index_load_{label}: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    println!(
        "index_bytes_per_account_{label}: {:.1} bytes",
        cache.memory_bytes() as f64 / count as f64
    );
    if std::env::var_os("BENCH_DETAIL").is_some() {
        for limit in [0, 1, 10, 100] {
            let q = AccountQuery {
                limit,
                ..Default::default()
            };
            let started = Instant::now();
            for _ in 0..20 {
                cache.search(&q, NOW).await.unwrap();
            }
            println!(
                "  limit {limit}: {:.2} ms",
                started.elapsed().as_secs_f64() * 1000.0 / 20.0
            );
        }
    }
    let queries = queries();
    // The first time each query runs: its words go to FTS5 and its order may be derived.
    let mut first = Vec::new();
    for query in &queries {
        let started = Instant::now();
        cache.search(query, NOW).await.unwrap();
        first.push(started.elapsed());
    }
    println!(
        "index_bytes_per_account_{label}_after_mix: {:.1} bytes (orders derived, words kept)",
        cache.memory_bytes() as f64 / count as f64
    );
    let mut times = Vec::new();
    for _ in 0..rounds {
        for query in &queries {
            let started = Instant::now();
            let page = cache.search(query, NOW).await.unwrap();
            times.push(started.elapsed());
            std::hint::black_box(page);
        }
    }
    if std::env::var_os("BENCH_DETAIL").is_some() {
        for (i, query) in queries.iter().enumerate() {
            let mut mine: Vec<_> = times
                .iter()
                .skip(i)
                .step_by(queries.len())
                .copied()
                .collect();
            mine.sort();
            println!(
                "  {:>7.2} ms (first {:>7.2} ms)  {:?} {:?} {:?}",
                percentile(&mine, 0.99),
                first[i].as_secs_f64() * 1000.0,
                query.text,
                query.sort,
                query.offset
            );
        }
    }
    first.sort();
    println!(
        "search_first_p50_{label}: {:.2} ms",
        percentile(&first, 0.50)
    );
    println!(
        "search_first_max_{label}: {:.2} ms",
        percentile(&first, 1.0)
    );
    times.sort();
    println!("search_p50_{label}: {:.2} ms", percentile(&times, 0.50));
    println!("search_p99_{label}: {:.2} ms", percentile(&times, 0.99));
    println!("search_max_{label}: {:.2} ms", percentile(&times, 1.0));
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let only_small = std::env::args().any(|arg| arg == "--quick");
    runtime.block_on(async {
        measure("100k", 100_000, 20).await;
        if !only_small {
            measure("1m", 1_000_000, 5).await;
        }
    });
}
