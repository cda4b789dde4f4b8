//! SQL, and nothing else. A function of one statement runs it on any executor (the counted
//! `&Db`, or `&mut *tx` inside a transaction); one of several takes the connection.

use crate::domain::{DeliveryStatus, StopKind, Vehicle};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{AnyConnection, Db, Exec};
use vitrine_kit::ids::new_id;
use vitrine_kit::time::{from_db, to_db};

#[derive(Debug, Clone)]
pub struct Courier {
    pub courier_id: String,
    pub name: String,
    pub vehicle: Vehicle,
    pub capacity: i64,
    pub latitude: f64,
    pub longitude: f64,
    pub available: bool,
    pub simulated: bool,
}

#[derive(Debug, Clone)]
pub struct Delivery {
    pub delivery_id: String,
    pub order_id: String,
    pub customer_id: String,
    pub status: DeliveryStatus,
    pub drop_latitude: f64,
    pub drop_longitude: f64,
    pub courier_id: Option<String>,
    pub eta_at: Option<DateTime<Utc>>,
    pub route_m: Option<f64>,
    pub attempts: i64,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub assigned_at: Option<DateTime<Utc>>,
    pub picked_up_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct Pickup {
    pub delivery_id: String,
    pub shop_id: String,
    pub location: Option<(f64, f64)>,
    pub picked_up: bool,
}

#[derive(Debug, Clone)]
pub struct Stop {
    pub courier_id: String,
    pub position: i64,
    pub kind: StopKind,
    pub delivery_id: String,
    pub shop_id: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    pub leg_m: f64,
}

#[derive(Debug, Clone)]
pub struct DeliveryEvent {
    pub delivery_id: String,
    pub status: DeliveryStatus,
    pub courier_id: Option<String>,
    pub location: Option<(f64, f64)>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

fn opt_time(row: &AnyRow, column: &str) -> anyhow::Result<Option<DateTime<Utc>>> {
    row.try_get::<Option<String>, _>(column)?
        .map(|s| from_db(&s))
        .transpose()
}

fn courier_from_row(row: &AnyRow) -> anyhow::Result<Courier> {
    Ok(Courier {
        courier_id: row.try_get("courier_id")?,
        name: row.try_get("name")?,
        vehicle: Vehicle::parse(&row.try_get::<String, _>("vehicle")?)?,
        capacity: row.try_get("capacity")?,
        latitude: row.try_get("latitude")?,
        longitude: row.try_get("longitude")?,
        available: row.try_get::<i64, _>("available")? != 0,
        simulated: row.try_get::<i64, _>("simulated")? != 0,
    })
}

const COURIER_COLUMNS: &str =
    "courier_id, name, vehicle, capacity, latitude, longitude, available, simulated";

const DELIVERY_COLUMNS: &str = "delivery_id, order_id, customer_id, status, drop_latitude, drop_longitude, \
     courier_id, eta_at, route_m, attempts, reason, created_at, assigned_at, picked_up_at, finished_at";

fn delivery_from_row(row: &AnyRow) -> anyhow::Result<Delivery> {
    Ok(Delivery {
        delivery_id: row.try_get("delivery_id")?,
        order_id: row.try_get("order_id")?,
        customer_id: row.try_get("customer_id")?,
        status: DeliveryStatus::parse(&row.try_get::<String, _>("status")?)?,
        drop_latitude: row.try_get("drop_latitude")?,
        drop_longitude: row.try_get("drop_longitude")?,
        courier_id: row.try_get("courier_id")?,
        eta_at: opt_time(row, "eta_at")?,
        route_m: row.try_get("route_m")?,
        attempts: row.try_get("attempts")?,
        reason: row.try_get("reason")?,
        created_at: from_db(&row.try_get::<String, _>("created_at")?)?,
        assigned_at: opt_time(row, "assigned_at")?,
        picked_up_at: opt_time(row, "picked_up_at")?,
        finished_at: opt_time(row, "finished_at")?,
    })
}

fn pickup_from_row(row: &AnyRow) -> anyhow::Result<Pickup> {
    let latitude: Option<f64> = row.try_get("latitude")?;
    let longitude: Option<f64> = row.try_get("longitude")?;
    Ok(Pickup {
        delivery_id: row.try_get("delivery_id")?,
        shop_id: row.try_get("shop_id")?,
        location: latitude.zip(longitude),
        picked_up: row.try_get::<i64, _>("picked_up")? != 0,
    })
}

fn stop_from_row(row: &AnyRow) -> anyhow::Result<Stop> {
    Ok(Stop {
        courier_id: row.try_get("courier_id")?,
        position: row.try_get("position")?,
        kind: StopKind::parse(&row.try_get::<String, _>("kind")?)?,
        delivery_id: row.try_get("delivery_id")?,
        shop_id: row.try_get("shop_id")?,
        latitude: row.try_get("latitude")?,
        longitude: row.try_get("longitude")?,
        leg_m: row.try_get("leg_m")?,
    })
}

fn event_from_row(row: &AnyRow) -> anyhow::Result<DeliveryEvent> {
    let latitude: Option<f64> = row.try_get("latitude")?;
    let longitude: Option<f64> = row.try_get("longitude")?;
    Ok(DeliveryEvent {
        delivery_id: row.try_get("delivery_id")?,
        status: DeliveryStatus::parse(&row.try_get::<String, _>("status")?)?,
        courier_id: row.try_get("courier_id")?,
        location: latitude.zip(longitude),
        note: row.try_get("note")?,
        at: from_db(&row.try_get::<String, _>("at")?)?,
    })
}

// ---- couriers

/// Inserts or updates the courier's profile (not its availability or location when it exists).
pub async fn upsert_courier<'e>(
    exec: impl Exec<'e>,
    courier: &Courier,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO courier (courier_id, name, vehicle, capacity, latitude, longitude, available, simulated, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
         ON CONFLICT (courier_id) DO UPDATE SET name = $2, vehicle = $3, capacity = $4, updated_at = $9",
    )
    .bind(&courier.courier_id)
    .bind(&courier.name)
    .bind(courier.vehicle.as_str())
    .bind(courier.capacity)
    .bind(courier.latitude)
    .bind(courier.longitude)
    .bind(i64::from(courier.available))
    .bind(i64::from(courier.simulated))
    .bind(to_db(now))
    .execute(exec)
    .await?;
    Ok(())
}

/// One courier.
pub async fn courier<'e>(exec: impl Exec<'e>, courier_id: &str) -> anyhow::Result<Option<Courier>> {
    let sql = format!("SELECT {COURIER_COLUMNS} FROM courier WHERE courier_id = $1");
    sqlx::query(&sql)
        .bind(courier_id)
        .fetch_optional(exec)
        .await?
        .as_ref()
        .map(courier_from_row)
        .transpose()
}

pub async fn couriers_by_ids(db: &Db, ids: &[String]) -> anyhow::Result<Vec<Courier>> {
    let head = format!("SELECT {COURIER_COLUMNS} FROM courier WHERE courier_id IN");
    db.fetch_in(&head, ids, "")
        .await?
        .iter()
        .map(courier_from_row)
        .collect()
}

pub async fn all_couriers(db: &Db) -> anyhow::Result<Vec<Courier>> {
    let sql = format!("SELECT {COURIER_COLUMNS} FROM courier ORDER BY name, courier_id");
    sqlx::query(&sql)
        .fetch_all(db)
        .await?
        .iter()
        .map(courier_from_row)
        .collect()
}

/// Couriers the dispatcher may give work to.
pub async fn available_couriers<'e>(
    exec: impl Exec<'e>,
    include_simulated: bool,
) -> anyhow::Result<Vec<Courier>> {
    let sql = format!(
        "SELECT {COURIER_COLUMNS} FROM courier WHERE available = 1 AND (simulated = 0 OR $1 = 1) \
         ORDER BY courier_id"
    );
    sqlx::query(&sql)
        .bind(i64::from(include_simulated))
        .fetch_all(exec)
        .await?
        .iter()
        .map(courier_from_row)
        .collect()
}

/// Simulated couriers with somewhere to go.
pub async fn moving_couriers(db: &Db) -> anyhow::Result<Vec<Courier>> {
    let sql = format!(
        "SELECT {COURIER_COLUMNS} FROM courier WHERE simulated = 1 \
         AND courier_id IN (SELECT courier_id FROM route_stop) ORDER BY courier_id"
    );
    sqlx::query(&sql)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(courier_from_row)
        .collect()
}

pub async fn move_courier<'e>(
    exec: impl Exec<'e>,
    courier_id: &str,
    at: (f64, f64),
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE courier SET latitude = $1, longitude = $2, updated_at = $3 WHERE courier_id = $4")
        .bind(at.0)
        .bind(at.1)
        .bind(to_db(now))
        .bind(courier_id)
        .execute(exec)
        .await?;
    Ok(())
}

pub async fn set_available<'e>(
    exec: impl Exec<'e>,
    courier_id: &str,
    available: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE courier SET available = $1, updated_at = $2 WHERE courier_id = $3")
        .bind(i64::from(available))
        .bind(to_db(now))
        .bind(courier_id)
        .execute(exec)
        .await?;
    Ok(())
}

pub async fn count_couriers(db: &Db) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM courier")
        .fetch_one(db.pool())
        .await?)
}

// ---- deliveries

/// A new delivery for a confirmed order, WAITING; false if the order already has one.
pub async fn insert_delivery(
    conn: &mut AnyConnection,
    order_id: &str,
    customer_id: &str,
    drop: (f64, f64),
    shop_ids: &[String],
    now: DateTime<Utc>,
) -> anyhow::Result<Option<String>> {
    let delivery_id = new_id("dlv");
    let inserted = sqlx::query(
        "INSERT INTO delivery (delivery_id, order_id, customer_id, status, drop_latitude, drop_longitude, \
         created_at, updated_at) VALUES ($1, $2, $3, 'WAITING', $4, $5, $6, $6) ON CONFLICT (order_id) DO NOTHING",
    )
    .bind(&delivery_id)
    .bind(order_id)
    .bind(customer_id)
    .bind(drop.0)
    .bind(drop.1)
    .bind(to_db(now))
    .execute(&mut *conn)
    .await?;
    if inserted.rows_affected() == 0 {
        return Ok(None);
    }
    for shop_id in shop_ids {
        sqlx::query(
            "INSERT INTO delivery_pickup (delivery_id, shop_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(&delivery_id)
        .bind(shop_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(Some(delivery_id))
}

pub async fn delivery<'e>(exec: impl Exec<'e>, delivery_id: &str) -> anyhow::Result<Option<Delivery>> {
    let sql = format!("SELECT {DELIVERY_COLUMNS} FROM delivery WHERE delivery_id = $1");
    sqlx::query(&sql)
        .bind(delivery_id)
        .fetch_optional(exec)
        .await?
        .as_ref()
        .map(delivery_from_row)
        .transpose()
}

pub async fn delivery_by_order<'e>(exec: impl Exec<'e>, order_id: &str) -> anyhow::Result<Option<Delivery>> {
    let sql = format!("SELECT {DELIVERY_COLUMNS} FROM delivery WHERE order_id = $1");
    sqlx::query(&sql)
        .bind(order_id)
        .fetch_optional(exec)
        .await?
        .as_ref()
        .map(delivery_from_row)
        .transpose()
}

pub async fn deliveries_by_orders(db: &Db, order_ids: &[String]) -> anyhow::Result<Vec<Delivery>> {
    let head = format!("SELECT {DELIVERY_COLUMNS} FROM delivery WHERE order_id IN");
    db.fetch_in(&head, order_ids, "")
        .await?
        .iter()
        .map(delivery_from_row)
        .collect()
}

pub async fn deliveries_by_ids(db: &Db, ids: &[String]) -> anyhow::Result<Vec<Delivery>> {
    let head = format!("SELECT {DELIVERY_COLUMNS} FROM delivery WHERE delivery_id IN");
    db.fetch_in(&head, ids, "")
        .await?
        .iter()
        .map(delivery_from_row)
        .collect()
}

/// A courier's deliveries still on its route.
pub async fn on_route<'e>(exec: impl Exec<'e>, courier_id: &str) -> anyhow::Result<Vec<Delivery>> {
    let sql = format!(
        "SELECT {DELIVERY_COLUMNS} FROM delivery WHERE courier_id = $1 \
         AND status IN ('ASSIGNED', 'PICKED_UP', 'ATTEMPT_FAILED') ORDER BY assigned_at, delivery_id"
    );
    sqlx::query(&sql)
        .bind(courier_id)
        .fetch_all(exec)
        .await?
        .iter()
        .map(delivery_from_row)
        .collect()
}

/// READY deliveries whose pickups are all located, oldest first.
pub async fn dispatchable(db: &Db, limit: i64) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT delivery_id FROM delivery d WHERE status = 'READY' AND NOT EXISTS \
         (SELECT 1 FROM delivery_pickup p WHERE p.delivery_id = d.delivery_id AND p.latitude IS NULL) \
         ORDER BY ready_at, delivery_id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await?)
}

/// The record of deliveries, newest first, optionally of one courier or status.
pub async fn deliveries_page(
    db: &Db,
    courier_id: Option<&str>,
    status: Option<DeliveryStatus>,
    first: i64,
    before: Option<(&str, &str)>,
) -> anyhow::Result<Vec<Delivery>> {
    let (at, id) = before.unwrap_or(("9999", ""));
    let sql = format!(
        "SELECT {DELIVERY_COLUMNS} FROM delivery WHERE (created_at < $1 OR (created_at = $1 AND delivery_id < $2)) \
         AND ($3 = '' OR courier_id = $3) AND ($4 = '' OR status = $4) \
         ORDER BY created_at DESC, delivery_id DESC LIMIT $5"
    );
    sqlx::query(&sql)
        .bind(at)
        .bind(id)
        .bind(courier_id.unwrap_or(""))
        .bind(status.map(|s| s.as_str()).unwrap_or(""))
        .bind(first)
        .fetch_all(db)
        .await?
        .iter()
        .map(delivery_from_row)
        .collect()
}

/// Moves a delivery from one of `from` to `to`; false (nothing written) when it was in none.
/// Timestamps follow the status: ready, assigned, picked up, finished.
pub async fn change_status<'e>(
    exec: impl Exec<'e>,
    delivery_id: &str,
    from: &[DeliveryStatus],
    to: DeliveryStatus,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let stamp = match to {
        DeliveryStatus::Ready => ", ready_at = $3",
        DeliveryStatus::Assigned => ", assigned_at = $3",
        DeliveryStatus::PickedUp => ", picked_up_at = $3",
        DeliveryStatus::Delivered | DeliveryStatus::Failed | DeliveryStatus::Cancelled => {
            ", finished_at = $3, eta_at = NULL"
        }
        DeliveryStatus::Waiting | DeliveryStatus::AttemptFailed => "",
    };
    let from_list = from
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "UPDATE delivery SET status = $1, reason = COALESCE($4, reason), updated_at = $3{stamp} \
         WHERE delivery_id = $2 AND status IN ({from_list})"
    );
    let changed = sqlx::query(&sql)
        .bind(to.as_str())
        .bind(delivery_id)
        .bind(to_db(now))
        .bind(reason)
        .execute(exec)
        .await?;
    Ok(changed.rows_affected() == 1)
}

pub async fn set_courier<'e>(exec: impl Exec<'e>, delivery_id: &str, courier_id: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE delivery SET courier_id = $1 WHERE delivery_id = $2")
        .bind(courier_id)
        .bind(delivery_id)
        .execute(exec)
        .await?;
    Ok(())
}

pub async fn count_attempt(conn: &mut AnyConnection, delivery_id: &str) -> anyhow::Result<i64> {
    sqlx::query("UPDATE delivery SET attempts = attempts + 1 WHERE delivery_id = $1")
        .bind(delivery_id)
        .execute(&mut *conn)
        .await?;
    Ok(
        sqlx::query_scalar("SELECT attempts FROM delivery WHERE delivery_id = $1")
            .bind(delivery_id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

pub async fn set_eta<'e>(
    exec: impl Exec<'e>,
    delivery_id: &str,
    eta_at: DateTime<Utc>,
    route_m: f64,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE delivery SET eta_at = $1, route_m = $2 WHERE delivery_id = $3")
        .bind(to_db(eta_at))
        .bind(route_m)
        .bind(delivery_id)
        .execute(exec)
        .await?;
    Ok(())
}

// ---- pickups

pub async fn pickups_of<'e>(exec: impl Exec<'e>, delivery_ids: &[String]) -> anyhow::Result<Vec<Pickup>> {
    if delivery_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT delivery_id, shop_id, latitude, longitude, picked_up FROM delivery_pickup \
         WHERE delivery_id IN ({}) ORDER BY delivery_id, shop_id",
        Db::placeholders(1, delivery_ids.len())
    );
    let mut query = sqlx::query(&sql);
    for id in delivery_ids {
        query = query.bind(id);
    }
    query.fetch_all(exec).await?.iter().map(pickup_from_row).collect()
}

/// Shops of READY deliveries whose location is not known yet.
pub async fn unlocated_shops(db: &Db, limit: i64) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT p.shop_id FROM delivery_pickup p JOIN delivery d ON d.delivery_id = p.delivery_id \
         WHERE p.latitude IS NULL AND d.status = 'READY' ORDER BY p.shop_id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await?)
}

pub async fn locate_shop<'e>(exec: impl Exec<'e>, shop_id: &str, at: (f64, f64)) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE delivery_pickup SET latitude = $1, longitude = $2 WHERE shop_id = $3 AND latitude IS NULL",
    )
    .bind(at.0)
    .bind(at.1)
    .bind(shop_id)
    .execute(exec)
    .await?;
    Ok(())
}

pub async fn mark_picked_up<'e>(
    exec: impl Exec<'e>,
    delivery_id: &str,
    shop_id: Option<&str>,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE delivery_pickup SET picked_up = 1 WHERE delivery_id = $1 AND ($2 = '' OR shop_id = $2)",
    )
    .bind(delivery_id)
    .bind(shop_id.unwrap_or(""))
    .execute(exec)
    .await?;
    Ok(())
}

// ---- routes

pub async fn replace_route(conn: &mut AnyConnection, courier_id: &str, stops: &[Stop]) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM route_stop WHERE courier_id = $1")
        .bind(courier_id)
        .execute(&mut *conn)
        .await?;
    for stop in stops {
        sqlx::query(
            "INSERT INTO route_stop (courier_id, position, kind, delivery_id, shop_id, latitude, longitude, leg_m) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(courier_id)
        .bind(stop.position)
        .bind(stop.kind.as_str())
        .bind(&stop.delivery_id)
        .bind(&stop.shop_id)
        .bind(stop.latitude)
        .bind(stop.longitude)
        .bind(stop.leg_m)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

const STOP_COLUMNS: &str = "courier_id, position, kind, delivery_id, shop_id, latitude, longitude, leg_m";

pub async fn route<'e>(exec: impl Exec<'e>, courier_id: &str) -> anyhow::Result<Vec<Stop>> {
    let sql = format!("SELECT {STOP_COLUMNS} FROM route_stop WHERE courier_id = $1 ORDER BY position");
    sqlx::query(&sql)
        .bind(courier_id)
        .fetch_all(exec)
        .await?
        .iter()
        .map(stop_from_row)
        .collect()
}

pub async fn routes_of(db: &Db, courier_ids: &[String]) -> anyhow::Result<Vec<Stop>> {
    let head = format!("SELECT {STOP_COLUMNS} FROM route_stop WHERE courier_id IN");
    db.fetch_in(&head, courier_ids, "ORDER BY courier_id, position")
        .await?
        .iter()
        .map(stop_from_row)
        .collect()
}

// ---- the record

pub async fn record<'e>(
    exec: impl Exec<'e>,
    delivery_id: &str,
    status: DeliveryStatus,
    courier_id: Option<&str>,
    location: Option<(f64, f64)>,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    // Two statements rather than binding an Option<f64>: sqlx 0.8.6's Any driver sends a null
    // DOUBLE as a float4, and PostgreSQL then refuses the next non-null float8 on that cached
    // statement ("incorrect binary data format").
    let (columns, values) = match location {
        Some(_) => (", latitude, longitude", ", $7, $8"),
        None => ("", ""),
    };
    let sql = format!(
        "INSERT INTO delivery_event (event_id, delivery_id, status, courier_id, note, at{columns}) \
         VALUES ($1, $2, $3, $4, $5, $6{values})"
    );
    let mut query = sqlx::query(&sql)
        .bind(new_id("dle"))
        .bind(delivery_id)
        .bind(status.as_str())
        .bind(courier_id)
        .bind(note)
        .bind(to_db(now));
    if let Some((latitude, longitude)) = location {
        query = query.bind(latitude).bind(longitude);
    }
    query.execute(exec).await?;
    Ok(())
}

pub async fn events_of(db: &Db, delivery_ids: &[String]) -> anyhow::Result<Vec<DeliveryEvent>> {
    db.fetch_in(
        "SELECT delivery_id, status, courier_id, latitude, longitude, note, at FROM delivery_event \
         WHERE delivery_id IN",
        delivery_ids,
        "ORDER BY delivery_id, at, event_id",
    )
    .await?
    .iter()
    .map(event_from_row)
    .collect()
}
