//! `vitrine serve`: every subgraph and the router in one process.

use crate::subgraphs::SUBGRAPHS;
use std::net::SocketAddr;
use std::path::PathBuf;
use tokio::net::TcpListener;
use vitrine_kit::config::AppConfig;
use vitrine_kit::peers::Peers;
use vitrine_kit::service::{ops_routes, SubgraphService};
use vitrine_kit::system::System;
use vitrine_kit::wiring::Wiring;
use vitrine_router::compose::{compose_supergraph, SubgraphSdl};
use vitrine_router::serve::RouterLaunch;
use vitrine_router::storefront::Storefront;

pub struct ServeOptions {
    pub port: u16,
    /// Loopback port for the subgraphs' own HTTP/WebSocket endpoints (0 = any free port).
    pub subgraphs_port: u16,
    pub router_config: Option<PathBuf>,
}

pub fn serve(opts: ServeOptions) -> anyhow::Result<()> {
    let config = AppConfig::from_env()?;
    let supergraph_path = config.storage.data_dir.join("supergraph.graphql");
    RouterLaunch {
        supergraph: supergraph_path.clone(),
        port: opts.port,
        config: opts.router_config,
        work_dir: config.storage.data_dir.clone(),
        secrets: config.secrets.clone(),
        url_overrides: Vec::new(),
        poll_supergraph: false,
    }
    .export_env()?;

    // Subgraph resolvers and their database pools live on their own tokio runtime; the
    // router's ntex workers hand them requests (see vitrine_router::in_process).
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .thread_name("subgraphs")
        .enable_all()
        .build()?;
    let system = System::new();
    let services = runtime.block_on(async {
        let services = start_all(&config, &system).await?;
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], opts.subgraphs_port))).await?;
        let base = format!("http://{}", listener.local_addr()?);
        let mut app = ops_routes(&system);
        for service in &services {
            app = app.nest(&format!("/{}", service.name), service.routes(&system));
        }
        tokio::spawn(async move {
            if let Err(err) = axum::serve(listener, app).await {
                tracing::error!(error = %err, "embedded subgraph server stopped");
            }
        });
        let urls: Vec<String> = services
            .iter()
            .map(|s| format!("{base}/{}/graphql", s.name))
            .collect();
        let inputs: Vec<_> = services
            .iter()
            .zip(&urls)
            .map(|(s, url)| SubgraphSdl {
                name: s.name,
                sdl: s.sdl(),
                url,
            })
            .collect();
        std::fs::write(&supergraph_path, compose_supergraph(&inputs)?)?;
        println!("Subgraphs on {base}/<name>/graphql");
        anyhow::Ok(services)
    })?;
    let embedded = vitrine_router::in_process::Embedded::new(services, runtime.handle().clone());
    runtime.spawn(announce_when_ready(opts.port));
    let served = vitrine_router::serve::run(vitrine_router::serve::RouterContext {
        registry: None,
        composition: None,
        system,
        embedded: Some(embedded),
        secrets: config.secrets.clone(),
        media: vitrine_kit::media::MediaStore::from_env(&config.storage)?,
        diagnostics: !vitrine_kit::config::is_production(),
    });
    // After SIGTERM the router has drained; subgraph work still running (a background tick,
    // a blocking password hash) gets a moment, not a say in when the process ends.
    runtime.shutdown_timeout(std::time::Duration::from_secs(2));
    served
}

/// Every subgraph on one in-process event bus, so their events reach each other, and calling
/// each other in process.
async fn start_all(config: &AppConfig, system: &System) -> anyhow::Result<Vec<SubgraphService>> {
    if config.events.nats_url.is_some() {
        system.bus().use_broker(&config.events).await?;
    }
    let wiring = Wiring::new(system.clone(), Peers::in_process(&config.secrets.internal_secret));
    let services =
        futures::future::try_join_all(SUBGRAPHS.iter().map(|s| (s.start)(config, &wiring))).await?;
    for service in &services {
        wiring.peers.register(service.clone());
    }
    wiring.peers.mark_ready();
    wiring
        .bus()
        .open_and_settle(std::time::Duration::from_secs(30))
        .await;
    Ok(services)
}

/// Prints the GraphiQL URL once the router answers its health check.
async fn announce_when_ready(port: u16) {
    let url = format!("http://127.0.0.1:{port}/readiness");
    for _ in 0..600 {
        if reqwest::get(&url).await.is_ok_and(|r| r.status().is_success()) {
            println!("Vitrine is ready. GraphiQL: http://localhost:{port}/graphql");
            if Storefront::from_env().is_built() {
                println!("Storefront: http://localhost:{port}/");
            } else {
                println!("Storefront: not built (cd web && npm ci && npm run build)");
            }
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    eprintln!("the router did not become ready on port {port}");
}
