use chrono::{DateTime, Utc};
use vitrine_kit::money::Money;

#[derive(Debug, Clone)]
pub struct Product {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub price: Money,
    pub category_id: String,
    pub tags: Vec<String>,
    pub image_url: Option<String>,
    pub requires_preparation: bool,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Category {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub parent_id: Option<String>,
    pub tags: Vec<String>,
}

/// Tags one product carries, and one search may require (each becomes a SQL condition).
pub const MAX_TAGS: usize = 20;
/// Characters in one tag; a longer search tag could never match.
pub const MAX_TAG_CHARS: usize = 40;
/// Characters in a search's `query` (only its first 8 words are used).
pub const MAX_QUERY_CHARS: usize = 200;

/// Tags as a client sent them (to store or to search by), or which rule they break.
pub fn check_tags(arg: &str, tags: &[String]) -> Result<(), vitrine_kit::error::ApiError> {
    vitrine_kit::input::check_list(arg, tags, MAX_TAGS)?;
    for tag in tags {
        vitrine_kit::input::check_line(arg, tag.trim(), 1..=MAX_TAG_CHARS)?;
    }
    Ok(())
}
