//! Access reviews: the admin picks a set of accounts (a search and filters, such as
//! "inactive for 90 days" or "no two-step verification"), walks through them deciding for
//! each to keep it, deactivate it, remove a product's access, or follow up, with a note.
//! Decisions are kept in the connection's database, online or offline, and survive a
//! restart. Applying a review queues its decisions as changes in the outbox, which sends
//! them; the review exports as CSV.
//!
//! The accounts under review are a snapshot taken when it starts, so the review stays the
//! same while syncs change the list; what it shows of each account (status, products) is
//! read from the cache as it is now.

mod apply;
mod decide;
mod decision;
mod error;
mod export;
mod items;
mod outcome;
mod start;
mod summary;

pub use apply::apply;
pub use decide::decide;
pub use decision::Decision;
pub use error::ReviewError;
pub use export::write_csv;
pub use items::{ReviewItem, ReviewPage, ReviewProduct, items};
pub use start::{Review, delete, reviews, start};
pub use summary::{ReviewSummary, summary};

/// The most accounts one review holds: an afternoon's work, and a page the keyboard can
/// walk. Larger selections are narrowed first.
pub const MAX_ACCOUNTS: usize = 10_000;

/// The longest review name, in characters.
pub const MAX_NAME: usize = 200;

/// The longest note on a decision, in characters.
pub const MAX_NOTE: usize = 1_000;

/// The most items one read returns; the review asks for the window it shows.
pub const MAX_PAGE: u32 = 500;
