//! Cart's part of the supergraph: `myCart` and `Customer.cart`, the shopping mutations, promo
//! codes, and the claim/release/complete API the orders saga calls.

mod cart;
mod checkout;
mod promo;
mod shopping;

use crate::loaders::{LinesLoader, OfferLoader, OpenCartLoader, PromoLoader};
use async_graphql::dataloader::DataLoader;
use async_graphql::{EmptySubscription, MergedObject, Schema};
use std::sync::Arc;
use vitrine_kit::db::Db;
use vitrine_kit::peers::Peers;

#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct Query(cart::CartQuery);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct Mutation(
    shopping::ShoppingMutation,
    promo::PromoMutation,
    checkout::CheckoutMutation,
);

pub type CartSchema = Schema<Query, Mutation, EmptySubscription>;

/// `deps: None` builds the schema for SDL export only.
pub fn schema(deps: Option<(Db, Arc<Peers>)>) -> CartSchema {
    let mut builder =
        Schema::build(Query::default(), Mutation::default(), EmptySubscription).enable_federation();
    if let Some((db, peers)) = deps {
        builder = builder
            .data(DataLoader::new(
                OpenCartLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                LinesLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                PromoLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                OfferLoader(peers.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(peers)
            .data(db);
    }
    builder.finish()
}

#[cfg(test)]
mod tests {
    /// `cargo test -p vitrine-cart print_sdl -- --nocapture` shows what composition reads.
    #[test]
    fn print_sdl() {
        let sdl = crate::sdl();
        println!("{sdl}");
        for needle in [
            "type Query",
            "type Mutation",
            "myCart(guestToken: String): Cart!",
            "type Customer @key(fields: \"id\")",
            "type Offer @key(fields: \"id\", resolvable: false)",
            "claimCart(customerId: ID!, orderId: ID!): CartClaim!",
        ] {
            assert!(sdl.contains(needle), "missing {needle}");
        }
    }
}
