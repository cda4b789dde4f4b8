use super::Processor;
use crate::cards::CardNumber;
use crate::store::{self, SavedCardRow};
use vitrine_kit::error::ApiError;
use vitrine_kit::ids::new_id;

/// How many cards one customer may keep; more is abuse, not shopping.
const MAX_SAVED_CARDS: i64 = 20;

impl Processor {
    /// Vaults a checked card at the gateway and saves what may be shown of it (brand, last
    /// four, expiry) for `customer_id`. `BAD_USER_INPUT` once the customer has
    /// [`MAX_SAVED_CARDS`].
    pub async fn save_card(
        &self,
        customer_id: &str,
        number: &CardNumber,
        exp_month: i64,
        exp_year: i64,
    ) -> Result<SavedCardRow, ApiError> {
        // Before the transaction: the simulated gateway writes too, and SQLite has one writer.
        let token = self
            .gateway
            .tokenize(number)
            .await
            .map_err(|e| ApiError::Internal(e.into()))?;
        let card = SavedCardRow {
            id: new_id("card"),
            customer_id: customer_id.to_string(),
            brand: number.brand(),
            last4: number.last4(),
            exp_month,
            exp_year,
            gateway_token: token,
            created_at: store::now(),
        };
        let mut tx = self.db.begin_write().await?;
        if store::count_cards(&mut *tx, customer_id).await? >= MAX_SAVED_CARDS {
            return Err(ApiError::bad_input(format!(
                "at most {MAX_SAVED_CARDS} cards can be saved; remove one first"
            )));
        }
        store::insert_card(&mut *tx, &card).await?;
        tx.commit().await?;
        Ok(card)
    }
}
