//! Shared plumbing for every Vitrine subgraph and the router.

/// Resolver-side authorization checks.
pub mod auth;
/// Work repeated for as long as a subgraph runs.
pub mod background;
/// Where data lives, secrets, and how subgraphs are reached.
pub mod config;
/// `@listSize` and `@cost`: hints for the router's cost estimate.
pub mod cost_hints;
/// Event topics, payloads and statuses shared between subgraphs (the `vitrine-contracts` crate).
pub use vitrine_contracts as contracts;
/// Database pools (SQLite or PostgreSQL through one code path) and query counting.
pub mod db;
/// The demo dataset every subgraph seeds its own slice of.
pub mod demo;
/// Error codes every GraphQL error carries in `extensions.code`.
pub mod error;
/// Domain events: transactional outbox, relay, idempotent consumers.
pub mod events;
/// Who is calling: the router-signed identity and role checks.
pub mod identity;
/// Opaque, prefixed identifiers.
pub mod ids;
/// Limits on client input: page sizes, list arguments, stored free text.
pub mod input;
/// Access-token signing key and the JWKS to verify it.
pub mod jwt_keys;
/// JetStream key-value buckets (registry, settings).
pub mod kv;
/// Live subscriptions fed by the event bus.
pub mod live;
/// DataLoader batches run in the request's own task.
pub mod loader;
/// Product pictures, stored by content (a local directory or S3-compatible storage).
pub mod media;
/// A system's Prometheus metrics.
pub mod metrics;
/// Integer minor units with a currency.
pub mod money;
/// Keyset pagination: page size and cursors.
pub mod paging;
/// Parsed GraphQL documents kept by their text.
pub mod parsed_documents;
/// Calling another subgraph's API, in process or over HTTP.
pub mod peers;
/// Where the subgraph instances are: registration, heartbeats and the live view (NATS).
pub mod registry;
/// The HTTP face of one subgraph and its in-process executor.
pub mod service;
/// The config server: settings shared through NATS.
pub mod settings;
/// SQL statements counted per request.
pub mod sql_tally;
/// How SQLite allocates: once per process, before its first connection.
pub mod sqlite_memory;
/// Enums stored as text: `as_str` and `parse` from strum's derives.
pub mod stored;
/// graphql-transport-ws for a subgraph's subscriptions.
pub mod subscription_socket;
/// The system handle: metrics, event bus, databases of one running system.
pub mod system;
/// Scratch databases and configurations for the subgraphs' own tests (feature `testkit`).
#[cfg(feature = "testkit")]
pub mod testkit;
/// UTC timestamps as stored in the databases.
pub mod time;
/// Settings that change while a process runs.
pub mod tunable;
/// The system and peers a subgraph is started with.
pub mod wiring;
