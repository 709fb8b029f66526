//! What the commands share: the connection in use and its cache (a session, replaced when
//! the admin switches connections), the saved connections and their keys, and the work in
//! progress (sync, bulk action, outbox send) so it can be cancelled and not started twice.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use custodian_core::cache::Cache;
use custodian_core::changes::Changing;
use custodian_core::connection::ConnectionFacts;
use custodian_core::connections::{
    Capabilities, ConnectionId, ConnectionKind, ConnectionProfile, ConnectionStore, Secrets,
};
use custodian_core::directory::{DirectoryClient, OrgId};
use custodian_core::sync::Cancel;
use tauri::{AppHandle, Manager, Runtime};

use crate::Error;
use crate::demo_directory::{self, DemoDirectory};
use crate::self_hosted;

/// One connection, open: its directory client and its cache.
pub struct Session {
    pub cache: Cache,
    pub connection: Connection,
}

pub struct Connection {
    pub name: String,
    pub client: DirectoryClient,
    pub org: OrgId,
    pub kind: ConnectionKind,
    pub capabilities: Capabilities,
    /// The saved connection, when it is one (not the demo, not one named at launch).
    pub profile: Option<ConnectionId>,
}

impl Connection {
    pub fn facts(&self) -> ConnectionFacts {
        ConnectionFacts {
            name: self.name.clone(),
            kind: self.kind,
            org_id: self.org.as_str().to_owned(),
            capabilities: self.capabilities,
        }
    }
}

impl Session {
    /// Where changes go: this connection's directory, cache and audit trail.
    pub fn changing(&self) -> Changing<'_> {
        Changing {
            client: &self.connection.client,
            cache: &self.cache,
            org: &self.connection.org,
            connection: &self.connection.name,
            // Custodian Directory keeps idempotency keys; Atlassian does not say it does.
            recognises_repeats: self.connection.kind == ConnectionKind::CustodianDirectory,
        }
    }
}

pub struct AppState {
    session: RwLock<Arc<Session>>,
    /// The sync running now, so that it can be cancelled and not started twice.
    pub sync: Mutex<Option<Cancel>>,
    /// The bulk action running now, likewise.
    pub bulk: Mutex<Option<Cancel>>,
    /// The send of pending changes running now, likewise.
    pub outbox: Mutex<Option<Cancel>>,
    /// The saved connections (`connections.json`); None when it could not be read (the
    /// reason is in `connections_error`).
    pub connections: tokio::sync::Mutex<Option<ConnectionStore>>,
    pub connections_error: Option<String>,
    /// The keychain, opened when first needed: asking it may show the OS's unlock prompt,
    /// which must not hold up a launch that needs no key.
    secrets: tokio::sync::OnceCell<Secrets>,
    /// Whether the launch named a directory (`--directory-url`): Settings then shows it
    /// as the connection in use, and switching is still possible.
    pub launch_override: bool,
    pub data_dir: PathBuf,
    /// The embedded directory, started when the demo is first used; kept with the app.
    demo: tokio::sync::OnceCell<DemoDirectory>,
}

impl AppState {
    pub fn new(cache: Cache, connection: Connection, data_dir: PathBuf) -> Self {
        Self {
            session: RwLock::new(Arc::new(Session { cache, connection })),
            sync: Mutex::new(None),
            bulk: Mutex::new(None),
            outbox: Mutex::new(None),
            connections: tokio::sync::Mutex::new(
                ConnectionStore::load(ConnectionStore::path_in(&data_dir)).ok(),
            ),
            connections_error: None,
            secrets: tokio::sync::OnceCell::new_with(Some(Secrets::memory())),
            launch_override: false,
            data_dir,
            demo: tokio::sync::OnceCell::new(),
        }
    }

    /// The connection in use now. A command holds it for its whole run, so a switch
    /// meanwhile does not pull its cache from under it.
    pub fn session(&self) -> Arc<Session> {
        match self.session.read() {
            Ok(session) => Arc::clone(&session),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Puts another connection in use: what runs on the old one is cancelled first.
    pub fn switch_to(&self, next: Session) {
        for running in [&self.sync, &self.bulk, &self.outbox] {
            if let Ok(running) = running.lock()
                && let Some(cancel) = running.as_ref()
            {
                cancel.cancel();
            }
        }
        let next = Arc::new(next);
        match self.session.write() {
            Ok(mut session) => *session = next,
            Err(poisoned) => *poisoned.into_inner() = next,
        }
    }

    /// The demo directory's session, starting it on first use.
    pub async fn demo_session(&self) -> Result<Session, Error> {
        start_demo(&self.demo, &self.data_dir).await
    }

    /// A saved connection's session, with its key from the keychain (or this session's
    /// memory).
    pub async fn profile_session(&self, profile: &ConnectionProfile) -> Result<Session, Error> {
        profile_session(self.secrets().await, &self.data_dir, profile).await
    }

    /// Where API keys are kept: the OS keychain, else this session's memory.
    pub async fn secrets(&self) -> &Secrets {
        self.secrets.get_or_init(Secrets::open).await
    }
}

async fn start_demo(
    demo: &tokio::sync::OnceCell<DemoDirectory>,
    data_dir: &std::path::Path,
) -> Result<Session, Error> {
    let demo = demo
        .get_or_try_init(|| demo_directory::start(data_dir))
        .await?;
    demo_session(data_dir, demo).await
}

async fn profile_session(
    secrets: &Secrets,
    data_dir: &std::path::Path,
    profile: &ConnectionProfile,
) -> Result<Session, Error> {
    let key = secrets.key(profile.id()).await?.ok_or_else(|| {
        Error::Setup(format!(
            "the API key of \"{}\" is not in the keychain: enter it again in Settings > Connections",
            profile.name()
        ))
    })?;
    let client = profile.client(key).build()?;
    let capabilities = match profile.kind() {
        ConnectionKind::AtlassianCloud => Capabilities::of(ConnectionKind::AtlassianCloud),
        ConnectionKind::CustodianDirectory => discover(&client).await,
    };
    let cache = Cache::open(&custodian_core::cache::path_for(
        data_dir,
        profile.id().as_str(),
    ))
    .await?;
    Ok(Session {
        cache,
        connection: Connection {
            name: profile.name().to_owned(),
            client,
            org: profile.org_id().clone(),
            kind: profile.kind(),
            capabilities,
            profile: Some(profile.id().clone()),
        },
    })
}

/// What a Custodian Directory serves: its extensions unless it says it has none. Offline,
/// it is taken to have them (their use then fails as offline, like everything else).
pub async fn discover(client: &DirectoryClient) -> Capabilities {
    let quick = client.clone();
    let extensions = tokio::time::timeout(std::time::Duration::from_secs(5), async move {
        quick.offers_extensions().await
    })
    .await;
    match extensions {
        Ok(Ok(extensions)) => Capabilities::with_extensions(extensions),
        Ok(Err(error)) => {
            tracing::info!(%error, "could not ask the directory what it serves; assuming its extensions");
            Capabilities::of(ConnectionKind::CustodianDirectory)
        }
        Err(_) => Capabilities::of(ConnectionKind::CustodianDirectory),
    }
}

async fn demo_session(data_dir: &std::path::Path, demo: &DemoDirectory) -> Result<Session, Error> {
    let cache = Cache::open(&custodian_core::cache::path_for(data_dir, "demo")).await?;
    Ok(Session {
        cache,
        connection: Connection {
            name: "Demo directory".into(),
            client: demo.client.clone(),
            org: demo.org.clone(),
            kind: ConnectionKind::CustodianDirectory,
            capabilities: Capabilities::of(ConnectionKind::CustodianDirectory),
            profile: None,
        },
    })
}

/// At launch: the directory the launch names (see `self_hosted`), else the saved
/// connection last in use, else the demo directory.
pub async fn open<R: Runtime>(app: &AppHandle<R>) -> Result<AppState, Error> {
    let data_dir = app.path().app_data_dir()?;
    let secrets = tokio::sync::OnceCell::new();
    let (store, connections_error) =
        match ConnectionStore::load(ConnectionStore::path_in(&data_dir)) {
            Ok(store) => (Some(store), None),
            Err(error) => {
                tracing::error!(%error, "the saved connections could not be read");
                (None, Some(error.to_string()))
            }
        };
    let demo = tokio::sync::OnceCell::new();

    let mut launch_override = false;
    let session = if let Some((id, connection)) = self_hosted::from_launch()? {
        launch_override = true;
        let cache = Cache::open(&custodian_core::cache::path_for(&data_dir, &id)).await?;
        let capabilities = discover(&connection.client).await;
        Session {
            cache,
            connection: Connection {
                capabilities,
                ..connection
            },
        }
    } else if let Some(profile) = store.as_ref().and_then(ConnectionStore::active) {
        let keys = secrets.get_or_init(Secrets::open).await;
        match profile_session(keys, &data_dir, profile).await {
            Ok(session) => session,
            Err(error) => {
                tracing::warn!(%error, connection = profile.name(), "the saved connection could not be opened; using the demo directory");
                start_demo(&demo, &data_dir).await?
            }
        }
    } else {
        start_demo(&demo, &data_dir).await?
    };
    Ok(AppState {
        session: RwLock::new(Arc::new(session)),
        sync: Mutex::new(None),
        bulk: Mutex::new(None),
        outbox: Mutex::new(None),
        connections: tokio::sync::Mutex::new(store),
        connections_error,
        secrets,
        launch_override,
        data_dir,
        demo,
    })
}
