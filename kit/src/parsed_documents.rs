//! Parsed GraphQL documents kept by their text. A router sends each subgraph the same few
//! planned documents with other variables; parsing one (async-graphql's pest grammar) was 4 %
//! of the instructions of issue #22's 50-product request, cloning the kept tree is far less.
//! Bounded by the text it holds, so documents sent once (a direct caller's, say) are evicted
//! instead of growing it. Limits that depend on the document (depth, directives, validation)
//! still run on every request: async-graphql applies them to a given tree as to a parsed one.

use async_graphql::parser::types::ExecutableDocument;
use async_graphql::Request;
use std::sync::Arc;

/// Text kept per subgraph; a parsed tree takes a few times its text.
const CAPACITY_BYTES: u64 = 1 << 20;
/// Longer documents are parsed every time (no planned subgraph document comes near this).
const LARGEST_KEPT: usize = 64 << 10;

#[derive(Clone)]
pub struct ParsedDocuments(moka::sync::Cache<String, Arc<ExecutableDocument>>);

impl Default for ParsedDocuments {
    fn default() -> Self {
        ParsedDocuments(
            moka::sync::Cache::builder()
                .max_capacity(CAPACITY_BYTES)
                .weigher(|text: &String, _| u32::try_from(text.len()).unwrap_or(u32::MAX))
                .build(),
        )
    }
}

impl ParsedDocuments {
    /// Gives `request` its parsed document: the kept one (true), or parsed now and kept when
    /// it parses (false). A document that does not parse is left for async-graphql to report.
    pub fn prepare(&self, request: &mut Request) -> bool {
        if let Some(document) = self.0.get(&request.query) {
            request.set_parsed_query(ExecutableDocument::clone(&document));
            return true;
        }
        if request.query.len() <= LARGEST_KEPT {
            if let Ok(document) = request.parsed_query() {
                let document = Arc::new(document.clone());
                self.0.insert(request.query.clone(), document);
            }
        }
        false
    }

    /// Whether `text`'s tree is kept.
    #[cfg(test)]
    pub(crate) fn holds(&self, text: &str) -> bool {
        self.0.contains_key(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema};

    struct Query;

    #[Object]
    impl Query {
        async fn double(&self, n: i32) -> i32 {
            n * 2
        }
    }

    const DOCUMENT: &str = "query Double($n: Int!) { double(n: $n) }";

    #[tokio::test]
    async fn a_document_is_parsed_once_and_answers_with_each_requests_variables() {
        let schema = Schema::new(Query, EmptyMutation, EmptySubscription);
        let documents = ParsedDocuments::default();
        for (n, kept) in [(1, false), (2, true), (21, true)] {
            let mut request = Request::new(DOCUMENT)
                .variables(async_graphql::Variables::from_json(serde_json::json!({ "n": n })));
            assert_eq!(documents.prepare(&mut request), kept, "request with n = {n}");
            let answer = schema.execute(request).await.into_result().unwrap();
            assert_eq!(
                answer.data.into_json().unwrap(),
                serde_json::json!({ "double": n * 2 })
            );
        }
    }

    #[tokio::test]
    async fn a_document_that_does_not_parse_is_not_kept_and_still_refused() {
        let schema = Schema::new(Query, EmptyMutation, EmptySubscription);
        let documents = ParsedDocuments::default();
        for _ in 0..2 {
            let mut request = Request::new("{ double(n: ");
            assert!(!documents.prepare(&mut request));
            assert!(schema.execute(request).await.is_err());
        }
    }

    #[tokio::test]
    async fn validation_still_runs_on_a_kept_document() {
        let schema = Schema::new(Query, EmptyMutation, EmptySubscription);
        let documents = ParsedDocuments::default();
        for kept in [false, true] {
            let mut request = Request::new("{ nothing }");
            assert_eq!(documents.prepare(&mut request), kept);
            let errors = schema.execute(request).await.errors;
            assert!(errors[0].message.contains("nothing"), "{errors:?}");
        }
    }
}
