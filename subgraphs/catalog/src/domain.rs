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

/// Largest page a list field returns; bigger requests are refused rather than silently cut.
pub const MAX_PAGE_SIZE: i32 = 100;
