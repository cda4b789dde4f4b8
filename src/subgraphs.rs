//! Every subgraph the binary knows, with the port it listens on when run on its own.

use futures::future::BoxFuture;
use std::collections::HashMap;
use vitrine_kit::config::AppConfig;
use vitrine_kit::service::SubgraphService;
use vitrine_kit::wiring::Wiring;

pub struct SubgraphEntry {
    pub name: &'static str,
    /// Port in distributed mode and in the checked-in supergraph's URLs.
    pub default_port: u16,
    pub start: for<'a> fn(&'a AppConfig, &'a Wiring) -> BoxFuture<'a, anyhow::Result<SubgraphService>>,
    pub sdl: fn() -> String,
}

pub const SUBGRAPHS: &[SubgraphEntry] = &[
    SubgraphEntry {
        name: vitrine_accounts::NAME,
        default_port: 4001,
        start: |cfg, wiring| Box::pin(vitrine_accounts::start(cfg, wiring)),
        sdl: vitrine_accounts::sdl,
    },
    SubgraphEntry {
        name: vitrine_catalog::NAME,
        default_port: 4002,
        start: |cfg, wiring| Box::pin(vitrine_catalog::start(cfg, wiring)),
        sdl: vitrine_catalog::sdl,
    },
    SubgraphEntry {
        name: vitrine_shops::NAME,
        default_port: 4003,
        start: |cfg, wiring| Box::pin(vitrine_shops::start(cfg, wiring)),
        sdl: vitrine_shops::sdl,
    },
    SubgraphEntry {
        name: vitrine_inventory::NAME,
        default_port: 4004,
        start: |cfg, wiring| Box::pin(vitrine_inventory::start(cfg, wiring)),
        sdl: vitrine_inventory::sdl,
    },
    SubgraphEntry {
        name: vitrine_cart::NAME,
        default_port: 4005,
        start: |cfg, wiring| Box::pin(vitrine_cart::start(cfg, wiring)),
        sdl: vitrine_cart::sdl,
    },
    SubgraphEntry {
        name: vitrine_orders::NAME,
        default_port: 4006,
        start: |cfg, wiring| Box::pin(vitrine_orders::start(cfg, wiring)),
        sdl: vitrine_orders::sdl,
    },
    SubgraphEntry {
        name: vitrine_payments::NAME,
        default_port: 4007,
        start: |cfg, wiring| Box::pin(vitrine_payments::start(cfg, wiring)),
        sdl: vitrine_payments::sdl,
    },
    SubgraphEntry {
        name: vitrine_kitchen::NAME,
        default_port: 4008,
        start: |cfg, wiring| Box::pin(vitrine_kitchen::start(cfg, wiring)),
        sdl: vitrine_kitchen::sdl,
    },
    SubgraphEntry {
        name: vitrine_delivery::NAME,
        default_port: 4009,
        start: |cfg, wiring| Box::pin(vitrine_delivery::start(cfg, wiring)),
        sdl: vitrine_delivery::sdl,
    },
    SubgraphEntry {
        name: vitrine_notifications::NAME,
        default_port: 4010,
        start: |cfg, wiring| Box::pin(vitrine_notifications::start(cfg, wiring)),
        sdl: vitrine_notifications::sdl,
    },
];

pub fn find(name: &str) -> anyhow::Result<&'static SubgraphEntry> {
    SUBGRAPHS.iter().find(|s| s.name == name).ok_or_else(|| {
        let known: Vec<_> = SUBGRAPHS.iter().map(|s| s.name).collect();
        anyhow::anyhow!("unknown subgraph {name:?}; known: {}", known.join(", "))
    })
}

/// Each subgraph's `/graphql` URL in distributed mode: `VITRINE_<NAME>_URL`, else its default
/// port on this machine.
pub fn peer_urls() -> HashMap<String, String> {
    SUBGRAPHS
        .iter()
        .map(|s| {
            let variable = format!("VITRINE_{}_URL", s.name.to_uppercase());
            let url = std::env::var(variable)
                .unwrap_or_else(|_| format!("http://127.0.0.1:{}/graphql", s.default_port));
            (s.name.to_string(), url)
        })
        .collect()
}

/// `VITRINE_<NAME>_URL` of each subgraph that has one: where the router finds it, over the
/// checked-in supergraph's localhost defaults.
pub fn url_overrides() -> Vec<(String, String)> {
    SUBGRAPHS
        .iter()
        .filter_map(|s| {
            let variable = format!("VITRINE_{}_URL", s.name.to_uppercase());
            let url = std::env::var(variable).ok().filter(|u| !u.is_empty())?;
            Some((s.name.to_string(), url))
        })
        .collect()
}

/// The supergraph as checked in under `schema/`: each subgraph at its default local port.
pub fn compose_for_distribution() -> anyhow::Result<(Vec<(&'static str, String)>, String)> {
    let sdls: Vec<(&'static str, String)> = SUBGRAPHS.iter().map(|s| (s.name, (s.sdl)())).collect();
    let urls: Vec<String> = SUBGRAPHS
        .iter()
        .map(|s| format!("http://localhost:{}/graphql", s.default_port))
        .collect();
    let inputs: Vec<_> = sdls
        .iter()
        .zip(&urls)
        .map(|((name, sdl), url)| vitrine_router::compose::SubgraphSdl { name, sdl, url })
        .collect();
    let supergraph = vitrine_router::compose::compose_supergraph(&inputs)?;
    Ok((sdls, supergraph))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// `schema/` is what clients and other tools read; it must match the code.
    #[test]
    fn checked_in_schemas_match_the_code() {
        let (sdls, supergraph) = compose_for_distribution().expect("the subgraphs compose");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
        let stale = "is stale: run `cargo run -- compose` and commit schema/";
        for (name, sdl) in sdls {
            let file = std::fs::read_to_string(dir.join(format!("{name}.graphql"))).unwrap_or_default();
            assert!(file == sdl, "schema/{name}.graphql {stale}");
        }
        let file = std::fs::read_to_string(dir.join("supergraph.graphql")).unwrap_or_default();
        assert!(file == supergraph, "schema/supergraph.graphql {stale}");
    }
}
