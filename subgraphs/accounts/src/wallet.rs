//! Moving money in the wallet: idempotent by key, transactional, never below zero.

use crate::domain::{EntryKind, WalletEntry};
use crate::store;
use sha2::{Digest, Sha256};
use vitrine_kit::db::Db;
use vitrine_kit::error::{is_unique_violation, ApiError};
use vitrine_kit::ids::new_id;

pub struct WalletChange<'a> {
    pub customer_id: &'a str,
    pub kind: EntryKind,
    /// For RELEASE and CAPTURE: taken from the hold.
    pub amount: i64,
    pub hold_id: Option<&'a str>,
    pub reference: &'a str,
    pub idempotency_key: Option<&'a str>,
}

impl WalletChange<'_> {
    /// What "the same input" means for an idempotency key.
    fn fingerprint(&self) -> String {
        let text = format!(
            "{}|{}|{}|{}",
            self.kind.as_str(),
            self.amount,
            self.hold_id.unwrap_or(""),
            self.reference
        );
        Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// Applies the change and returns its ledger entry. Replaying an idempotency key with the same
/// input returns the stored entry; with another input, `CONFLICT`.
pub async fn apply(db: &Db, change: WalletChange<'_>) -> Result<WalletEntry, ApiError> {
    let fingerprint = change.fingerprint();
    // A unique violation means a concurrent request with the same key (or settling the same hold)
    // committed first; the second pass then finds and answers with its result.
    for _ in 0..2 {
        let mut tx = db.begin_write().await?;
        if let Some(key) = change.idempotency_key {
            if let Some((entry, stored)) =
                store::entry_by_idempotency_key(&mut *tx, change.customer_id, key).await?
            {
                return if stored == fingerprint {
                    Ok(entry)
                } else {
                    Err(ApiError::Conflict(
                        "this idempotency key was used with a different request".into(),
                    ))
                };
            }
        }
        if let Some(hold_id) = change.hold_id {
            if store::hold_is_settled(&mut *tx, hold_id).await? {
                return Err(ApiError::Conflict(
                    "this hold was already released or captured".into(),
                ));
            }
        }
        if !store::apply_to_totals(&mut *tx, change.customer_id, change.kind, change.amount).await? {
            return Err(match change.kind {
                // A credit has no condition: only a missing wallet makes it miss.
                EntryKind::Credit => ApiError::not_found("no such wallet"),
                EntryKind::Release | EntryKind::Capture => {
                    ApiError::Conflict("the wallet does not hold that amount".into())
                }
                _ => ApiError::PaymentDeclined("insufficient wallet balance".into()),
            });
        }
        let id = new_id("wle");
        let insert = store::insert_entry(
            &mut *tx,
            &store::NewEntry {
                id: &id,
                customer_id: change.customer_id,
                kind: change.kind,
                amount: change.amount,
                hold_id: change.hold_id,
                reference: change.reference,
                idempotency_key: change.idempotency_key,
                request_hash: Some(&fingerprint),
            },
        )
        .await;
        match insert {
            Ok(()) => {
                let entry = store::entry_by_id(&mut *tx, &id)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("entry vanished"))?;
                tx.commit().await?;
                return Ok(entry);
            }
            Err(err) if is_unique_violation(&err) => continue,
            Err(err) => return Err(err.into()),
        }
    }
    Err(ApiError::Conflict(
        "a concurrent request changed this wallet; retry".into(),
    ))
}
