use crate::domain::{OrderStatus, PaymentMethod};
use crate::loaders::{HistoryLoader, LinesLoader};
use crate::store;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Object, Result, SimpleObject, ID};
use chrono::{DateTime, Utc};
use vitrine_kit::error::GqlResultExt;
use vitrine_kit::money::{Currency, Money};

/// A catalog product (resolved by catalog).
#[derive(SimpleObject)]
#[graphql(unresolvable = "id")]
pub struct Product {
    pub id: ID,
}

/// A shop's offer (resolved by shops and inventory).
#[derive(SimpleObject)]
#[graphql(unresolvable = "id")]
pub struct Offer {
    pub id: ID,
}

// A catalog product variant; catalog and shops tell the rest.
#[derive(SimpleObject)]
#[graphql(unresolvable = "id")]
pub struct ProductVariant {
    pub id: ID,
}

pub struct Order(pub store::Order);

fn money(amount: i64, currency: &str) -> Money {
    Money::new(amount, Currency::parse(currency).unwrap_or(Currency::Kzt))
}

/// A customer's order: what was bought, at what price, where it goes and where it stands.
#[Object(name = "Order")]
impl Order {
    async fn id(&self) -> ID {
        ID(self.0.order_id.clone())
    }
    /// The short number people read out and search for, shown as "#1042": unique, counting
    /// up in the order orders were placed.
    async fn number(&self) -> i64 {
        self.0.number
    }
    async fn status(&self) -> OrderStatus {
        self.0.status
    }
    async fn customer(&self) -> crate::graphql::customer::Customer {
        crate::graphql::customer::Customer {
            id: self.0.customer_id.clone(),
        }
    }
    /// What was bought, at the price paid.
    #[graphql(directive = vitrine_kit::cost_hints::list_size::apply(vitrine_kit::contracts::MAX_CART_LINES as i32))]
    async fn lines(&self, ctx: &Context<'_>) -> Result<Vec<OrderLine>> {
        let lines = ctx
            .data_unchecked::<DataLoader<LinesLoader>>()
            .load_one(self.0.order_id.clone())
            .await
            .gql()?
            .unwrap_or_default();
        let currency = self.0.currency.clone();
        Ok(lines
            .into_iter()
            .map(|line| OrderLine {
                line,
                currency: currency.clone(),
            })
            .collect())
    }
    async fn subtotal(&self) -> Money {
        money(self.0.subtotal, &self.0.currency)
    }
    async fn discount(&self) -> Money {
        money(self.0.discount, &self.0.currency)
    }
    /// What the customer pays: the goods after the discount, plus the delivery fee.
    async fn total(&self) -> Money {
        money(self.0.total, &self.0.currency)
    }
    /// The delivery fee quoted at checkout (part of `total`).
    async fn delivery_fee(&self) -> Money {
        money(self.0.delivery_fee, &self.0.currency)
    }
    /// When checkout promised the order at the door; none before checkout claimed the cart,
    /// and for orders placed before promises existed.
    async fn promised_at(&self) -> Option<DateTime<Utc>> {
        self.0.promised_at
    }
    /// When the order reached DELIVERED.
    async fn delivered_at(&self) -> Option<DateTime<Utc>> {
        self.0.delivered_at
    }
    /// Delivered by the promised time: true or false once DELIVERED with a promise, else none.
    async fn promise_kept(&self) -> Option<bool> {
        Some(self.0.delivered_at? <= self.0.promised_at?)
    }
    async fn promo_code(&self) -> Option<&str> {
        self.0.promo_code.as_deref()
    }
    async fn payment_method(&self) -> PaymentMethod {
        self.0.payment_method
    }
    async fn delivery_address(&self) -> DeliveryAddress {
        let a = &self.0.address;
        DeliveryAddress {
            address_id: ID(a.id.clone()),
            label: a.label.clone(),
            line1: a.line1.clone(),
            line2: a.line2.clone(),
            city: a.city.clone(),
            postal_code: a.postal_code.clone(),
            latitude: a.latitude,
            longitude: a.longitude,
        }
    }
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// Every status the order went through, oldest first.
    async fn status_history(&self, ctx: &Context<'_>) -> Result<Vec<OrderStatusChange>> {
        let changes = ctx
            .data_unchecked::<DataLoader<HistoryLoader>>()
            .load_one(self.0.order_id.clone())
            .await
            .gql()?
            .unwrap_or_default();
        Ok(changes
            .into_iter()
            .map(|c| OrderStatusChange {
                from: c.from,
                to: c.to,
                actor: c.actor,
                reason: c.reason,
                at: c.at,
            })
            .collect())
    }
    /// Why checkout failed (FAILED orders only).
    async fn failure(&self) -> Option<CheckoutFailure> {
        Some(CheckoutFailure {
            code: self.0.failure_code.clone()?,
            message: self.0.failure_message.clone().unwrap_or_default(),
        })
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    /// Pass as `after` to `myOrders` for the orders older than this one.
    async fn cursor(&self) -> String {
        format!(
            "{}|{}",
            vitrine_kit::time::to_db(self.0.created_at),
            self.0.order_id
        )
    }
}

pub struct OrderLine {
    line: store::Line,
    currency: String,
}

#[Object(name = "OrderLine")]
impl OrderLine {
    async fn offer(&self) -> Offer {
        Offer {
            id: ID(self.line.offer_id.clone()),
        }
    }
    async fn product(&self) -> Product {
        Product {
            id: ID(self.line.product_id.clone()),
        }
    }
    /// The variant bought (a pizza's size); null when the product has none.
    async fn variant(&self) -> Option<ProductVariant> {
        self.line
            .variant_id
            .clone()
            .map(|id| ProductVariant { id: ID(id) })
    }
    async fn shop_id(&self) -> ID {
        ID(self.line.shop_id.clone())
    }
    async fn quantity(&self) -> i64 {
        self.line.quantity
    }
    /// The price paid per unit, whatever the offer costs today.
    async fn unit_price(&self) -> Money {
        money(self.line.unit_price, &self.currency)
    }
    async fn line_total(&self) -> Money {
        money(self.line.unit_price * self.line.quantity, &self.currency)
    }
}

/// The delivery address as it was when the order was placed.
#[derive(SimpleObject)]
pub struct DeliveryAddress {
    /// The address book entry it was copied from.
    pub address_id: ID,
    pub label: String,
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub postal_code: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
}

#[derive(SimpleObject)]
pub struct OrderStatusChange {
    /// None for the first status.
    pub from: Option<OrderStatus>,
    pub to: OrderStatus,
    /// Customer id, staff id, or the subgraph that moved it (`orders`, `payments`…).
    pub actor: String,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// The `extensions.code` and message checkout answered with.
#[derive(SimpleObject)]
pub struct CheckoutFailure {
    pub code: String,
    pub message: String,
}

/// One page of orders, newest first.
#[derive(SimpleObject)]
pub struct OrderPage {
    pub orders: Vec<Order>,
    /// Pass as `after` for the next page; null on the last one.
    pub next_cursor: Option<String>,
}
