//! Stations and recipes.

use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::HashMap;
use vitrine_kit::db::{AnyConnection, Db, Exec};

#[derive(Debug, Clone, PartialEq)]
pub struct StationRow {
    pub name: String,
    pub capacity: i64,
    pub paused: bool,
}

/// A station with the items it works on (`busy`) and those waiting for it (`queued`), counting
/// open tickets only: a cancelled or failed ticket's items free their slots at once.
#[derive(Debug, Clone, PartialEq)]
pub struct StationLoad {
    pub station: StationRow,
    pub busy: i64,
    pub queued: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RecipeRow {
    pub product_id: String,
    /// A variant's own recipe; `None` for the product's, which its other variants use.
    pub variant_id: Option<String>,
    pub station: String,
    pub prep_seconds: i64,
}

fn station_from_row(row: &AnyRow) -> anyhow::Result<StationRow> {
    Ok(StationRow {
        name: row.try_get("name")?,
        capacity: row.try_get("capacity")?,
        paused: row.try_get::<i64, _>("paused")? != 0,
    })
}

fn recipe_from_row(row: &AnyRow) -> anyhow::Result<RecipeRow> {
    Ok(RecipeRow {
        product_id: row.try_get("product_id")?,
        variant_id: row.try_get("variant_id")?,
        station: row.try_get("station")?,
        prep_seconds: row.try_get("prep_seconds")?,
    })
}

pub async fn stations<'e>(exec: impl Exec<'e>) -> anyhow::Result<Vec<StationRow>> {
    let rows = sqlx::query("SELECT name, capacity, paused FROM station ORDER BY name")
        .fetch_all(exec)
        .await?;
    rows.iter().map(station_from_row).collect()
}

/// How many items each station works on at once, by name.
pub async fn station_capacities<'e>(exec: impl Exec<'e>) -> anyhow::Result<HashMap<String, i64>> {
    Ok(stations(exec)
        .await?
        .into_iter()
        .map(|s| (s.name, s.capacity))
        .collect())
}

pub async fn station<'e>(exec: impl Exec<'e>, name: &str) -> anyhow::Result<Option<StationRow>> {
    let row = sqlx::query("SELECT name, capacity, paused FROM station WHERE name = $1")
        .bind(name)
        .fetch_optional(exec)
        .await?;
    row.as_ref().map(station_from_row).transpose()
}

/// The station, locked until the transaction ends, so that two processes starting items at
/// it take turns and never see the same free slot. The no-op UPDATE is the portable row lock:
/// PostgreSQL locks the row, SQLite's `begin_write` already holds its only write lock.
pub async fn lock_station(conn: &mut AnyConnection, name: &str) -> anyhow::Result<Option<StationRow>> {
    sqlx::query("UPDATE station SET name = name WHERE name = $1")
        .bind(name)
        .execute(&mut *conn)
        .await?;
    station(&mut *conn, name).await
}

/// Every station with its load: two statements, whatever the number of stations.
pub async fn station_loads<'e, E>(exec: E) -> anyhow::Result<Vec<StationLoad>>
where
    E: Exec<'e> + Copy,
{
    let stations = stations(exec).await?;
    let rows = sqlx::query(
        "SELECT i.station, i.status, COUNT(*) AS n FROM ticket_item i \
         JOIN ticket t ON t.ticket_id = i.ticket_id \
         WHERE t.status IN ('QUEUED', 'PREPARING') AND i.status IN ('QUEUED', 'PREPARING') \
         GROUP BY i.station, i.status",
    )
    .fetch_all(exec)
    .await?;
    let mut counts: HashMap<(String, String), i64> = HashMap::new();
    for row in rows {
        counts.insert(
            (row.try_get("station")?, row.try_get("status")?),
            row.try_get("n")?,
        );
    }
    let count = |station: &str, status: &str| {
        counts
            .get(&(station.to_string(), status.to_string()))
            .copied()
            .unwrap_or(0)
    };
    Ok(stations
        .into_iter()
        .map(|station| StationLoad {
            busy: count(&station.name, "PREPARING"),
            queued: count(&station.name, "QUEUED"),
            station,
        })
        .collect())
}

/// False when there is no such station.
pub async fn set_paused<'e>(exec: impl Exec<'e>, name: &str, paused: bool) -> anyhow::Result<bool> {
    let done = sqlx::query("UPDATE station SET paused = $1 WHERE name = $2")
        .bind(i64::from(paused))
        .bind(name)
        .execute(exec)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds the station unless it exists (seeding: a capacity changed since is kept).
pub async fn insert_station_if_missing<'e>(
    exec: impl Exec<'e>,
    name: &str,
    capacity: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO station (name, capacity, paused) VALUES ($1, $2, 0) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(capacity)
    .execute(exec)
    .await?;
    Ok(())
}

/// The recipes of `product_ids` that have one.
pub async fn recipes_for<'e>(exec: impl Exec<'e>, product_ids: &[String]) -> anyhow::Result<Vec<RecipeRow>> {
    recipes_where(
        exec,
        "SELECT product_id, NULL AS variant_id, station, prep_seconds FROM recipe WHERE product_id IN",
        product_ids,
    )
    .await
}

/// The variants' own recipes among `variant_ids`.
pub async fn variant_recipes_for<'e>(
    exec: impl Exec<'e>,
    variant_ids: &[String],
) -> anyhow::Result<Vec<RecipeRow>> {
    recipes_where(
        exec,
        "SELECT product_id, variant_id, station, prep_seconds FROM variant_recipe WHERE variant_id IN",
        variant_ids,
    )
    .await
}

/// Recipes read by `head` (a SELECT ending in `IN`) for `ids`.
async fn recipes_where<'e>(
    exec: impl Exec<'e>,
    head: &str,
    ids: &[String],
) -> anyhow::Result<Vec<RecipeRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("{head} ({})", Db::placeholders(1, ids.len()));
    let mut query = sqlx::query(&sql);
    for id in ids {
        query = query.bind(id);
    }
    let rows = query.fetch_all(exec).await?;
    rows.iter().map(recipe_from_row).collect()
}

/// Creates or replaces the recipe of a product, or of one of its variants.
pub async fn upsert_recipe<'e>(exec: impl Exec<'e>, recipe: &RecipeRow) -> anyhow::Result<()> {
    write_recipe(exec, recipe, true).await
}

/// Adds the recipe unless the product (or variant) has one (seeding: a recipe changed since is
/// kept).
pub async fn insert_recipe_if_missing<'e>(exec: impl Exec<'e>, recipe: &RecipeRow) -> anyhow::Result<()> {
    write_recipe(exec, recipe, false).await
}

/// A variant's recipe goes to `variant_recipe`, a product's to `recipe`; an existing one is
/// replaced only when `replace`.
async fn write_recipe<'e>(exec: impl Exec<'e>, recipe: &RecipeRow, replace: bool) -> anyhow::Result<()> {
    let (insert, changes) = match recipe.variant_id {
        Some(_) => (
            "INSERT INTO variant_recipe (product_id, station, prep_seconds, variant_id) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (variant_id)",
            "product_id = $1, station = $2, prep_seconds = $3",
        ),
        None => (
            "INSERT INTO recipe (product_id, station, prep_seconds) VALUES ($1, $2, $3) ON CONFLICT (product_id)",
            "station = $2, prep_seconds = $3",
        ),
    };
    let sql = if replace {
        format!("{insert} DO UPDATE SET {changes}")
    } else {
        format!("{insert} DO NOTHING")
    };
    let mut query = sqlx::query(&sql)
        .bind(&recipe.product_id)
        .bind(&recipe.station)
        .bind(recipe.prep_seconds);
    if let Some(variant_id) = &recipe.variant_id {
        query = query.bind(variant_id);
    }
    query.execute(exec).await?;
    Ok(())
}
