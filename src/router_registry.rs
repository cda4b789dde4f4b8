//! `vitrine router` in distributed mode with NATS: the registry view it routes subgraph
//! fetches by (see `vitrine_router::registry_route`) and, with `--registry`, the composer that
//! keeps its supergraph file in step with the registered SDLs (`vitrine_router::self_compose`).

use std::path::PathBuf;
use std::sync::Arc;
use vitrine_kit::config::AppConfig;
use vitrine_router::registry_route::RegistryRoutes;
use vitrine_router::self_compose::composer::{Composer, FixedSubgraph};
use vitrine_router::self_compose::CompositionState;

/// What the router gets from the registry; the runtime (Hive's workers run ntex, the registry
/// needs tokio) is to stop once the router has.
pub struct RouterRegistry {
    pub runtime: tokio::runtime::Runtime,
    /// `None` when every subgraph has a fixed URL.
    pub routes: Option<RegistryRoutes>,
    /// `Some` when the router composes its own supergraph.
    pub composition: Option<Arc<CompositionState>>,
}

/// With `VITRINE_NATS_URL`: follows the registry; `compose_into` names the supergraph file to
/// compose (`--registry`), which needs NATS.
pub fn start(
    app: &AppConfig,
    system: &vitrine_kit::system::System,
    compose_into: Option<PathBuf>,
) -> anyhow::Result<Option<RouterRegistry>> {
    if app.events.nats_url.is_none() {
        anyhow::ensure!(
            compose_into.is_none(),
            "--registry composes the supergraph from the NATS registry: set VITRINE_NATS_URL"
        );
        return Ok(None);
    }
    let fixed = crate::subgraphs::url_overrides();
    let all_fixed = crate::subgraphs::SUBGRAPHS
        .iter()
        .all(|s| fixed.iter().any(|(name, _)| name == s.name));
    if all_fixed && compose_into.is_none() {
        // Every subgraph at a fixed URL: nothing to look up, and no NATS needed to start.
        return Ok(None);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("registry")
        .enable_all()
        .build()?;
    let view = runtime.block_on(async {
        // The events broker's connection: it waits for NATS as long as the subgraphs do.
        let broker = vitrine_kit::events::broker::Broker::connect(&app.events).await?;
        let bucket = vitrine_kit::registry::open_bucket(broker.jetstream(), broker.namespace()).await?;
        anyhow::Ok(Arc::new(vitrine_kit::registry::RegistryView::follow(bucket)))
    })?;
    let composition = compose_into.map(|file| {
        let composed = file.clone();
        let state = Arc::new(CompositionState::default());
        state.register(system.metrics());
        let composer = Composer {
            view: view.clone(),
            file,
            required: crate::subgraphs::SUBGRAPHS
                .iter()
                .map(|s| s.name.to_string())
                .collect(),
            fixed: fixed
                .iter()
                .filter_map(|(name, url)| {
                    let entry = crate::subgraphs::find(name).ok()?;
                    Some(FixedSubgraph {
                        name: name.clone(),
                        sdl: (entry.sdl)(),
                        url: url.clone(),
                    })
                })
                .collect(),
            state: state.clone(),
        };
        runtime.spawn(composer.run());
        wait_for_the_first(&composed, &state);
        state
    });
    let routes = (!all_fixed).then(|| {
        let fixed = fixed.into_iter().map(|(name, _)| name).collect();
        RegistryRoutes::new(view, fixed, runtime.handle().clone(), composition.clone())
    });
    Ok(Some(RouterRegistry {
        runtime,
        routes,
        composition,
    }))
}

/// Blocks until the first supergraph is written: Hive needs the file when it starts. Says
/// every few seconds what it waits for (subgraphs not registered yet, or a composition error).
fn wait_for_the_first(file: &std::path::Path, state: &CompositionState) {
    let started = std::time::Instant::now();
    let mut said = started;
    while !file.exists() {
        if said.elapsed() >= std::time::Duration::from_secs(5) {
            said = std::time::Instant::now();
            // Hive installs the log subscriber when it starts, which is after this.
            eprintln!(
                "no supergraph composed yet after {:?}: {:?}",
                started.elapsed(),
                state.report().problem
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
