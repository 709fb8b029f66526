//! What the account list needs of one account, and the list's filters tested against it.

use super::accounts::{AccountStatus, ManagedBy};

/// `last_active` of an account never active: below every real time, so it sorts first.
pub(super) const NEVER_ACTIVE: i64 = i64::MIN;

/// What the list filters and sorts on, in 24 bytes. Products are kept apart, as one set of
/// accounts per product (see `AccountIndex`), so any number of them costs no more here.
#[derive(Debug, Clone, Copy)]
pub(super) struct Facts {
    /// Unix seconds, or `NEVER_ACTIVE`.
    pub last_active: i64,
    pub domain: u32,
    pub product_count: u16,
    pub status: AccountStatus,
    pub managed_by: ManagedBy,
    pub two_step_enabled: bool,
}

/// The facts of an id no account has; such ids are never in the index's set of accounts.
pub(super) const ABSENT: Facts = Facts {
    last_active: NEVER_ACTIVE,
    domain: u32::MAX,
    product_count: 0,
    status: AccountStatus::Active,
    managed_by: ManagedBy::Unknown,
    two_step_enabled: false,
};

impl Facts {
    pub fn last_active(&self) -> Option<i64> {
        (self.last_active != NEVER_ACTIVE).then_some(self.last_active)
    }
}

/// A filter resolved against the index: strings become interned ids.
pub(super) struct Resolved {
    pub statuses: Vec<AccountStatus>,
    /// `Some(None)`: a domain no account has.
    pub domain: Option<Option<u32>>,
    pub managed_by: Option<ManagedBy>,
    /// `Some(None)`: a product no account has. The index tests it with its product sets;
    /// `keeps` does not look at it.
    pub product: Option<Option<u32>>,
    pub two_step_enabled: Option<bool>,
    /// Keep accounts not active since then (or never).
    pub active_since: Option<i64>,
}

impl Resolved {
    /// Whether `keeps` can refuse anything.
    pub fn tests_facts(&self) -> bool {
        !self.statuses.is_empty()
            || self.domain.is_some()
            || self.managed_by.is_some()
            || self.two_step_enabled.is_some()
            || self.active_since.is_some()
    }

    /// Whether an account passes every filter but the product one.
    pub fn keeps(&self, facts: &Facts) -> bool {
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
        if let Some(two_step) = self.two_step_enabled
            && two_step != facts.two_step_enabled
        {
            return false;
        }
        if let Some(since) = self.active_since
            && facts.last_active().is_some_and(|last| last >= since)
        {
            return false;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_stay_small() {
        assert_eq!(size_of::<Facts>(), 24);
    }

    #[test]
    fn never_active_passes_every_inactivity_filter() {
        let resolved = Resolved {
            statuses: Vec::new(),
            domain: None,
            managed_by: None,
            product: None,
            two_step_enabled: None,
            active_since: Some(i64::MIN + 1),
        };
        assert!(resolved.keeps(&ABSENT));
        assert_eq!(ABSENT.last_active(), None);
        let recent = Facts {
            last_active: 0,
            ..ABSENT
        };
        assert!(!resolved.keeps(&recent));
    }
}
