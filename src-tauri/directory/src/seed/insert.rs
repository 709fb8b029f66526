//! Writing generated accounts and their devices, tokens and product roles, in multi-row
//! inserts; and the audit trail of a seeded organization.

use chrono::{DateTime, Duration, Utc};
use sqlx::{QueryBuilder, Sqlite, Transaction};

use super::generate::{AccountSeed, days_ago, pick};
use super::names::{DEVICE_NAMES, TOKEN_LABELS};
use super::{CHUNK, SHOWCASE_ACCOUNTS, uuid};
use crate::clock;

pub(super) async fn insert_batch(
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
pub(super) async fn seed_events(
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
