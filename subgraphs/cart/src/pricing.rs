//! The cart's arithmetic and what to warn about, from its lines, what the offers are now and
//! its promo code. Pure, so every rule is tested without peers or a database.

use crate::domain::{Claim, Line, OfferFacts, Promo, PromoKind, MAX_LINES, MAX_QUANTITY};
use async_graphql::Enum;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use vitrine_kit::error::ApiError;
use vitrine_kit::money::{Currency, Money};

/// The currency of an empty cart.
pub const HOME_CURRENCY: Currency = Currency::Kzt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(name = "CartWarningKind")]
pub enum WarningKind {
    /// The offer sells but has no units left.
    OutOfStock,
    /// Fewer units are left than the line holds.
    InsufficientStock,
    /// The price is not the one the customer agreed to (`acceptCartChanges` agrees).
    PriceChanged,
    /// The offer was removed or is not for sale right now.
    Unavailable,
    /// The promo code gives nothing now (expired, used up, or the subtotal is too low).
    PromoNotApplicable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// `None` for the promo code.
    pub offer_id: Option<String>,
    pub kind: WarningKind,
    pub message: String,
    pub previous_price: Option<Money>,
    pub current_price: Option<Money>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PricedLine {
    pub offer_id: String,
    pub product_id: String,
    pub variant_id: Option<String>,
    pub shop_id: String,
    pub quantity: i64,
    /// The current price; the last one seen when the offer is gone.
    pub unit_price: Money,
    pub available: i64,
    /// Counted in the subtotal: the offer sells, in the cart's currency, with enough units.
    pub sellable: bool,
}

impl PricedLine {
    pub fn line_total(&self) -> Money {
        Money::new(self.unit_price.amount * self.quantity, self.unit_price.currency)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    pub lines: Vec<PricedLine>,
    pub currency: Currency,
    pub subtotal: i64,
    pub discount: i64,
    pub warnings: Vec<Warning>,
}

impl Priced {
    pub fn total(&self) -> i64 {
        self.subtotal - self.discount
    }

    pub fn item_count(&self) -> i64 {
        self.lines.iter().map(|l| l.quantity).sum()
    }

    /// Warnings about lines (not the promo code): each one blocks checkout.
    pub fn line_problems(&self) -> impl Iterator<Item = &Warning> {
        self.warnings
            .iter()
            .filter(|w| w.kind != WarningKind::PromoNotApplicable)
    }

    pub fn promo_problem(&self) -> Option<&Warning> {
        self.warnings
            .iter()
            .find(|w| w.kind == WarningKind::PromoNotApplicable)
    }
}

/// The cart's promo code as `price` needs it.
pub struct AppliedPromo<'a> {
    pub code: &'a str,
    /// `None` when the code no longer exists.
    pub promo: Option<&'a Promo>,
    /// Whether a use must still be free: not for a cart whose checkout already holds one, and
    /// not at claim time, where the conditional UPDATE is the authority.
    pub needs_use: bool,
}

/// Totals and warnings of a cart. `lines` in the order they were added; the first one sets
/// the cart's currency.
pub fn price(
    lines: &[Line],
    facts: &HashMap<String, OfferFacts>,
    promo: Option<AppliedPromo<'_>>,
    now: DateTime<Utc>,
) -> Priced {
    let currency = lines.first().map_or(HOME_CURRENCY, |l| l.currency);
    let mut warnings = Vec::new();
    let priced: Vec<PricedLine> = lines
        .iter()
        .map(|line| {
            let (priced, warning) = price_line(line, facts.get(&line.offer_id), currency);
            warnings.extend(warning);
            priced
        })
        .collect();
    let subtotal = priced
        .iter()
        .filter(|l| l.sellable)
        .map(|l| l.line_total().amount)
        .sum();
    let mut discount = 0;
    if let Some(applied) = promo {
        let refusal = match applied.promo {
            None => Some(format!("promo code {} no longer exists", applied.code)),
            Some(p) => promo_refusal(p, subtotal, currency, now, applied.needs_use),
        };
        match (refusal, applied.promo) {
            (None, Some(p)) => discount = promo_discount(p, subtotal),
            (refusal, _) => warnings.push(Warning {
                offer_id: None,
                kind: WarningKind::PromoNotApplicable,
                message: refusal.unwrap_or_default(),
                previous_price: None,
                current_price: None,
            }),
        }
    }
    Priced {
        lines: priced,
        currency,
        subtotal,
        discount,
        warnings,
    }
}

fn price_line(line: &Line, facts: Option<&OfferFacts>, currency: Currency) -> (PricedLine, Vec<Warning>) {
    let seen = Money::new(line.seen_unit_price, line.currency);
    let warn = |kind, message: String| Warning {
        offer_id: Some(line.offer_id.clone()),
        kind,
        message,
        previous_price: None,
        current_price: None,
    };
    let mut warnings = Vec::new();
    let Some(facts) = facts else {
        warnings.push(warn(
            WarningKind::Unavailable,
            "this offer is no longer sold".into(),
        ));
        let gone = PricedLine {
            offer_id: line.offer_id.clone(),
            product_id: line.product_id.clone(),
            variant_id: line.variant_id.clone(),
            shop_id: line.shop_id.clone(),
            quantity: line.quantity,
            unit_price: seen,
            available: 0,
            sellable: false,
        };
        return (gone, warnings);
    };
    let available = if facts.active { facts.available.max(0) } else { 0 };
    if !facts.active {
        warnings.push(warn(
            WarningKind::Unavailable,
            "this offer is not for sale right now".into(),
        ));
    } else if available == 0 {
        warnings.push(warn(WarningKind::OutOfStock, "out of stock".into()));
    } else if available < line.quantity {
        warnings.push(warn(
            WarningKind::InsufficientStock,
            format!("only {available} left; the cart holds {}", line.quantity),
        ));
    }
    if facts.active && facts.price != seen {
        warnings.push(Warning {
            previous_price: Some(seen),
            current_price: Some(facts.price),
            ..warn(
                WarningKind::PriceChanged,
                format!(
                    "the price changed from {} to {}",
                    seen.format(),
                    facts.price.format()
                ),
            )
        });
    }
    let sellable = facts.active && available >= line.quantity && facts.price.currency == currency;
    let priced = PricedLine {
        offer_id: line.offer_id.clone(),
        product_id: facts.product_id.clone(),
        variant_id: facts.variant_id.clone(),
        shop_id: facts.shop_id.clone(),
        quantity: line.quantity,
        unit_price: facts.price,
        available,
        sellable,
    };
    (priced, warnings)
}

/// Why `promo` gives nothing to a cart with this subtotal, or `None` when it applies.
pub fn promo_refusal(
    promo: &Promo,
    subtotal: i64,
    currency: Currency,
    now: DateTime<Utc>,
    needs_use: bool,
) -> Option<String> {
    let code = &promo.code;
    if let Some(expired) = promo.expires_at.filter(|t| *t <= now) {
        return Some(format!(
            "promo code {code} expired on {}",
            expired.format("%Y-%m-%d")
        ));
    }
    if needs_use && promo.usage_limit.is_some_and(|limit| promo.used_count >= limit) {
        return Some(format!("promo code {code} is used up"));
    }
    if promo.currency != currency {
        return Some(format!(
            "promo code {code} is for {} carts only",
            promo.currency.code()
        ));
    }
    if subtotal < promo.min_total {
        return Some(format!(
            "promo code {code} needs a subtotal of at least {}",
            Money::new(promo.min_total, promo.currency).format()
        ));
    }
    None
}

/// Minor units off `subtotal`: never more than the subtotal, never negative.
pub fn promo_discount(promo: &Promo, subtotal: i64) -> i64 {
    let subtotal = subtotal.max(0);
    match promo.kind {
        // i128: subtotal × 100 must not overflow, however large the cart.
        PromoKind::Percent => {
            let off = i128::from(subtotal) * i128::from(promo.value.clamp(0, 100)) / 100;
            i64::try_from(off).unwrap_or(subtotal)
        }
        PromoKind::Fixed => promo.value.clamp(0, subtotal),
    }
}

/// A claimed cart shows what its checkout charges, not today's prices.
pub fn from_claim(claim: &Claim, facts: &HashMap<String, OfferFacts>) -> Priced {
    let lines = claim
        .lines
        .iter()
        .map(|l| PricedLine {
            offer_id: l.offer_id.to_string(),
            product_id: l.product_id.to_string(),
            variant_id: l.variant_id.as_ref().map(|v| v.to_string()),
            shop_id: l.shop_id.to_string(),
            quantity: l.quantity,
            unit_price: l.unit_price,
            available: facts
                .get(l.offer_id.as_str())
                .filter(|f| f.active)
                .map_or(0, |f| f.available.max(0)),
            sellable: true,
        })
        .collect();
    Priced {
        lines,
        currency: claim.total.currency,
        subtotal: claim.subtotal.amount,
        discount: claim.discount.amount,
        warnings: Vec::new(),
    }
}

/// A line's quantity as the client sent it.
pub fn check_quantity(quantity: i64) -> Result<i64, ApiError> {
    if !(1..=MAX_QUANTITY).contains(&quantity) {
        return Err(ApiError::bad_input(format!(
            "quantity must be between 1 and {MAX_QUANTITY}"
        )));
    }
    Ok(quantity)
}

/// Adding `quantity` to a line already holding `existing` (0: a new line) in a cart of
/// `lines` lines: the new quantity, or which rule it breaks.
pub fn added_quantity(existing: i64, quantity: i64, lines: usize) -> Result<i64, ApiError> {
    check_quantity(quantity)?;
    if existing == 0 && lines >= MAX_LINES {
        return Err(ApiError::bad_input(format!(
            "a cart holds at most {MAX_LINES} different offers"
        )));
    }
    let total = existing + quantity;
    if total > MAX_QUANTITY {
        return Err(ApiError::bad_input(format!(
            "at most {MAX_QUANTITY} units per offer; the cart already holds {existing}"
        )));
    }
    Ok(total)
}

/// A guest's line merged into a customer's: quantities add up, capped.
pub fn merged_quantity(customer: i64, guest: i64) -> i64 {
    (customer + guest).clamp(1, MAX_QUANTITY)
}

/// Why checkout may not take the cart as it is, if anything: the message starts with "your cart
/// changed" and names each problem. Only too few units is `OUT_OF_STOCK` (the code inventory
/// gives when it runs out during the reservation, so every buyer who lost a race hears the
/// same); anything else the customer must review is `CONFLICT`.
pub fn claim_refusal(priced: &Priced) -> Option<ApiError> {
    let problems: Vec<&Warning> = priced.line_problems().chain(priced.promo_problem()).collect();
    if problems.is_empty() {
        return None;
    }
    let named: Vec<String> = problems
        .iter()
        .map(|w| match &w.offer_id {
            Some(offer) => format!("offer {offer}: {}", w.message),
            None => w.message.clone(),
        })
        .collect();
    let message = format!(
        "your cart changed: {}. Review it (acceptCartChanges, or change quantities) and check out again",
        named.join("; ")
    );
    let stock_only = problems
        .iter()
        .all(|w| matches!(w.kind, WarningKind::OutOfStock | WarningKind::InsufficientStock));
    Some(if stock_only {
        ApiError::OutOfStock(message)
    } else {
        ApiError::Conflict(message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ClaimedLine;
    use async_graphql::ID;

    fn now() -> DateTime<Utc> {
        vitrine_kit::time::from_db("2026-03-01T12:00:00Z").unwrap()
    }

    fn line(offer: &str, quantity: i64, seen: i64) -> Line {
        Line {
            cart_id: "crt_1".into(),
            offer_id: offer.into(),
            product_id: format!("prd_{offer}"),
            variant_id: None,
            shop_id: "shp_1".into(),
            quantity,
            seen_unit_price: seen,
            currency: Currency::Kzt,
        }
    }

    fn facts(price: i64, available: i64) -> OfferFacts {
        OfferFacts {
            price: Money::kzt(price),
            active: true,
            product_id: "prd_x".into(),
            variant_id: None,
            shop_id: "shp_1".into(),
            available,
        }
    }

    fn promo(kind: PromoKind, value: i64) -> Promo {
        Promo {
            code: "TEST".into(),
            kind,
            value,
            currency: Currency::Kzt,
            min_total: 0,
            expires_at: None,
            usage_limit: None,
            used_count: 0,
        }
    }

    fn applied(promo: &Promo) -> Option<AppliedPromo<'_>> {
        Some(AppliedPromo {
            code: &promo.code,
            promo: Some(promo),
            needs_use: true,
        })
    }

    fn kinds(priced: &Priced) -> Vec<(Option<&str>, WarningKind)> {
        priced
            .warnings
            .iter()
            .map(|w| (w.offer_id.as_deref(), w.kind))
            .collect()
    }

    #[test]
    fn an_empty_cart_is_zero_tenge_without_warnings() {
        let priced = price(&[], &HashMap::new(), None, now());
        assert_eq!(priced.currency, Currency::Kzt);
        assert_eq!((priced.subtotal, priced.discount, priced.total()), (0, 0, 0));
        assert_eq!(priced.item_count(), 0);
        assert!(priced.warnings.is_empty());
    }

    #[test]
    fn the_subtotal_counts_current_prices_of_sellable_lines_only() {
        let lines = [line("a", 2, 1_000), line("b", 1, 500), line("c", 3, 700)];
        let facts = HashMap::from([
            ("a".to_string(), facts(1_200, 10)),
            ("b".to_string(), facts(500, 0)),
            ("c".to_string(), facts(700, 2)),
        ]);
        let priced = price(&lines, &facts, None, now());
        assert_eq!(
            priced.subtotal,
            2 * 1_200,
            "b is out of stock and c short of units"
        );
        assert_eq!(priced.item_count(), 6);
        assert_eq!(priced.lines[0].line_total(), Money::kzt(2_400));
        assert_eq!(
            kinds(&priced),
            vec![
                (Some("a"), WarningKind::PriceChanged),
                (Some("b"), WarningKind::OutOfStock),
                (Some("c"), WarningKind::InsufficientStock),
            ]
        );
        let changed = &priced.warnings[0];
        assert_eq!(changed.previous_price, Some(Money::kzt(1_000)));
        assert_eq!(changed.current_price, Some(Money::kzt(1_200)));
    }

    #[test]
    fn gone_and_inactive_offers_are_unavailable_and_keep_the_price_last_seen() {
        let lines = [line("gone", 1, 900), line("off", 1, 500)];
        let facts = HashMap::from([(
            "off".to_string(),
            OfferFacts {
                active: false,
                ..facts(600, 10)
            },
        )]);
        let priced = price(&lines, &facts, None, now());
        assert_eq!(
            kinds(&priced),
            vec![
                (Some("gone"), WarningKind::Unavailable),
                (Some("off"), WarningKind::Unavailable),
            ],
            "no price change is reported for an offer that does not sell"
        );
        assert_eq!(priced.lines[0].unit_price, Money::kzt(900));
        assert_eq!(priced.lines[0].product_id, "prd_gone");
        assert_eq!((priced.lines[1].available, priced.subtotal), (0, 0));
    }

    #[test]
    fn percent_discounts_round_down_and_fixed_ones_stop_at_the_subtotal() {
        assert_eq!(promo_discount(&promo(PromoKind::Percent, 10), 12_345), 1_234);
        assert_eq!(promo_discount(&promo(PromoKind::Percent, 100), 999), 999);
        assert_eq!(
            promo_discount(&promo(PromoKind::Percent, 10), i64::MAX),
            i64::MAX / 10
        );
        assert_eq!(promo_discount(&promo(PromoKind::Fixed, 50_000), 120_000), 50_000);
        assert_eq!(promo_discount(&promo(PromoKind::Fixed, 50_000), 30_000), 30_000);
        assert_eq!(promo_discount(&promo(PromoKind::Fixed, 50_000), 0), 0);
    }

    #[test]
    fn a_valid_promo_lowers_the_total() {
        let welcome = promo(PromoKind::Percent, 10);
        let facts = HashMap::from([("a".to_string(), facts(1_000, 10))]);
        let priced = price(&[line("a", 3, 1_000)], &facts, applied(&welcome), now());
        assert_eq!(
            (priced.subtotal, priced.discount, priced.total()),
            (3_000, 300, 2_700)
        );
        assert!(priced.warnings.is_empty());
    }

    #[test]
    fn a_promo_below_its_minimum_gives_nothing_and_says_why() {
        let save = Promo {
            min_total: 500_000,
            ..promo(PromoKind::Fixed, 50_000)
        };
        let facts = HashMap::from([("a".to_string(), facts(100_000, 10))]);
        let priced = price(&[line("a", 2, 100_000)], &facts, applied(&save), now());
        assert_eq!((priced.discount, priced.total()), (0, 200_000));
        assert_eq!(kinds(&priced), vec![(None, WarningKind::PromoNotApplicable)]);
        assert_eq!(
            priced.warnings[0].message,
            "promo code TEST needs a subtotal of at least ₸5\u{a0}000"
        );
        assert_eq!(
            priced.line_problems().count(),
            0,
            "a promo never blocks as a line"
        );
        assert!(priced.promo_problem().is_some());
    }

    #[test]
    fn promo_refusals_name_the_rule() {
        let expired = Promo {
            expires_at: Some(vitrine_kit::time::from_db("2025-01-01T00:00:00Z").unwrap()),
            ..promo(PromoKind::Percent, 5)
        };
        assert_eq!(
            promo_refusal(&expired, 1_000, Currency::Kzt, now(), true).as_deref(),
            Some("promo code TEST expired on 2025-01-01")
        );
        let used_up = Promo {
            usage_limit: Some(2),
            used_count: 2,
            ..promo(PromoKind::Percent, 5)
        };
        assert_eq!(
            promo_refusal(&used_up, 1_000, Currency::Kzt, now(), true).as_deref(),
            Some("promo code TEST is used up")
        );
        assert_eq!(
            promo_refusal(&used_up, 1_000, Currency::Kzt, now(), false),
            None,
            "a cart already holding a use is not refused for it"
        );
        assert_eq!(
            promo_refusal(&promo(PromoKind::Fixed, 5), 1_000, Currency::Usd, now(), true).as_deref(),
            Some("promo code TEST is for KZT carts only")
        );
        let future = Promo {
            expires_at: Some(vitrine_kit::time::from_db("2027-01-01T00:00:00Z").unwrap()),
            ..promo(PromoKind::Percent, 5)
        };
        assert_eq!(promo_refusal(&future, 0, Currency::Kzt, now(), true), None);
    }

    #[test]
    fn a_promo_code_that_vanished_is_reported() {
        let gone = AppliedPromo {
            code: "OLD",
            promo: None,
            needs_use: true,
        };
        let priced = price(&[], &HashMap::new(), Some(gone), now());
        assert_eq!(priced.warnings[0].message, "promo code OLD no longer exists");
    }

    #[test]
    fn quantities_stay_within_limits() {
        assert!(check_quantity(0).is_err());
        assert!(check_quantity(100).is_err());
        assert_eq!(check_quantity(99).unwrap(), 99);
        assert_eq!(added_quantity(3, 2, 10).unwrap(), 5);
        assert!(added_quantity(98, 2, 10).is_err(), "over 99 per line");
        assert!(added_quantity(0, 1, MAX_LINES).is_err(), "a 51st line");
        assert_eq!(
            added_quantity(1, 1, MAX_LINES).unwrap(),
            2,
            "an existing line may grow"
        );
        assert!(added_quantity(1, -1, 10).is_err());
        assert_eq!(merged_quantity(60, 60), 99);
        assert_eq!(merged_quantity(1, 2), 3);
    }

    #[test]
    fn a_claimed_cart_shows_the_claim() {
        let claim = Claim {
            order_id: ID("ord_1".into()),
            lines: vec![ClaimedLine {
                offer_id: ID("a".into()),
                product_id: ID("prd_a".into()),
                variant_id: None,
                shop_id: ID("shp_1".into()),
                quantity: 2,
                unit_price: Money::kzt(1_000),
            }],
            subtotal: Money::kzt(2_000),
            discount: Money::kzt(200),
            total: Money::kzt(1_800),
            promo_code: Some("WELCOME10".into()),
        };
        let facts = HashMap::from([("a".to_string(), facts(5_000, 0))]);
        let priced = from_claim(&claim, &facts);
        assert_eq!(
            (priced.subtotal, priced.discount, priced.total()),
            (2_000, 200, 1_800)
        );
        assert_eq!(priced.lines[0].unit_price, Money::kzt(1_000));
        assert!(
            priced.warnings.is_empty(),
            "its own hold must not look like a shortage"
        );
    }

    #[test]
    fn a_claim_is_refused_naming_each_problem() {
        let lines = [line("a", 1, 1_000), line("b", 3, 500)];
        let stale = HashMap::from([
            ("a".to_string(), facts(1_100, 0)),
            ("b".to_string(), facts(500, 2)),
        ]);
        let refusal = claim_refusal(&price(&lines, &stale, None, now())).unwrap();
        assert_eq!(refusal.code(), vitrine_kit::error::ErrorCode::Conflict);
        assert!(refusal.to_string().starts_with(
            "your cart changed: offer a: out of stock; offer a: the price changed from ₸10 to ₸11; "
        ));
        assert!(refusal
            .to_string()
            .contains("offer b: only 2 left; the cart holds 3"));

        let short = HashMap::from([
            ("a".to_string(), facts(1_000, 0)),
            ("b".to_string(), facts(500, 2)),
        ]);
        let refusal = claim_refusal(&price(&lines, &short, None, now())).unwrap();
        assert_eq!(
            refusal.code(),
            vitrine_kit::error::ErrorCode::OutOfStock,
            "stock alone"
        );

        let fine = HashMap::from([
            ("a".to_string(), facts(1_000, 5)),
            ("b".to_string(), facts(500, 5)),
        ]);
        assert!(claim_refusal(&price(&lines, &fine, None, now())).is_none());
        let expired = Promo {
            expires_at: Some(vitrine_kit::time::from_db("2025-01-01T00:00:00Z").unwrap()),
            ..promo(PromoKind::Percent, 5)
        };
        let refusal = claim_refusal(&price(&lines, &fine, applied(&expired), now())).unwrap();
        assert_eq!(
            refusal.code(),
            vitrine_kit::error::ErrorCode::Conflict,
            "a promo to review"
        );
    }
}
