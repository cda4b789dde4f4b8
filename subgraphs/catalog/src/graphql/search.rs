use super::category::{descendant_ids, Category};
use super::product::Product;
use crate::domain::{self, check_tags, MAX_QUERY_CHARS};
use crate::store::{self, ProductSort, SearchFilter};
use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, Object, Result, SimpleObject, ID};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::collections::HashMap;
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::input::{check_text, Lines};
use vitrine_kit::paging;

/// Extra fields on a search result page.
pub struct SearchTotals {
    total_count: i64,
    /// Kept for `facets`, which runs only when asked for.
    filter: SearchFilter,
}

#[Object]
impl SearchTotals {
    /// Products matching the filters, over all pages.
    async fn total_count(&self) -> i64 {
        self.total_count
    }

    /// How many matches each refinement would leave, for filters that show counts.
    async fn facets(&self, ctx: &Context<'_>) -> Result<SearchFacets> {
        let db = ctx.data_unchecked::<Db>();
        let counts = store::facets(db, &self.filter).await.gql()?;
        let all = store::all_categories(db).await.gql()?;
        Ok(SearchFacets {
            categories: category_counts(&all, &counts.by_category)
                .into_iter()
                .map(|(category, count)| CategoryCount {
                    category: Category::new(category),
                    count,
                })
                .collect(),
            tags: counts
                .tags
                .into_iter()
                .map(|(tag, count)| TagCount { tag, count })
                .collect(),
            in_stock: counts.in_stock,
        })
    }
}

/// Counts per category with each parent holding its subcategories' products, in the tree's
/// name order; categories without a match are left out.
fn category_counts(all: &[domain::Category], own: &[(String, i64)]) -> Vec<(domain::Category, i64)> {
    let own: HashMap<&str, i64> = own.iter().map(|(id, n)| (id.as_str(), *n)).collect();
    all.iter()
        .filter_map(|category| {
            let count: i64 = descendant_ids(all, &category.id)
                .iter()
                .filter_map(|id| own.get(id.as_str()))
                .sum();
            (count > 0).then(|| (category.clone(), count))
        })
        .collect()
}

/// How many matches each refinement of a search would leave.
#[derive(SimpleObject)]
pub struct SearchFacets {
    /// Matches per category as if no category were chosen (so the other categories show what
    /// they hold); a parent counts its subcategories' products.
    categories: Vec<CategoryCount>,
    /// The commonest tags among the matches (up to 30), each with how many carry it.
    tags: Vec<TagCount>,
    /// Matches some shop can still sell, whatever `inStockOnly` says.
    in_stock: i64,
}

#[derive(SimpleObject)]
pub struct CategoryCount {
    category: Category,
    count: i64,
}

#[derive(SimpleObject)]
pub struct TagCount {
    tag: String,
    count: i64,
}

pub type ProductConnection = Connection<String, Product, SearchTotals, EmptyFields>;

/// Cursors are opaque to clients; inside they are the offset of the next row.
fn cursor(offset: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("o:{offset}"))
}

fn offset_from(cursor: &str) -> Result<i64, ApiError> {
    let bad = || ApiError::bad_input("malformed cursor");
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?).map_err(|_| bad())?;
    text.strip_prefix("o:")
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| *n >= 0)
        .ok_or_else(bad)
}

#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// Searches live products. `query` matches name, tags and description (every word must
    /// match); `categoryId` includes its subcategories; `tags` must all be present; prices are
    /// the catalog's list price in tiyn; `inStockOnly` keeps products some shop can still sell.
    #[allow(clippy::too_many_arguments)]
    async fn search_products(
        &self,
        ctx: &Context<'_>,
        query: Option<String>,
        category_id: Option<ID>,
        tags: Option<Vec<String>>,
        min_price: Option<i64>,
        max_price: Option<i64>,
        #[graphql(desc = "Default false.")] in_stock_only: Option<bool>,
        #[graphql(desc = "Default RELEVANCE.")] sort: Option<ProductSort>,
        #[graphql(desc = "Page size, 1 to 100; default 20.")] first: Option<i32>,
        after: Option<String>,
    ) -> Result<ProductConnection> {
        // Optional arguments rather than defaults: clients (and routers) may pass explicit nulls
        // from unset variables, which non-null arguments with defaults would refuse.
        let first = first.unwrap_or(vitrine_kit::input::DEFAULT_PAGE_SIZE);
        let sort = sort.unwrap_or(ProductSort::Relevance);
        let (tags, in_stock_only) = (tags.unwrap_or_default(), in_stock_only.unwrap_or(false));
        let first = paging::check_first(first).gql()?;
        // Each tag and word becomes SQL conditions: 50 000 of them made SQLite refuse the
        // statement ("expression tree is too large") as an INTERNAL error.
        check_tags("tags", &tags).gql()?;
        if let Some(query) = &query {
            // Whitespace of any kind just separates words; other control characters are refused.
            check_text("query", query, 0..=MAX_QUERY_CHARS, Lines::Many).gql()?;
        }
        if min_price.is_some_and(|p| p < 0) || max_price.is_some_and(|p| p < 0) {
            return Err(ApiError::bad_input("prices must not be negative")).gql();
        }
        if let (Some(min), Some(max)) = (min_price, max_price) {
            if min > max {
                return Err(ApiError::bad_input("minPrice must not exceed maxPrice")).gql();
            }
        }
        let terms: Vec<String> = query
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .take(8)
            .map(str::to_lowercase)
            .collect();
        let db = ctx.data_unchecked::<Db>();
        let category_ids = match category_id {
            Some(id) => {
                let all = store::all_categories(db).await.gql()?;
                if !all.iter().any(|c| c.id == id.0) {
                    return Err(ApiError::not_found(format!("no category {}", id.0))).gql();
                }
                Some(descendant_ids(&all, &id.0))
            }
            None => None,
        };
        let offset = after.as_deref().map(offset_from).transpose().gql()?.unwrap_or(0);
        let filter = SearchFilter {
            terms,
            category_ids,
            tags,
            min_price,
            max_price,
            in_stock_only,
        };
        let (products, total) = store::search(db, &filter, sort, first, offset).await.gql()?;
        let has_next = offset + (products.len() as i64) < total;
        let totals = SearchTotals {
            total_count: total,
            filter,
        };
        let mut connection = Connection::with_additional_fields(offset > 0, has_next, totals);
        connection.edges.extend(
            products
                .into_iter()
                .enumerate()
                .map(|(i, p)| Edge::new(cursor(offset + i as i64 + 1), Product(p))),
        );
        Ok(connection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(id: &str, parent: Option<&str>) -> domain::Category {
        domain::Category {
            id: id.into(),
            slug: id.into(),
            name: id.into(),
            parent_id: parent.map(str::to_string),
            tags: Vec::new(),
        }
    }

    #[test]
    fn parents_count_their_subcategories_and_empty_ones_are_left_out() {
        let all = [
            category("kitchen", None),
            category("pizza", Some("kitchen")),
            category("sushi", Some("kitchen")),
            category("electronics", None),
        ];
        let own = [("pizza".to_string(), 5), ("sushi".to_string(), 2)];
        let counts: Vec<(String, i64)> = category_counts(&all, &own)
            .into_iter()
            .map(|(c, n)| (c.id, n))
            .collect();
        assert_eq!(
            counts,
            vec![("kitchen".into(), 7), ("pizza".into(), 5), ("sushi".into(), 2)]
        );
    }

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        assert_eq!(offset_from(&cursor(40)).unwrap(), 40);
        assert!(offset_from("not-a-cursor").is_err());
        assert!(offset_from(&URL_SAFE_NO_PAD.encode("o:-1")).is_err());
    }
}
