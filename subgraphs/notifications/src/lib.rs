//! The notifications subgraph: turns order, payment, kitchen and delivery events into an in-app
//! inbox per customer, emails (SMTP, or `.eml` files in development) and signed webhooks with
//! retries and a delivery log. One event gives at most one notification per channel.

/// Looking up an email's recipient in accounts.
mod accounts;
/// Where webhooks may go: public addresses only (no SSRF into our network).
mod destination;
/// What events mean to customers; statuses, outcomes, backoff.
mod domain;
/// Consumers of the other subgraphs' events: rows only, no network.
mod events;
/// GraphQL types, queries and mutations.
pub mod graphql;
/// Marking a customer's notifications read.
mod inbox;
/// Batched lookups.
mod loaders;
/// Sends pending emails.
mod mailer;
/// Sends pending webhook deliveries.
mod sender;
/// The webhook signature scheme, shared by the sender and receivers.
pub mod signature;
/// SQL, and nothing else.
mod store;
/// Registering and removing webhooks; URLs, topics, secrets and bodies; one signed POST.
mod webhook;

#[cfg(test)]
mod tests;

use std::time::Duration;
use vitrine_kit::config::{AppConfig, SecretsConfig};
use vitrine_kit::db::Db;
use vitrine_kit::events::Relay;
use vitrine_kit::service::SubgraphService;
use vitrine_kit::wiring::Wiring;

pub const NAME: &str = "notifications";

/// Every operation this subgraph sends other subgraphs (a test checks each against the
/// peer's `schema/<peer>.graphql`).
pub const PEER_OPERATIONS: &[vitrine_kit::peers::PeerOperation] = &[accounts::RECIPIENT];

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/notifications");

/// How often the mailer and the webhook sender look for due work.
const POLL_EVERY: Duration = Duration::from_millis(500);

/// The pieces `start` wires, apart so tests can drive the workers themselves.
struct Parts {
    db: Db,
    mailer: mailer::Mailer,
    sender: sender::Sender,
}

async fn assemble(cfg: &AppConfig, wiring: &Wiring) -> anyhow::Result<Parts> {
    let db = Db::open(&wiring.system, &cfg.storage, NAME, &MIGRATOR).await?;
    // Before returning: the bus opens once every subgraph of the process has subscribed.
    events::subscribe(&db, wiring.bus());
    wiring.bus().read_live(graphql::live::LIVE_TOPICS);
    let mailer = mailer::Mailer::new(db.clone(), wiring.peers.clone(), &cfg.notifications)?;
    let sender = sender::Sender::new(db.clone(), &cfg.notifications);
    Ok(Parts { db, mailer, sender })
}

/// Publishes NOTIFICATION_CREATED (for live subscribers) through its outbox.
pub async fn start(cfg: &AppConfig, wiring: &Wiring) -> anyhow::Result<SubgraphService> {
    let parts = assemble(cfg, wiring).await?;
    Relay::new(parts.db.clone(), wiring.bus().clone()).spawn(Duration::from_millis(500));
    parts.mailer.spawn(POLL_EVERY);
    parts.sender.clone().spawn(POLL_EVERY);
    let deps = graphql::Deps {
        db: parts.db,
        sender: parts.sender,
        bus: wiring.bus().clone(),
    };
    Ok(SubgraphService::new(
        NAME,
        graphql::schema(Some(deps)),
        &cfg.secrets,
    ))
}

pub fn sdl() -> String {
    SubgraphService::new(NAME, graphql::schema(None), &SecretsConfig::default())
        .sdl()
        .to_string()
}
