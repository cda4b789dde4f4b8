//! Storage settings shared by every process. Environment variables (documented in docs/configuration.md):
//! - `VITRINE_DATA_DIR` (default `./data`): SQLite files, one per subgraph.
//! - `DATABASE_URL` (unset → SQLite): a PostgreSQL server; each subgraph gets its own schema.
//! - `VITRINE_<SUBGRAPH>_DATABASE_URL`: one subgraph's own database, overriding `DATABASE_URL`.
//! - `VITRINE_DB_POOL_SIZE` (default 5): connections per subgraph pool.

use crate::identity::DEV_INTERNAL_SECRET;
use crate::tunable::Tunable;
use std::path::PathBuf;
use std::time::Duration;

/// Everything a subgraph process needs from its environment.
#[derive(Debug, Clone, Default)]
pub struct AppConfig {
    pub storage: StorageConfig,
    pub secrets: SecretsConfig,
    pub simulation: SimulationConfig,
    pub notifications: NotificationsConfig,
    pub events: EventsConfig,
    pub accounts: AccountsConfig,
    pub delivery_terms: DeliveryTermsConfig,
    pub live: LiveConfig,
}

impl AppConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        Ok(AppConfig {
            storage: StorageConfig::from_env()?,
            secrets: SecretsConfig::from_env()?,
            simulation: SimulationConfig::from_env()?,
            notifications: NotificationsConfig::from_env(&StorageConfig::from_env()?)?,
            events: EventsConfig::from_env()?,
            accounts: AccountsConfig::from_env()?,
            delivery_terms: DeliveryTermsConfig::from_env()?,
            live: LiveConfig::from_env()?,
        })
    }
}

/// The development JWT secret; production refuses it.
pub const DEV_JWT_SECRET: &str = "vitrine-dev-jwt-secret-change-me-0123456789";

/// Secrets and the trust between router and subgraphs. Environment:
/// - `VITRINE_ENV` (default `development`): `production` refuses the development defaults below.
/// - `VITRINE_JWT_SECRET`: HS256 key the accounts subgraph signs access tokens with and the
///   router verifies them with (32+ bytes; e.g. `openssl rand -base64 48`).
/// - `VITRINE_JWT_PRIVATE_KEY_FILE`: an Ed25519 or RSA private key (PEM); when set, access
///   tokens are EdDSA/RS256 and the router gets only the public key (preferred in production).
/// - `VITRINE_INTERNAL_SECRET`: HMAC key for the identity the router passes to subgraphs.
/// - `VITRINE_REQUIRE_ROUTER_SIGNATURE` (default: true in production): subgraphs refuse requests
///   that carry no router-signed identity at all, i.e. direct calls.
#[derive(Clone)]
pub struct SecretsConfig {
    pub jwt_secret: String,
    pub jwt_private_key_file: Option<PathBuf>,
    pub internal_secret: String,
    pub require_router_signature: bool,
}

impl std::fmt::Debug for SecretsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretsConfig")
            .field("require_router_signature", &self.require_router_signature)
            .finish_non_exhaustive()
    }
}

impl Default for SecretsConfig {
    fn default() -> Self {
        SecretsConfig {
            jwt_secret: DEV_JWT_SECRET.to_string(),
            jwt_private_key_file: None,
            internal_secret: DEV_INTERNAL_SECRET.to_string(),
            require_router_signature: false,
        }
    }
}

impl SecretsConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        let production = is_production();
        let var = |name: &str| std::env::var(name).ok().filter(|s| !s.is_empty());
        let defaults = SecretsConfig::default();
        let cfg = SecretsConfig {
            jwt_secret: var("VITRINE_JWT_SECRET").unwrap_or(defaults.jwt_secret),
            jwt_private_key_file: var("VITRINE_JWT_PRIVATE_KEY_FILE").map(PathBuf::from),
            internal_secret: var("VITRINE_INTERNAL_SECRET").unwrap_or(defaults.internal_secret),
            require_router_signature: match var("VITRINE_REQUIRE_ROUTER_SIGNATURE") {
                Some(v) => v == "true" || v == "1",
                None => production,
            },
        };
        if production {
            let mut required = vec![(
                "VITRINE_INTERNAL_SECRET",
                &cfg.internal_secret,
                DEV_INTERNAL_SECRET,
            )];
            // With a private key the HS256 secret is unused.
            if cfg.jwt_private_key_file.is_none() {
                required.push(("VITRINE_JWT_SECRET", &cfg.jwt_secret, DEV_JWT_SECRET));
            }
            let missing: Vec<&str> = required
                .into_iter()
                .filter(|(_, value, default)| value.as_str() == *default || value.len() < 32)
                .map(|(name, _, _)| name)
                .collect();
            anyhow::ensure!(
                missing.is_empty(),
                "in production, set {} to secrets of at least 32 characters \
                 (for example: export VITRINE_INTERNAL_SECRET=\"$(openssl rand -base64 48)\"); \
                 VITRINE_JWT_PRIVATE_KEY_FILE (an Ed25519 or RSA PEM) replaces VITRINE_JWT_SECRET",
                missing.join(" and ")
            );
        }
        Ok(cfg)
    }
}

/// `VITRINE_ENV=production`: development defaults refused, diagnostics off.
pub fn is_production() -> bool {
    std::env::var("VITRINE_ENV").is_ok_and(|v| v == "production")
}

/// Where events go between processes. Environment:
/// - `VITRINE_NATS_URL` (unset: in process): a NATS server with JetStream, e.g.
///   `nats://127.0.0.1:4222`; every process of one deployment must name the same one.
/// - `VITRINE_EVENTS_NAMESPACE` (default `vitrine`): subject prefix and stream name, so several
///   deployments (or test systems) can share one NATS server without seeing each other; also
///   names the registry bucket (`<namespace>_instances`, see `kit::registry`).
/// - `VITRINE_ADVERTISE_URL` (default `http://127.0.0.1:<port>/graphql`): the `/graphql` URL a
///   subgraph process registers, i.e. where the others reach it; set it when they run on other
///   machines.
#[derive(Debug, Clone)]
pub struct EventsConfig {
    pub nats_url: Option<String>,
    pub namespace: String,
    pub advertise_url: Option<String>,
}

impl Default for EventsConfig {
    fn default() -> Self {
        EventsConfig {
            nats_url: None,
            namespace: "vitrine".into(),
            advertise_url: None,
        }
    }
}

impl EventsConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        let namespace = env_var("VITRINE_EVENTS_NAMESPACE").unwrap_or_else(|| "vitrine".into());
        anyhow::ensure!(
            !namespace.is_empty()
                && namespace
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'),
            "VITRINE_EVENTS_NAMESPACE may hold only letters, digits, '_' and '-'"
        );
        Ok(EventsConfig {
            nats_url: env_var("VITRINE_NATS_URL"),
            namespace,
            advertise_url: env_var("VITRINE_ADVERTISE_URL"),
        })
    }
}

/// Live subscriptions. Environment:
/// - `VITRINE_LIVE_REFRESH_SECS` (default 30; 0: never): a subscription of a state field
///   (`stockChanged`, `orderStatusChanged`, `deliveryUpdated`) that had no news for this long
///   is sent its current state again. The router (Hive 0.2.5) closes a subscription at the
///   subgraph only when a result finds its client gone, so this bounds how long one whose
///   client left holds its seat (`kit::live::PER_CALLER`) and its memory.
#[derive(Debug, Clone)]
pub struct LiveConfig {
    pub refresh_idle: Option<Duration>,
}

impl Default for LiveConfig {
    fn default() -> Self {
        LiveConfig {
            refresh_idle: Some(Duration::from_secs(30)),
        }
    }
}

impl LiveConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        match env_var("VITRINE_LIVE_REFRESH_SECS") {
            Some(text) => Ok(LiveConfig {
                refresh_idle: refresh_idle(&text)?,
            }),
            None => Ok(LiveConfig::default()),
        }
    }
}

/// `VITRINE_LIVE_REFRESH_SECS`'s value: seconds up to a day, `0` for never.
fn refresh_idle(text: &str) -> anyhow::Result<Option<Duration>> {
    let seconds: f64 = text
        .trim()
        .parse()
        .ok()
        .filter(|s: &f64| (0.0..=86_400.0).contains(s))
        .ok_or_else(|| {
            anyhow::anyhow!("VITRINE_LIVE_REFRESH_SECS: seconds up to a day, 0 for never, not {text:?}")
        })?;
    Ok((seconds > 0.0).then(|| Duration::from_secs_f64(seconds)))
}

/// The automated kitchen and the courier simulation. Environment:
/// - `VITRINE_TIME_SCALE` (default 10): simulated seconds per real second; a 10-minute pizza
///   takes a minute at 10, 0.6 s at 1000 (what the tests use). 1 is real time.
/// - `VITRINE_SIM_TICK_MS` (default 200): how often the kitchen and couriers advance.
/// - `VITRINE_SIMULATE_COURIERS` (default true): the demo couriers drive, pick up and deliver on
///   their own; false leaves every courier to its app (the courier mutations).
#[derive(Debug, Clone)]
pub struct SimulationConfig {
    /// Changes at run time through the config server (`crate::settings`).
    pub time_scale: Tunable<f64>,
    pub tick: std::time::Duration,
    pub simulate_couriers: bool,
}

impl Default for SimulationConfig {
    fn default() -> Self {
        SimulationConfig {
            time_scale: Tunable::new(10.0),
            tick: std::time::Duration::from_millis(200),
            simulate_couriers: true,
        }
    }
}

impl SimulationConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        let mut cfg = SimulationConfig::default();
        if let Some(scale) = env_var(TIME_SCALE) {
            cfg.time_scale.set(parse_time_scale(&scale)?);
        }
        if let Some(ms) = env_var("VITRINE_SIM_TICK_MS") {
            let ms: u64 = ms
                .parse()
                .ok()
                .filter(|ms| *ms > 0)
                .ok_or_else(|| anyhow::anyhow!("VITRINE_SIM_TICK_MS must be a positive integer"))?;
            cfg.tick = std::time::Duration::from_millis(ms);
        }
        if let Some(on) = env_var("VITRINE_SIMULATE_COURIERS") {
            cfg.simulate_couriers = on == "true" || on == "1";
        }
        Ok(cfg)
    }

    /// Real time for `simulated_seconds` of simulated time.
    pub fn real(&self, simulated_seconds: f64) -> std::time::Duration {
        std::time::Duration::from_secs_f64((simulated_seconds / self.time_scale.get()).max(0.0))
    }
}

/// The settings that apply while a process runs (`crate::settings` watches them).
pub const TIME_SCALE: &str = "VITRINE_TIME_SCALE";
pub const SIGNUP_LIMIT: &str = "VITRINE_SIGNUP_LIMIT_PER_HOUR";
pub const WEBHOOK_BACKOFF: &str = "VITRINE_WEBHOOK_BACKOFF_MS";

pub fn parse_time_scale(value: &str) -> anyhow::Result<f64> {
    value
        .parse()
        .ok()
        .filter(|s: &f64| s.is_finite() && *s > 0.0)
        .ok_or_else(|| anyhow::anyhow!("{TIME_SCALE} must be a positive number"))
}

pub fn parse_signup_limit(value: &str) -> anyhow::Result<u32> {
    value
        .parse()
        .map_err(|_| anyhow::anyhow!("{SIGNUP_LIMIT} must be a whole number"))
}

pub fn parse_webhook_backoff(value: &str) -> anyhow::Result<std::time::Duration> {
    value
        .parse()
        .map(std::time::Duration::from_millis)
        .map_err(|_| anyhow::anyhow!("{WEBHOOK_BACKOFF} must be a whole number of milliseconds"))
}

/// Sign-up limits. Environment:
/// - `VITRINE_SIGNUP_LIMIT_PER_HOUR` (default 10): accounts one client address may create per
///   hour (`RATE_LIMITED` beyond); 0 turns the limit off (tests that sign up crowds from
///   127.0.0.1). Behind a proxy, the router must see real client addresses (its
///   `trust_forwarded_for`), or every visitor shares one address and one limit.
#[derive(Debug, Clone)]
pub struct AccountsConfig {
    /// Changes at run time through the config server (`crate::settings`).
    pub signups_per_address_per_hour: Tunable<u32>,
}

impl Default for AccountsConfig {
    fn default() -> Self {
        AccountsConfig {
            signups_per_address_per_hour: Tunable::new(10),
        }
    }
}

impl AccountsConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        let cfg = AccountsConfig::default();
        if let Some(limit) = env_var(SIGNUP_LIMIT) {
            cfg.signups_per_address_per_hour.set(parse_signup_limit(&limit)?);
        }
        Ok(cfg)
    }
}

/// What delivery costs and how far it goes (docs/configuration.md has the rules). Environment,
/// amounts in tiyn:
/// - `VITRINE_DELIVERY_BASE_FEE` (default 59000, ₸590): the fee for a route up to the included
///   distance.
/// - `VITRINE_DELIVERY_INCLUDED_M` (default 3000): metres of route the base fee covers.
/// - `VITRINE_DELIVERY_FEE_PER_KM` (default 12000, ₸120): added for each started kilometre
///   beyond.
/// - `VITRINE_DELIVERY_FREE_FROM` (default 2000000, ₸20 000; 0: never): goods worth this much
///   or more travel free.
/// - `VITRINE_DELIVERY_MAX_M` (default 25000): the farthest a door may be from any shop of the
///   order, in a straight line; farther is outside the delivery area.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryTermsConfig {
    pub base_fee: i64,
    pub included_m: i64,
    pub fee_per_km: i64,
    pub free_from: i64,
    pub max_m: i64,
}

impl Default for DeliveryTermsConfig {
    fn default() -> Self {
        DeliveryTermsConfig {
            base_fee: 59_000,
            included_m: 3_000,
            fee_per_km: 12_000,
            free_from: 2_000_000,
            max_m: 25_000,
        }
    }
}

impl DeliveryTermsConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        let defaults = DeliveryTermsConfig::default();
        let number = |name: &str, default: i64| -> anyhow::Result<i64> {
            match env_var(name) {
                None => Ok(default),
                Some(v) => v
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (0..=1_000_000_000_000).contains(n))
                    .ok_or_else(|| anyhow::anyhow!("{name} must be a whole number, 0 or more")),
            }
        };
        Ok(DeliveryTermsConfig {
            base_fee: number("VITRINE_DELIVERY_BASE_FEE", defaults.base_fee)?,
            included_m: number("VITRINE_DELIVERY_INCLUDED_M", defaults.included_m)?,
            fee_per_km: number("VITRINE_DELIVERY_FEE_PER_KM", defaults.fee_per_km)?,
            free_from: number("VITRINE_DELIVERY_FREE_FROM", defaults.free_from)?,
            max_m: number("VITRINE_DELIVERY_MAX_M", defaults.max_m)?,
        })
    }
}

/// How notifications leave. Environment:
/// - `VITRINE_SMTP_URL` (unset: development): an SMTP server, e.g.
///   `smtps://user:pass@smtp.example.com:465` or `smtp://127.0.0.1:1025`.
/// - `VITRINE_MAIL_DIR` (default `<data dir>/mail`): without SMTP, each email is written there
///   as an `.eml` file.
/// - `VITRINE_MAIL_FROM` (default `Vitrine <no-reply@vitrine.local>`).
/// - `VITRINE_WEBHOOK_BACKOFF_MS` (default 1000): first retry delay of a failed webhook
///   delivery, doubled on each attempt; `VITRINE_WEBHOOK_MAX_ATTEMPTS` (default 8).
/// - `VITRINE_WEBHOOKS_ALLOW_PRIVATE` (default false): webhooks may be registered for and sent
///   to loopback, private, link-local and other non-public addresses. For development and
///   tests only: customers choose webhook URLs, and this lets them reach our own network.
#[derive(Debug, Clone)]
pub struct NotificationsConfig {
    pub smtp_url: Option<String>,
    pub mail_dir: PathBuf,
    pub mail_from: String,
    /// Changes at run time through the config server (`crate::settings`).
    pub webhook_backoff: Tunable<std::time::Duration>,
    pub webhook_max_attempts: u32,
    pub webhooks_allow_private: bool,
}

impl Default for NotificationsConfig {
    fn default() -> Self {
        NotificationsConfig {
            smtp_url: None,
            mail_dir: PathBuf::from("data/mail"),
            mail_from: "Vitrine <no-reply@vitrine.local>".into(),
            webhook_backoff: Tunable::new(std::time::Duration::from_secs(1)),
            webhook_max_attempts: 8,
            webhooks_allow_private: false,
        }
    }
}

impl NotificationsConfig {
    pub fn from_env(storage: &StorageConfig) -> anyhow::Result<Self> {
        let defaults = NotificationsConfig::default();
        let number = |name: &str| -> anyhow::Result<Option<u64>> {
            env_var(name)
                .map(|v| {
                    v.parse::<u64>()
                        .map_err(|_| anyhow::anyhow!("{name} must be a positive integer"))
                })
                .transpose()
        };
        Ok(NotificationsConfig {
            smtp_url: env_var("VITRINE_SMTP_URL"),
            mail_dir: env_var("VITRINE_MAIL_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| storage.data_dir.join("mail")),
            mail_from: env_var("VITRINE_MAIL_FROM").unwrap_or(defaults.mail_from),
            webhook_backoff: match env_var(WEBHOOK_BACKOFF) {
                Some(ms) => Tunable::new(parse_webhook_backoff(&ms)?),
                None => defaults.webhook_backoff,
            },
            webhook_max_attempts: number("VITRINE_WEBHOOK_MAX_ATTEMPTS")?
                .map(|n| n.max(1) as u32)
                .unwrap_or(defaults.webhook_max_attempts),
            webhooks_allow_private: env_var("VITRINE_WEBHOOKS_ALLOW_PRIVATE")
                .is_some_and(|v| v == "true" || v == "1"),
        })
    }
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|s| !s.is_empty())
}

#[derive(Debug, Clone)]
pub struct StorageConfig {
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub pool_size: u32,
}

impl Default for StorageConfig {
    fn default() -> Self {
        StorageConfig {
            data_dir: PathBuf::from("data"),
            database_url: None,
            pool_size: 5,
        }
    }
}

impl StorageConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        let mut cfg = StorageConfig::default();
        if let Ok(dir) = std::env::var("VITRINE_DATA_DIR") {
            cfg.data_dir = PathBuf::from(dir);
        }
        cfg.database_url = std::env::var("DATABASE_URL").ok().filter(|s| !s.is_empty());
        if let Ok(size) = std::env::var("VITRINE_DB_POOL_SIZE") {
            cfg.pool_size = size
                .parse()
                .map_err(|_| anyhow::anyhow!("VITRINE_DB_POOL_SIZE must be a positive integer"))?;
        }
        Ok(cfg)
    }

    /// For tests beside the code: SQLite under `data_dir`, or, when `VITRINE_TEST_DATABASE_URL`
    /// names a PostgreSQL server (as CI sets it), a fresh `vitrine_test_…` database there (CI
    /// drops those before each run).
    pub fn for_tests(data_dir: &std::path::Path) -> Self {
        let database_url = env_var("VITRINE_TEST_DATABASE_URL").map(|server| {
            let name = uuid::Uuid::new_v4().simple();
            format!("{}/vitrine_test_{name}", server.trim_end_matches('/'))
        });
        StorageConfig {
            data_dir: data_dir.to_path_buf(),
            database_url,
            ..StorageConfig::default()
        }
    }

    /// Where one subgraph's data lives.
    pub fn target_for(&self, subgraph: &str) -> DbTarget {
        let own = format!("VITRINE_{}_DATABASE_URL", subgraph.to_ascii_uppercase());
        if let Some(url) = std::env::var(own).ok().filter(|s| !s.is_empty()) {
            return DbTarget::Postgres { url, schema: None };
        }
        match &self.database_url {
            Some(url) => DbTarget::Postgres {
                url: url.clone(),
                schema: Some(subgraph.to_string()),
            },
            None => DbTarget::Sqlite {
                path: self.data_dir.join(format!("{subgraph}.db")),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbTarget {
    Sqlite {
        path: PathBuf,
    },
    /// `schema` set: share one database, one schema per subgraph (search_path).
    Postgres {
        url: String,
        schema: Option<String>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_live_refresh_is_seconds_or_never() {
        assert_eq!(refresh_idle("30").unwrap(), Some(Duration::from_secs(30)));
        assert_eq!(refresh_idle(" 0.5 ").unwrap(), Some(Duration::from_millis(500)));
        assert_eq!(refresh_idle("0").unwrap(), None);
        for wrong in ["-1", "NaN", "inf", "1e9", "soon"] {
            assert!(refresh_idle(wrong).is_err(), "{wrong}");
        }
        assert_eq!(LiveConfig::default().refresh_idle, Some(Duration::from_secs(30)));
    }
}
