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

/// One way a product comes: its option values (`[("Size", "35 cm")]`) and list price.
#[derive(Debug, Clone)]
pub struct Variant {
    pub id: String,
    pub product_id: String,
    pub position: i64,
    /// The option values joined: "256 GB · Black".
    pub name: String,
    pub options: Vec<(String, String)>,
    pub price: Money,
}

/// Variants one product may have, and options one variant may name.
pub const MAX_VARIANTS: i64 = 100;
pub const MAX_OPTIONS: usize = 3;
/// Characters of a product's description.
pub const MAX_DESCRIPTION_CHARS: usize = 5000;
/// Characters of a picture address a seller gives.
pub const MAX_IMAGE_URL_CHARS: usize = 2000;

/// The joined name of option values, which tells variants of a product apart.
pub fn variant_name(options: &[(String, String)]) -> String {
    options
        .iter()
        .map(|(_, value)| value.as_str())
        .collect::<Vec<_>>()
        .join(" · ")
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
