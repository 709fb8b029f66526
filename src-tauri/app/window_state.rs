//! The window's size and position, remembered between runs.
//!
//! tauri-plugin-window-state restores them when the window opens and saves them at a clean
//! exit. A desktop session that ends with a kill or a crash would lose them, so we also
//! save shortly after the admin stops moving or resizing the window.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tauri::plugin::TauriPlugin;
use tauri::{Manager, Runtime, Window, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// Not VISIBLE: a window must never come back hidden.
const REMEMBERED: StateFlags = StateFlags::SIZE
    .union(StateFlags::POSITION)
    .union(StateFlags::MAXIMIZED)
    .union(StateFlags::FULLSCREEN);

/// A drag or resize sends a burst of events; save once it has settled.
const SETTLE: Duration = Duration::from_millis(400);

pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_window_state::Builder::default()
        .with_state_flags(REMEMBERED)
        .build()
}

/// Counts moves and resizes, so that only the last of a burst saves.
#[derive(Default)]
pub struct Changes(AtomicU64);

pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if !matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
        return;
    }
    let app = window.app_handle().clone();
    let change = app.state::<Changes>().0.fetch_add(1, Ordering::SeqCst) + 1;
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SETTLE).await;
        if app.state::<Changes>().0.load(Ordering::SeqCst) != change {
            return;
        }
        if let Err(error) = app.save_window_state(REMEMBERED) {
            tracing::warn!(%error, "could not save the window's size and position");
        }
    });
}
