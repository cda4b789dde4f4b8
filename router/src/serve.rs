//! Starts Hive Router. Its configuration comes from a YAML file (ours, `router.config.yaml`,
//! unless the caller names another) plus the environment overrides Hive itself reads; the
//! supergraph file and port are passed that way so any Hive config file keeps working.

pub use crate::context::RouterContext;
use crate::guard::GuardPlugin;
use crate::identity::IdentityPlugin;
use crate::in_process::InProcessPlugin;
use crate::ops::OpsPlugin;
use crate::registry_route::RegistryRoutePlugin;
use crate::self_compose::plugin::SupergraphPlugin;
use crate::site::SitePlugin;
use crate::typename::TypenamePlugin;
use hive_router::{init_rustls_crypto_provider, ntex, router_entrypoint, PluginRegistry};
use std::path::{Path, PathBuf};
use vitrine_kit::config::SecretsConfig;
use vitrine_kit::jwt_keys::JwtKeys;

/// The default router configuration, written next to the data when no file is given.
pub const DEFAULT_CONFIG: &str = include_str!("../router.config.yaml");

pub struct RouterLaunch {
    pub supergraph: PathBuf,
    pub port: u16,
    /// A Hive Router config file; `None` → [`DEFAULT_CONFIG`].
    pub config: Option<PathBuf>,
    /// Where the default config and the JWKS it names are written.
    pub work_dir: PathBuf,
    pub secrets: SecretsConfig,
    /// (subgraph, URL) pairs that replace the supergraph's `join__Graph` URLs; applied to the
    /// default config (a config file of your own says its own `override_subgraph_urls`).
    pub url_overrides: Vec<(String, String)>,
    /// The supergraph file changes while the router runs (it composes its own): the default
    /// config has Hive poll it (a config file of your own sets `supergraph.poll_interval`).
    pub poll_supergraph: bool,
}

impl RouterLaunch {
    /// Points Hive at the config, supergraph and port. Call before any other thread starts:
    /// Hive reads these from the environment.
    pub fn export_env(&self) -> anyhow::Result<()> {
        std::fs::create_dir_all(&self.work_dir)?;
        // The default config verifies access tokens against this key set: the HS256 secret in
        // development, the public key when a private key is configured.
        let keys = JwtKeys::from_config(&self.secrets)?;
        std::fs::write(self.work_dir.join("jwks.json"), keys.jwks_json())?;
        let config = match &self.config {
            Some(path) => absolute(path)?,
            None => {
                let path = self.work_dir.join("router.config.yaml");
                let mut config = with_url_overrides(DEFAULT_CONFIG, &self.url_overrides);
                if self.poll_supergraph {
                    config = polling_the_supergraph(&config)?;
                }
                std::fs::write(&path, config)?;
                absolute(&path)?
            }
        };
        std::env::set_var("ROUTER_CONFIG_FILE_PATH", config);
        std::env::set_var("SUPERGRAPH_FILE_PATH", absolute(&self.supergraph)?);
        std::env::set_var("PORT", self.port.to_string());
        // The identity header rule in the default config signs with it (see the config).
        std::env::set_var("VITRINE_INTERNAL_SECRET", &self.secrets.internal_secret);
        Ok(())
    }
}

/// `config` (a router config without `override_subgraph_urls`), plus Hive's
/// `override_subgraph_urls` for `overrides`.
pub fn with_url_overrides(config: &str, overrides: &[(String, String)]) -> String {
    if overrides.is_empty() {
        return config.to_string();
    }
    let mut config = format!("{config}\noverride_subgraph_urls:\n  subgraphs:\n");
    for (subgraph, url) in overrides {
        // JSON strings are valid YAML scalars, quotes and escapes included.
        let url = serde_json::Value::String(url.clone());
        config.push_str(&format!("    {subgraph}:\n      url: {url}\n"));
    }
    config
}

/// How often Hive looks at the supergraph file's modification time when it is composed here.
const SUPERGRAPH_POLL: &str = "500ms";

/// `config` with Hive polling the supergraph file.
fn polling_the_supergraph(config: &str) -> anyhow::Result<String> {
    let source = "supergraph:\n  source: file\n";
    anyhow::ensure!(
        config.contains(source),
        "the default router config no longer starts its supergraph section as expected"
    );
    Ok(config.replacen(
        source,
        &format!("{source}  poll_interval: {SUPERGRAPH_POLL}\n"),
        1,
    ))
}

fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    Ok(std::path::absolute(path)?)
}

/// Runs the router until it is stopped. Blocks the calling thread.
pub fn run(context: RouterContext) -> anyhow::Result<()> {
    serve(context).map_err(|e| anyhow::anyhow!("router failed: {e}"))
}

/// The stack reserved for each of the router's threads. A WebSocket message reaches Hive
/// parsed, and sonic-rs's parse recurses once per level of nesting with no limit but the
/// message's size (ntex reads messages of up to 64 KiB: 32 000 levels of brackets); no plugin
/// sees the message first (`connection_init` reaches none). With the default 2 MiB a release
/// build overflowed at about 7 500 levels (a 15 KB message), and ntex-rt's SIGSEGV handler then
/// spun instead of ending the process (docs/security.md, "The nesting hang"; `fatal_fault` now
/// ends it). Parsing 32 000 levels touches about 11 MiB of stack in a release build and 24 MiB
/// in a debug build (which builds sonic-rs optimised for this, see Cargo.toml). Only what a
/// thread touches is resident.
const THREAD_STACK: usize = 64 << 20;

/// What `#[hive_router::main]` expands to, with [`THREAD_STACK`], which that macro cannot set.
fn serve(context: RouterContext) -> Result<(), hive_router::error::RouterInitError> {
    ntex::rt::System::build()
        .name("serve")
        .stack_size(THREAD_STACK)
        .build(ntex::rt::DefaultRuntime)
        .block_on(start(context))
}

async fn start(context: RouterContext) -> Result<(), hive_router::error::RouterInitError> {
    crate::fatal_fault::exit_on_fault();
    init_rustls_crypto_provider();
    // Order matters: the identity header must be set before the in-process executor reads it.
    // The guard runs first: a refused request should cost as little as possible.
    let plugins = PluginRegistry::new()
        .register::<GuardPlugin>()
        // After the guard (rate limits first), before anything that reads the body.
        .register::<crate::uploads::UploadsPlugin>()
        .register::<SupergraphPlugin>()
        .register::<crate::compression::plugin::CompressionPlugin>()
        // After compression: its end hook runs first, so it shares the uncompressed response.
        .register::<crate::request_dedupe::DedupePlugin>()
        .register::<OpsPlugin>()
        .register::<SitePlugin>()
        .register::<TypenamePlugin>()
        .register::<IdentityPlugin>()
        .register::<InProcessPlugin>()
        .register::<RegistryRoutePlugin>()
        // Last: it takes WebSocket upgrades over, after every other plugin has seen them.
        .register::<crate::live_socket::LiveSocketPlugin>();
    context.scope(router_entrypoint(plugins)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_overrides_reach_hive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("router.config.yaml");
        let overrides = [(
            "catalog".to_string(),
            "http://catalog.internal:4002/graphql".to_string(),
        )];
        std::fs::write(&path, with_url_overrides(DEFAULT_CONFIG, &overrides)).unwrap();
        let keys = JwtKeys::from_config(&SecretsConfig::default()).unwrap();
        std::fs::write(dir.path().join("jwks.json"), keys.jwks_json()).unwrap();
        let config =
            hive_router::config::load_config(Some(path.to_str().unwrap().to_string())).expect("valid config");
        let text = format!("{:?}", config.override_subgraph_urls);
        assert!(text.contains("catalog.internal:4002"), "{text}");
    }

    #[test]
    fn a_composing_router_has_hive_poll_the_supergraph() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("router.config.yaml");
        std::fs::write(&path, polling_the_supergraph(DEFAULT_CONFIG).unwrap()).unwrap();
        let keys = JwtKeys::from_config(&SecretsConfig::default()).unwrap();
        std::fs::write(dir.path().join("jwks.json"), keys.jwks_json()).unwrap();
        let config =
            hive_router::config::load_config(Some(path.to_str().unwrap().to_string())).expect("valid config");
        let text = format!("{:?}", config.supergraph);
        assert!(text.contains("poll_interval: Some(500ms)"), "{text}");
        assert!(config.plugins.contains_key("vitrine_supergraph"));
    }

    #[test]
    fn default_config_is_valid_for_hive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("router.config.yaml");
        std::fs::write(&path, DEFAULT_CONFIG).unwrap();
        let keys = JwtKeys::from_config(&SecretsConfig::default()).unwrap();
        std::fs::write(dir.path().join("jwks.json"), keys.jwks_json()).unwrap();
        let config =
            hive_router::config::load_config(Some(path.to_str().unwrap().to_string())).expect("valid config");
        assert!(config.plugins.contains_key("vitrine_in_process"));
        assert!(config.plugins.contains_key("vitrine_identity"));
        assert!(config.plugins.contains_key("vitrine_registry"));
        assert!(config.plugins.contains_key("vitrine_site"));
        assert!(
            !config.laboratory.enabled,
            "GraphiQL comes from vitrine_site, offline"
        );
        assert!(config.jwt.forward_claims_to_upstream_extensions.enabled);
        assert_eq!(
            config.jwt.forward_claims_to_upstream_extensions.field_name,
            crate::identity::CLAIMS_EXTENSION
        );
        assert!(!config.error_masking.all.enabled);
        assert!(
            !config.traffic_shaping.router.dedupe.enabled,
            "its header selection leaves out the caller's token (subscriptions share a \
             connection per subgraph); Hive's deduplication would share answers across callers"
        );
    }
}
