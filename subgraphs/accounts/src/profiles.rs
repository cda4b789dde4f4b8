//! Changing a customer's profile.

use crate::store;
use vitrine_kit::db::Db;

/// Sets what is given (the name; the phone, which `Some(None)` clears) in one transaction.
pub async fn update(
    db: &Db,
    customer_id: &str,
    name: Option<&str>,
    phone: Option<Option<&str>>,
) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    store::update_profile(&mut tx, customer_id, name, phone).await?;
    tx.commit().await?;
    Ok(())
}
