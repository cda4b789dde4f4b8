//! Limits on what clients send, checked the same way in every subgraph: page sizes, list
//! arguments and stored free text. Each refusal is `BAD_USER_INPUT` naming the rule, so a
//! hostile or mistaken request never reaches SQL (where it would be an `INTERNAL` error or
//! an expensive query) and never gets silently less than it asked for.

use crate::error::ApiError;
use std::ops::RangeInclusive;

/// Largest page a list field returns unless it documents another.
pub const MAX_PAGE_SIZE: i32 = 100;
/// The page a list field serves when `first` is left out.
pub const DEFAULT_PAGE_SIZE: i32 = 20;

/// A page size argument (`first`, `limit`…) as a SQL LIMIT: `1..=max`, refused outside it
/// (negative included) rather than clamped, so the client learns the cap.
pub fn page_size(arg: &str, value: i32, max: i32) -> Result<i64, ApiError> {
    if !(1..=max).contains(&value) {
        return Err(ApiError::bad_input(format!("{arg} must be between 1 and {max}")));
    }
    Ok(value.into())
}

/// A list argument of at most `max` items: every item usually becomes a bind parameter or a
/// SQL condition, and databases refuse (SQLite: "expression tree is too large") or crawl on
/// thousands of them.
pub fn check_list<T>(arg: &str, items: &[T], max: usize) -> Result<(), ApiError> {
    if items.len() > max {
        return Err(ApiError::bad_input(format!("{arg}: at most {max} items")));
    }
    Ok(())
}

/// Whether text may span lines (a description) or not (a name, an address line, a reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    /// `\n` and `\t` allowed (and `\r`, which browsers send in `\r\n`).
    Many,
}

/// Free text that will be stored and shown to people: `chars` characters long and free of
/// control characters (C0, DEL and C1: NUL truncates strings in C libraries and mail headers,
/// escapes repaint terminals, line breaks forge log lines and e-mail headers). `field` names
/// the argument in the message.
pub fn check_text(
    field: &str,
    value: &str,
    chars: RangeInclusive<usize>,
    lines: Lines,
) -> Result<(), ApiError> {
    let count = value.chars().count();
    if !chars.contains(&count) {
        let (min, max) = (chars.start(), chars.end());
        return Err(ApiError::bad_input(if *min == 0 {
            format!("{field} must be at most {max} characters")
        } else {
            format!("{field} must be {min} to {max} characters")
        }));
    }
    let allowed = |c: char| lines == Lines::Many && matches!(c, '\n' | '\t' | '\r');
    if value.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(ApiError::bad_input(match lines {
            Lines::One => format!("{field} must not contain control characters or line breaks"),
            Lines::Many => format!("{field} must not contain control characters"),
        }));
    }
    Ok(())
}

/// A point on Earth in WGS 84 degrees: latitude within ±90, longitude within ±180 (NaN is
/// neither).
pub fn check_coordinates(latitude: f64, longitude: f64) -> Result<(), ApiError> {
    if (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude) {
        Ok(())
    } else {
        Err(ApiError::bad_input(
            "latitude must be within ±90 and longitude within ±180 degrees",
        ))
    }
}

/// [`check_text`] for one line.
pub fn check_line(field: &str, value: &str, chars: RangeInclusive<usize>) -> Result<(), ApiError> {
    check_text(field, value, chars, Lines::One)
}

/// The most a price may be: 100 000 000 tenge, in tiyn.
pub const MAX_PRICE: i64 = 100_000_000 * 100;

/// A price in tiyn as a seller typed it: 0 to [`MAX_PRICE`].
pub fn check_price(amount: i64) -> Result<crate::money::Money, ApiError> {
    if amount < 0 {
        return Err(ApiError::bad_input("price must not be negative"));
    }
    if amount > MAX_PRICE {
        return Err(ApiError::bad_input("price must be at most 100 000 000 ₸"));
    }
    Ok(crate::money::Money::kzt(amount))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn code<T>(r: Result<T, ApiError>) -> Option<ErrorCode> {
        r.err().map(|e| e.code())
    }

    #[test]
    fn coordinates_are_degrees_on_earth() {
        assert!(check_coordinates(90.0, -180.0).is_ok());
        assert!(check_coordinates(43.238, 76.945).is_ok());
        for (latitude, longitude) in [(90.1, 0.0), (0.0, 180.1), (f64::NAN, 0.0), (0.0, f64::INFINITY)] {
            assert_eq!(
                code(check_coordinates(latitude, longitude)),
                Some(ErrorCode::BadUserInput)
            );
        }
    }

    #[test]
    fn page_sizes_outside_the_cap_are_refused_not_clamped() {
        assert_eq!(page_size("first", 1, 100).unwrap(), 1);
        assert_eq!(page_size("first", 100, 100).unwrap(), 100);
        for bad in [0, -1, i32::MIN, 101, 1_000_000, i32::MAX] {
            assert_eq!(
                code(page_size("first", bad, 100)),
                Some(ErrorCode::BadUserInput),
                "{bad}"
            );
        }
        let err = page_size("first", 1_000_000, 100).unwrap_err();
        assert_eq!(err.to_string(), "first must be between 1 and 100");
    }

    #[test]
    fn prices_run_from_zero_to_a_hundred_million_tenge() {
        assert_eq!(check_price(0).unwrap().amount, 0);
        assert_eq!(check_price(MAX_PRICE).unwrap().amount, MAX_PRICE);
        assert_eq!(code(check_price(-1)), Some(ErrorCode::BadUserInput));
        assert_eq!(code(check_price(MAX_PRICE + 1)), Some(ErrorCode::BadUserInput));
    }

    #[test]
    fn lists_are_capped() {
        assert!(check_list("tags", &[1; 20], 20).is_ok());
        let err = check_list("tags", &vec![0; 50_000], 20).unwrap_err();
        assert_eq!(err.to_string(), "tags: at most 20 items");
    }

    #[test]
    fn text_refuses_control_characters_and_bad_lengths() {
        assert!(check_line("name", "Алма кафе ☕", 1..=100).is_ok());
        for bad in [
            "a\0b",
            "a\nb",
            "tab\there",
            "\u{1b}[31mred",
            "del\u{7f}",
            "c1\u{85}",
            "\r",
        ] {
            assert_eq!(
                code(check_line("name", bad, 1..=100)),
                Some(ErrorCode::BadUserInput),
                "{bad:?}"
            );
        }
        let many = |v: &str| check_text("description", v, 0..=50, Lines::Many);
        assert!(many("two\nlines\r\n\tindented").is_ok());
        assert!(many("").is_ok());
        assert_eq!(code(many("nul\0")), Some(ErrorCode::BadUserInput));
        assert_eq!(code(many("bell\u{7}")), Some(ErrorCode::BadUserInput));
        assert_eq!(
            code(check_line("name", "", 1..=100)),
            Some(ErrorCode::BadUserInput)
        );
        // Characters, not bytes: 100 Cyrillic letters are 200 bytes.
        assert!(check_line("name", &"ж".repeat(100), 1..=100).is_ok());
        let err = check_line("name", &"x".repeat(101), 1..=100).unwrap_err();
        assert_eq!(err.to_string(), "name must be 1 to 100 characters");
        let err = many(&"x".repeat(51)).unwrap_err();
        assert_eq!(err.to_string(), "description must be at most 50 characters");
    }
}
