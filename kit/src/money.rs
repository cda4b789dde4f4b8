use async_graphql::{Enum, SimpleObject};
use serde::{Deserialize, Serialize};

/// ISO 4217 currency. Tenge is the shop's home currency.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[graphql(name = "CurrencyCode")]
pub enum Currency {
    /// Kazakhstani tenge; minor unit: tiyn (1/100).
    Kzt,
    /// US dollar; minor unit: cent (1/100).
    Usd,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Kzt => "KZT",
            Currency::Usd => "USD",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "KZT" => Some(Currency::Kzt),
            "USD" => Some(Currency::Usd),
            _ => None,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Currency::Kzt => "₸",
            Currency::Usd => "$",
        }
    }
}

/// An amount of money: integer minor units (tiyn, cents) and its currency. Never a float.
#[derive(SimpleObject, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[graphql(shareable, complex)]
pub struct Money {
    /// Amount in the currency's minor units (1 KZT = 100 tiyn).
    pub amount: i64,
    pub currency: Currency,
}

#[async_graphql::ComplexObject]
impl Money {
    /// Human-readable amount, e.g. "12 990.00 ₸".
    #[graphql(shareable)]
    async fn formatted(&self) -> String {
        self.format()
    }
}

impl Money {
    pub fn new(amount: i64, currency: Currency) -> Self {
        Money { amount, currency }
    }

    pub fn kzt(amount: i64) -> Self {
        Money::new(amount, Currency::Kzt)
    }

    pub fn format(&self) -> String {
        let sign = if self.amount < 0 { "-" } else { "" };
        let abs = self.amount.unsigned_abs();
        let major = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, digit) in major.chars().enumerate() {
            if i > 0 && (major.len() - i).is_multiple_of(3) {
                grouped.push(' ');
            }
            grouped.push(digit);
        }
        format!("{sign}{grouped}.{:02} {}", abs % 100, self.currency.symbol())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_thousand_groups_and_minor_units() {
        assert_eq!(Money::kzt(1_299_000).format(), "12 990.00 ₸");
        assert_eq!(Money::kzt(5).format(), "0.05 ₸");
        assert_eq!(Money::new(-12_345_678, Currency::Usd).format(), "-123 456.78 $");
    }

    #[test]
    fn currency_codes_round_trip() {
        for c in [Currency::Kzt, Currency::Usd] {
            assert_eq!(Currency::parse(c.code()), Some(c));
        }
        assert_eq!(Currency::parse("XXX"), None);
    }
}
