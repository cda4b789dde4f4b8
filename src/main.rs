//! `vitrine`: the whole commerce backend in one binary (see `vitrine --help`).

mod config_command;
mod embedded;
mod instance;
mod router_registry;
mod schema_check;
mod subgraphs;

use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use vitrine_kit::config::AppConfig;
use vitrine_router::serve::RouterLaunch;

/// mimalloc, as Hive Router's own binary uses (already in the build through hive-router):
/// glibc's malloc took about a quarter of the instructions of a catalog request, and more
/// under contention between worker threads.
#[cfg(not(feature = "system-allocator"))]
#[global_allocator]
static ALLOCATOR: hive_router::RouterGlobalAllocator = hive_router::RouterGlobalAllocator;

#[derive(Parser)]
#[command(
    name = "vitrine",
    version,
    about = "Commerce backend as a GraphQL federated supergraph"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Router and every subgraph in one process on SQLite (the default).
    Serve {
        #[arg(long, env = "PORT", default_value_t = 4000)]
        port: u16,
        /// Loopback port for the subgraphs' own endpoints (0 = any free port).
        #[arg(long, env = "VITRINE_SUBGRAPHS_PORT", default_value_t = 0)]
        subgraphs_port: u16,
        /// Hive Router config file (default: router/router.config.yaml, built in).
        #[arg(long, env = "VITRINE_ROUTER_CONFIG")]
        config: Option<PathBuf>,
    },
    /// One subgraph as its own HTTP service.
    Subgraph {
        name: String,
        /// Default: the subgraph's own port (catalog 4002, inventory 4004, …).
        #[arg(long)]
        port: Option<u16>,
    },
    /// The router alone, against a Federation v2 supergraph SDL or one it composes itself.
    Router {
        /// A supergraph SDL file (see `vitrine compose`).
        #[arg(long, required_unless_present = "registry", conflicts_with = "registry")]
        supergraph: Option<PathBuf>,
        /// Compose the supergraph from the SDLs the subgraph processes register in NATS
        /// (needs VITRINE_NATS_URL), and compose it again when one changes.
        #[arg(long, env = "VITRINE_ROUTER_REGISTRY")]
        registry: bool,
        #[arg(long, env = "PORT", default_value_t = 4000)]
        port: u16,
        /// Hive Router config file, e.g. to override subgraph URLs.
        #[arg(long, env = "VITRINE_ROUTER_CONFIG")]
        config: Option<PathBuf>,
    },
    /// Writes schema/<subgraph>.graphql and schema/supergraph.graphql.
    Compose {
        #[arg(long, default_value = "schema")]
        out_dir: PathBuf,
    },
    /// The settings shared by every process through NATS (the config server).
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Schema tools.
    Schema {
        #[command(subcommand)]
        command: SchemaCommand,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Every shared setting.
    List,
    /// Shares NAME=VALUE with every process (live settings apply at once, others at the next
    /// start; a process's own environment or file still wins). Secrets are refused.
    Set { name: String, value: String },
    /// Stops sharing NAME.
    Unset { name: String },
}

#[derive(Subcommand)]
enum SchemaCommand {
    /// Would FILE, as SUBGRAPH's SDL, compose with the registered subgraphs (this binary's own
    /// without VITRINE_NATS_URL), and which storefront operations would it break? Exits 1 if
    /// it does not compose or breaks one.
    Check {
        subgraph: String,
        file: PathBuf,
        /// The storefront's trusted-documents manifest.
        #[arg(long, default_value = "web/src/gql/persisted-documents.json")]
        operations: PathBuf,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    load_config_file()?;
    let command = cli.command.unwrap_or(Command::Serve {
        port: 4000,
        subgraphs_port: 0,
        config: None,
    });
    // The config server's layer, under the environment and the file: before any thread starts.
    let shared = match command {
        Command::Serve { .. } | Command::Subgraph { .. } | Command::Router { .. } => {
            vitrine_kit::settings::load_into_environment(&vitrine_kit::config::EventsConfig::from_env()?)?
        }
        _ => vitrine_kit::settings::Loaded::default(),
    };
    match command {
        Command::Serve {
            port,
            subgraphs_port,
            config,
        } => embedded::serve(embedded::ServeOptions {
            port,
            subgraphs_port,
            router_config: config,
        }),
        Command::Subgraph { name, port } => run_subgraph(&name, port, shared),
        Command::Router {
            supergraph,
            registry,
            port,
            config,
        } => {
            let app = AppConfig::from_env()?;
            let work_dir = app.storage.data_dir.clone();
            // Composed here: the file is per port, as two routers may share a data directory.
            let composed = registry.then(|| work_dir.join(format!("supergraph-{port}.composed.graphql")));
            let supergraph = match (supergraph, &composed) {
                (Some(file), _) => file,
                (None, Some(file)) => file.clone(),
                (None, None) => anyhow::bail!("--supergraph FILE or --registry"),
            };
            RouterLaunch {
                supergraph,
                port,
                config,
                work_dir,
                secrets: app.secrets.clone(),
                url_overrides: subgraphs::url_overrides(),
                poll_supergraph: registry,
            }
            .export_env()?;
            // After export_env: it sets environment variables, which wants no other thread yet.
            let system = vitrine_kit::system::System::new();
            let registry = router_registry::start(&app, &system, composed)?;
            let (runtime, routes, composition) = match registry {
                Some(r) => (Some(r.runtime), r.routes, r.composition),
                None => (None, None, None),
            };
            let served = vitrine_router::serve::run(vitrine_router::serve::RouterContext {
                system,
                embedded: None,
                registry: routes,
                composition,
                media: vitrine_kit::media::MediaStore::from_env(&app.storage)?,
                secrets: app.secrets,
                diagnostics: !vitrine_kit::config::is_production(),
            });
            if let Some(runtime) = runtime {
                runtime.shutdown_timeout(std::time::Duration::from_secs(1));
            }
            served
        }
        Command::Compose { out_dir } => compose(&out_dir),
        Command::Config { command } => config_command::run(command),
        Command::Schema {
            command:
                SchemaCommand::Check {
                    subgraph,
                    file,
                    operations,
                },
        } => {
            let passed = schema_check::run(&subgraph, &file, &operations)?;
            std::process::exit(if passed { 0 } else { 1 });
        }
    }
}

/// Settings come in layers: built-in defaults, then the file `VITRINE_CONFIG_FILE` names
/// (`KEY=value` lines, the same keys as the environment; see `vitrine.env.example`), then the
/// environment, which wins. Runs before any thread starts, as it sets environment variables.
fn load_config_file() -> anyhow::Result<()> {
    let Some(path) = std::env::var_os("VITRINE_CONFIG_FILE").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    dotenvy::from_path(&path).map_err(|e| {
        anyhow::anyhow!(
            "reading VITRINE_CONFIG_FILE {}: {e}",
            PathBuf::from(&path).display()
        )
    })
}

fn run_subgraph(name: &str, port: Option<u16>, shared: vitrine_kit::settings::Loaded) -> anyhow::Result<()> {
    let entry = subgraphs::find(name)?;
    let port = port.unwrap_or(entry.default_port);
    init_logging();
    if !shared.applied.is_empty() {
        tracing::info!(settings = ?shared.applied, "from the shared settings");
    }
    tokio::runtime::Runtime::new()?.block_on(async {
        let config = AppConfig::from_env()?;
        let system = vitrine_kit::system::System::new();
        let live = vitrine_kit::settings::live_settings(&config);
        let gauge = vitrine_kit::settings::settings_gauge(system.metrics(), &live);
        // Without VITRINE_NATS_URL, events stay inside this process and peers are at fixed URLs.
        let _following = match &config.events.nats_url {
            Some(_) => {
                system.bus().use_broker(&config.events).await?;
                let broker = system.bus().broker().expect("the broker just set");
                let bucket =
                    vitrine_kit::settings::open_bucket(broker.jetstream(), broker.namespace()).await?;
                Some(AbortOnDrop(vitrine_kit::settings::follow(
                    bucket,
                    live,
                    shared.pinned,
                    gauge,
                )))
            }
            None => None,
        };
        let bucket = instance::registry_bucket(system.bus()).await?;
        let wiring =
            vitrine_kit::wiring::Wiring::new(system.clone(), instance::peers(&config, bucket.as_ref()));
        let service = (entry.start)(&config, &wiring).await?;
        wiring
            .bus()
            .open_and_settle(std::time::Duration::from_secs(30))
            .await;
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([0, 0, 0, 0], port))).await?;
        let port = listener.local_addr()?.port();
        // Registered only now, ready and listening, so nobody is sent here too early.
        let registration = match bucket {
            Some(bucket) => {
                Some(instance::register(bucket, &config, &system, name, (entry.sdl)(), port).await?)
            }
            None => None,
        };
        println!("{name} subgraph on http://{}/graphql", listener.local_addr()?);
        instance::serve_until_stopped(
            listener,
            service.http_app(&system),
            registration,
            system.bus().clone(),
        )
        .await
    })
}

fn compose(out_dir: &std::path::Path) -> anyhow::Result<()> {
    let (sdls, supergraph) = subgraphs::compose_for_distribution()?;
    std::fs::create_dir_all(out_dir)?;
    for (name, sdl) in sdls {
        std::fs::write(out_dir.join(format!("{name}.graphql")), sdl)?;
    }
    std::fs::write(out_dir.join("supergraph.graphql"), supergraph)?;
    println!("wrote {}", out_dir.display());
    Ok(())
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
}

/// Ends a background task with the scope that holds it.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
