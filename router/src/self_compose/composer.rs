//! Composes the supergraph from the registry. Each subgraph contributes the SDL of its newest
//! live instance (by start time: during a rolling upgrade the new version's schema wins once
//! its first instance is up) and the URL of its oldest one, which only subscriptions use (other
//! fetches go to any live instance, see `registry_route`). The inputs are compared by SDL hash
//! and URL each [`CHECK_EVERY`]; only a change composes again, and only a supergraph that
//! differs from the one written is written: replacing the supergraph ends the subscriptions
//! served from the old one, so instances joining and leaving must not cause it.

use super::{fingerprint, CompositionState, Problem};
use crate::compose::{compose_supergraph, SubgraphSdl};
use hive_router::query_planner::planner::{Planner, QueryPlannerOptions};
use hive_router::query_planner::utils::parsing::safe_parse_schema;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use vitrine_kit::registry::{InstanceRecord, RegistryView};

/// How often the registry view is compared with the last composition's inputs.
pub const CHECK_EVERY: Duration = Duration::from_millis(250);

/// A subgraph at a fixed URL (`VITRINE_<NAME>_URL`), which may not register: unless it does,
/// its SDL is the one built into this binary.
#[derive(Debug, Clone)]
pub struct FixedSubgraph {
    pub name: String,
    pub sdl: String,
    pub url: String,
}

pub struct Composer {
    pub view: Arc<RegistryView>,
    /// The file Hive polls (`supergraph.poll_interval`).
    pub file: PathBuf,
    /// Subgraphs that must all be there before the first composition: a supergraph without one
    /// of them would serve a schema missing its fields.
    pub required: Vec<String>,
    pub fixed: Vec<FixedSubgraph>,
    pub state: Arc<CompositionState>,
}

/// One subgraph's part of a composition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub sdl_hash: String,
    pub url: String,
    pub sdl: Arc<str>,
}

type Parts = BTreeMap<String, Part>;

/// What an attempt produced.
struct Composed {
    supergraph: Arc<str>,
    print: String,
}

impl Composer {
    /// Composes whenever the inputs change, until the task is dropped. Removes a file left by
    /// an earlier run first: Hive must not serve a stale supergraph before this one composes.
    pub async fn run(self) {
        if let Err(err) = std::fs::remove_file(&self.file) {
            if err.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(file = %self.file.display(), error = %err, "cannot remove the old supergraph");
            }
        }
        let mut tried: Option<Parts> = None;
        let mut good: Option<Parts> = None;
        let mut written: Option<Arc<str>> = None;
        let mut ticker = tokio::time::interval(CHECK_EVERY);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            let parts = match self.parts() {
                Ok(parts) => parts,
                Err(missing) => {
                    // Before the first composition there is nothing to serve yet; later, a
                    // subgraph with no instance left is a routing matter, not a schema change.
                    if good.is_none() {
                        self.state.set_problem(Some(Problem::Waiting { missing }));
                    }
                    continue;
                }
            };
            if tried.as_ref() == Some(&parts) {
                continue;
            }
            tried = Some(parts.clone());
            let inputs = parts.clone();
            let attempt = tokio::task::spawn_blocking(move || compose(&inputs)).await;
            match attempt {
                Ok(Ok(composed)) => {
                    if written.as_deref() == Some(&*composed.supergraph) {
                        self.state.attempts.with_label_values(&["unchanged"]).inc();
                    } else if let Err(err) = self.write(&composed, &parts) {
                        tracing::error!(file = %self.file.display(), error = %err, "cannot write the supergraph");
                        tried = None;
                        continue;
                    } else {
                        tracing::info!(
                            changed = ?changed(good.as_ref(), &parts),
                            "supergraph composed from the registry"
                        );
                        self.state.attempts.with_label_values(&["composed"]).inc();
                        written = Some(composed.supergraph);
                    }
                    good = Some(parts);
                    self.state.set_problem(None);
                }
                Ok(Err(error)) => {
                    let subgraphs = changed(good.as_ref(), &parts);
                    tracing::error!(
                        ?subgraphs,
                        %error,
                        "the registered SDLs do not compose; the last good supergraph keeps serving"
                    );
                    self.state.attempts.with_label_values(&["failed"]).inc();
                    self.state.set_problem(Some(Problem::Failed { subgraphs, error }));
                }
                Err(join) => tracing::error!(error = %join, "composition task failed"),
            }
        }
    }

    /// Every subgraph's part, or the required subgraphs that have none.
    fn parts(&self) -> Result<Parts, Vec<String>> {
        let live = self.view.live();
        let mut parts: Parts = live
            .iter()
            .filter_map(|(name, records)| Some((name.clone(), part_of(records)?)))
            .collect();
        for fixed in &self.fixed {
            let part = parts.entry(fixed.name.clone()).or_insert_with(|| Part {
                sdl_hash: vitrine_kit::registry::sdl_hash(&fixed.sdl),
                url: fixed.url.clone(),
                sdl: fixed.sdl.as_str().into(),
            });
            part.url = fixed.url.clone();
        }
        let missing: Vec<String> = self
            .required
            .iter()
            .filter(|name| !parts.contains_key(*name))
            .cloned()
            .collect();
        if missing.is_empty() {
            Ok(parts)
        } else {
            Err(missing)
        }
    }

    /// Writes the supergraph where Hive polls for it, whole or not at all (a temporary file
    /// renamed over it), and remembers it as written.
    fn write(&self, composed: &Composed, parts: &Parts) -> std::io::Result<()> {
        let temporary = self.file.with_extension(format!("{}.tmp", std::process::id()));
        std::fs::write(&temporary, composed.supergraph.as_bytes())?;
        std::fs::rename(&temporary, &self.file)?;
        let sdl_hashes = parts
            .iter()
            .map(|(name, part)| (name.clone(), part.sdl_hash.clone()))
            .collect();
        self.state.wrote(
            composed.supergraph.clone(),
            fingerprint(&composed.print),
            sdl_hashes,
        );
        Ok(())
    }
}

/// The newest instance's SDL and the oldest one's URL; None while no instance's SDL is known
/// (the registry fills it in from its schemas bucket).
pub fn part_of(records: &[InstanceRecord]) -> Option<Part> {
    let by_start = |r: &&InstanceRecord| {
        let started = chrono::DateTime::parse_from_rfc3339(&r.started_at).ok();
        (started, r.instance_id.clone())
    };
    let newest = records
        .iter()
        .filter(|r| !r.sdl.is_empty())
        .max_by_key(by_start)?;
    let oldest = records.iter().min_by_key(by_start)?;
    Some(Part {
        sdl_hash: newest.sdl_hash.clone(),
        url: oldest.url.clone(),
        sdl: newest.sdl.clone(),
    })
}

/// Subgraphs whose SDL differs from the last good composition's (every one before the first).
fn changed(good: Option<&Parts>, parts: &Parts) -> Vec<String> {
    parts
        .iter()
        .filter(|(name, part)| {
            good.and_then(|good| good.get(*name))
                .is_none_or(|before| before.sdl_hash != part.sdl_hash)
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// Composes `parts` and checks that Hive's planner accepts the result.
fn compose(parts: &Parts) -> Result<Composed, String> {
    let inputs: Vec<SubgraphSdl<'_>> = parts
        .iter()
        .map(|(name, part)| SubgraphSdl {
            name,
            sdl: &part.sdl,
            url: &part.url,
        })
        .collect();
    let supergraph = compose_supergraph(&inputs).map_err(|e| format!("{e:#}"))?;
    let document = safe_parse_schema(&supergraph).map_err(|e| format!("the composed supergraph: {e}"))?;
    Planner::new_from_supergraph(&document, QueryPlannerOptions::default())
        .map_err(|e| format!("Hive's planner refused the composed supergraph: {e}"))?;
    Ok(Composed {
        print: document.to_string(),
        supergraph: supergraph.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::compose::tests::{PRODUCTS, STOCK};

    /// Clashes with PRODUCTS: `Product.name` is a `String!` there.
    const CLASHING: &str = r#"
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
        type Query { lowStock: [Product!]! }
        type Product @key(fields: "id") { id: ID! name: Int! @shareable }
    "#;

    fn part(sdl: &str, url: &str) -> Part {
        Part {
            sdl_hash: vitrine_kit::registry::sdl_hash(sdl),
            url: url.to_string(),
            sdl: sdl.into(),
        }
    }

    fn record(id: &str, started_at: &str, sdl: &str) -> InstanceRecord {
        InstanceRecord {
            instance_id: id.to_string(),
            started_at: started_at.to_string(),
            ..InstanceRecord::new("catalog", &format!("http://{id}/graphql"), sdl.to_string(), "0")
        }
    }

    #[test]
    fn the_newest_instance_gives_the_sdl_and_the_oldest_the_url() {
        let records = [
            record("b", "2026-12-04T10:00:01Z", STOCK),
            record("a", "2026-12-04T10:00:00Z", PRODUCTS),
            record("c", "2026-12-04T10:00:02Z", CLASHING),
        ];
        let part = part_of(&records).unwrap();
        assert_eq!(&*part.sdl, CLASHING);
        assert_eq!(part.url, "http://a/graphql");
        assert!(part_of(&[]).is_none());
    }

    #[test]
    fn composes_what_the_planner_accepts_and_names_what_changed_when_it_fails() {
        let good: Parts = [
            ("products".to_string(), part(PRODUCTS, "http://p/graphql")),
            ("stock".to_string(), part(STOCK, "http://s/graphql")),
        ]
        .into();
        let composed = compose(&good).expect("composes");
        assert!(composed.supergraph.contains("http://s/graphql"));
        assert_eq!(
            composed.print,
            safe_parse_schema(&composed.supergraph).unwrap().to_string()
        );

        let mut broken = good.clone();
        broken.insert("stock".into(), part(CLASHING, "http://s/graphql"));
        let error = compose(&broken).err().expect("a clash does not compose");
        assert!(!error.is_empty());
        assert_eq!(changed(Some(&good), &broken), ["stock"]);
        assert_eq!(changed(None, &broken), ["products", "stock"]);
    }

    #[test]
    fn the_state_reports_waiting_failing_and_what_hive_loaded() {
        let state = CompositionState::default();
        state.set_problem(Some(Problem::Waiting {
            missing: vec!["orders".into()],
        }));
        assert!(!state.report().serving);
        assert_eq!(state.failing.get(), 0);

        let supergraph: Arc<str> = "type Query { a: Int }".into();
        let print = safe_parse_schema(&supergraph).unwrap().to_string();
        let hashes = [("catalog".to_string(), "h2".to_string())].into();
        state.wrote(supergraph.clone(), fingerprint(&print), hashes);
        state.set_problem(None);
        assert!(state.in_use().is_none(), "written is not loaded");
        assert_eq!(state.sdl_hash_in_use("catalog"), None);
        state.loaded(fingerprint(&print));
        assert_eq!(state.in_use().as_deref(), Some(&*supergraph));
        assert_eq!(state.sdl_hash_in_use("catalog").as_deref(), Some("h2"));
        assert!(state.report().serving);

        state.set_problem(Some(Problem::Failed {
            subgraphs: vec!["catalog".into()],
            error: "clash".into(),
        }));
        assert_eq!(state.failing.get(), 1);
        assert!(state.report().serving, "the last good one still serves");
    }
}
