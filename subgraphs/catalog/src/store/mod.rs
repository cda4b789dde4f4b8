//! Catalog SQL. Reads take the counted `&Db`; writes take any executor (`&mut *tx` inside a
//! transaction).

mod category;
mod image;
mod product;
mod search;
mod variant;

pub use category::*;
pub use image::*;
pub use product::*;
pub use search::*;
pub use variant::*;

/// Tags are a JSON array in a TEXT column.
fn parse_tags(raw: &str) -> anyhow::Result<Vec<String>> {
    Ok(serde_json::from_str(raw)?)
}
