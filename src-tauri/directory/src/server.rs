//! Starting and stopping the server: in-process for tests and the desktop app, or from
//! the binary. The accept loop is our own (hyper-util) rather than `axum::serve`, so that
//! fault injection can drop a connection without answering.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use sqlx::SqlitePool;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tower::ServiceExt;

use crate::auth::{Authenticator, KnownKey};
use crate::config::{Config, KeyRole};
use crate::faults::{Fault, FaultInjector};
use crate::rate_limit::RateLimiter;
use crate::seed::{self, SeedReport};
use crate::state::AppState;
use crate::{db, routes};

/// How long a stop waits for requests in flight.
const DRAIN: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("the database could not be opened or migrated: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: SocketAddr,
        source: std::io::Error,
    },
    #[error("the server task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

pub struct Server;

/// A server that is accepting connections. Dropping it stops the server too, without
/// waiting; `shutdown` waits for requests in flight.
pub struct RunningServer {
    url: String,
    address: SocketAddr,
    seed: SeedReport,
    pool: SqlitePool,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl Server {
    pub async fn spawn(config: Config) -> Result<RunningServer, ServerError> {
        let pool = db::open(&config.database)
            .await
            .map_err(|error| match error {
                db::OpenError::Database(e) => ServerError::Database(e),
                db::OpenError::Migrate(e) => ServerError::Migrate(e),
            })?;
        let seed = seed::ensure(&pool, &config.seed).await?;

        let listener =
            TcpListener::bind(config.listen)
                .await
                .map_err(|source| ServerError::Listen {
                    address: config.listen,
                    source,
                })?;
        let address = listener
            .local_addr()
            .map_err(|source| ServerError::Listen {
                address: config.listen,
                source,
            })?;
        let url = format!("http://{address}");

        let rate_limiter = Arc::new(RateLimiter::new(config.rate_limit));
        let keys = config
            .api_keys
            .iter()
            .map(|grant| {
                let owner = match grant.role {
                    KeyRole::OrgAdmin => seed.accounts.admin.clone(),
                    KeyRole::NotAdmin => seed.accounts.not_admin.clone(),
                };
                KnownKey::new(grant.key.expose(), grant.role, owner)
            })
            .collect();
        let auth = Arc::new(Authenticator { keys, rate_limiter });
        let state = AppState {
            pool: pool.clone(),
            base_url: url.clone().into(),
            v1_page_size: config.v1_page_size.max(1),
            extensions: config.extensions,
        };
        let router = routes::router(state, auth);
        let faults = Arc::new(FaultInjector::new(config.faults.clone()));
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(accept(listener, router, faults, stopped));
        tracing::info!(%url, "directory server listening");
        Ok(RunningServer {
            url,
            address,
            seed,
            pool,
            stop,
            task: Some(task),
        })
    }
}

impl RunningServer {
    /// `http://127.0.0.1:PORT`, with no trailing slash.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// What the database holds: the org, its directories and domains, showcase accounts.
    pub fn seed(&self) -> &SeedReport {
        &self.seed
    }

    /// The server's database, for tests that need to look behind the API.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Stops accepting, lets requests in flight finish (up to 10 s), closes the database.
    pub async fn shutdown(mut self) -> Result<(), ServerError> {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            task.await?;
        }
        self.pool.close().await;
        Ok(())
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// The error a connection is closed with when a drop is injected.
#[derive(Debug)]
struct DroppedOnPurpose;

impl std::fmt::Display for DroppedOnPurpose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for DroppedOnPurpose {}

async fn handle(
    router: Router,
    faults: Arc<FaultInjector>,
    request: Request<Incoming>,
) -> Result<Response<Body>, DroppedOnPurpose> {
    let latency = faults.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match faults.next() {
        Fault::None => {
            let response = router.oneshot(request.map(Body::new)).await;
            Ok(response.unwrap_or_else(|never: Infallible| match never {}))
        }
        // Returning an error makes hyper close the connection with no response at all.
        Fault::Drop => Err(DroppedOnPurpose),
        Fault::Unavailable => Ok(plain(
            StatusCode::SERVICE_UNAVAILABLE,
            r#"{"code":503,"message":"Service unavailable (injected)"}"#,
        )),
        Fault::RateLimited(retry_after) => {
            let mut response = plain(
                StatusCode::TOO_MANY_REQUESTS,
                r#"{"code":429,"message":"Rate limit exceeded (injected)"}"#,
            );
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(retry_after.as_secs()),
            );
            Ok(response)
        }
    }
}

fn plain(status: StatusCode, body: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

async fn accept(
    listener: TcpListener,
    router: Router,
    faults: Arc<FaultInjector>,
    mut stopped: watch::Receiver<bool>,
) {
    let graceful = GracefulShutdown::new();
    let builder = Arc::new(auto::Builder::new(TokioExecutor::new()));
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(error) => {
                        // Out of file descriptors and the like: wait, do not spin.
                        tracing::warn!(%error, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let router = router.clone();
                let faults = faults.clone();
                let service = hyper::service::service_fn(move |request| {
                    handle(router.clone(), faults.clone(), request)
                });
                let builder = builder.clone();
                let watcher = graceful.watcher();
                tokio::spawn(async move {
                    let connection = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
                    let _ = watcher.watch(connection.into_owned()).await;
                });
            }
            _ = stopped.changed() => break,
        }
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight after the drain period were cut off");
    }
}
