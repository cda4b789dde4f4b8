//! What the process hands the router's plugins. Hive builds each plugin from its YAML
//! configuration alone (`RouterPlugin::on_plugin_init` gets no instance), so the context travels
//! in a task-local set around Hive's start-up, which is where plugins are built: no `static`
//! holds it, and two routers in one process each see their own.

use crate::in_process::Embedded;
use crate::registry_route::RegistryRoutes;
use crate::self_compose::CompositionState;
use std::future::Future;
use std::sync::Arc;
use vitrine_kit::config::SecretsConfig;
use vitrine_kit::media::MediaStore;
use vitrine_kit::system::System;

pub struct RouterContext {
    /// Metrics (`/metrics`) and, in embedded mode, the subgraphs' whole system.
    pub system: System,
    /// The subgraphs to call in process; `None` when every subgraph is reached over HTTP.
    pub embedded: Option<Embedded>,
    /// Distributed with NATS: the live subgraph instances; `None` → the supergraph's URLs.
    pub registry: Option<RegistryRoutes>,
    /// A router composing its own supergraph from the registry: how that goes.
    pub composition: Option<Arc<CompositionState>>,
    /// The secret the identity plugin signs with.
    pub secrets: SecretsConfig,
    /// Product pictures: the uploads plugin stores them, the site plugin serves them.
    pub media: MediaStore,
    /// Development diagnostics on (`VITRINE_ENV` is not `production`): per-request SQL
    /// statement counts on request (see `ops.rs`).
    pub diagnostics: bool,
}

tokio::task_local! {
    // A key, not state: the value lives only inside `RouterContext::scope`.
    static CURRENT: Arc<RouterContext>;
}

impl RouterContext {
    /// Runs `start` (Hive's entry point) with this context visible to plugin initialisation.
    pub fn scope<F: Future>(self, start: F) -> impl Future<Output = F::Output> {
        CURRENT.scope(Arc::new(self), start)
    }

    /// The context of the router being started; an error outside [`RouterContext::scope`].
    pub fn current() -> Result<Arc<RouterContext>, String> {
        CURRENT
            .try_with(Arc::clone)
            .map_err(|_| "plugins are built only inside RouterContext::scope".to_string())
    }
}
