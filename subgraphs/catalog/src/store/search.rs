//! Product search: one portable SQL query for the page and one for the total. Text matching is
//! `LIKE` on lower-cased name, tags, variant names and description, weighted 3/2/2/1 per term
//! for relevance; it suits a catalog of thousands of products (a full-text index would replace
//! it for millions).

use super::parse_tags;
use super::product::{from_row, COLUMNS};
use crate::domain::Product;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Any;
use vitrine_kit::db::Db;

#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
pub enum ProductSort {
    /// Best text match first (newest first without a text query).
    Relevance,
    PriceAsc,
    PriceDesc,
    Newest,
}

#[derive(Debug, Default, Clone)]
pub struct SearchFilter {
    pub terms: Vec<String>,
    pub category_ids: Option<Vec<String>>,
    pub tags: Vec<String>,
    pub min_price: Option<i64>,
    pub max_price: Option<i64>,
    pub in_stock_only: bool,
}

enum Bind {
    Text(String),
    Int(i64),
}

/// WHERE clause and relevance expression with numbered placeholders, plus their values.
struct Sql {
    binds: Vec<Bind>,
}

impl Sql {
    fn push(&mut self, bind: Bind) -> String {
        self.binds.push(bind);
        format!("${}", self.binds.len())
    }

    fn bind_all<'q>(&self, mut query: Query<'q, Any, AnyArguments<'q>>) -> Query<'q, Any, AnyArguments<'q>> {
        for bind in &self.binds {
            query = match bind {
                Bind::Text(s) => query.bind(s.clone()),
                Bind::Int(i) => query.bind(*i),
            };
        }
        query
    }
}

/// `%term%` with LIKE's wildcards escaped.
fn like_pattern(term: &str) -> String {
    let escaped = term.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

fn build(filter: &SearchFilter, sql: &mut Sql) -> (String, String) {
    let mut conditions = vec!["p.archived = 0".to_string()];
    let mut score = Vec::new();
    for term in &filter.terms {
        let p = sql.push(Bind::Text(like_pattern(term)));
        // A term may name a variant ("256 gb", "35 cm"): the product is found by it.
        let variant = format!(
            "EXISTS (SELECT 1 FROM product_variant v WHERE v.product_id = p.product_id \
             AND LOWER(v.name) LIKE {p} ESCAPE '\\')"
        );
        conditions.push(format!(
            "(LOWER(p.name) LIKE {p} ESCAPE '\\' OR LOWER(p.tags) LIKE {p} ESCAPE '\\' OR LOWER(p.description) LIKE {p} ESCAPE '\\' OR {variant})"
        ));
        score.push(format!(
            "(CASE WHEN LOWER(p.name) LIKE {p} ESCAPE '\\' THEN 3 ELSE 0 END + \
             CASE WHEN LOWER(p.tags) LIKE {p} ESCAPE '\\' THEN 2 ELSE 0 END + \
             CASE WHEN {variant} THEN 2 ELSE 0 END + \
             CASE WHEN LOWER(p.description) LIKE {p} ESCAPE '\\' THEN 1 ELSE 0 END)"
        ));
    }
    if let Some(ids) = &filter.category_ids {
        let list: Vec<String> = ids.iter().map(|id| sql.push(Bind::Text(id.clone()))).collect();
        conditions.push(format!("p.category_id IN ({})", list.join(", ")));
    }
    for tag in &filter.tags {
        let p = sql.push(Bind::Text(like_pattern(&format!("\"{}\"", tag.to_lowercase()))));
        conditions.push(format!("LOWER(p.tags) LIKE {p} ESCAPE '\\'"));
    }
    if let Some(min) = filter.min_price {
        conditions.push(format!("p.price_amount >= {}", sql.push(Bind::Int(min))));
    }
    if let Some(max) = filter.max_price {
        conditions.push(format!("p.price_amount <= {}", sql.push(Bind::Int(max))));
    }
    if filter.in_stock_only {
        conditions.push(
            "EXISTS (SELECT 1 FROM offer_availability a WHERE a.product_id = p.product_id AND a.available > 0)".into(),
        );
    }
    let score = if score.is_empty() {
        "0".to_string()
    } else {
        score.join(" + ")
    };
    (conditions.join(" AND "), score)
}

/// How many products `filter` finds.
async fn count(db: &Db, filter: &SearchFilter) -> anyhow::Result<i64> {
    let mut sql = Sql { binds: Vec::new() };
    let (conditions, _) = build(filter, &mut sql);
    let row = sql
        .bind_all(sqlx::query(&format!(
            "SELECT COUNT(*) AS total FROM product p WHERE {conditions}"
        )))
        .fetch_one(db)
        .await?;
    Ok(sqlx::Row::try_get(&row, "total")?)
}

pub async fn search(
    db: &Db,
    filter: &SearchFilter,
    sort: ProductSort,
    limit: i64,
    offset: i64,
) -> anyhow::Result<(Vec<Product>, i64)> {
    let total = count(db, filter).await?;
    let mut sql = Sql { binds: Vec::new() };
    let (conditions, score) = build(filter, &mut sql);
    let order = match sort {
        ProductSort::Relevance => "score DESC, p.created_at DESC, p.product_id",
        ProductSort::PriceAsc => "p.price_amount, p.product_id",
        ProductSort::PriceDesc => "p.price_amount DESC, p.product_id",
        ProductSort::Newest => "p.created_at DESC, p.product_id",
    };
    let limit_at = sql.push(Bind::Int(limit));
    let offset_at = sql.push(Bind::Int(offset));
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("p.{c}")).collect();
    let page = format!(
        "SELECT {}, {score} AS score FROM product p WHERE {conditions} ORDER BY {order} LIMIT {limit_at} OFFSET {offset_at}",
        columns.join(", ")
    );
    let rows = sql.bind_all(sqlx::query(&page)).fetch_all(db).await?;
    Ok((rows.iter().map(from_row).collect::<anyhow::Result<_>>()?, total))
}

/// Tags one facet lists at most: the commonest.
pub const MAX_TAG_FACETS: usize = 30;

/// How many matches each refinement of a search would leave.
#[derive(Debug, Default, PartialEq)]
pub struct FacetCounts {
    /// Matches per category of their own (no roll-up), as if no category were chosen: a
    /// shopper in Pizza still sees how many Burgers the same words would find.
    pub by_category: Vec<(String, i64)>,
    /// Tags among the matches, commonest first (ties by name), at most [`MAX_TAG_FACETS`]:
    /// every tag narrows the search, so these count within it.
    pub tags: Vec<(String, i64)>,
    /// Matches some shop can sell, whether or not the search keeps only those.
    pub in_stock: i64,
}

/// How many products carry each tag, the commonest first (ties by name), at most
/// [`MAX_TAG_FACETS`]. Tags differing only in case are one tag, as the tag filter treats them;
/// it is shown in its first spelling by name order.
fn count_tags(lists: Vec<Vec<String>>) -> Vec<(String, i64)> {
    let mut counts: std::collections::HashMap<String, (String, i64)> = std::collections::HashMap::new();
    for mut list in lists {
        list.sort();
        list.dedup_by(|a, b| a.to_lowercase() == b.to_lowercase());
        for tag in list {
            let entry = counts
                .entry(tag.to_lowercase())
                .or_insert_with(|| (tag.clone(), 0));
            if tag < entry.0 {
                entry.0 = tag;
            }
            entry.1 += 1;
        }
    }
    let mut tags: Vec<(String, i64)> = counts.into_values().collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    tags.truncate(MAX_TAG_FACETS);
    tags
}

/// The facets of `filter`'s search: three statements, whatever the page.
pub async fn facets(db: &Db, filter: &SearchFilter) -> anyhow::Result<FacetCounts> {
    let any_category = SearchFilter {
        category_ids: None,
        ..filter.clone()
    };
    let mut sql = Sql { binds: Vec::new() };
    let (conditions, _) = build(&any_category, &mut sql);
    let by_category = sql
        .bind_all(sqlx::query(&format!(
            "SELECT p.category_id AS category_id, COUNT(*) AS n FROM product p WHERE {conditions} \
             GROUP BY p.category_id"
        )))
        .fetch_all(db)
        .await?
        .iter()
        .map(|row| {
            Ok((
                sqlx::Row::try_get(row, "category_id")?,
                sqlx::Row::try_get(row, "n")?,
            ))
        })
        .collect::<anyhow::Result<Vec<(String, i64)>>>()?;

    let mut sql = Sql { binds: Vec::new() };
    let (conditions, _) = build(filter, &mut sql);
    let rows = sql
        .bind_all(sqlx::query(&format!(
            "SELECT p.tags AS tags FROM product p WHERE {conditions}"
        )))
        .fetch_all(db)
        .await?;
    let mut lists = Vec::with_capacity(rows.len());
    for row in &rows {
        lists.push(parse_tags(&sqlx::Row::try_get::<String, _>(row, "tags")?)?);
    }
    let tags = count_tags(lists);

    let in_stock_only = SearchFilter {
        in_stock_only: true,
        ..filter.clone()
    };
    let in_stock = count(db, &in_stock_only).await?;
    Ok(FacetCounts {
        by_category,
        tags,
        in_stock,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_count_products_once_whatever_their_case() {
        let list = |tags: &[&str]| tags.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        let counted = count_tags(vec![
            list(&["Android", "5g"]),
            list(&["android", "Android"]),
            list(&["5g"]),
            list(&["ios"]),
        ]);
        assert_eq!(
            counted,
            vec![("5g".into(), 2), ("Android".into(), 2), ("ios".into(), 1)]
        );
        let many: Vec<Vec<String>> = (0..40).map(|n| vec![format!("t{n:02}")]).collect();
        assert_eq!(count_tags(many).len(), MAX_TAG_FACETS);
    }

    #[test]
    fn like_wildcards_in_terms_are_escaped() {
        assert_eq!(like_pattern("50%_off"), "%50\\%\\_off%");
    }

    #[test]
    fn every_filter_adds_a_numbered_condition() {
        let filter = SearchFilter {
            terms: vec!["pizza".into()],
            category_ids: Some(vec!["cat_a".into(), "cat_b".into()]),
            tags: vec!["Spicy".into()],
            min_price: Some(100),
            max_price: Some(900),
            in_stock_only: true,
        };
        let mut sql = Sql { binds: Vec::new() };
        let (conditions, score) = build(&filter, &mut sql);
        assert_eq!(sql.binds.len(), 6);
        assert!(conditions.contains("p.category_id IN ($2, $3)"), "{conditions}");
        assert!(conditions.contains("LOWER(p.tags) LIKE $4"), "{conditions}");
        assert!(conditions.contains("p.price_amount >= $5") && conditions.contains("p.price_amount <= $6"));
        assert!(conditions.contains("offer_availability"));
        assert!(score.contains("THEN 3"));
    }
}
