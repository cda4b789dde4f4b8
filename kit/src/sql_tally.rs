//! SQL statements counted per request. The process-wide counter (`vitrine_sql_queries_total`)
//! also counts background work (outbox relays, event consumers), so it cannot say what one
//! request cost. A tally is set for the duration of one request's work (the embedded router
//! does it per client request that asks; see `router/src/in_process.rs`), every [`crate::db::Db`]
//! read inside adds to it, and so do the DataLoader batches it starts ([`crate::loader`]). A
//! batch that also serves another request's keys is billed to the request that started it.

use futures::future::BoxFuture;
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

tokio::task_local! {
    // A key, not state: the value lives in each task that runs inside `SqlTally::scope`.
    static CURRENT: SqlTally;
}

/// Statements per subgraph, shared by every task of one request.
#[derive(Clone, Default, Debug)]
pub struct SqlTally(Arc<Mutex<BTreeMap<String, u64>>>);

impl SqlTally {
    /// Runs `work` with this tally current, in its task and in loader batches it starts.
    pub fn scope<F: Future>(&self, work: F) -> impl Future<Output = F::Output> {
        CURRENT.scope(self.clone(), work)
    }

    /// Statements so far, by subgraph.
    pub fn counts(&self) -> BTreeMap<String, u64> {
        self.0.lock().expect("tally lock").clone()
    }

    /// `catalog=3, inventory=1`: the counts as one header value.
    pub fn header_value(&self) -> String {
        self.counts()
            .iter()
            .map(|(subgraph, n)| format!("{subgraph}={n}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The tally of the running task, if any.
    pub fn current() -> Option<SqlTally> {
        CURRENT.try_with(SqlTally::clone).ok()
    }
}

/// Counts one statement of `subgraph` against the running request, if it keeps a tally.
pub(crate) fn count(subgraph: &str) {
    let _ = CURRENT.try_with(|tally| {
        *tally
            .0
            .lock()
            .expect("tally lock")
            .entry(subgraph.to_string())
            .or_default() += 1;
    });
}

/// `tokio::spawn`, keeping the running request's tally (loader batches outside a driven
/// request; see [`crate::loader`]).
pub fn spawn(batch: BoxFuture<'static, ()>) -> tokio::task::JoinHandle<()> {
    match SqlTally::current() {
        Some(tally) => tokio::spawn(CURRENT.scope(tally, batch)),
        None => tokio::spawn(batch),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn counts_only_inside_the_scope_and_follows_spawned_batches() {
        count("outside");
        let tally = SqlTally::default();
        tally
            .scope(async {
                count("catalog");
                spawn(Box::pin(async { count("inventory") })).await.unwrap();
            })
            .await;
        // Work that is not the request's (a background relay, say) is not counted.
        tokio::spawn(async { count("catalog") }).await.unwrap();
        assert_eq!(tally.header_value(), "catalog=1, inventory=1");
    }
}
