//! The API's JSON, as Rust types. Lenient where Atlassian and our server may differ
//! (extension fields are optional), strict where the console depends on a value.

mod account;
mod devices;
mod events;
mod extensions;
mod org;
mod privileges;
mod product_access;
mod search;

pub use account::{ApiToken, ExtendedChanges, ExtendedProfile, Profile, ProfileChanges};
pub use devices::{Device, DeviceKind, Session};
pub use events::{Event, EventActor, EventObject, EventQuery};
pub use extensions::{
    AvatarUploaded, ClaimPreview, ClaimResult, DeleteValidation, LastActiveDates, LifecycleProblem,
    PasswordReset, PasswordResetState, ProductLastActive, TwoStepExclusion,
};
pub use org::{Directory, Domain, DomainClaim, Org, OrgAttributes};
pub use privileges::{Privileges, Reason, Rule};
pub use product_access::{AssignedRole, RoleAssignment, Workspace, WorkspaceAttributes};
pub use search::{DirectoryUser, ProductAccess, SortBy, UserSearch};
