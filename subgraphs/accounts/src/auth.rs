//! Sessions: signing up, signing in, trading a refresh token and signing out. Each step that
//! issues, rotates or revokes refresh tokens is one transaction.

use crate::domain::Customer;
use crate::store::{self, NewCustomer, RefreshState};
use crate::tokens::{self, TokenIssuer, ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_DAYS};
use vitrine_kit::db::{Db, Tx};
use vitrine_kit::error::{is_unique_violation, ApiError};
use vitrine_kit::identity::Role;
use vitrine_kit::ids::new_id;

/// The tokens of a signed-in session and whom they were issued to.
pub struct Session {
    pub access_token: String,
    /// Seconds until `access_token` expires.
    pub expires_in: i64,
    pub refresh_token: String,
    pub customer_id: String,
}

fn refused<T>(message: &str) -> Result<T, ApiError> {
    Err(ApiError::Unauthenticated(message.into()))
}

/// A new token pair in a new family (sign-in) or an existing one (rotation).
async fn issue(
    tx: &mut Tx,
    tokens: &TokenIssuer,
    customer_id: &str,
    roles: &[Role],
    family_id: &str,
) -> Result<Session, ApiError> {
    let (refresh_token, hash) = tokens::new_refresh_token();
    store::insert_refresh_token(&mut **tx, &hash, family_id, customer_id, REFRESH_TOKEN_TTL_DAYS).await?;
    let access_token = tokens.access_token(customer_id, roles, chrono::Utc::now().timestamp())?;
    Ok(Session {
        access_token,
        expires_in: ACCESS_TOKEN_TTL_SECONDS,
        refresh_token,
        customer_id: customer_id.to_string(),
    })
}

/// Creates the account (with its empty wallet) and signs it in. A taken e-mail is a
/// `CONFLICT`.
pub async fn register(
    db: &Db,
    tokens: &TokenIssuer,
    customer: &NewCustomer<'_>,
) -> Result<Session, ApiError> {
    let mut tx = db.begin_write().await?;
    match store::insert_customer(&mut tx, customer).await {
        Err(err) if is_unique_violation(&err) => {
            return Err(ApiError::Conflict(
                "an account with this email already exists".into(),
            ))
        }
        other => other?,
    }
    let session = issue(&mut tx, tokens, customer.id, customer.roles, &new_id("fam")).await?;
    tx.commit().await?;
    Ok(session)
}

/// A new session for a customer whose password was checked.
pub async fn sign_in(db: &Db, tokens: &TokenIssuer, customer: &Customer) -> Result<Session, ApiError> {
    let mut tx = db.begin_write().await?;
    let session = issue(&mut tx, tokens, &customer.id, &customer.roles, &new_id("fam")).await?;
    tx.commit().await?;
    Ok(session)
}

/// Trades a refresh token for a new pair in the same family. Replaying a token that was
/// already traded revokes the whole family (someone else has a copy): `UNAUTHENTICATED`.
pub async fn refresh(db: &Db, tokens: &TokenIssuer, refresh_token: &str) -> Result<Session, ApiError> {
    let hash = tokens::hash_refresh_token(refresh_token);
    let mut tx = db.begin_write().await?;
    match store::refresh_token_state(&mut *tx, &hash).await? {
        RefreshState::Active {
            family_id,
            customer_id,
        } => {
            if !store::mark_rotated(&mut *tx, &hash).await? {
                store::revoke_family(&mut *tx, &family_id).await?;
                tx.commit().await?;
                return refused("refresh token reuse detected; sign in again");
            }
            let customer = store::customers_by_ids(db, std::slice::from_ref(&customer_id)).await?;
            let Some(customer) = customer.into_iter().next() else {
                return refused("account no longer exists");
            };
            let session = issue(&mut tx, tokens, &customer.id, &customer.roles, &family_id).await?;
            tx.commit().await?;
            Ok(session)
        }
        RefreshState::Rotated { family_id } => {
            store::revoke_family(&mut *tx, &family_id).await?;
            tx.commit().await?;
            refused("refresh token reuse detected; sign in again")
        }
        RefreshState::Revoked => refused("refresh token revoked; sign in again"),
        RefreshState::Expired => refused("refresh token expired; sign in again"),
        RefreshState::Unknown => refused("unknown refresh token"),
    }
}

/// Revokes every token of the sign-in the refresh token belongs to; an unknown, expired or
/// revoked token changes nothing.
pub async fn sign_out(db: &Db, refresh_token: &str) -> Result<(), ApiError> {
    let hash = tokens::hash_refresh_token(refresh_token);
    let mut tx = db.begin_write().await?;
    match store::refresh_token_state(&mut *tx, &hash).await? {
        RefreshState::Active { family_id, .. } | RefreshState::Rotated { family_id } => {
            store::revoke_family(&mut *tx, &family_id).await?;
        }
        _ => {}
    }
    tx.commit().await?;
    Ok(())
}
