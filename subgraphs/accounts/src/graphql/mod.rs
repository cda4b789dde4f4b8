//! The accounts part of the supergraph.

mod address;
mod auth;
mod customer;
mod wallet;

use crate::loaders::{AddressesLoader, CustomerLoader, ReconciliationLoader, WalletLoader};
use crate::tokens::TokenIssuer;
use async_graphql::dataloader::DataLoader;
use async_graphql::{EmptySubscription, MergedObject, Schema};
use vitrine_kit::config::AccountsConfig;
use vitrine_kit::db::Db;

#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct Query(customer::CustomerQuery, wallet::WalletQuery);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct Mutation(
    auth::AuthMutation,
    customer::ProfileMutation,
    address::AddressMutation,
    wallet::WalletMutation,
);

pub type AccountsSchema = Schema<Query, Mutation, EmptySubscription>;

/// `deps: None` builds the schema for SDL export only.
pub fn schema(deps: Option<(Db, TokenIssuer, AccountsConfig)>) -> AccountsSchema {
    let mut builder =
        Schema::build(Query::default(), Mutation::default(), EmptySubscription).enable_federation();
    if let Some((db, tokens, settings)) = deps {
        builder = builder
            .data(DataLoader::new(
                CustomerLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                AddressesLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                WalletLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                ReconciliationLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(tokens)
            .data(settings)
            .data(db);
    }
    builder.finish()
}
