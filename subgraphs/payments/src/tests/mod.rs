//! Payments against a real accounts subgraph in process and the simulated gateway, each test
//! on scratch databases: SQLite, or fresh PostgreSQL ones with
//! `VITRINE_TEST_DATABASE_URL=postgres://…` (as the e2e tests).

/// Orders' events: capture on delivery, void or refund on cancellation.
mod events;
/// The simulated card gateway on its own.
mod gateway;
/// The schema: `payment` on a page of orders.
mod graphql;
/// Authorize, capture, void and refund, wallet and card.
mod processor;

use crate::cards::CardNumber;
use crate::domain::{PaymentMethod, Terms};
use crate::processor::Processor;
use crate::store;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use vitrine_kit::error::{ApiError, ErrorCode};
use vitrine_kit::events::{EventBus, Relay};
use vitrine_kit::identity::{Identity, DEV_INTERNAL_SECRET};
use vitrine_kit::ids::stable_id;
use vitrine_kit::peers::Peers;
use vitrine_kit::testkit::Scratch;
use vitrine_kit::wiring::Wiring;

pub struct System {
    pub processor: Processor,
    peers: Arc<Peers>,
    pub bus: Arc<EventBus>,
    _scratch: Scratch,
}

/// Accounts (with its demo customers) and payments, wired like the embedded binary.
pub async fn system(payments_name: &str) -> System {
    let scratch = Scratch::new();
    let peers = Peers::in_process(DEV_INTERNAL_SECRET);
    let wiring = Wiring::new(scratch.system.clone(), peers.clone());
    let bus = wiring.bus().clone();
    peers.register(vitrine_accounts::start(&scratch.config, &wiring).await.unwrap());
    peers.mark_ready();
    let db = scratch.db(payments_name, &crate::MIGRATOR).await;
    let outbox = Relay::new(db.clone(), bus.clone()).spawn(Duration::from_secs(60));
    System {
        processor: Processor::new(db, peers.clone(), outbox),
        peers,
        bus,
        _scratch: scratch,
    }
}

pub fn customer(email: &str) -> String {
    stable_id("cus", email)
}

impl System {
    async fn accounts(&self, who: &Identity, query: &str) -> Value {
        self.peers
            .call_unchecked("accounts", who, query, json!({}))
            .await
            .unwrap()
    }

    pub async fn top_up(&self, customer_id: &str, amount: i64) {
        let query = format!("mutation {{ topUpWallet(amount: {amount}, idempotencyKey: \"t{amount}\") {{ entry {{ id }} }} }}");
        self.accounts(&Identity::customer(customer_id), &query).await;
    }

    /// (balance, held) in tiyn.
    pub async fn wallet(&self, customer_id: &str) -> (i64, i64) {
        let me = self
            .accounts(
                &Identity::customer(customer_id),
                "{ me { wallet { balance { amount } held { amount } } } }",
            )
            .await;
        let wallet = &me["me"]["wallet"];
        (
            wallet["balance"]["amount"].as_i64().unwrap(),
            wallet["held"]["amount"].as_i64().unwrap(),
        )
    }

    /// A saved card of `customer_id`'s; its id.
    pub async fn card(&self, customer_id: &str, number: &str) -> String {
        let number = CardNumber::parse(number).ok().unwrap();
        let card = self.processor.save_card(customer_id, &number, 12, 2040).await;
        card.unwrap().id
    }

    pub async fn topics(&self) -> Vec<String> {
        use sqlx::Row;
        sqlx::query("SELECT topic FROM outbox ORDER BY created_at, event_id")
            .fetch_all(self.processor.db.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>("topic"))
            .collect()
    }

    pub async fn history(&self, payment_id: &str) -> Vec<&'static str> {
        store::history_by_payment_ids(&self.processor.db, &[payment_id.to_string()])
            .await
            .unwrap()
            .iter()
            .map(|h| h.kind.as_str())
            .collect()
    }
}

pub fn wallet_terms(customer_id: &str, amount: i64) -> Terms {
    Terms {
        customer_id: customer_id.to_string(),
        method: PaymentMethod::Wallet,
        amount,
        currency: "KZT".into(),
        card_id: None,
    }
}

pub fn card_terms(customer_id: &str, card_id: &str, amount: i64) -> Terms {
    Terms {
        method: PaymentMethod::Card,
        card_id: Some(card_id.to_string()),
        ..wallet_terms(customer_id, amount)
    }
}

pub fn code<T: std::fmt::Debug>(result: Result<T, ApiError>) -> ErrorCode {
    result.unwrap_err().code()
}
