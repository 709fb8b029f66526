// Keeps a console window from opening next to Custodian's on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    custodian_app::run();
}
