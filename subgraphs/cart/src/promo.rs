//! Promo codes: how codes are written and what a new one may be (pure rules), and creating one.

use crate::domain::{Promo, PromoKind};
use crate::store;
use chrono::{DateTime, Utc};
use vitrine_kit::db::Db;
use vitrine_kit::error::{is_unique_violation, ApiError};
use vitrine_kit::money::Currency;

/// The most a FIXED code takes off or a minimum asks for: 100 000 000 in major units, as for
/// shops' prices.
const MAX_AMOUNT: i64 = 100_000_000 * 100;

/// Codes are compared upper-case; anything that cannot be a code is `None`.
pub fn normalize_code(code: &str) -> Option<String> {
    let code = code.trim().to_uppercase();
    let valid = (3..=32).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    valid.then_some(code)
}

/// What an ADMIN asked for, checked.
pub struct NewPromo {
    pub code: String,
    pub kind: PromoKind,
    pub value: i64,
    pub currency: Currency,
    pub min_total: i64,
    pub expires_at: Option<DateTime<Utc>>,
    pub usage_limit: Option<i64>,
}

pub fn check_new(new: NewPromo, now: DateTime<Utc>) -> Result<Promo, ApiError> {
    let code = normalize_code(&new.code)
        .ok_or_else(|| ApiError::bad_input("code must be 3 to 32 letters, digits, '-' or '_'"))?;
    match new.kind {
        PromoKind::Percent if !(1..=100).contains(&new.value) => {
            return Err(ApiError::bad_input("a PERCENT code's value must be 1 to 100"))
        }
        PromoKind::Fixed if !(1..=MAX_AMOUNT).contains(&new.value) => {
            return Err(ApiError::bad_input(
                "a FIXED code's value must be 1 to 10 000 000 000 minor units",
            ))
        }
        _ => {}
    }
    if !(0..=MAX_AMOUNT).contains(&new.min_total) {
        return Err(ApiError::bad_input(
            "minTotal must be 0 to 10 000 000 000 minor units",
        ));
    }
    if new.expires_at.is_some_and(|t| t <= now) {
        return Err(ApiError::bad_input("expiresAt must be in the future"));
    }
    if new.usage_limit.is_some_and(|l| !(1..=1_000_000_000).contains(&l)) {
        return Err(ApiError::bad_input("usageLimit must be 1 to 1 000 000 000"));
    }
    Ok(Promo {
        code,
        kind: new.kind,
        value: new.value,
        currency: new.currency,
        min_total: new.min_total,
        expires_at: new.expires_at,
        usage_limit: new.usage_limit,
        used_count: 0,
    })
}

/// Stores a new code (checked by `check_new`); `CONFLICT` if the code exists.
pub async fn create(db: &Db, promo: &Promo) -> Result<(), ApiError> {
    let mut tx = db.begin_write().await?;
    match store::insert_promo(&mut *tx, promo, false).await {
        Ok(()) => {}
        Err(err) if is_unique_violation(&err) => {
            return Err(ApiError::Conflict(format!(
                "promo code {} already exists",
                promo.code
            )))
        }
        Err(err) => return Err(err.into()),
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(kind: PromoKind, value: i64) -> NewPromo {
        NewPromo {
            code: " spring-25 ".into(),
            kind,
            value,
            currency: Currency::Kzt,
            min_total: 0,
            expires_at: None,
            usage_limit: None,
        }
    }

    #[test]
    fn codes_are_trimmed_and_upper_cased() {
        assert_eq!(normalize_code(" welcome10 ").as_deref(), Some("WELCOME10"));
        assert_eq!(normalize_code("ab"), None);
        assert_eq!(normalize_code("no spaces"), None);
        assert_eq!(normalize_code(&"X".repeat(33)), None);
    }

    #[test]
    fn a_new_code_is_checked() {
        let now = Utc::now();
        let ok = check_new(new(PromoKind::Percent, 25), now).unwrap();
        assert_eq!((ok.code.as_str(), ok.used_count), ("SPRING-25", 0));
        assert!(check_new(new(PromoKind::Percent, 0), now).is_err());
        assert!(check_new(new(PromoKind::Percent, 101), now).is_err());
        assert!(check_new(new(PromoKind::Fixed, 150), now).is_ok());
        assert!(check_new(new(PromoKind::Fixed, -5), now).is_err());
        let past = NewPromo {
            expires_at: Some(now - chrono::Duration::days(1)),
            ..new(PromoKind::Fixed, 100)
        };
        assert!(check_new(past, now).is_err());
        let no_uses = NewPromo {
            usage_limit: Some(0),
            ..new(PromoKind::Fixed, 100)
        };
        assert!(check_new(no_uses, now).is_err());
        let negative_min = NewPromo {
            min_total: -1,
            ..new(PromoKind::Fixed, 100)
        };
        assert!(check_new(negative_min, now).is_err());
    }
}
