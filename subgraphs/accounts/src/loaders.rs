use crate::domain::{Address, Customer, Reconciliation, WalletTotals};
use crate::store;
use async_graphql::dataloader::Loader;
use std::collections::HashMap;
use std::sync::Arc;
use vitrine_kit::db::Db;

pub struct CustomerLoader(pub Db);

impl Loader<String> for CustomerLoader {
    type Value = Customer;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Customer>, Self::Error> {
        let rows = store::customers_by_ids(&self.0, ids).await.map_err(Arc::new)?;
        Ok(rows.into_iter().map(|c| (c.id.clone(), c)).collect())
    }
}

/// Live addresses per customer.
pub struct AddressesLoader(pub Db);

impl Loader<String> for AddressesLoader {
    type Value = Vec<Address>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Vec<Address>>, Self::Error> {
        let mut by_customer: HashMap<String, Vec<Address>> = HashMap::new();
        for address in store::addresses_by_customer_ids(&self.0, ids)
            .await
            .map_err(Arc::new)?
        {
            by_customer
                .entry(address.customer_id.clone())
                .or_default()
                .push(address);
        }
        Ok(by_customer)
    }
}

pub struct WalletLoader(pub Db);

impl Loader<String> for WalletLoader {
    type Value = WalletTotals;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, WalletTotals>, Self::Error> {
        Ok(store::totals_by_customer_ids(&self.0, ids)
            .await
            .map_err(Arc::new)?
            .into_iter()
            .collect())
    }
}

/// Wallet audits: aliases of one audit in a request, and audits of one wallet arriving together,
/// share one read.
pub struct ReconciliationLoader(pub Db);

impl Loader<String> for ReconciliationLoader {
    type Value = Reconciliation;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Reconciliation>, Self::Error> {
        store::reconciliations_by_customer_ids(&self.0, ids)
            .await
            .map_err(Arc::new)
    }
}
