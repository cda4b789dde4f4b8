use crate::cards::{check_cvc, check_expiry, CardBrand, CardNumber};
use crate::processor::Processor;
use crate::store::{self, SavedCardRow};
use async_graphql::{Context, InputObject, Object, Result, ID};
use chrono::{DateTime, Datelike, Utc};
use vitrine_kit::auth::require_customer;
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};

/// A card to save. The number and CVC go to the (simulated) gateway and are never stored.
#[derive(InputObject)]
pub struct CardInput {
    /// 13 to 19 digits; spaces allowed.
    pub number: String,
    /// 1 to 12.
    pub exp_month: i32,
    /// Four digits, e.g. 2030.
    pub exp_year: i32,
    /// 3 or 4 digits.
    pub cvc: String,
}

/// A card saved for paying: what may be shown of it.
pub struct SavedCard(SavedCardRow);

#[Object(name = "SavedCard")]
impl SavedCard {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn brand(&self) -> CardBrand {
        self.0.brand
    }
    async fn last4(&self) -> &str {
        &self.0.last4
    }
    async fn exp_month(&self) -> i64 {
        self.0.exp_month
    }
    async fn exp_year(&self) -> i64 {
        self.0.exp_year
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

#[derive(Default)]
pub struct CardQuery;

#[Object]
impl CardQuery {
    /// Your saved cards, newest first.
    async fn my_saved_cards(&self, ctx: &Context<'_>) -> Result<Vec<SavedCard>> {
        let customer_id = require_customer(ctx).gql()?;
        let cards = store::cards_of(ctx.data_unchecked::<Db>(), customer_id)
            .await
            .gql()?;
        Ok(cards.into_iter().map(SavedCard).collect())
    }
}

#[derive(Default)]
pub struct CardMutation;

#[Object]
impl CardMutation {
    /// Saves a card for CARD checkout through the SIMULATED card gateway; only brand, last
    /// four digits and expiry are kept. `BAD_USER_INPUT` for a mistyped number (13 to 19
    /// digits, Luhn check), a past expiry or a CVC that is not 3 or 4 digits.
    ///
    /// Test cards (any future expiry, any CVC):
    /// - 4242 4242 4242 4242 (Visa) and 5555 5555 5555 4444 (Mastercard): approved;
    /// - 4000 0000 0000 0002: declined, "card declined";
    /// - 4000 0000 0000 9995: declined, "insufficient funds";
    /// - 4000 0000 0000 0119: the first two authorization attempts of each payment fail
    ///   transiently, the third is approved (payments retries, so checkout succeeds).
    async fn add_card(&self, ctx: &Context<'_>, input: CardInput) -> Result<SavedCard> {
        let customer_id = require_customer(ctx).gql()?;
        let number = CardNumber::parse(&input.number).gql()?;
        let today = Utc::now();
        check_expiry(input.exp_month, input.exp_year, (today.year(), today.month())).gql()?;
        check_cvc(&input.cvc).gql()?;
        let card = ctx
            .data_unchecked::<Processor>()
            .save_card(
                customer_id,
                &number,
                input.exp_month.into(),
                input.exp_year.into(),
            )
            .await
            .gql()?;
        Ok(SavedCard(card))
    }

    /// Removes one of your cards; it can no longer pay (past payments keep showing it).
    /// `NOT_FOUND` for a card that is not yours or already removed.
    async fn remove_card(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        let customer_id = require_customer(ctx).gql()?;
        if !store::remove_card(ctx.data_unchecked::<Db>(), &id, customer_id)
            .await
            .gql()?
        {
            return Err(ApiError::not_found("no such card")).gql();
        }
        Ok(true)
    }
}
