//! The profiles file, `connections.json` in the app's data folder: the connections the
//! admin added and which one is in use. Every change is written whole to a temporary file
//! that then replaces the old one, so a crash leaves either the old file or the new.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::profile::{
    ConnectionEdit, ConnectionId, ConnectionProfile, NewConnection, ProfileError,
};
use crate::error::{ErrorCode, WireError};

pub const CONNECTIONS_FILE: &str = "connections.json";

/// The file's layout; a newer one is not overwritten by an older Custodian.
const VERSION: u32 = 1;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConnectionsFile {
    version: u32,
    /// None: the built-in demo directory.
    active: Option<ConnectionId>,
    connections: Vec<ConnectionProfile>,
}

/// The connections, as last read or written. Not shared between processes: the app holds
/// one, behind its own lock.
#[derive(Debug)]
pub struct ConnectionStore {
    path: PathBuf,
    file: ConnectionsFile,
}

/// An edited profile, and whether it now points at another backend or organization: then
/// the caller empties its cache, which holds another organization's accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    pub profile: ConnectionProfile,
    pub backend_changed: bool,
}

impl ConnectionStore {
    /// Where the profiles file lives in the app's data folder.
    pub fn path_in(data_dir: &Path) -> PathBuf {
        data_dir.join(CONNECTIONS_FILE)
    }

    /// Reads the file at `path`; a missing file is no connections yet.
    pub fn load(path: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let path = path.into();
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Ok(Self {
                    path,
                    file: ConnectionsFile {
                        version: VERSION,
                        ..ConnectionsFile::default()
                    },
                });
            }
            Err(source) => {
                return Err(StoreError::Io {
                    action: "read",
                    path,
                    source,
                });
            }
        };
        let mut file: ConnectionsFile = match serde_json::from_slice(&bytes) {
            Ok(file) => file,
            Err(error) => {
                return Err(StoreError::Damaged {
                    path,
                    detail: error.to_string(),
                });
            }
        };
        if file.version > VERSION {
            return Err(StoreError::Newer {
                path,
                version: file.version,
            });
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(twice) = file.connections.iter().find(|p| !seen.insert(p.id())) {
            return Err(StoreError::Damaged {
                path,
                detail: format!("the connection id {} appears twice", twice.id()),
            });
        }
        if let Some(active) = &file.active
            && !file.connections.iter().any(|p| p.id() == active)
        {
            tracing::warn!(%active, "the active connection is not in the file; using the demo");
            file.active = None;
        }
        file.version = VERSION;
        Ok(Self { path, file })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn list(&self) -> &[ConnectionProfile] {
        &self.file.connections
    }

    pub fn get(&self, id: &ConnectionId) -> Result<&ConnectionProfile, StoreError> {
        self.file
            .connections
            .iter()
            .find(|p| p.id() == id)
            .ok_or_else(|| StoreError::NotFound { id: id.clone() })
    }

    /// The connection in use; None is the built-in demo directory.
    pub fn active(&self) -> Option<&ConnectionProfile> {
        let active = self.file.active.as_ref()?;
        self.file.connections.iter().find(|p| p.id() == active)
    }

    /// Switches to `id`, or to the demo directory with None.
    pub fn set_active(&mut self, id: Option<&ConnectionId>) -> Result<(), StoreError> {
        if let Some(id) = id {
            self.get(id)?;
        }
        let mut next = self.file.clone();
        next.active = id.cloned();
        self.save(next)
    }

    /// Checks and adds a connection. The same backend and organization twice is refused.
    pub fn add(&mut self, new: &NewConnection) -> Result<ConnectionProfile, StoreError> {
        let mut profile = new.check()?;
        self.refuse_duplicate(&profile, None)?;
        while self.file.connections.iter().any(|p| p.id() == profile.id()) {
            profile = new.check()?;
        }
        let mut next = self.file.clone();
        next.connections.push(profile.clone());
        self.save(next)?;
        tracing::info!(connection = %profile.id(), kind = ?profile.kind(), "connection added");
        Ok(profile)
    }

    /// Changes a connection's name, URL or organization.
    pub fn edit(&mut self, id: &ConnectionId, edit: &ConnectionEdit) -> Result<Edited, StoreError> {
        let before = self.get(id)?;
        let profile = before.edited(edit)?;
        let backend_changed = !before.same_backend(&profile);
        self.refuse_duplicate(&profile, Some(id))?;
        let mut next = self.file.clone();
        for slot in &mut next.connections {
            if slot.id() == id {
                *slot = profile.clone();
            }
        }
        self.save(next)?;
        tracing::info!(connection = %id, backend_changed, "connection edited");
        Ok(Edited {
            profile,
            backend_changed,
        })
    }

    /// Removes a connection (the demo directory takes over if it was in use). Answers its
    /// id: the caller deletes its cache folder and its keychain entry.
    pub fn remove(&mut self, id: &ConnectionId) -> Result<ConnectionId, StoreError> {
        self.get(id)?;
        let mut next = self.file.clone();
        next.connections.retain(|p| p.id() != id);
        if next.active.as_ref() == Some(id) {
            next.active = None;
        }
        self.save(next)?;
        tracing::info!(connection = %id, "connection removed");
        Ok(id.clone())
    }

    fn refuse_duplicate(
        &self,
        profile: &ConnectionProfile,
        except: Option<&ConnectionId>,
    ) -> Result<(), StoreError> {
        let existing = self
            .file
            .connections
            .iter()
            .filter(|p| Some(p.id()) != except)
            .find(|p| p.same_backend(profile));
        match existing {
            Some(existing) => Err(StoreError::Duplicate {
                name: existing.name().to_owned(),
            }),
            None => Ok(()),
        }
    }

    /// Writes `next` in place of the file, then keeps it: memory and disk never disagree.
    fn save(&mut self, next: ConnectionsFile) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec_pretty(&next).map_err(|e| StoreError::Io {
            action: "write",
            path: self.path.clone(),
            source: io::Error::other(e),
        })?;
        write_atomically(&self.path, &bytes).map_err(|source| StoreError::Io {
            action: "write",
            path: self.path.clone(),
            source,
        })?;
        self.file = next;
        Ok(())
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let mut temp_name = path.file_name().unwrap_or_default().to_owned();
    temp_name.push(".tmp");
    let temp = folder.join(temp_name);
    let written = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written?;
    // The rename itself is durable once the folder is (not possible on Windows).
    #[cfg(unix)]
    fs::File::open(folder)?.sync_all()?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Custodian could not {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "The connections file {} is damaged ({detail}); it was left as it is. Move it \
         aside to start again with no connections.",
        path.display()
    )]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "The connections file {} was written by a newer version of Custodian (layout \
         {version}); update Custodian to use it.",
        path.display()
    )]
    Newer { path: PathBuf, version: u32 },
    #[error(transparent)]
    Invalid(#[from] ProfileError),
    #[error("This backend and organization already have a connection: “{name}”")]
    Duplicate { name: String },
    #[error("There is no connection {id}")]
    NotFound { id: ConnectionId },
}

impl StoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::Io { .. } | StoreError::Damaged { .. } | StoreError::Newer { .. } => {
                ErrorCode::Internal
            }
            StoreError::Invalid(error) => error.code(),
            StoreError::Duplicate { .. } => ErrorCode::Conflict,
            StoreError::NotFound { .. } => ErrorCode::NotFound,
        }
    }

    pub fn to_wire(&self) -> WireError {
        WireError::new(self.code(), self.to_string())
    }
}
