//! Times are UTC, stored as RFC 3339 text with a fixed width so that text order is time order
//! in both SQLite and PostgreSQL.

use chrono::{DateTime, SecondsFormat, Utc};

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

pub fn to_db(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn from_db(s: &str) -> anyhow::Result<DateTime<Utc>> {
    Ok(DateTime::parse_from_rfc3339(s)?.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_sorts_as_text() {
        let earlier = to_db(from_db("2026-01-02T03:04:05Z").unwrap());
        let later = to_db(from_db("2026-01-02T03:04:05.5Z").unwrap());
        assert_eq!(earlier, "2026-01-02T03:04:05.000000Z");
        assert!(earlier < later);
    }
}
