//! The cart subgraph on a real database (SQLite; PostgreSQL when VITRINE_TEST_DATABASE_URL is
//! set), with shops and inventory played by small fakes behind the same `Peers` as in
//! production, so the SQL, the transactions and the peer calls all run for real.

mod flow;

use async_graphql::extensions::{Extension, ExtensionFactory};
use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema, SimpleObject, ID};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use vitrine_kit::error::ErrorCode;
use vitrine_kit::identity::{Identity, Role, DEV_INTERNAL_SECRET};
use vitrine_kit::money::Money;
use vitrine_kit::peers::{PeerError, Peers};
use vitrine_kit::service::SubgraphService;
use vitrine_kit::testkit::Scratch;
use vitrine_kit::wiring::Wiring;

#[derive(Clone, Copy)]
struct FakeOffer {
    price: i64,
    active: bool,
    stock: i64,
}

/// What shops and inventory know, changed by the tests; `shops_calls` counts batches.
#[derive(Clone, Default)]
struct World {
    offers: Arc<Mutex<HashMap<String, FakeOffer>>>,
    shops_calls: Arc<AtomicUsize>,
}

impl World {
    fn set(&self, id: &str, price: i64, active: bool, stock: i64) {
        let offer = FakeOffer { price, active, stock };
        self.offers.lock().unwrap().insert(id.to_string(), offer);
    }
    fn remove(&self, id: &str) {
        self.offers.lock().unwrap().remove(id);
    }
    fn get(&self, id: &str) -> Option<FakeOffer> {
        self.offers.lock().unwrap().get(id).copied()
    }
}

/// Counts requests: extensions are created once per request.
struct CountRequests(Arc<AtomicUsize>);

struct NoOp;

impl Extension for NoOp {}

impl ExtensionFactory for CountRequests {
    fn create(&self) -> Arc<dyn Extension> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Arc::new(NoOp)
    }
}

#[derive(SimpleObject)]
struct Ref {
    id: ID,
}

#[derive(SimpleObject)]
#[graphql(name = "Offer")]
struct ShopOffer {
    id: ID,
    price: Money,
    active: bool,
    product: Ref,
    variant: Option<Ref>,
    shop: Ref,
}

struct ShopsQuery(World);

#[Object]
impl ShopsQuery {
    async fn ping(&self) -> bool {
        true
    }
    #[graphql(entity)]
    async fn find_offer_by_id(&self, id: ID) -> Option<ShopOffer> {
        let offer = self.0.get(&id)?;
        Some(ShopOffer {
            product: Ref {
                id: ID(format!("prd_{}", id.as_str())),
            },
            // Offers named `…_b` sell a variant of their product; the others have none.
            variant: id.ends_with("_b").then(|| Ref {
                id: ID(format!("var_{}", id.as_str())),
            }),
            shop: Ref {
                id: ID("shp_1".into()),
            },
            price: Money::kzt(offer.price),
            active: offer.active,
            id,
        })
    }
}

#[derive(SimpleObject)]
#[graphql(name = "Offer")]
struct StockOffer {
    id: ID,
    stock: i64,
}

struct InventoryQuery(World);

#[Object]
impl InventoryQuery {
    async fn ping(&self) -> bool {
        true
    }
    #[graphql(entity)]
    async fn find_offer_by_id(&self, id: ID) -> StockOffer {
        let stock = self.0.get(&id).map_or(0, |o| o.stock);
        StockOffer { id, stock }
    }
}

struct System {
    peers: Arc<Peers>,
    world: World,
    /// The cart subgraph's own database, for what only its background work does.
    db: vitrine_kit::db::Db,
    /// Holds the scratch database for as long as the system runs.
    _scratch: Scratch,
}

async fn system() -> System {
    let scratch = Scratch::new();
    let secrets = &scratch.config.secrets;
    let world = World::default();
    let peers = Peers::in_process(DEV_INTERNAL_SECRET);
    let shops = Schema::build(ShopsQuery(world.clone()), EmptyMutation, EmptySubscription)
        .enable_federation()
        .extension(CountRequests(world.shops_calls.clone()))
        .finish();
    let inventory = Schema::build(InventoryQuery(world.clone()), EmptyMutation, EmptySubscription)
        .enable_federation()
        .finish();
    peers.register(SubgraphService::new("shops", shops, secrets));
    peers.register(SubgraphService::new("inventory", inventory, secrets));
    let wiring = Wiring::new(scratch.system.clone(), peers.clone());
    let cart = crate::start(&scratch.config, &wiring).await.unwrap();
    peers.register(cart);
    peers.mark_ready();
    let db = vitrine_kit::db::Db::open(
        &scratch.system,
        &scratch.config.storage,
        crate::NAME,
        &crate::MIGRATOR,
    )
    .await
    .unwrap();
    System {
        peers,
        world,
        db,
        _scratch: scratch,
    }
}

fn customer(id: &str) -> Identity {
    Identity::customer(id)
}

fn admin() -> Identity {
    Identity::new("cus_admin", vec![Role::Admin])
}

fn orders() -> Identity {
    Identity::service("orders")
}

const CART: &str = "id status itemCount subtotal { amount currency } discount { amount } total { amount } \
     promoCode lines { offer { id } product { id } shopId quantity unitPrice { amount } lineTotal { amount } available } \
     warnings { offerId kind message previousPrice { amount } currentPrice { amount } }";

impl System {
    async fn ask(&self, who: &Identity, query: &str, variables: Value) -> Result<Value, PeerError> {
        self.peers.call_unchecked("cart", who, query, variables).await
    }

    async fn ok(&self, who: &Identity, query: &str, variables: Value) -> Value {
        self.ask(who, query, variables)
            .await
            .unwrap_or_else(|e| panic!("{query}: {e}"))
    }

    async fn refused(&self, who: &Identity, query: &str, variables: Value) -> (ErrorCode, String) {
        match self.ask(who, query, variables).await {
            Err(err) => {
                access_refusal(&err).unwrap_or_else(|| panic!("{query}: expected a refusal, got {err:?}"))
            }
            Ok(other) => panic!("{query}: expected a refusal, got {other}"),
        }
    }

    async fn my_cart(&self, who: &Identity) -> Value {
        self.ok(who, &format!("{{ myCart {{ {CART} }} }}"), json!({}))
            .await["myCart"]
            .clone()
    }

    async fn add(&self, who: &Identity, offer: &str, quantity: i64) -> Result<Value, PeerError> {
        let query =
            format!("mutation($o: ID!, $q: Int!) {{ addToCart(offerId: $o, quantity: $q) {{ {CART} }} }}");
        let data = self
            .ask(who, &query, json!({ "o": offer, "q": quantity }))
            .await?;
        Ok(data["addToCart"].clone())
    }

    async fn claim(&self, customer: &str, order: &str) -> Result<Value, PeerError> {
        let query = "mutation($c: ID!, $o: ID!) { claimCart(customerId: $c, orderId: $o) { orderId \
             lines { offerId productId variantId shopId quantity unitPrice { amount currency } } \
             subtotal { amount } discount { amount } total { amount currency } promoCode } }";
        let data = self
            .ask(&orders(), query, json!({ "c": customer, "o": order }))
            .await?;
        Ok(data["claimCart"].clone())
    }

    async fn saga(&self, field: &str, order: &str) -> Result<Value, PeerError> {
        let query = format!("mutation($o: ID!) {{ {field}(orderId: $o) }}");
        let data = self.ask(&orders(), &query, json!({ "o": order })).await?;
        Ok(data[field].clone())
    }

    async fn apply(&self, who: &Identity, code: &str) -> Result<Value, PeerError> {
        let query = format!("mutation($c: String!) {{ applyPromoCode(code: $c) {{ {CART} }} }}");
        Ok(self.ask(who, &query, json!({ "c": code })).await?["applyPromoCode"].clone())
    }
}

fn code_of(result: Result<Value, PeerError>) -> ErrorCode {
    match result {
        Err(err) => {
            access_refusal(&err)
                .unwrap_or_else(|| panic!("expected a refusal, got {err:?}"))
                .0
        }
        Ok(other) => panic!("expected a refusal, got {other}"),
    }
}

/// The code and message of a refusal. Peers report UNAUTHENTICATED and FORBIDDEN as an
/// unknown outcome (between services they mean misconfiguration); these tests call as
/// clients would, so they read those codes back from the message.
fn access_refusal(err: &PeerError) -> Option<(ErrorCode, String)> {
    match err {
        PeerError::Rejected(api) => Some((api.code(), api.to_string())),
        PeerError::Unavailable { cause, .. } => {
            let text = format!("{cause}");
            [ErrorCode::Unauthenticated, ErrorCode::Forbidden]
                .into_iter()
                .find(|code| text.ends_with(&format!("({})", code.as_str())))
                .map(|code| (code, text))
        }
    }
}
