//! A courier's own profile: registering, going on or off duty, and where its app says it is.
//! Each change is one transaction.

use crate::dispatch::Dispatcher;
use crate::domain::Vehicle;
use crate::store::{self, Courier};
use futures::future::BoxFuture;
use vitrine_kit::db::Tx;
use vitrine_kit::error::ApiError;
use vitrine_kit::time::now;

impl Dispatcher {
    /// Creates or updates `courier_id`'s profile. A courier starts off duty.
    pub async fn register_courier(
        &self,
        courier_id: &str,
        name: &str,
        vehicle: Vehicle,
        capacity: i64,
        at: (f64, f64),
    ) -> Result<Courier, ApiError> {
        let mut tx = self.db.begin_write().await?;
        let courier = Courier {
            courier_id: courier_id.to_string(),
            name: name.to_string(),
            vehicle,
            capacity,
            latitude: at.0,
            longitude: at.1,
            available: false,
            simulated: false,
        };
        store::upsert_courier(&mut *tx, &courier, now()).await?;
        let saved = store::courier(&mut *tx, courier_id).await?;
        tx.commit().await?;
        Ok(saved.unwrap_or(courier))
    }

    /// On or off duty. Off duty keeps what is already on the route.
    pub async fn set_availability(&self, courier_id: &str, available: bool) -> Result<Courier, ApiError> {
        self.change_own_profile(courier_id, |_, tx, courier_id| {
            Box::pin(async move { store::set_available(&mut **tx, courier_id, available, now()).await })
        })
        .await
    }

    /// The courier is `here`; its route and ETAs are replanned from there.
    pub async fn relocate(&self, courier_id: &str, here: (f64, f64)) -> Result<Courier, ApiError> {
        self.change_own_profile(courier_id, |dispatcher, tx, courier_id| {
            Box::pin(async move {
                let at = now();
                store::move_courier(&mut **tx, courier_id, here, at).await?;
                dispatcher.replan(tx, courier_id, at).await?;
                Ok(())
            })
        })
        .await
    }

    /// Applies `change` to `courier_id`'s registered profile in one transaction.
    async fn change_own_profile<F>(&self, courier_id: &str, change: F) -> Result<Courier, ApiError>
    where
        F: for<'t> FnOnce(&'t Dispatcher, &'t mut Tx, &'t str) -> BoxFuture<'t, anyhow::Result<()>>,
    {
        let mut tx = self.db.begin_write().await?;
        if store::courier(&mut *tx, courier_id).await?.is_none() {
            return Err(ApiError::not_found("register as a courier first"));
        }
        change(self, &mut tx, courier_id).await?;
        let courier = store::courier(&mut *tx, courier_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("courier vanished"))?;
        tx.commit().await?;
        Ok(courier)
    }
}
