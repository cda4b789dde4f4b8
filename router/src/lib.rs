// ntex builds deeply nested service types; the release build needs more than the default 128.
#![recursion_limit = "256"]

//! The Vitrine router: Hive Router's query planner and executor as a library, the supergraph
//! composed by graphql-composition, and plugins of ours.

/// Subgraph SDLs → Federation v2 supergraph SDL.
pub mod compose;
/// gzip and brotli for files and GraphQL responses.
pub mod compression;
/// What the process hands the plugins: system, embedded subgraphs, secrets.
pub mod context;
/// A thread that faults ends the process rather than spinning in ntex-rt's handler.
mod fatal_fault;
/// GraphiQL's page and vendored assets, served offline.
pub mod graphiql;
/// Plugin: request limits, rate limits, refused tokens, persisted queries.
pub mod guard;
/// In-process answers handed to Hive as its `Value`, without a JSON round trip.
mod hive_value;
/// Plugin: verified JWT claims → router-signed identity for subgraphs.
pub mod identity;
/// Identical in-process subgraph fetches in flight share one run.
mod in_flight;
/// Plugin: runs embedded subgraphs' queries and mutations in process.
pub mod in_process;
/// Plugin: the graphql-transport-ws server, where identical state subscriptions share one run.
pub mod live_socket;
/// Plugin: `/metrics` with Vitrine's own counters.
pub mod ops;
/// Plugin: subgraph fetches spread over the live instances in the NATS registry.
pub mod registry_route;
/// Plugin: identical queries in flight at once run once, per caller.
pub mod request_dedupe;
/// `vitrine schema check`: a proposed subgraph SDL against the others and the storefront.
pub mod schema_check;
/// A supergraph composed from the registry, recomposed when an SDL changes.
pub mod self_compose;
/// Starting Hive Router with our config and plugins.
pub mod serve;
/// Plugin: GraphiQL and the storefront for browsers.
pub mod site;
/// The storefront's built files (`web/dist`) at `/`.
pub mod storefront;
/// Plugin: `__typename`-only operations answered without a subgraph fetch.
pub mod typename;
/// Plugin: the GraphQL multipart request spec, files stored at the edge.
pub mod uploads;
