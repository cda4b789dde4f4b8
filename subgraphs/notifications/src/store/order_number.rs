//! Orders' short numbers as orders' status events told them.

use vitrine_kit::db::Exec;

/// Remembers `order_id`'s number; a number already known stays (numbers never change).
pub async fn remember_order_number<'e>(
    exec: impl Exec<'e>,
    order_id: &str,
    number: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO order_number (order_id, number) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING",
    )
    .bind(order_id)
    .bind(number)
    .execute(exec)
    .await?;
    Ok(())
}

/// `order_id`'s number, if one of its status events came by already.
pub async fn order_number<'e>(exec: impl Exec<'e>, order_id: &str) -> anyhow::Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT number FROM order_number WHERE order_id = $1")
            .bind(order_id)
            .fetch_optional(exec)
            .await?,
    )
}
