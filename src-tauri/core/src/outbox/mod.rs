//! The outbox: every change an admin makes is queued here first, in the connection's
//! database, then sent. Offline, it waits; when the directory answers again, the queue is
//! sent in order. Before a change is sent, the facts it touches are compared with the ones
//! the admin saw: if someone changed them meanwhile, the change is held as a conflict for
//! the admin to decide, never applied blindly. A change interrupted while being sent is
//! sent again with the same idempotency key, so it is neither lost nor made twice.

mod decide;
mod send;
mod submit;

pub use decide::{discard, edit, keep_mine, retry};
pub use send::{OutboxProgress, OutboxReport, Step, send_one, send_pending};
pub use submit::{Submitted, queue, submit, submit_with};

/// A fresh idempotency key: 128 random bits, as hex.
fn new_key() -> String {
    format!("{:032x}", fastrand::u128(..))
}
