//! Keyset pages, newest first: the page size is checked the same way everywhere and a cursor
//! is `created_at|id` of the last row seen (opaque to clients).

use crate::error::ApiError;
pub use crate::input::MAX_PAGE_SIZE;
use chrono::{DateTime, Utc};

/// `first` as a LIMIT, or `BAD_USER_INPUT` outside 1..=[`MAX_PAGE_SIZE`].
pub fn check_first(first: i32) -> Result<i64, ApiError> {
    crate::input::page_size("first", first, MAX_PAGE_SIZE)
}

/// The (created_at, id) a page starts after.
pub fn parse_after(after: Option<&str>) -> Result<Option<(&str, &str)>, ApiError> {
    after
        .map(|c| {
            c.split_once('|')
                .ok_or_else(|| ApiError::bad_input("malformed cursor"))
        })
        .transpose()
}

pub fn cursor(created_at: DateTime<Utc>, id: &str) -> String {
    format!("{}|{id}", crate::time::to_db(created_at))
}

/// `rows` were fetched with a LIMIT of `first + 1`: keeps `first` and returns the cursor of
/// the next page, if there is one.
pub fn next_page<T>(
    rows: &mut Vec<T>,
    first: i64,
    key: impl Fn(&T) -> (DateTime<Utc>, &str),
) -> Option<String> {
    let first = usize::try_from(first).unwrap_or(0);
    if rows.len() <= first {
        return None;
    }
    rows.truncate(first);
    rows.last().map(|row| {
        let (at, id) = key(row);
        cursor(at, id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_keep_first_rows_and_point_past_the_last() {
        let at = crate::time::from_db("2026-11-22T10:00:00.000000Z").unwrap();
        let mut rows = vec![(at, "a"), (at, "b"), (at, "c")];
        let next = next_page(&mut rows, 2, |r| (r.0, r.1));
        assert_eq!(rows.len(), 2);
        assert_eq!(
            parse_after(next.as_deref()).unwrap(),
            Some(("2026-11-22T10:00:00.000000Z", "b"))
        );
        assert_eq!(next_page(&mut rows, 2, |r| (r.0, r.1)), None);
        assert!(check_first(0).is_err() && check_first(101).is_err());
        assert!(parse_after(Some("garbage")).is_err());
    }
}
