//! The subgraph on a real database (SQLite; PostgreSQL when VITRINE_TEST_DATABASE_URL is set),
//! with accounts played by a small fake behind the same `Peers` as in production. The mailer
//! and the webhook sender are driven by hand (`run_once`) so each test decides when work runs.

mod consumer;
mod email;
mod inbox;
mod webhooks;

use crate::graphql::{self, NotificationsSchema};
use crate::{assemble, Parts};
use async_graphql::{EmptyMutation, EmptySubscription, ErrorExtensions, Object, Schema, SimpleObject, ID};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use vitrine_kit::config::{AppConfig, NotificationsConfig, SecretsConfig};
use vitrine_kit::contracts::{OrderStatusChanged, ORDER_STATUS_CHANGED};
use vitrine_kit::events::{Event, EventBus};
use vitrine_kit::identity::{Identity, Role, DEV_INTERNAL_SECRET};
use vitrine_kit::ids::new_id;
use vitrine_kit::peers::Peers;
use vitrine_kit::service::SubgraphService;
use vitrine_kit::testkit::Scratch;
use vitrine_kit::wiring::Wiring;

pub const ALICE: &str = "cus_alice";
pub const BOB: &str = "cus_bob";
/// Accounts refuses to say who this is (as it does today for any customer; see the report).
pub const LOCKED: &str = "cus_locked";

#[derive(SimpleObject)]
#[graphql(name = "Customer")]
struct FakeCustomer {
    id: ID,
    email: String,
    name: String,
}

/// Accounts' `_entities` for customers: Alice and Bob exist, LOCKED is refused, others null.
struct AccountsQuery;

#[Object]
impl AccountsQuery {
    async fn ping(&self) -> bool {
        true
    }

    #[graphql(entity)]
    async fn find_customer_by_id(&self, id: ID) -> async_graphql::Result<Option<FakeCustomer>> {
        let (email, name) = match id.as_str() {
            ALICE => ("alice@example.com", "Alice"),
            BOB => ("bob@example.com", "Bob"),
            LOCKED => {
                return Err(async_graphql::Error::new("your role does not allow this")
                    .extend_with(|_, e| e.set("code", "FORBIDDEN")))
            }
            _ => return Ok(None),
        };
        Ok(Some(FakeCustomer {
            id,
            email: email.into(),
            name: name.into(),
        }))
    }
}

pub struct System {
    pub parts: Parts,
    pub schema: NotificationsSchema,
    pub bus: Arc<EventBus>,
    pub cfg: AppConfig,
    _scratch: Scratch,
}

/// Test settings on `scratch`'s storage: mail into a folder that does not exist yet, fast
/// retries, 3 attempts.
pub fn config(scratch: &Scratch) -> AppConfig {
    AppConfig {
        notifications: NotificationsConfig {
            smtp_url: None,
            mail_dir: scratch.path().join("mail").join("outgoing"),
            mail_from: "Vitrine <no-reply@vitrine.local>".into(),
            webhook_backoff: vitrine_kit::tunable::Tunable::new(Duration::from_millis(20)),
            webhook_max_attempts: 3,
            // The receivers in these tests listen on 127.0.0.1, which production refuses.
            webhooks_allow_private: true,
        },
        ..scratch.config.clone()
    }
}

/// `scratch`'s system, with peers: the fake accounts, registered and ready.
pub fn wiring(scratch: &Scratch) -> Wiring {
    let peers = Peers::in_process(DEV_INTERNAL_SECRET);
    let accounts = Schema::build(AccountsQuery, EmptyMutation, EmptySubscription)
        .enable_federation()
        .finish();
    peers.register(SubgraphService::new(
        "accounts",
        accounts,
        &SecretsConfig::default(),
    ));
    peers.mark_ready();
    Wiring::new(scratch.system.clone(), peers)
}

pub async fn system() -> System {
    system_with(|_| {}).await
}

/// [`system`] with settings changed by `adjust`.
pub async fn system_with(adjust: impl FnOnce(&mut AppConfig)) -> System {
    let scratch = Scratch::new();
    let mut cfg = config(&scratch);
    adjust(&mut cfg);
    let wiring = wiring(&scratch);
    let parts = assemble(&cfg, &wiring).await.unwrap();
    let schema = graphql::schema(Some(graphql::Deps {
        db: parts.db.clone(),
        sender: parts.sender.clone(),
        bus: wiring.bus().clone(),
    }));
    System {
        parts,
        schema,
        bus: wiring.bus().clone(),
        cfg,
        _scratch: scratch,
    }
}

pub fn customer(id: &str) -> Identity {
    Identity::customer(id)
}

pub fn admin() -> Identity {
    Identity::new("cus_admin", vec![Role::Customer, Role::Admin])
}

impl System {
    async fn run(&self, who: Option<&Identity>, query: &str, variables: Value) -> async_graphql::Response {
        let mut request =
            async_graphql::Request::new(query).variables(async_graphql::Variables::from_json(variables));
        if let Some(who) = who {
            request = request.data(who.clone());
        }
        self.schema.execute(request).await
    }

    /// `data`, failing the test on any error.
    pub async fn gql(&self, who: &Identity, query: &str, variables: Value) -> Value {
        let response = self.run(Some(who), query, variables).await;
        assert!(response.errors.is_empty(), "{query}: {:?}", response.errors);
        response.data.into_json().unwrap()
    }

    /// The `extensions.code` of the first error (`who: None` is anonymous).
    pub async fn gql_code(&self, who: Option<&Identity>, query: &str, variables: Value) -> String {
        let response = self.run(who, query, variables).await;
        let error = response
            .errors
            .first()
            .unwrap_or_else(|| panic!("{query} succeeded: {:?}", response.data));
        let code = error.extensions.as_ref().and_then(|e| e.get("code")).cloned();
        match code {
            Some(async_graphql::Value::String(code)) => code,
            other => panic!("no code on {error:?}: {other:?}"),
        }
    }

    pub async fn publish(&self, event: &Event) {
        self.bus.publish(event).await.unwrap();
    }

    pub async fn count(&self, sql: &str, bind: &str) -> i64 {
        use sqlx::Row;
        sqlx::query(sql)
            .bind(bind)
            .fetch_one(self.parts.db.pool())
            .await
            .unwrap()
            .try_get::<i64, _>(0)
            .unwrap()
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.cfg.notifications.mail_dir.clone()
    }

    /// Registers a webhook as `who`; returns (id, secret).
    pub async fn register(&self, who: &Identity, url: &str, topics: Option<Vec<&str>>) -> (String, String) {
        let data = self
            .gql(
                who,
                "mutation($u: String!, $t: [String!]) { registerWebhook(url: $u, topics: $t) \
                 { webhook { id } secret } }",
                json!({ "u": url, "t": topics }),
            )
            .await;
        let registration = &data["registerWebhook"];
        (
            registration["webhook"]["id"].as_str().unwrap().to_string(),
            registration["secret"].as_str().unwrap().to_string(),
        )
    }
}

/// An ORDER_STATUS_CHANGED event with a fresh id.
pub fn order_status(customer_id: &str, order_id: &str, from: &str, status: &str) -> Event {
    let payload = OrderStatusChanged {
        order_id: order_id.into(),
        order_number: None,
        customer_id: customer_id.into(),
        from: serde_json::from_value(serde_json::json!(from)).expect("an order status"),
        status: serde_json::from_value(serde_json::json!(status)).expect("an order status"),
        actor: "test".into(),
        reason: None,
        at: vitrine_kit::time::to_db(vitrine_kit::time::now()),
    };
    Event {
        id: new_id("evt"),
        topic: ORDER_STATUS_CHANGED.into(),
        payload: serde_json::to_value(payload).unwrap(),
    }
}
