//! A subgraph process in distributed mode: how it finds its peers, registers itself once it
//! listens, and leaves on SIGTERM/SIGINT (deregistered first, then in-flight requests drained).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use vitrine_kit::config::AppConfig;
use vitrine_kit::events::EventBus;
use vitrine_kit::peers::Peers;
use vitrine_kit::registry::{self, Bucket, InstanceRecord, Registration, RegistryView};

/// Between deleting our key and refusing new connections: callers that picked this instance
/// just before they saw the delete still get an answer.
const LINGER: Duration = Duration::from_millis(500);
/// How long a heartbeat waits for the readiness check (the heartbeat comes every second).
const HEALTH_WAIT: Duration = Duration::from_millis(800);
/// How long the event being handled may hold up handing the consumers on.
const CONSUMERS_STOP_LIMIT: Duration = Duration::from_secs(5);
/// How long open connections (live subscriptions among them) may hold up the exit.
const DRAIN_LIMIT: Duration = Duration::from_secs(10);

/// The registry bucket when events go through NATS (call after `use_broker`), else None.
pub async fn registry_bucket(bus: &EventBus) -> anyhow::Result<Option<Bucket>> {
    match bus.broker() {
        Some(broker) => Ok(Some(
            registry::open_bucket(broker.jetstream(), broker.namespace()).await?,
        )),
        None => Ok(None),
    }
}

/// Peers at their `VITRINE_<NAME>_URL`; with a registry, every peer without one at its live
/// instances, else at its default local port.
pub fn peers(config: &AppConfig, bucket: Option<&Bucket>) -> Arc<Peers> {
    let secret = &config.secrets.internal_secret;
    match bucket {
        Some(store) => {
            let overrides: HashMap<String, String> = crate::subgraphs::url_overrides().into_iter().collect();
            Peers::over_registry(secret, overrides, Arc::new(RegistryView::follow(store.clone())))
        }
        None => Peers::over_http(secret, crate::subgraphs::peer_urls()),
    }
}

/// Registers this process as an instance of `name` listening on `port`.
pub async fn register(
    store: Bucket,
    config: &AppConfig,
    system: &vitrine_kit::system::System,
    name: &str,
    sdl: String,
    port: u16,
) -> anyhow::Result<Registration> {
    let url = config
        .events
        .advertise_url
        .clone()
        .unwrap_or_else(|| format!("http://127.0.0.1:{port}/graphql"));
    let record = InstanceRecord::new(name, &url, sdl, env!("CARGO_PKG_VERSION"));
    // Readiness (its databases and NATS answer) gates each heartbeat.
    let system = system.clone();
    let healthy: vitrine_kit::registry::Health = Arc::new(move || {
        let system = system.clone();
        Box::pin(async move { system.check_ready(HEALTH_WAIT).await.is_ok() })
    });
    let registration = Registration::start_checked(store, &record, healthy).await?;
    tracing::info!(subgraph = name, url, instance = record.instance_id, "registered");
    Ok(registration)
}

/// Serves `app` on `listener` until SIGTERM or SIGINT; then deregisters, lingers briefly,
/// hands its event consumers on, stops accepting and gives open connections [`DRAIN_LIMIT`]
/// to finish.
pub async fn serve_until_stopped(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    registration: Option<Registration>,
    bus: Arc<EventBus>,
) -> anyhow::Result<()> {
    let draining = Arc::new(tokio::sync::Notify::new());
    let leave = {
        let draining = draining.clone();
        async move {
            stop_requested().await;
            if let Some(registration) = registration {
                if let Err(err) = registration.stop().await {
                    tracing::warn!(
                        error = format!("{err:#}"),
                        "deregistering failed; the heartbeat's absence will tell"
                    );
                }
                tokio::time::sleep(LINGER).await;
            }
            // Another replica reads our event consumers at once instead of after their leases
            // expire.
            bus.stop_consuming(CONSUMERS_STOP_LIMIT).await;
            tracing::info!("stopping: draining open connections");
            draining.notify_one();
        }
    };
    let server = axum::serve(listener, app).with_graceful_shutdown(leave);
    tokio::select! {
        served = server => Ok(served?),
        () = async {
            draining.notified().await;
            tokio::time::sleep(DRAIN_LIMIT).await;
        } => {
            tracing::warn!("connections still open after {DRAIN_LIMIT:?}; exiting anyway");
            Ok(())
        }
    }
}

async fn stop_requested() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = terminate => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}
