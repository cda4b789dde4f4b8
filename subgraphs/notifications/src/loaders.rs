use crate::store::{self, AttemptRow};
use async_graphql::dataloader::Loader;
use std::collections::HashMap;
use std::sync::Arc;
use vitrine_kit::db::Db;

/// The attempts of many deliveries in one query: a page of the delivery log asking for
/// `attempts` costs one statement, not one per delivery.
pub struct AttemptsLoader(pub Db);

impl Loader<String> for AttemptsLoader {
    type Value = Vec<AttemptRow>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, delivery_ids: &[String]) -> Result<HashMap<String, Vec<AttemptRow>>, Self::Error> {
        let mut by_delivery: HashMap<String, Vec<AttemptRow>> = HashMap::new();
        for attempt in store::attempts_of_deliveries(&self.0, delivery_ids)
            .await
            .map_err(Arc::new)?
        {
            by_delivery
                .entry(attempt.delivery_id.clone())
                .or_default()
                .push(attempt);
        }
        Ok(by_delivery)
    }
}
