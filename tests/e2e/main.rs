//! End-to-end tests: each starts the real `vitrine` binary (embedded, or subgraphs and router as
//! separate processes) on free ports and talks to the router over HTTP, as a client would.
//! `VITRINE_TEST_DATABASE_URL=postgres://…` runs them on PostgreSQL (a fresh database per test);
//! `TEST_LOG=1` shows the processes' output.

mod accounts;
mod architecture;
mod batching;
mod checkout;
mod checkout_races;
mod compression;
mod config;
mod config_server;
mod dedupe;
mod delivery_quote;
mod distributed;
mod edge;
mod edge_input;
mod edge_sockets;
mod endpoints;
mod errors;
mod federation;
mod fulfillment;
mod helpers;
mod idor;
mod live;
mod marketplace;
mod media;
mod notifications;
mod order_numbers;
mod registry;
mod saga_recovery;
mod search;
mod shopping;
mod split;
mod staff;
mod variants;
mod wallet;
