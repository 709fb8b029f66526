//! The Tauri shell: the window, the plugins and the commands the UI calls. Every command
//! is a thin wrapper over one function of custodian-core.

mod avatar_protocol;
pub mod commands;
mod demo_directory;
mod error;
mod logging;
mod photos;
mod save_dialog;
mod self_hosted;
pub mod state;
mod window_state;

pub use error::Error;

use tauri::{Builder, Manager, Runtime};

/// Registers the commands the UI may call. Shared by the app and by tests, which drive
/// the same handler through Tauri's mock runtime.
pub fn with_commands<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::about::app_info,
        commands::accounts::search_accounts,
        commands::accounts::account_facets,
        commands::accounts::accounts_overview,
        commands::accounts::matching_account_ids,
        commands::account::account_details,
        commands::account::refresh_account,
        commands::changes::apply_change,
        commands::changes::check_deletion,
        commands::changes::product_sites,
        commands::changes::preview_bulk,
        commands::changes::apply_bulk,
        commands::changes::cancel_bulk,
        commands::outbox::pending_changes,
        commands::outbox::send_pending_changes,
        commands::outbox::edit_pending_change,
        commands::outbox::discard_pending_change,
        commands::outbox::retry_pending_change,
        commands::outbox::keep_pending_change,
        commands::reviews::start_review,
        commands::reviews::reviews,
        commands::reviews::review_items,
        commands::reviews::decide_review_item,
        commands::reviews::review_summary,
        commands::reviews::apply_review,
        commands::reviews::delete_review,
        commands::reviews::export_review_csv,
        commands::activity::audit_log,
        commands::activity::export_audit_csv,
        commands::organization::organization,
        commands::organization::refresh_organization,
        commands::organization::claim_preview,
        commands::organization::verify_domain,
        commands::organization::claim_domain,
        commands::photos::stage_photo_file,
        commands::photos::stage_photo_bytes,
        commands::photos::choose_photo,
        commands::photos::crop_photo,
        commands::photos::upload_photo,
        commands::photos::discard_photo,
        commands::export::export_accounts_csv,
        commands::connection::connection_status,
        commands::connections::connections,
        commands::connections::test_new_connection,
        commands::connections::test_saved_connection,
        commands::connections::add_connection,
        commands::connections::edit_connection,
        commands::connections::remove_connection,
        commands::connections::use_connection,
        commands::connections::open_in_atlassian_administration,
        commands::sync::sync_accounts,
        commands::sync::cancel_sync,
    ])
}

/// Starts Custodian and blocks until its window is closed.
pub fn run() {
    let builder = Builder::default()
        .plugin(logging::plugin())
        .plugin(tauri_plugin_dialog::init())
        .plugin(window_state::plugin())
        .manage(window_state::Changes::default())
        .manage(photos::StagedPhotos::default())
        .register_asynchronous_uri_scheme_protocol("avatar", avatar_protocol::handle)
        .on_window_event(window_state::on_window_event)
        .setup(|app| {
            let package = app.package_info();
            tracing::info!(version = %package.version, "{} started", package.name);
            let state = tauri::async_runtime::block_on(state::open(app.handle()))?;
            app.manage(state);
            // The index the list needs loads while the window opens, not after it asks.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                if let Err(error) = handle
                    .state::<state::AppState>()
                    .session()
                    .cache
                    .prepare()
                    .await
                {
                    tracing::warn!(%error, "could not load the account index at launch");
                }
            });
            Ok(())
        });
    let result = with_commands(builder).run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!(%error, "Custodian stopped with an error");
        eprintln!("Custodian could not start: {error}");
        std::process::exit(1);
    }
}
