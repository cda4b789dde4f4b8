//! `vitrine schema check SUBGRAPH FILE` (see `vitrine_router::schema_check`): today's
//! subgraphs come from the NATS registry (the newest SDL of each, as the self-composing router
//! takes them), or, without `VITRINE_NATS_URL`, from this binary.

use std::path::Path;
use std::time::{Duration, Instant};
use vitrine_kit::config::AppConfig;
use vitrine_router::schema_check::{check, manifest_operations, Registered};

/// How long to wait for every subgraph to show in the registry.
const REGISTRY_WAIT: Duration = Duration::from_secs(5);

/// Prints the report; whether the check passed.
pub fn run(subgraph: &str, file: &Path, operations: &Path) -> anyhow::Result<bool> {
    crate::subgraphs::find(subgraph)?;
    let proposed =
        std::fs::read_to_string(file).map_err(|e| anyhow::anyhow!("reading {}: {e}", file.display()))?;
    let manifest = std::fs::read_to_string(operations)
        .map_err(|e| anyhow::anyhow!("reading the operations {}: {e}", operations.display()))?;
    let operations = manifest_operations(&manifest)?;
    let app = AppConfig::from_env()?;
    let registered = match &app.events.nats_url {
        Some(_) => from_registry(&app)?,
        None => {
            println!("against this binary's subgraphs (no VITRINE_NATS_URL)");
            crate::subgraphs::SUBGRAPHS
                .iter()
                .map(|s| Registered {
                    name: s.name.to_string(),
                    sdl: (s.sdl)(),
                    url: format!("http://127.0.0.1:{}/graphql", s.default_port),
                })
                .collect()
        }
    };
    let report = check(&registered, subgraph, &proposed, &operations)?;
    print!("{}", report.render(subgraph));
    Ok(report.passed())
}

fn from_registry(app: &AppConfig) -> anyhow::Result<Vec<Registered>> {
    tokio::runtime::Runtime::new()?.block_on(async {
        let broker = vitrine_kit::events::broker::Broker::connect(&app.events).await?;
        let bucket = vitrine_kit::registry::open_bucket(broker.jetstream(), broker.namespace()).await?;
        let view = vitrine_kit::registry::RegistryView::follow(bucket);
        let started = Instant::now();
        loop {
            let live = view.live();
            let missing: Vec<&str> = crate::subgraphs::SUBGRAPHS
                .iter()
                .map(|s| s.name)
                .filter(|name| !live.contains_key(*name))
                .collect();
            if missing.is_empty() || started.elapsed() > REGISTRY_WAIT {
                if !missing.is_empty() {
                    println!("not registered (left out): {}", missing.join(", "));
                }
                println!("against the registry ({} subgraphs)", live.len());
                return Ok(live
                    .iter()
                    .filter_map(|(name, records)| {
                        let part = vitrine_router::self_compose::composer::part_of(records)?;
                        Some(Registered {
                            name: name.clone(),
                            sdl: part.sdl.to_string(),
                            url: part.url,
                        })
                    })
                    .collect());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
}
