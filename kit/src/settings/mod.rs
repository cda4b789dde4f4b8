//! The config server: settings shared by every process of a deployment, in the JetStream
//! key-value bucket `<namespace>_settings` (key: the variable's name, value: its text). It is
//! the lowest layer but one: built-in defaults < the bucket < `VITRINE_CONFIG_FILE` < the
//! environment. At start ([`load_into_environment`]) each process takes the bucket's values for
//! the names its file and environment leave unset; while it runs ([`follow`]) it applies changes
//! to the settings that can change live ([`live_settings`]), with a log line, unless its own
//! file or environment pins them.
//!
//! Secrets never go in the bucket: names that hold one ([`is_secret`]) are refused by
//! `vitrine config set` and ignored if found there; they come from each process's environment
//! or file (or a secret store feeding them). Where NATS itself is (`VITRINE_NATS_URL`,
//! `VITRINE_EVENTS_NAMESPACE`) cannot come from NATS either.

use crate::config::{
    parse_signup_limit, parse_time_scale, parse_webhook_backoff, AppConfig, EventsConfig, SIGNUP_LIMIT,
    TIME_SCALE, WEBHOOK_BACKOFF,
};
use crate::tunable::Tunable;
use async_nats::jetstream::{self, kv};
use futures::{StreamExt, TryStreamExt};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Duration;

/// A namespace's settings bucket.
pub type Bucket = kv::Store;

/// How long start-up waits for NATS before going on without the shared settings.
const CONNECT_WAIT: Duration = Duration::from_secs(5);

pub fn bucket_name(namespace: &str) -> String {
    format!("{namespace}_settings")
}

/// Opens the namespace's settings bucket, creating it if needed (on disk: settings outlive a
/// NATS restart).
pub async fn open_bucket(jetstream: &jetstream::Context, namespace: &str) -> anyhow::Result<Bucket> {
    let spec = crate::kv::BucketSpec {
        name: &bucket_name(namespace),
        description: "Vitrine shared settings",
        storage: jetstream::stream::StorageType::File,
        keep_for: None,
    };
    crate::kv::open(jetstream, spec).await
}

/// Connects to NATS at `url` and opens `namespace`'s settings bucket (tools, tests).
pub async fn connect(url: &str, namespace: &str) -> anyhow::Result<(jetstream::Context, Bucket)> {
    let jetstream = crate::kv::connect(url).await?;
    let bucket = open_bucket(&jetstream, namespace).await?;
    Ok((jetstream, bucket))
}

/// Names that hold a secret (keys, passwords, or URLs that may carry one).
pub fn is_secret(name: &str) -> bool {
    ["SECRET", "PASSWORD", "TOKEN", "PRIVATE_KEY"]
        .iter()
        .any(|word| name.contains(word))
        || name == "DATABASE_URL"
        || name.ends_with("_DATABASE_URL")
        || name == "VITRINE_SMTP_URL"
        || name == "VITRINE_REDIS_URL"
}

/// Whether `name` may be kept in the bucket; why not otherwise.
pub fn check_name(name: &str) -> Result<(), String> {
    let well_formed = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if !well_formed {
        return Err(format!(
            "{name}: a setting is an environment variable name (A-Z, 0-9, _)"
        ));
    }
    if is_secret(name) {
        return Err(format!(
            "{name} holds a secret: secrets are never kept in the shared settings; give it \
             to each process through its environment or VITRINE_CONFIG_FILE"
        ));
    }
    if matches!(name, "VITRINE_NATS_URL" | "VITRINE_EVENTS_NAMESPACE") {
        return Err(format!(
            "{name} says where the shared settings are: it cannot be one of them"
        ));
    }
    Ok(())
}

/// Every setting in the bucket.
pub async fn read_all(bucket: &Bucket) -> anyhow::Result<BTreeMap<String, String>> {
    let names: Vec<String> = bucket.keys().await?.try_collect().await?;
    let mut settings = BTreeMap::new();
    for name in names {
        if let Some(value) = bucket.get(&name).await? {
            settings.insert(name, String::from_utf8_lossy(&value).into_owned());
        }
    }
    Ok(settings)
}

/// What start-up took from the bucket.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    /// Names the bucket set (the environment and file left them unset).
    pub applied: Vec<String>,
    /// Names this process's environment or file set: the bucket does not change them, at start
    /// or later.
    pub pinned: HashSet<String>,
}

/// Which of `shared` apply to a process whose environment (file included) is `environment`:
/// (name, value) pairs to set, and the names the environment pins.
pub fn layer(
    shared: &BTreeMap<String, String>,
    environment: impl Fn(&str) -> Option<String>,
) -> (Vec<(String, String)>, HashSet<String>) {
    let mut apply = Vec::new();
    let mut pinned = HashSet::new();
    for (name, value) in shared {
        if let Err(why) = check_name(name) {
            tracing::warn!(name, why, "shared setting ignored");
            continue;
        }
        if environment(name).is_some_and(|v| !v.is_empty()) {
            pinned.insert(name.clone());
        } else {
            apply.push((name.clone(), value.clone()));
        }
    }
    for live in LIVE {
        if environment(live).is_some_and(|v| !v.is_empty()) {
            pinned.insert(live.to_string());
        }
    }
    (apply, pinned)
}

/// With `VITRINE_NATS_URL`: sets the bucket's values for the names the environment and file
/// leave unset. Call at start, before any other thread: it sets environment variables (the
/// runtime it reads NATS with is gone before it does). Without NATS, or when NATS does not
/// answer within [`CONNECT_WAIT`], the process goes on without shared settings.
pub fn load_into_environment(events: &EventsConfig) -> anyhow::Result<Loaded> {
    let Some(url) = events.nats_url.clone() else {
        return Ok(Loaded::default());
    };
    let namespace = events.namespace.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let shared = runtime.block_on(async {
        tokio::time::timeout(CONNECT_WAIT, async {
            let (_, bucket) = connect(&url, &namespace).await?;
            read_all(&bucket).await
        })
        .await
    });
    drop(runtime);
    let shared = match shared {
        Ok(Ok(shared)) => shared,
        Ok(Err(err)) => {
            eprintln!("shared settings not read ({err:#}); going on with this process's own");
            return Ok(Loaded::default());
        }
        Err(_) => {
            eprintln!("NATS did not answer within {CONNECT_WAIT:?}; going on without the shared settings");
            return Ok(Loaded::default());
        }
    };
    let (apply, pinned) = layer(&shared, |name| std::env::var(name).ok());
    let mut applied = Vec::new();
    for (name, value) in apply {
        std::env::set_var(&name, value);
        applied.push(name);
    }
    Ok(Loaded { applied, pinned })
}

/// The settings that apply while a process runs.
const LIVE: [&str; 3] = [TIME_SCALE, SIGNUP_LIMIT, WEBHOOK_BACKOFF];

/// Applies a setting's new text; the number it now is.
type Apply = Box<dyn Fn(&str) -> anyhow::Result<f64> + Send + Sync>;
/// A setting's value in effect, as a number.
type Current = Box<dyn Fn() -> f64 + Send + Sync>;

/// One live setting: how a new text applies to this process's configuration, and the number
/// `/metrics` shows for it (`vitrine_setting{name}`).
pub struct LiveSetting {
    pub name: &'static str,
    apply: Apply,
    current: Current,
}

impl LiveSetting {
    /// `tunable`, set from a text by `parse` and shown as `number`.
    fn new<T: Copy + Send + Sync + 'static>(
        name: &'static str,
        tunable: &Tunable<T>,
        parse: fn(&str) -> anyhow::Result<T>,
        number: fn(T) -> f64,
    ) -> LiveSetting {
        let (target, shown) = (tunable.clone(), tunable.clone());
        LiveSetting {
            name,
            apply: Box::new(move |text| {
                let value = parse(text)?;
                target.set(value);
                Ok(number(value))
            }),
            current: Box::new(move || number(shown.get())),
        }
    }
}

/// The live settings of `config`: changing them changes every part of the process that
/// holds a clone of `config`.
pub fn live_settings(config: &AppConfig) -> Vec<LiveSetting> {
    vec![
        LiveSetting::new(
            TIME_SCALE,
            &config.simulation.time_scale,
            parse_time_scale,
            |scale| scale,
        ),
        LiveSetting::new(
            SIGNUP_LIMIT,
            &config.accounts.signups_per_address_per_hour,
            parse_signup_limit,
            f64::from,
        ),
        LiveSetting::new(
            WEBHOOK_BACKOFF,
            &config.notifications.webhook_backoff,
            parse_webhook_backoff,
            |backoff| backoff.as_millis() as f64,
        ),
    ]
}

/// The `live` settings' current values as `vitrine_setting{name}` on `/metrics`.
pub fn settings_gauge(metrics: &crate::metrics::Metrics, live: &[LiveSetting]) -> prometheus::GaugeVec {
    let gauge = prometheus::GaugeVec::new(
        prometheus::Opts::new("vitrine_setting", "The value a live setting has in this process"),
        &["name"],
    )
    .expect("valid metric definition");
    metrics.register_collector(Box::new(gauge.clone()));
    for setting in live {
        gauge.with_label_values(&[setting.name]).set((setting.current)());
    }
    gauge
}

/// Follows the bucket until the task is dropped: each change of a live setting that the
/// environment does not pin applies at once, with a log line; a value that does not parse is
/// refused with one (the old value stays). Other settings wait for a restart.
pub fn follow(
    bucket: Bucket,
    live: Vec<LiveSetting>,
    pinned: HashSet<String>,
    gauge: prometheus::GaugeVec,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let live: HashMap<&str, LiveSetting> = live.into_iter().map(|s| (s.name, s)).collect();
        let mut last: HashMap<String, String> = HashMap::new();
        loop {
            match bucket.watch_with_history(">").await {
                Ok(mut changes) => {
                    while let Some(change) = changes.next().await {
                        let Ok(change) = change else { break };
                        if change.operation != kv::Operation::Put {
                            continue;
                        }
                        let text = String::from_utf8_lossy(&change.value).into_owned();
                        if last.get(&change.key) == Some(&text) {
                            continue;
                        }
                        last.insert(change.key.clone(), text.clone());
                        apply(&live, &pinned, &gauge, &change.key, &text);
                    }
                }
                Err(err) => tracing::warn!(error = %err, "cannot follow the shared settings; retrying"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
}

fn apply(
    live: &HashMap<&str, LiveSetting>,
    pinned: &HashSet<String>,
    gauge: &prometheus::GaugeVec,
    name: &str,
    text: &str,
) {
    let Some(setting) = live.get(name) else {
        tracing::info!(name, "shared setting changed; it applies at the next start");
        return;
    };
    if pinned.contains(name) {
        tracing::info!(
            name,
            "shared setting changed; this process's environment sets it, so it stays"
        );
        return;
    }
    match (setting.apply)(text) {
        Ok(value) => {
            gauge.with_label_values(&[name]).set(value);
            tracing::info!(name, value = text, "shared setting applied");
        }
        Err(err) => {
            tracing::warn!(name, value = text, error = %err, "shared setting refused; the old value stays")
        }
    }
}

#[cfg(test)]
mod tests;
