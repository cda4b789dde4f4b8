//! What a card number, expiry and CVC must look like before the gateway sees them. Pure.
//!
//! Test card numbers the simulated gateway understands (see [`crate::gateway`]):
//! - `4242 4242 4242 4242` (Visa) and `5555 5555 5555 4444` (Mastercard) are approved;
//! - `4000 0000 0000 0002` is declined: "card declined";
//! - `4000 0000 0000 9995` is declined: "insufficient funds";
//! - `4000 0000 0000 0119` fails transiently on the first two authorization attempts of each
//!   payment, then is approved (payments retries, so checkout succeeds).
//!
//! Any other number that passes the checks below is approved.

use async_graphql::Enum;
use vitrine_kit::error::ApiError;

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum CardBrand {
    Visa,
    Mastercard,
    Amex,
    Other,
}
vitrine_kit::stored_as_text!(CardBrand, "card brand");

impl CardBrand {
    /// From the number's leading digits (IIN ranges).
    pub fn of(digits: &str) -> CardBrand {
        let prefix = |n: usize| digits.get(..n).and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
        if digits.starts_with('4') {
            CardBrand::Visa
        } else if (51..=55).contains(&prefix(2)) || (2221..=2720).contains(&prefix(4)) {
            CardBrand::Mastercard
        } else if matches!(prefix(2), 34 | 37) {
            CardBrand::Amex
        } else {
            CardBrand::Other
        }
    }
}

/// A card number that passed the checks: digits only. Deliberately without `Debug` or
/// `Display`, so it cannot end up in a log line by accident.
pub struct CardNumber(String);

impl CardNumber {
    /// Spaces are allowed (and dropped); anything else must be a digit. 13 to 19 digits with
    /// a valid Luhn check digit.
    pub fn parse(raw: &str) -> Result<CardNumber, ApiError> {
        let digits: String = raw.chars().filter(|c| *c != ' ').collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ApiError::bad_input("a card number has digits (and spaces) only"));
        }
        if !(13..=19).contains(&digits.len()) {
            return Err(ApiError::bad_input("a card number has 13 to 19 digits"));
        }
        if !luhn_valid(&digits) {
            return Err(ApiError::bad_input("this card number is mistyped (check digit)"));
        }
        Ok(CardNumber(digits))
    }

    pub fn digits(&self) -> &str {
        &self.0
    }

    pub fn last4(&self) -> String {
        self.0[self.0.len() - 4..].to_string()
    }

    pub fn brand(&self) -> CardBrand {
        CardBrand::of(&self.0)
    }
}

/// Luhn mod 10: from the right, every second digit doubled (minus 9 above 9); the sum must
/// end in 0. Catches every single mistyped digit and most swaps.
fn luhn_valid(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            match (i % 2 == 1, d * 2) {
                (false, _) => d,
                (true, doubled) if doubled > 9 => doubled - 9,
                (true, doubled) => doubled,
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Month 1–12 and a four-digit year; the card is good through the end of its expiry month,
/// so the current month still passes. `today` is (year, month).
pub fn check_expiry(month: i32, year: i32, today: (i32, u32)) -> Result<(), ApiError> {
    if !(1..=12).contains(&month) {
        return Err(ApiError::bad_input("expMonth must be between 1 and 12"));
    }
    if !(1000..=9999).contains(&year) {
        return Err(ApiError::bad_input("expYear must have four digits"));
    }
    let (this_year, this_month) = today;
    if (year, month as u32) < (this_year, this_month) {
        return Err(ApiError::bad_input("this card has expired"));
    }
    if year > this_year + 20 {
        return Err(ApiError::bad_input("expYear is too far in the future"));
    }
    Ok(())
}

/// Three or four digits. Checked, passed to the gateway, never stored.
pub fn check_cvc(cvc: &str) -> Result<(), ApiError> {
    if (3..=4).contains(&cvc.len()) && cvc.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(ApiError::bad_input("cvc must be 3 or 4 digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_card_numbers_pass_with_or_without_spaces() {
        for number in [
            "4242424242424242",
            "4242 4242 4242 4242",
            "5555555555554444",
            "4000000000000002",
            "4000000000009995",
            "4000000000000119",
            "378282246310005",
        ] {
            assert!(CardNumber::parse(number).is_ok(), "{number}");
        }
        assert_eq!(CardNumber::parse("4242 4242 4242 4242").unwrap().last4(), "4242");
    }

    #[test]
    fn bad_numbers_are_bad_user_input() {
        for number in [
            "4242424242424241",     // check digit
            "4242-4242-4242-4242",  // dashes
            "4242a42424242424",     // letter
            "424242424242",         // 12 digits
            "42424242424242424242", // 20 digits
            "",
            "٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢", // non-ASCII digits
        ] {
            let err = CardNumber::parse(number).err().expect(number);
            assert_eq!(err.code(), vitrine_kit::error::ErrorCode::BadUserInput);
        }
    }

    #[test]
    fn luhn_catches_a_single_changed_digit() {
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("79927398710"));
        assert!(!luhn_valid("79927398813"));
    }

    #[test]
    fn brands_come_from_the_leading_digits() {
        assert_eq!(CardBrand::of("4242424242424242"), CardBrand::Visa);
        assert_eq!(CardBrand::of("5555555555554444"), CardBrand::Mastercard);
        assert_eq!(CardBrand::of("2223003122003222"), CardBrand::Mastercard);
        assert_eq!(CardBrand::of("378282246310005"), CardBrand::Amex);
        assert_eq!(CardBrand::of("6011111111111117"), CardBrand::Other);
        assert_eq!(CardBrand::of("5611111111111111"), CardBrand::Other);
        for b in [
            CardBrand::Visa,
            CardBrand::Mastercard,
            CardBrand::Amex,
            CardBrand::Other,
        ] {
            assert_eq!(CardBrand::parse(b.as_str()).unwrap(), b);
        }
    }

    #[test]
    fn a_card_is_good_through_its_expiry_month() {
        let today = (2026, 5);
        assert!(check_expiry(5, 2026, today).is_ok());
        assert!(check_expiry(1, 2027, today).is_ok());
        assert!(check_expiry(4, 2026, today).is_err(), "last month");
        assert!(check_expiry(12, 2025, today).is_err(), "last year");
        assert!(check_expiry(13, 2027, today).is_err());
        assert!(check_expiry(0, 2027, today).is_err());
        assert!(check_expiry(12, 30, today).is_err(), "two-digit year");
        assert!(check_expiry(12, 2047, today).is_err(), "implausibly far");
    }

    #[test]
    fn cvc_is_three_or_four_digits() {
        assert!(check_cvc("123").is_ok());
        assert!(check_cvc("1234").is_ok());
        for bad in ["12", "12345", "12a", ""] {
            assert!(check_cvc(bad).is_err(), "{bad}");
        }
    }
}
