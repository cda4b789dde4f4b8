//! SQL, and nothing else.

use crate::domain::{OrderStatus, PaymentMethod, SagaStep};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{AnyConnection, Db, Exec};
use vitrine_kit::ids::new_id;
use vitrine_kit::time::{from_db, now, to_db};

/// Where the order goes, copied from the customer's address book at checkout.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryAddress {
    pub id: String,
    pub label: String,
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub postal_code: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
}

#[derive(Debug, Clone)]
pub struct Order {
    pub order_id: String,
    /// The short number people see (#1042).
    pub number: i64,
    pub customer_id: String,
    pub status: OrderStatus,
    pub request_hash: String,
    pub payment_method: PaymentMethod,
    pub card_id: Option<String>,
    pub note: Option<String>,
    pub address: DeliveryAddress,
    pub subtotal: i64,
    pub discount: i64,
    pub total: i64,
    pub currency: String,
    pub promo_code: Option<String>,
    /// Part of `total`.
    pub delivery_fee: i64,
    /// What checkout promised; none for orders placed before promises, or not yet claimed.
    pub promised_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub saga_step: SagaStep,
    pub failure_code: Option<String>,
    pub failure_message: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub order_id: String,
    pub offer_id: String,
    pub product_id: String,
    /// The variant it bought, when the product has variants.
    pub variant_id: Option<String>,
    pub shop_id: String,
    pub quantity: i64,
    pub unit_price: i64,
}

#[derive(Debug, Clone)]
pub struct StatusChange {
    pub order_id: String,
    pub from: Option<OrderStatus>,
    pub to: OrderStatus,
    pub actor: String,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

const ORDER_COLUMNS: &str =
    "order_id, number, customer_id, status, request_hash, payment_method, card_id, note, \
     address_id, address_label, address_line1, address_line2, address_city, address_postal, latitude, \
     longitude, subtotal, discount, total, currency, promo_code, delivery_fee, promised_at, \
     delivered_at, saga_step, failure_code, failure_message, created_at, updated_at";

fn optional_time(row: &AnyRow, column: &str) -> anyhow::Result<Option<DateTime<Utc>>> {
    row.try_get::<Option<String>, _>(column)?
        .as_deref()
        .map(from_db)
        .transpose()
}

fn order_from_row(row: &AnyRow) -> anyhow::Result<Order> {
    Ok(Order {
        order_id: row.try_get("order_id")?,
        number: row.try_get("number")?,
        customer_id: row.try_get("customer_id")?,
        status: OrderStatus::parse(row.try_get("status")?)?,
        request_hash: row.try_get("request_hash")?,
        payment_method: PaymentMethod::parse(row.try_get("payment_method")?)?,
        card_id: row.try_get("card_id")?,
        note: row.try_get("note")?,
        address: DeliveryAddress {
            id: row.try_get("address_id")?,
            label: row.try_get("address_label")?,
            line1: row.try_get("address_line1")?,
            line2: row.try_get("address_line2")?,
            city: row.try_get("address_city")?,
            postal_code: row.try_get("address_postal")?,
            latitude: row.try_get("latitude")?,
            longitude: row.try_get("longitude")?,
        },
        subtotal: row.try_get("subtotal")?,
        discount: row.try_get("discount")?,
        total: row.try_get("total")?,
        currency: row.try_get("currency")?,
        promo_code: row.try_get("promo_code")?,
        delivery_fee: row.try_get("delivery_fee")?,
        promised_at: optional_time(row, "promised_at")?,
        delivered_at: optional_time(row, "delivered_at")?,
        saga_step: SagaStep::parse(row.try_get("saga_step")?)?,
        failure_code: row.try_get("failure_code")?,
        failure_message: row.try_get("failure_message")?,
        created_at: from_db(row.try_get("created_at")?)?,
        updated_at: from_db(row.try_get("updated_at")?)?,
    })
}

pub struct NewOrder<'a> {
    pub order_id: &'a str,
    pub customer_id: &'a str,
    pub idempotency_key: &'a str,
    pub request_hash: &'a str,
    pub payment_method: PaymentMethod,
    pub card_id: Option<&'a str>,
    pub note: Option<&'a str>,
    pub address: &'a DeliveryAddress,
    pub lease_until: DateTime<Utc>,
}

/// A PENDING order at the saga's first step, leased to its creator. A unique violation means
/// the idempotency key is taken.
pub async fn insert_order(conn: &mut AnyConnection, order: &NewOrder<'_>) -> Result<(), sqlx::Error> {
    let at = to_db(now());
    let number: i64 = sqlx::query_scalar("UPDATE order_number_counter SET last = last + 1 RETURNING last")
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO orders (order_id, customer_id, status, idempotency_key, request_hash, payment_method, \
         card_id, note, address_id, address_label, address_line1, address_line2, address_city, address_postal, \
         latitude, longitude, saga_step, saga_lease_until, created_at, updated_at, number) \
         VALUES ($1, $2, 'PENDING', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19)",
    )
    .bind(order.order_id)
    .bind(order.customer_id)
    .bind(order.idempotency_key)
    .bind(order.request_hash)
    .bind(order.payment_method.as_str())
    .bind(order.card_id)
    .bind(order.note)
    .bind(&order.address.id)
    .bind(&order.address.label)
    .bind(&order.address.line1)
    .bind(order.address.line2.as_deref())
    .bind(&order.address.city)
    .bind(order.address.postal_code.as_deref())
    .bind(order.address.latitude)
    .bind(order.address.longitude)
    .bind(SagaStep::ClaimCart.as_str())
    .bind(to_db(order.lease_until))
    .bind(&at)
    .bind(number)
    .execute(&mut *conn)
    .await?;
    record_change(
        &mut *conn,
        order.order_id,
        None,
        OrderStatus::Pending,
        order.customer_id,
        None,
    )
    .await?;
    Ok(())
}

pub async fn order_by_key(db: &Db, customer_id: &str, key: &str) -> anyhow::Result<Option<Order>> {
    let row = sqlx::query(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE customer_id = $1 AND idempotency_key = $2"
    ))
    .bind(customer_id)
    .bind(key)
    .fetch_optional(db)
    .await?;
    row.as_ref().map(order_from_row).transpose()
}

pub async fn order_by_number(db: &Db, number: i64) -> anyhow::Result<Option<Order>> {
    let row = sqlx::query(&format!("SELECT {ORDER_COLUMNS} FROM orders WHERE number = $1"))
        .bind(number)
        .fetch_optional(db)
        .await?;
    row.as_ref().map(order_from_row).transpose()
}

pub async fn order<'e>(exec: impl Exec<'e>, order_id: &str) -> anyhow::Result<Option<Order>> {
    let row = sqlx::query(&format!("SELECT {ORDER_COLUMNS} FROM orders WHERE order_id = $1"))
        .bind(order_id)
        .fetch_optional(exec)
        .await?;
    row.as_ref().map(order_from_row).transpose()
}

pub async fn orders_by_ids(db: &Db, ids: &[String]) -> anyhow::Result<Vec<Order>> {
    db.fetch_in(
        &format!("SELECT {ORDER_COLUMNS} FROM orders WHERE order_id IN"),
        ids,
        "",
    )
    .await?
    .iter()
    .map(order_from_row)
    .collect()
}

/// A customer's orders, newest first, after the (created_at, order_id) cursor.
pub async fn page_for_customer(
    db: &Db,
    customer_id: &str,
    status: Option<OrderStatus>,
    first: i64,
    before: Option<(&str, &str)>,
) -> anyhow::Result<Vec<Order>> {
    let (at, id) = before.unwrap_or(("9999", ""));
    let status_filter = if status.is_some() { "AND status = $5" } else { "" };
    let sql = format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE customer_id = $1 \
         AND (created_at < $2 OR (created_at = $2 AND order_id < $3)) {status_filter} \
         ORDER BY created_at DESC, order_id DESC LIMIT $4"
    );
    let mut query = sqlx::query(&sql).bind(customer_id).bind(at).bind(id).bind(first);
    if let Some(status) = status {
        query = query.bind(status.as_str());
    }
    query.fetch_all(db).await?.iter().map(order_from_row).collect()
}

/// What the staff orders board narrows to; every field optional.
#[derive(Debug, Default, Clone)]
pub struct OrderFilter {
    pub status: Option<OrderStatus>,
    /// Orders with at least one line from this shop.
    pub shop_id: Option<String>,
    /// Created at or after.
    pub created_from: Option<DateTime<Utc>>,
    /// Created before.
    pub created_to: Option<DateTime<Utc>>,
}

/// Every customer's orders matching `filter`, newest first, after the (created_at, order_id)
/// cursor.
pub async fn page_all(
    db: &Db,
    filter: &OrderFilter,
    first: i64,
    before: Option<(&str, &str)>,
) -> anyhow::Result<Vec<Order>> {
    let (at, id) = before.unwrap_or(("9999", ""));
    let mut sql = format!(
        "SELECT {ORDER_COLUMNS} FROM orders o \
         WHERE (created_at < $1 OR (created_at = $1 AND order_id < $2))"
    );
    let mut binds: Vec<String> = Vec::new();
    let mut next = |sql: &mut String, clause: &str, value: String| {
        binds.push(value);
        sql.push_str(&clause.replace('?', &format!("${}", binds.len() + 3)));
    };
    if let Some(status) = filter.status {
        next(&mut sql, " AND status = ?", status.as_str().to_string());
    }
    if let Some(shop) = &filter.shop_id {
        next(
            &mut sql,
            " AND EXISTS (SELECT 1 FROM order_line l WHERE l.order_id = o.order_id AND l.shop_id = ?)",
            shop.clone(),
        );
    }
    if let Some(from) = filter.created_from {
        next(&mut sql, " AND created_at >= ?", to_db(from));
    }
    if let Some(to) = filter.created_to {
        next(&mut sql, " AND created_at < ?", to_db(to));
    }
    sql.push_str(" ORDER BY created_at DESC, order_id DESC LIMIT $3");
    let mut query = sqlx::query(&sql).bind(at).bind(id).bind(first);
    for value in binds {
        query = query.bind(value);
    }
    query.fetch_all(db).await?.iter().map(order_from_row).collect()
}

/// The newest `per_customer` orders of each customer, in one query.
pub async fn latest_for_customers(
    db: &Db,
    customer_ids: &[String],
    per_customer: i64,
) -> anyhow::Result<Vec<Order>> {
    db.fetch_in(
        &format!(
            "SELECT {ORDER_COLUMNS} FROM (SELECT o.*, ROW_NUMBER() OVER \
             (PARTITION BY customer_id ORDER BY created_at DESC, order_id DESC) AS rank FROM orders o \
             WHERE customer_id IN"
        ),
        customer_ids,
        &format!(") ranked WHERE rank <= {per_customer} ORDER BY created_at DESC, order_id DESC"),
    )
    .await?
    .iter()
    .map(order_from_row)
    .collect()
}

fn line_from_row(row: &AnyRow) -> anyhow::Result<Line> {
    Ok(Line {
        order_id: row.try_get("order_id")?,
        offer_id: row.try_get("offer_id")?,
        product_id: row.try_get("product_id")?,
        variant_id: row.try_get("variant_id")?,
        shop_id: row.try_get("shop_id")?,
        quantity: row.try_get("quantity")?,
        unit_price: row.try_get("unit_price")?,
    })
}

pub async fn lines_by_orders(db: &Db, order_ids: &[String]) -> anyhow::Result<Vec<Line>> {
    db.fetch_in(
        "SELECT order_id, offer_id, product_id, variant_id, shop_id, quantity, unit_price FROM order_line \
         WHERE order_id IN",
        order_ids,
        "ORDER BY order_id, offer_id",
    )
    .await?
    .iter()
    .map(line_from_row)
    .collect()
}

/// One order's lines, by offer.
pub async fn lines<'e>(exec: impl Exec<'e>, order_id: &str) -> anyhow::Result<Vec<Line>> {
    sqlx::query(
        "SELECT order_id, offer_id, product_id, variant_id, shop_id, quantity, unit_price FROM order_line \
         WHERE order_id = $1 ORDER BY offer_id",
    )
    .bind(order_id)
    .fetch_all(exec)
    .await?
    .iter()
    .map(line_from_row)
    .collect()
}

pub async fn history_by_orders(db: &Db, order_ids: &[String]) -> anyhow::Result<Vec<StatusChange>> {
    db.fetch_in(
        "SELECT order_id, from_status, to_status, actor, reason, at FROM order_status_change WHERE order_id IN",
        order_ids,
        "ORDER BY at, change_id",
    )
    .await?
    .iter()
    .map(|row| {
        Ok(StatusChange {
            order_id: row.try_get("order_id")?,
            from: row
                .try_get::<Option<String>, _>("from_status")?
                .map(|s| OrderStatus::parse(&s))
                .transpose()?,
            to: OrderStatus::parse(row.try_get("to_status")?)?,
            actor: row.try_get("actor")?,
            reason: row.try_get("reason")?,
            at: from_db(row.try_get("at")?)?,
        })
    })
    .collect()
}

/// The claimed cart becomes the order's lines and totals.
pub struct Claim<'a> {
    pub lines: &'a [Line],
    pub subtotal: i64,
    pub discount: i64,
    pub total: i64,
    pub currency: &'a str,
    pub promo_code: Option<&'a str>,
    /// Already in `total`.
    pub delivery_fee: i64,
    pub promised_at: DateTime<Utc>,
}

pub async fn save_claim(conn: &mut AnyConnection, order_id: &str, claim: &Claim<'_>) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM order_line WHERE order_id = $1")
        .bind(order_id)
        .execute(&mut *conn)
        .await?;
    for line in claim.lines {
        sqlx::query(
            "INSERT INTO order_line (order_id, offer_id, product_id, shop_id, quantity, unit_price, variant_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(order_id)
        .bind(&line.offer_id)
        .bind(&line.product_id)
        .bind(&line.shop_id)
        .bind(line.quantity)
        .bind(line.unit_price)
        .bind(&line.variant_id)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(
        "UPDATE orders SET subtotal = $1, discount = $2, total = $3, currency = $4, promo_code = $5, \
         delivery_fee = $6, promised_at = $7, updated_at = $8 WHERE order_id = $9",
    )
    .bind(claim.subtotal)
    .bind(claim.discount)
    .bind(claim.total)
    .bind(claim.currency)
    .bind(claim.promo_code)
    .bind(claim.delivery_fee)
    .bind(to_db(claim.promised_at))
    .bind(to_db(now()))
    .bind(order_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Moves the saga from `from` to `to`; false if another driver moved it first.
pub async fn advance<'e>(
    exec: impl Exec<'e>,
    order_id: &str,
    from: SagaStep,
    to: SagaStep,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE orders SET saga_step = $1, saga_attempts = 0, updated_at = $2 \
         WHERE order_id = $3 AND saga_step = $4",
    )
    .bind(to.as_str())
    .bind(to_db(now()))
    .bind(order_id)
    .bind(from.as_str())
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Why checkout failed, for the answer to the customer and any replay of the same key.
pub async fn set_failure<'e>(
    exec: impl Exec<'e>,
    order_id: &str,
    code: &str,
    message: &str,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE orders SET failure_code = $1, failure_message = $2 WHERE order_id = $3")
        .bind(code)
        .bind(message)
        .bind(order_id)
        .execute(exec)
        .await?;
    Ok(())
}

/// `from` → `to` with its history row; false if the order is no longer `from`.
pub async fn change_status(
    conn: &mut AnyConnection,
    order_id: &str,
    from: OrderStatus,
    to: OrderStatus,
    actor: &str,
    reason: Option<&str>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE orders SET status = $1, updated_at = $2, \
             delivered_at = CASE WHEN $1 = 'DELIVERED' THEN $2 ELSE delivered_at END \
             WHERE order_id = $3 AND status = $4",
    )
    .bind(to.as_str())
    .bind(to_db(now()))
    .bind(order_id)
    .bind(from.as_str())
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    record_change(&mut *conn, order_id, Some(from), to, actor, reason).await?;
    Ok(true)
}

async fn record_change<'e>(
    exec: impl Exec<'e>,
    order_id: &str,
    from: Option<OrderStatus>,
    to: OrderStatus,
    actor: &str,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO order_status_change (change_id, order_id, from_status, to_status, actor, reason, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id("osc"))
    .bind(order_id)
    .bind(from.map(OrderStatus::as_str))
    .bind(to.as_str())
    .bind(actor)
    .bind(reason)
    .bind(to_db(now()))
    .execute(exec)
    .await?;
    Ok(())
}

/// Takes (or renews) the right to drive the saga until `until`, unless a live driver holds it.
pub async fn take_lease(
    db: &Db,
    order_id: &str,
    until: DateTime<Utc>,
    mine_until: Option<&str>,
) -> anyhow::Result<bool> {
    let now = to_db(now());
    let done = sqlx::query(
        "UPDATE orders SET saga_lease_until = $1 WHERE order_id = $2 AND saga_step <> 'DONE' \
         AND (saga_lease_until IS NULL OR saga_lease_until < $3 OR saga_lease_until = $4)",
    )
    .bind(to_db(until))
    .bind(order_id)
    .bind(&now)
    .bind(mine_until.unwrap_or(""))
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Counts a try that ended without an answer.
pub async fn count_attempt(db: &Db, order_id: &str) -> anyhow::Result<i64> {
    sqlx::query("UPDATE orders SET saga_attempts = saga_attempts + 1 WHERE order_id = $1")
        .bind(order_id)
        .execute(db)
        .await?;
    let row = sqlx::query("SELECT saga_attempts FROM orders WHERE order_id = $1")
        .bind(order_id)
        .fetch_one(db)
        .await?;
    Ok(row.try_get("saga_attempts")?)
}

/// Sagas nobody is driving: unfinished, lease expired.
pub async fn stalled_sagas(db: &Db, limit: i64) -> anyhow::Result<Vec<String>> {
    sqlx::query(
        "SELECT order_id FROM orders WHERE saga_step <> 'DONE' \
         AND (saga_lease_until IS NULL OR saga_lease_until < $1) ORDER BY created_at LIMIT $2",
    )
    .bind(to_db(now()))
    .bind(limit)
    .fetch_all(db)
    .await?
    .iter()
    .map(|row| Ok(row.try_get("order_id")?))
    .collect()
}
