//! `vitrine router` in distributed mode with NATS: the registry view it routes subgraph
//! fetches by (see `vitrine_router::registry_route`).

/// With `VITRINE_NATS_URL`: the registry view the router routes by, on a runtime of its own
/// (Hive's workers run ntex), and that runtime, to stop once the router has.
pub fn routes(
    app: &vitrine_kit::config::AppConfig,
) -> anyhow::Result<
    Option<(
        tokio::runtime::Runtime,
        vitrine_router::registry_route::RegistryRoutes,
    )>,
> {
    if app.events.nats_url.is_none() {
        return Ok(None);
    }
    let fixed: std::collections::HashSet<String> = crate::subgraphs::url_overrides()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    if crate::subgraphs::SUBGRAPHS.iter().all(|s| fixed.contains(s.name)) {
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
        anyhow::Ok(vitrine_kit::registry::RegistryView::follow(bucket))
    })?;
    let routes = vitrine_router::registry_route::RegistryRoutes::new(view, fixed, runtime.handle().clone());
    Ok(Some((runtime, routes)))
}
