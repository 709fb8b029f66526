//! One generated account: a person of one of the cultures, on one of the domains, in a
//! status drawn with realistic odds.

use chrono::{DateTime, Duration, Utc};

use super::names::{CULTURES, DEPARTMENTS, JOB_TITLES, ORGANIZATIONS};
use super::{DOMAINS, UNCLAIMED_VERIFIED, showcase, uuid};
use crate::clock;

/// One account as generated, before it is written.
pub(super) struct AccountSeed {
    pub(super) seq: i64,
    pub(super) account_id: String,
    pub(super) directory_id: String,
    pub(super) name: String,
    pub(super) nickname: String,
    pub(super) email: String,
    pub(super) domain: &'static str,
    pub(super) job_title: Option<&'static str>,
    pub(super) department: Option<&'static str>,
    pub(super) organization: Option<&'static str>,
    pub(super) location: Option<&'static str>,
    pub(super) zoneinfo: &'static str,
    pub(super) locale: &'static str,
    pub(super) account_status: &'static str,
    pub(super) membership_status: &'static str,
    pub(super) claim_status: &'static str,
    pub(super) management_source: &'static str,
    pub(super) external_directory: Option<&'static str>,
    pub(super) mfa_enabled: bool,
    pub(super) export_blocked: bool,
    pub(super) is_org_admin: bool,
    pub(super) added_to_org: String,
    pub(super) deactivated_on: Option<String>,
    pub(super) deletion_due: Option<String>,
    pub(super) last_active: Option<String>,
}

pub(super) fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

pub(super) fn days_ago(now: DateTime<Utc>, rng: &mut fastrand::Rng, max_days: i64) -> String {
    clock::format(now - Duration::minutes(rng.i64(60..max_days.max(1) * 24 * 60 + 60)))
}

pub(super) fn generate(
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
