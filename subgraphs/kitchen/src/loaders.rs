//! Batched lookups: a page of orders asking for `kitchenTicket`, or a queue asking for its
//! tickets' items, costs one statement, not one per order or ticket.

use crate::store::{self, ItemRow, TicketRow};
use async_graphql::dataloader::Loader;
use std::collections::HashMap;
use std::sync::Arc;
use vitrine_kit::db::Db;

/// The ticket of each order, keyed by order id; orders with nothing to prepare have none.
pub struct TicketByOrderLoader(pub Db);

impl Loader<String> for TicketByOrderLoader {
    type Value = TicketRow;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, order_ids: &[String]) -> Result<HashMap<String, TicketRow>, Self::Error> {
        let tickets = store::tickets_by_order_ids(&self.0, order_ids)
            .await
            .map_err(Arc::new)?;
        Ok(tickets.into_iter().map(|t| (t.order_id.clone(), t)).collect())
    }
}

/// The items of each ticket, by line.
pub struct ItemsLoader(pub Db);

impl Loader<String> for ItemsLoader {
    type Value = Vec<ItemRow>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ticket_ids: &[String]) -> Result<HashMap<String, Vec<ItemRow>>, Self::Error> {
        let mut by_ticket: HashMap<String, Vec<ItemRow>> = HashMap::new();
        for item in store::items_by_ticket_ids(&self.0, ticket_ids)
            .await
            .map_err(Arc::new)?
        {
            by_ticket.entry(item.ticket_id.clone()).or_default().push(item);
        }
        Ok(by_ticket)
    }
}
