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
    /// Human-readable amount, as the storefront writes it: "₸12 990", "₸12 990.50".
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

    /// The one money format, the storefront's too (`web/src/lib/money.ts`): symbol first,
    /// groups of three split by a no-break space (so an amount never wraps), decimals only
    /// when there are minor units, a real minus sign: "₸7 794", "₸7 794.50", "−$1 234.56".
    pub fn format(&self) -> String {
        let sign = if self.amount < 0 { "\u{2212}" } else { "" };
        let abs = self.amount.unsigned_abs();
        let major = (abs / 100).to_string();
        let mut grouped = String::with_capacity(major.len() * 3 / 2);
        for (i, digit) in major.chars().enumerate() {
            if i > 0 && (major.len() - i).is_multiple_of(3) {
                grouped.push('\u{a0}');
            }
            grouped.push(digit);
        }
        let symbol = self.currency.symbol();
        match abs % 100 {
            0 => format!("{sign}{symbol}{grouped}"),
            minor => format!("{sign}{symbol}{grouped}.{minor:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_thousand_groups_and_minor_units() {
        assert_eq!(Money::kzt(1_299_000).format(), "₸12\u{a0}990");
        assert_eq!(Money::kzt(1_299_050).format(), "₸12\u{a0}990.50");
        assert_eq!(Money::kzt(5).format(), "₸0.05");
        assert_eq!(Money::kzt(0).format(), "₸0");
        assert_eq!(Money::kzt(99_900).format(), "₸999");
        assert_eq!(
            Money::new(-12_345_678, Currency::Usd).format(),
            "\u{2212}$123\u{a0}456.78"
        );
    }

    #[test]
    fn currency_codes_round_trip() {
        for c in [Currency::Kzt, Currency::Usd] {
            assert_eq!(Currency::parse(c.code()), Some(c));
        }
        assert_eq!(Currency::parse("XXX"), None);
    }
}
