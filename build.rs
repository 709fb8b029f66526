use tauri_build::{AppManifest, Attributes};

/// Every command the UI may call. Listing them makes Tauri refuse any command that
/// `capabilities/` does not grant by name.
const COMMANDS: &[&str] = &[
    "app_info",
    "connection_status",
    "connections",
    "test_new_connection",
    "test_saved_connection",
    "add_connection",
    "edit_connection",
    "remove_connection",
    "use_connection",
    "open_in_atlassian_administration",
    "search_accounts",
    "account_facets",
    "accounts_overview",
    "matching_account_ids",
    "account_details",
    "refresh_account",
    "apply_change",
    "check_deletion",
    "product_sites",
    "preview_bulk",
    "apply_bulk",
    "cancel_bulk",
    "pending_changes",
    "send_pending_changes",
    "edit_pending_change",
    "discard_pending_change",
    "retry_pending_change",
    "keep_pending_change",
    "start_review",
    "reviews",
    "review_items",
    "decide_review_item",
    "review_summary",
    "apply_review",
    "delete_review",
    "export_review_csv",
    "audit_log",
    "export_audit_csv",
    "organization",
    "refresh_organization",
    "claim_preview",
    "verify_domain",
    "claim_domain",
    "stage_photo_file",
    "stage_photo_bytes",
    "choose_photo",
    "crop_photo",
    "upload_photo",
    "discard_photo",
    "export_accounts_csv",
    "sync_accounts",
    "cancel_sync",
];

fn main() {
    let attributes = Attributes::new().app_manifest(AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {error:#}");
    }
}
