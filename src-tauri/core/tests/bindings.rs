//! The UI's wire types in `ui/src/bindings/` are generated from the Rust types here. This
//! test fails when the committed files are stale; `make bindings` (UPDATE_BINDINGS=1)
//! rewrites them.

#![allow(clippy::unwrap_used)] // a test that cannot proceed should panic

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use custodian_core::about::AppInfo;
use custodian_core::account::{AccountPermissions, Permission};
use custodian_core::cache::{
    Account, AccountFilter, AccountPage, AccountQuery, AccountStatus, ExportReport, Facet, Facets,
    ManagedBy, SortColumn,
};
use custodian_core::cache::{
    AccountDetails, AccountToken, DeviceKind, ProductAccess, ProductRow, RecentDevice, Section,
    SessionState, TwoStepState,
};
use custodian_core::cache::{ActivityBucket, Overview, StatusCount, SyncState};
use custodian_core::cache::{
    AuditEntry, AuditQuery, ChangeResult, Experience, OrgDomain, Organization,
};
use custodian_core::cache::{PendingChange, PendingState};
use custodian_core::changes::Fact;
use custodian_core::changes::{
    Applied, BulkAction, BulkPreview, BulkProgress, BulkReport, BulkResult, Change, DeletionCheck,
    FieldEdit, Outcome, PhotoPreview, PreviewRow, ProductSite, ProfileField,
};
use custodian_core::connection::ConnectionStatus;
use custodian_core::connections::{
    Capabilities, ConnectionEdit, ConnectionKind, ConnectionProfile, ConnectionTest,
    ConnectionsOverview, KeychainStatus, NewConnection,
};
use custodian_core::organization::ClaimPreview;
use custodian_core::outbox::{OutboxProgress, OutboxReport, Submitted};
use custodian_core::photos::{Crop, SourceFormat, SourceInfo};
use custodian_core::review::{
    Decision, Review, ReviewItem, ReviewPage, ReviewProduct, ReviewSummary,
};
use custodian_core::sync::{SyncKind, SyncProgress, SyncReport};
use custodian_core::{ErrorCode, WireError};
use ts_rs::{Config, TS};

fn bindings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings")
}

/// Every type that crosses the wire, by the file it is generated into.
fn generated() -> BTreeMap<String, String> {
    let cfg = Config::new();
    let mut files = BTreeMap::new();
    let mut add = |name: &str, text: Result<String, ts_rs::ExportError>| {
        files.insert(format!("{name}.ts"), text.unwrap());
    };
    add("Account", Account::export_to_string(&cfg));
    add("AccountDetails", AccountDetails::export_to_string(&cfg));
    add("AccountToken", AccountToken::export_to_string(&cfg));
    add("AccountFilter", AccountFilter::export_to_string(&cfg));
    add("AccountPage", AccountPage::export_to_string(&cfg));
    add("AccountQuery", AccountQuery::export_to_string(&cfg));
    add("AccountStatus", AccountStatus::export_to_string(&cfg));
    add("ActivityBucket", ActivityBucket::export_to_string(&cfg));
    add("AppInfo", AppInfo::export_to_string(&cfg));
    add("ConnectionStatus", ConnectionStatus::export_to_string(&cfg));
    add("ErrorCode", ErrorCode::export_to_string(&cfg));
    add("ExportReport", ExportReport::export_to_string(&cfg));
    add("Facet", Facet::export_to_string(&cfg));
    add("Facets", Facets::export_to_string(&cfg));
    add("DeviceKind", DeviceKind::export_to_string(&cfg));
    add("ProductAccess", ProductAccess::export_to_string(&cfg));
    add("RecentDevice", RecentDevice::export_to_string(&cfg));
    add("Section", Section::<()>::export_to_string(&cfg));
    add("SessionState", SessionState::export_to_string(&cfg));
    add("TwoStepState", TwoStepState::export_to_string(&cfg));
    add("ManagedBy", ManagedBy::export_to_string(&cfg));
    add("Overview", Overview::export_to_string(&cfg));
    add("SortColumn", SortColumn::export_to_string(&cfg));
    add("StatusCount", StatusCount::export_to_string(&cfg));
    add("SyncKind", SyncKind::export_to_string(&cfg));
    add("SyncProgress", SyncProgress::export_to_string(&cfg));
    add("SyncReport", SyncReport::export_to_string(&cfg));
    add("SyncState", SyncState::export_to_string(&cfg));
    add(
        "AccountPermissions",
        AccountPermissions::export_to_string(&cfg),
    );
    add("Permission", Permission::export_to_string(&cfg));
    add("AuditEntry", AuditEntry::export_to_string(&cfg));
    add("AuditQuery", AuditQuery::export_to_string(&cfg));
    add("ChangeResult", ChangeResult::export_to_string(&cfg));
    add("Applied", Applied::export_to_string(&cfg));
    add("BulkAction", BulkAction::export_to_string(&cfg));
    add("BulkPreview", BulkPreview::export_to_string(&cfg));
    add("BulkProgress", BulkProgress::export_to_string(&cfg));
    add("BulkReport", BulkReport::export_to_string(&cfg));
    add("BulkResult", BulkResult::export_to_string(&cfg));
    add("Change", Change::export_to_string(&cfg));
    add("DeletionCheck", DeletionCheck::export_to_string(&cfg));
    add("FieldEdit", FieldEdit::export_to_string(&cfg));
    add("Outcome", Outcome::export_to_string(&cfg));
    add("PreviewRow", PreviewRow::export_to_string(&cfg));
    add("ProfileField", ProfileField::export_to_string(&cfg));
    add("ProductRow", ProductRow::export_to_string(&cfg));
    add("ProductSite", ProductSite::export_to_string(&cfg));
    add("ClaimPreview", ClaimPreview::export_to_string(&cfg));
    add("Experience", Experience::export_to_string(&cfg));
    add("OrgDomain", OrgDomain::export_to_string(&cfg));
    add("Organization", Organization::export_to_string(&cfg));
    add("Crop", Crop::export_to_string(&cfg));
    add("PhotoPreview", PhotoPreview::export_to_string(&cfg));
    add("SourceFormat", SourceFormat::export_to_string(&cfg));
    add("SourceInfo", SourceInfo::export_to_string(&cfg));
    add("WireError", WireError::export_to_string(&cfg));
    add("Fact", Fact::export_to_string(&cfg));
    add("PendingChange", PendingChange::export_to_string(&cfg));
    add("PendingState", PendingState::export_to_string(&cfg));
    add("Submitted", Submitted::export_to_string(&cfg));
    add("OutboxProgress", OutboxProgress::export_to_string(&cfg));
    add("OutboxReport", OutboxReport::export_to_string(&cfg));
    add("Decision", Decision::export_to_string(&cfg));
    add("Capabilities", Capabilities::export_to_string(&cfg));
    add("ConnectionKind", ConnectionKind::export_to_string(&cfg));
    add(
        "ConnectionProfile",
        ConnectionProfile::export_to_string(&cfg),
    );
    add(
        "ConnectionsOverview",
        ConnectionsOverview::export_to_string(&cfg),
    );
    add("ConnectionTest", ConnectionTest::export_to_string(&cfg));
    add("ConnectionEdit", ConnectionEdit::export_to_string(&cfg));
    add("NewConnection", NewConnection::export_to_string(&cfg));
    add("KeychainStatus", KeychainStatus::export_to_string(&cfg));
    add("Review", Review::export_to_string(&cfg));
    add("ReviewItem", ReviewItem::export_to_string(&cfg));
    add("ReviewProduct", ReviewProduct::export_to_string(&cfg));
    add("ReviewPage", ReviewPage::export_to_string(&cfg));
    add("ReviewSummary", ReviewSummary::export_to_string(&cfg));
    files
}

fn committed(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ts"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

#[test]
fn ui_bindings_match_the_rust_types() {
    let dir = bindings_dir();
    let expected = generated();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in &expected {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let actual = committed(&dir);
    let stale: Vec<_> = expected
        .keys()
        .chain(actual.keys())
        .filter(|name| expected.get(*name) != actual.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings is stale ({stale:?}); run `make bindings` and commit the result"
    );
}
