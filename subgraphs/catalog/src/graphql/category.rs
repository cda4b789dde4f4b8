use crate::domain;
use crate::loaders::{CategoryLoader, ChildCategoriesLoader};
use crate::store;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Object, Result, ID};
use std::sync::Arc;
use vitrine_kit::db::Db;
use vitrine_kit::error::GqlResultExt;

/// A node of the category tree (Electronics › Smartphones, Kitchen › Pizza). Shared: every
/// product of a page names one of a few categories, which the loader hands out without a copy.
pub struct Category(pub Arc<domain::Category>);

impl Category {
    pub fn new(category: domain::Category) -> Self {
        Category(Arc::new(category))
    }
}

#[Object(name = "Category")]
impl Category {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn tags(&self) -> &[String] {
        &self.0.tags
    }
    /// Null for a root category.
    async fn parent(&self, ctx: &Context<'_>) -> Result<Option<Category>> {
        let Some(parent_id) = self.0.parent_id.clone() else {
            return Ok(None);
        };
        load_category(ctx, parent_id).await
    }
    async fn children(&self, ctx: &Context<'_>) -> Result<Vec<Category>> {
        Ok(ctx
            .data_unchecked::<DataLoader<ChildCategoriesLoader>>()
            .load_one(self.0.id.clone())
            .await
            .gql()?
            .unwrap_or_default()
            .into_iter()
            .map(Category::new)
            .collect())
    }
}

#[derive(Default)]
pub struct CategoryQuery;

#[Object]
impl CategoryQuery {
    async fn category(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Category>> {
        load_category(ctx, id.0).await
    }

    /// Every category, or only the roots of the tree.
    async fn categories(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = false)] roots_only: bool,
    ) -> Result<Vec<Category>> {
        let all = store::all_categories(ctx.data_unchecked::<Db>()).await.gql()?;
        Ok(all
            .into_iter()
            .filter(|c| !roots_only || c.parent_id.is_none())
            .map(Category::new)
            .collect())
    }

    #[graphql(entity)]
    async fn find_category_by_id(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Category>> {
        load_category(ctx, id.0).await
    }
}

async fn load_category(ctx: &Context<'_>, id: String) -> Result<Option<Category>> {
    Ok(ctx
        .data_unchecked::<DataLoader<CategoryLoader>>()
        .load_one(id)
        .await
        .gql()?
        .map(Category))
}

/// `root` and every category below it.
pub fn descendant_ids(all: &[domain::Category], root: &str) -> Vec<String> {
    let mut found = vec![root.to_string()];
    let mut next = 0;
    while next < found.len() {
        let parent = found[next].clone();
        found.extend(
            all.iter()
                .filter(|c| c.parent_id.as_deref() == Some(&parent))
                .map(|c| c.id.clone()),
        );
        next += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(id: &str, parent: Option<&str>) -> domain::Category {
        domain::Category {
            id: id.into(),
            slug: id.into(),
            name: id.into(),
            parent_id: parent.map(Into::into),
            tags: vec![],
        }
    }

    #[test]
    fn descendants_include_the_root_and_every_level_below() {
        let all = [
            category("root", None),
            category("a", Some("root")),
            category("a1", Some("a")),
            category("other", None),
        ];
        assert_eq!(descendant_ids(&all, "root"), vec!["root", "a", "a1"]);
        assert_eq!(descendant_ids(&all, "other"), vec!["other"]);
    }
}
