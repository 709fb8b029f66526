//! Changing managed accounts: every operation an admin can make, checked before it is sent,
//! applied through the directory, read back into the cache, and recorded in the audit trail.

mod apply;
mod bulk;
mod change;
mod deletion;
pub mod facts;
mod photo;
mod product_sites;
pub mod refusals;

pub use apply::{Applied, ChangeError, Changing, apply};
pub(crate) use apply::{audit_entry, read_back, send};
pub use bulk::{
    BulkAction, BulkPreview, BulkProgress, BulkReport, BulkResult, Outcome, PreviewRow, apply_all,
    preview,
};
pub use change::{Change, FieldEdit, InvalidChange, MAX_DEACTIVATION_MESSAGE, ProfileField};
pub use deletion::{DeletionCheck, check_deletion};
pub use facts::Fact;
pub use photo::{PhotoPreview, THUMBNAIL_SIDE, upload_photo};
pub use product_sites::{ProductSite, product_sites};
