//! Rate limits per client address and per signed-in caller: GCRA (a token bucket without a
//! timer) from `governor` in memory, or the same algorithm in Redis when several routers serve
//! one deployment (`redis_url`). When Redis does not answer in time the process falls back to
//! its own buckets, so an outage of Redis weakens the limit to per-replica but never blocks
//! traffic or a worker.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::Deserialize;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::OnceCell;

/// A sustained rate and how many requests may come at once above it. `per_second: 0` turns
/// the limit off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotaConfig {
    pub per_second: u32,
    pub burst: u32,
}

impl QuotaConfig {
    /// `"RATE:BURST"` (e.g. `50:200`), or `0` for off; the form the environment overrides use.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text == "0" || text == "off" {
            return Ok(QuotaConfig {
                per_second: 0,
                burst: 0,
            });
        }
        let (rate, burst) = text
            .split_once(':')
            .ok_or_else(|| format!("expected RATE:BURST or 0, got {text:?}"))?;
        let number = |s: &str| s.trim().parse::<u32>().map_err(|e| format!("{s:?}: {e}"));
        Ok(QuotaConfig {
            per_second: number(rate)?,
            burst: number(burst)?,
        })
    }

    fn quota(self) -> Option<Quota> {
        let rate = NonZeroU32::new(self.per_second)?;
        let burst = NonZeroU32::new(self.burst.max(self.per_second)).unwrap_or(rate);
        Some(Quota::per_second(rate).allow_burst(burst))
    }
}

/// Distinct keys held in memory before idle ones are dropped (each costs well under 100 B).
const PRUNE_AT_KEYS: usize = 50_000;
/// How long a Redis answer may take before this process decides alone.
const REDIS_BUDGET: Duration = Duration::from_millis(100);
/// After Redis failed, how long to decide alone before asking it again.
const REDIS_RETRY_AFTER: Duration = Duration::from_secs(5);

/// One kind of limit (per address, or per caller).
pub struct Limiter {
    name: &'static str,
    config: QuotaConfig,
    local: Option<DefaultKeyedRateLimiter<String>>,
    shared: Option<Arc<SharedBuckets>>,
}

impl Limiter {
    pub fn new(name: &'static str, config: QuotaConfig, shared: Option<Arc<SharedBuckets>>) -> Self {
        Limiter {
            name,
            config,
            local: config.quota().map(RateLimiter::keyed),
            shared,
        }
    }

    /// `Err(wait)` when `key` is over its quota.
    pub async fn check(&self, key: &str) -> Result<(), Duration> {
        self.check_n(key, 1).await
    }

    /// The same for `n` requests at once (a mutation's root fields each count).
    pub async fn check_n(&self, key: &str, n: u32) -> Result<(), Duration> {
        let Some(local) = &self.local else { return Ok(()) };
        let Some(n) = NonZeroU32::new(n) else {
            return Ok(());
        };
        if let Some(shared) = &self.shared {
            if let Some(answer) = shared.check(self.name, key, self.config, n.get()).await {
                return answer;
            }
        }
        if local.len() > PRUNE_AT_KEYS {
            local.retain_recent();
        }
        match local.check_key_n(&key.to_string(), n) {
            Ok(answer) => answer.map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now())),
            // More at once than the burst holds: they never fit, however long the wait.
            Err(_) => Err(Duration::from_secs(
                u64::from(n.get() / self.config.per_second.max(1)).max(1),
            )),
        }
    }
}

/// The key for a client address: IPv6 clients by their /64, which one subscriber usually holds
/// whole, so rotating addresses inside it does not escape the limit.
pub fn address_key(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// GCRA in one Lua call: the key holds the theoretical arrival time (ms) of the next request.
/// `ARGV[3]` requests arrive at once. Answers 0 when allowed, else how many ms to wait.
const GCRA: &str = r#"
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local count = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or now_ms)
if tat < now_ms then tat = now_ms end
local wait = tat + interval * (count - 1) - tolerance - now_ms
if wait > 0 then return wait end
local next_tat = tat + interval * count
redis.call('SET', KEYS[1], next_tat, 'PX', math.max(1, next_tat - now_ms))
return 0
"#;

/// Buckets in Redis, shared by every router of a deployment. Redis calls run on a small runtime
/// of their own: the router's workers are ntex's, and a Redis connection must live on tokio.
pub struct SharedBuckets {
    client: redis::Client,
    /// Always `Some` until dropped (see `Drop`).
    runtime: Option<tokio::runtime::Runtime>,
    connection: Arc<OnceCell<redis::aio::ConnectionManager>>,
    script: redis::Script,
    /// Unix ms before which Redis is not asked again (after a failure).
    quiet_until: AtomicU64,
    namespace: String,
}

impl SharedBuckets {
    pub fn new(url: &str, namespace: &str) -> Result<Self, String> {
        let client = redis::Client::open(url).map_err(|e| format!("VITRINE_REDIS_URL: {e}"))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("vitrine-redis")
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        Ok(SharedBuckets {
            client,
            runtime: Some(runtime),
            connection: Arc::new(OnceCell::new()),
            script: redis::Script::new(GCRA),
            quiet_until: AtomicU64::new(0),
            namespace: namespace.to_string(),
        })
    }

    /// `None` when Redis could not decide in time; the caller then decides alone.
    async fn check(
        &self,
        limit: &str,
        key: &str,
        config: QuotaConfig,
        count: u32,
    ) -> Option<Result<(), Duration>> {
        if now_ms() < self.quiet_until.load(Ordering::Relaxed) {
            return None;
        }
        let interval = 1000.0 / f64::from(config.per_second.max(1));
        let tolerance = interval * f64::from(config.burst.max(config.per_second).saturating_sub(1));
        let redis_key = format!("{}:rate:{limit}:{key}", self.namespace);
        let (client, connection, script) =
            (self.client.clone(), self.connection.clone(), self.script.clone());
        let runtime = self.runtime.as_ref().expect("runtime until dropped");
        let call = runtime.spawn(async move {
            let mut connection = connection
                .get_or_try_init(|| redis::aio::ConnectionManager::new(client))
                .await?
                .clone();
            script
                .key(redis_key)
                .arg(interval.ceil() as u64)
                .arg(tolerance.floor() as u64)
                .arg(count)
                .invoke_async::<u64>(&mut connection)
                .await
        });
        match tokio::time::timeout(REDIS_BUDGET, call).await {
            Ok(Ok(Ok(0))) => Some(Ok(())),
            Ok(Ok(Ok(wait_ms))) => Some(Err(Duration::from_millis(wait_ms))),
            failure => {
                let why = match failure {
                    Ok(Ok(Err(e))) => e.to_string(),
                    Ok(Err(e)) => e.to_string(),
                    _ => "no answer in time".to_string(),
                };
                tracing::warn!(error = %why, "Redis rate limits unavailable; limiting per router for now");
                self.quiet_until
                    .store(now_ms() + REDIS_RETRY_AFTER.as_millis() as u64, Ordering::Relaxed);
                None
            }
        }
    }
}

impl Drop for SharedBuckets {
    /// The router drops its plugins inside its own async runtime, where dropping a tokio
    /// runtime the ordinary way panics; this one has nothing to finish anyway.
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_parse_from_the_environment_form() {
        assert_eq!(
            QuotaConfig::parse("50:200"),
            Ok(QuotaConfig {
                per_second: 50,
                burst: 200
            })
        );
        assert_eq!(QuotaConfig::parse("0").unwrap().per_second, 0);
        assert!(QuotaConfig::parse("fast").is_err());
    }

    #[tokio::test]
    async fn a_burst_passes_then_the_key_waits_and_other_keys_do_not() {
        let limiter = Limiter::new(
            "test",
            QuotaConfig {
                per_second: 1,
                burst: 3,
            },
            None,
        );
        for _ in 0..3 {
            assert!(limiter.check("a").await.is_ok());
        }
        let wait = limiter.check("a").await.unwrap_err();
        assert!(
            wait > Duration::from_millis(500) && wait <= Duration::from_secs(1),
            "{wait:?}"
        );
        assert!(limiter.check("b").await.is_ok());
    }

    #[tokio::test]
    async fn several_at_once_take_as_many_from_the_bucket() {
        let limiter = Limiter::new(
            "test",
            QuotaConfig {
                per_second: 1,
                burst: 10,
            },
            None,
        );
        assert!(limiter.check_n("a", 6).await.is_ok());
        assert!(limiter.check_n("a", 6).await.is_err());
        assert!(limiter.check_n("a", 4).await.is_ok());
        assert!(limiter.check("a").await.is_err());
        // More than the burst never fits.
        assert!(limiter.check_n("b", 11).await.is_err());
    }

    #[tokio::test]
    async fn zero_turns_the_limit_off() {
        let limiter = Limiter::new("test", QuotaConfig::parse("0").unwrap(), None);
        for _ in 0..1000 {
            assert!(limiter.check("a").await.is_ok());
        }
    }

    /// The router drops its plugins from inside its own runtime (at shutdown).
    #[tokio::test]
    async fn shared_buckets_can_be_dropped_inside_a_runtime() {
        drop(SharedBuckets::new("redis://127.0.0.1:6379", "test").unwrap());
    }

    #[test]
    fn ipv6_clients_share_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_eq!(address_key(a), address_key(b));
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
        assert_eq!(address_key(mapped), "10.0.0.1");
    }

    /// Two limiters on one Redis (two routers) share one bucket. Skipped quietly without Redis
    /// only outside CI: CI starts Redis (scripts/services).
    #[test]
    fn routers_sharing_redis_share_the_bucket() {
        let url = std::env::var("VITRINE_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
        let namespace = format!("test{}", uuid_like());
        let quota = QuotaConfig {
            per_second: 1,
            burst: 4,
        };
        let first = Limiter::new(
            "caller",
            quota,
            Some(Arc::new(SharedBuckets::new(&url, &namespace).unwrap())),
        );
        let second = Limiter::new(
            "caller",
            quota,
            Some(Arc::new(SharedBuckets::new(&url, &namespace).unwrap())),
        );
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            // The first call may spend its budget connecting; warm both up on another key.
            let _ = first.check("warm").await;
            let _ = second.check("warm").await;
            let connected = || {
                [&first, &second]
                    .iter()
                    .all(|l| l.shared.as_ref().unwrap().connection.initialized())
            };
            let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
            while !connected() && tokio::time::Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            let redis_up = connected();
            for limiter in [&first, &second] {
                let shared = limiter.shared.as_ref().unwrap();
                shared.quiet_until.store(0, Ordering::Relaxed);
            }
            if !redis_up && std::env::var("CI").is_err() {
                eprintln!("no Redis at {url}: skipped");
                return;
            }
            let mut allowed = 0;
            for i in 0..8 {
                let limiter = if i % 2 == 0 { &first } else { &second };
                if limiter.check("alice").await.is_ok() {
                    allowed += 1;
                }
            }
            assert_eq!(allowed, 4, "the burst is shared across both routers");
            // Several at once take as many from the shared bucket.
            assert!(first.check_n("bob", 3).await.is_ok());
            assert!(second.check_n("bob", 2).await.is_err());
            assert!(second.check_n("bob", 1).await.is_ok());
        });
    }

    fn uuid_like() -> u128 {
        SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos()
    }
}
