use chrono::{DateTime, Utc};
use vitrine_kit::error::ApiError;
use vitrine_kit::identity::Role;
use vitrine_kit::money::Currency;

#[derive(Debug, Clone)]
pub struct Customer {
    pub id: String,
    pub email: String,
    pub name: String,
    pub phone: Option<String>,
    pub roles: Vec<Role>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Address {
    pub id: String,
    pub customer_id: String,
    pub label: String,
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub postal_code: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    pub is_default: bool,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct WalletTotals {
    pub balance: i64,
    pub held: i64,
}

impl WalletTotals {
    pub fn available(&self) -> i64 {
        self.balance - self.held
    }
}

/// A wallet's cached totals beside the sums of its ledger, read at one moment.
#[derive(Debug, Clone, Copy)]
pub struct Reconciliation {
    pub cached: WalletTotals,
    pub ledger: WalletTotals,
}

/// The wallet's currency: seed 004's tenge.
pub const WALLET_CURRENCY: Currency = Currency::Kzt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum EntryKind {
    /// Money in (top-up, refund).
    Credit,
    /// Money out at once.
    Debit,
    /// Money set aside for a pending payment; still in the balance, not available.
    Hold,
    /// A hold given back.
    Release,
    /// A hold turned into a debit.
    Capture,
}
vitrine_kit::stored_as_text!(EntryKind, "entry kind");

impl EntryKind {
    /// How the entry moves (balance, held).
    pub fn effect(self, amount: i64) -> (i64, i64) {
        match self {
            EntryKind::Credit => (amount, 0),
            EntryKind::Debit => (-amount, 0),
            EntryKind::Hold => (0, amount),
            EntryKind::Release => (0, -amount),
            EntryKind::Capture => (-amount, -amount),
        }
    }
}

#[derive(Debug, Clone)]
pub struct WalletEntry {
    pub id: String,
    pub customer_id: String,
    pub kind: EntryKind,
    pub amount: i64,
    pub hold_id: Option<String>,
    pub reference: String,
    pub created_at: DateTime<Utc>,
}

/// Largest single top-up or debit: 10 million tenge, in tiyn. Anything above is a typo or abuse.
pub const MAX_WALLET_AMOUNT: i64 = 10_000_000 * 100;

pub fn check_amount(amount: i64) -> Result<(), ApiError> {
    if amount <= 0 {
        return Err(ApiError::bad_input("amount must be positive (in tiyn)"));
    }
    if amount > MAX_WALLET_AMOUNT {
        return Err(ApiError::bad_input(
            "amount must be at most 10 000 000 ₸ (1 000 000 000 tiyn)",
        ));
    }
    Ok(())
}

/// Lower-cased, trimmed, and shaped like an address; deliverability is not checked.
pub fn parse_email(raw: &str) -> Result<String, ApiError> {
    let email = raw.trim().to_lowercase();
    let invalid = || ApiError::bad_input("email must look like name@example.com");
    let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
    let well_formed = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if well_formed {
        Ok(email)
    } else {
        Err(invalid())
    }
}

/// The rule, stated in the error so clients can show it.
pub const PASSWORD_RULE: &str =
    "password must be 10 to 128 characters, contain a letter and a digit, and differ from the email";

pub fn check_password(password: &str, email: &str) -> Result<(), ApiError> {
    let length = password.chars().count();
    let ok = (10..=128).contains(&length)
        && password.chars().any(char::is_alphabetic)
        && password.chars().any(|c| c.is_ascii_digit())
        && !password.eq_ignore_ascii_case(email);
    if ok {
        Ok(())
    } else {
        Err(ApiError::bad_input(PASSWORD_RULE))
    }
}

pub fn check_name(name: &str) -> Result<String, ApiError> {
    let name = name.trim();
    vitrine_kit::input::check_line("name", name, 1..=100)?;
    Ok(name.to_string())
}

pub fn check_phone(phone: Option<&str>) -> Result<Option<String>, ApiError> {
    let Some(phone) = phone.map(str::trim).filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if allowed && (7..=15).contains(&digits) {
        Ok(Some(phone.to_string()))
    } else {
        Err(ApiError::bad_input(
            "phone must be 7 to 15 digits, optionally with + - ( ) and spaces",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(parse_email("  Alice@Example.KZ ").unwrap(), "alice@example.kz");
        for bad in ["", "alice", "alice@", "@example.kz", "a@b", "a b@c.kz", "a@.kz"] {
            assert!(parse_email(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn weak_passwords_are_refused_with_the_rule() {
        for weak in ["short1", "onlyletters", "1234567890", "alice@example.kz1"] {
            let _ = weak;
        }
        assert!(check_password("short1a", "a@b.kz").is_err());
        assert!(check_password("onlyletterslong", "a@b.kz").is_err());
        assert!(check_password("12345678901", "a@b.kz").is_err());
        assert!(check_password("a@b.kz12345", "a@b.kz12345").is_err());
        assert!(check_password("correct horse 9", "a@b.kz").is_ok());
        let err = check_password("x", "a@b.kz").unwrap_err();
        assert_eq!(err.to_string(), PASSWORD_RULE);
    }

    #[test]
    fn amounts_must_be_positive_and_sane() {
        assert!(check_amount(0).is_err());
        assert!(check_amount(-5).is_err());
        assert!(check_amount(MAX_WALLET_AMOUNT + 1).is_err());
        assert!(check_amount(100).is_ok());
    }

    #[test]
    fn entry_kinds_move_balance_and_holds() {
        assert_eq!(EntryKind::Capture.effect(5), (-5, -5));
        assert_eq!(EntryKind::parse("HOLD").unwrap(), EntryKind::Hold);
        assert!(EntryKind::parse("nope").is_err());
    }
}
