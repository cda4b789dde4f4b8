//! Webhooks: registering and removing them, what a registration may name, the JSON each
//! delivery carries, and one signed POST. The signature scheme itself is in
//! [`crate::signature`].

use crate::destination;
use crate::domain::{AttemptOutcome, Message, PING_TOPIC, TOPICS};
use crate::signature::{self, EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use crate::store::{self, WebhookRow};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;
use vitrine_kit::db::Db;
use vitrine_kit::error::ApiError;
use vitrine_kit::ids::new_id;

/// An endpoint that has not answered within this counts as TIMEOUT.
pub const TIMEOUT: Duration = Duration::from_secs(5);
/// Webhooks one owner may have at once.
pub const MAX_PER_OWNER: i64 = 10;
const MAX_URL_LEN: usize = 2048;

/// The URL as stored: it must parse, be http or https and name a host, which must be public
/// unless `allow_private` (see [`destination`]).
pub fn check_url(raw: &str, allow_private: bool) -> Result<String, ApiError> {
    let raw = raw.trim();
    if raw.len() > MAX_URL_LEN {
        return Err(ApiError::bad_input(format!(
            "url must be at most {MAX_URL_LEN} characters"
        )));
    }
    let url =
        url::Url::parse(raw).map_err(|e| ApiError::bad_input(format!("url is not a valid URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ApiError::bad_input(format!(
            "url must be http or https, not {}",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(ApiError::bad_input("url must name a host"));
    }
    destination::check_registration(&url, allow_private)?;
    Ok(url.to_string())
}

/// A new active webhook of `owner_id` with a fresh secret, for their events or, with
/// `all_customers` (an ADMIN's), every customer's. `url` and `topics` as [`check_url`] and
/// [`check_topics`] return them. `CONFLICT` when the owner already has [`MAX_PER_OWNER`].
pub async fn register(
    db: &Db,
    owner_id: &str,
    all_customers: bool,
    url: String,
    topics: Option<Vec<String>>,
) -> Result<WebhookRow, ApiError> {
    let hook = WebhookRow {
        id: new_id("whk"),
        owner_id: owner_id.to_string(),
        all_customers,
        url,
        secret: new_secret(),
        topics,
        active: true,
        created_at: store::now(),
    };
    // One owner's registrations take turns, so two at once cannot both pass the limit.
    let mut tx = db.begin_write_locked(owner_id).await?;
    if store::count_active_webhooks(&mut *tx, owner_id).await? >= MAX_PER_OWNER {
        return Err(ApiError::Conflict(format!(
            "you already have {MAX_PER_OWNER} webhooks; remove one first"
        )));
    }
    store::insert_webhook(&mut *tx, &hook).await?;
    tx.commit().await?;
    Ok(hook)
}

/// Stops webhook `id` and gives up its pending deliveries; its log stays. `NOT_FOUND` when it
/// was not active.
pub async fn remove(db: &Db, id: &str) -> Result<(), ApiError> {
    let mut tx = db.begin_write().await?;
    if !store::deactivate_webhook(&mut tx, id, store::now()).await? {
        return Err(ApiError::not_found("no such webhook"));
    }
    tx.commit().await?;
    Ok(())
}

/// The topics filter as stored: `None` (every topic) or known topics without repeats.
pub fn check_topics(topics: Option<Vec<String>>) -> Result<Option<Vec<String>>, ApiError> {
    let Some(topics) = topics else {
        return Ok(None);
    };
    if topics.is_empty() {
        return Err(ApiError::bad_input(
            "topics must name at least one topic; leave it out to get every topic",
        ));
    }
    let mut known = Vec::new();
    for topic in topics {
        let topic = topic.trim().to_string();
        if !TOPICS.contains(&topic.as_str()) {
            return Err(ApiError::bad_input(format!(
                "unknown topic {topic:?}; known topics: {}",
                TOPICS.join(", ")
            )));
        }
        if !known.contains(&topic) {
            known.push(topic);
        }
    }
    Ok(Some(known))
}

/// 32 random bytes, hex: the key receivers verify signatures with.
pub fn new_secret() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// The body every attempt of one event sends, byte for byte.
pub fn event_body(
    event_id: &str,
    topic: &str,
    occurred_at: &str,
    message: &Message,
    data: &serde_json::Value,
) -> String {
    json!({
        "id": event_id,
        "topic": topic,
        "occurredAt": occurred_at,
        "customerId": message.customer_id,
        "notification": {
            "title": message.title,
            "body": message.body,
            "orderId": message.order_id,
        },
        "data": data,
    })
    .to_string()
}

/// The body of a `webhook.ping` test event.
pub fn ping_body(event_id: &str, webhook_id: &str, owner_id: &str, at: &str) -> String {
    json!({
        "id": event_id,
        "topic": PING_TOPIC,
        "occurredAt": at,
        "customerId": owner_id,
        "notification": null,
        "data": { "webhookId": webhook_id },
    })
    .to_string()
}

/// The client every delivery uses, and whether it may reach non-public addresses.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    allow_private: bool,
}

impl Client {
    /// Whether this client may reach non-public addresses (`VITRINE_WEBHOOKS_ALLOW_PRIVATE`).
    pub fn allow_private(&self) -> bool {
        self.allow_private
    }
}

/// The timeout above; redirects are not followed (a 3xx is an answer, so HTTP_ERROR), so a
/// registered URL cannot bounce deliveries elsewhere; and unless `allow_private`, names
/// resolve to public addresses only and no proxy is used (a proxy would connect for us to
/// whatever the URL names, past that check).
pub fn client(allow_private: bool) -> Client {
    let builder = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none());
    let builder = if allow_private {
        builder
    } else {
        builder.dns_resolver(Arc::new(destination::PublicOnly)).no_proxy()
    };
    Client {
        http: builder.build().expect("an HTTP client with rustls builds"),
        allow_private,
    }
}

/// How one POST went.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub outcome: AttemptOutcome,
    pub status_code: Option<i64>,
    pub error: Option<String>,
}

/// POSTs `body` to `url`, signed now.
pub async fn post(client: &Client, url: &str, secret: &str, event_id: &str, body: &str) -> Sent {
    // IP literals are connected to without the resolver, so they are checked here.
    if let Some(refused) = destination::refused_literal(url, client.allow_private) {
        return Sent {
            outcome: AttemptOutcome::Unreachable,
            status_code: None,
            error: Some(refused),
        };
    }
    let timestamp = chrono::Utc::now().timestamp();
    let response = client
        .http
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(reqwest::header::USER_AGENT, "Vitrine-Webhooks/1")
        .header(EVENT_ID_HEADER, event_id)
        .header(TIMESTAMP_HEADER, timestamp.to_string())
        .header(
            SIGNATURE_HEADER,
            signature::sign(secret, timestamp, body.as_bytes()),
        )
        .body(body.to_string())
        .send()
        .await;
    match response {
        Ok(response) if response.status().is_success() => Sent {
            outcome: AttemptOutcome::Delivered,
            status_code: Some(response.status().as_u16().into()),
            error: None,
        },
        Ok(response) => Sent {
            outcome: AttemptOutcome::HttpError,
            status_code: Some(response.status().as_u16().into()),
            error: Some(format!("the endpoint answered {}", response.status())),
        },
        Err(err) => Sent {
            outcome: if err.is_timeout() {
                AttemptOutcome::Timeout
            } else {
                AttemptOutcome::Unreachable
            },
            status_code: None,
            error: Some(error_chain(&err)),
        },
    }
}

/// reqwest's own message is only "error sending request"; the cause (connection refused,
/// no such host, bad certificate) is what the owner of the endpoint needs.
fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use vitrine_kit::error::ErrorCode;

    #[test]
    fn only_http_and_https_urls_with_a_host_are_accepted() {
        assert_eq!(
            check_url(" https://hooks.example.com/vitrine?x=1 ", false).unwrap(),
            "https://hooks.example.com/vitrine?x=1"
        );
        assert!(check_url("http://127.0.0.1:8080/hook", true).is_ok());
        assert!(check_url("http://127.0.0.1:8080/hook", false).is_err());
        for bad in [
            "ftp://files.example.com/hook",
            "javascript:alert(1)",
            "garbage",
            "",
            "http://",
            "file:///etc/passwd",
            "mailto:ops@example.com",
        ] {
            let err = check_url(bad, true).unwrap_err();
            assert_eq!(err.code(), ErrorCode::BadUserInput, "{bad:?}");
        }
        assert_eq!(
            check_url(&format!("https://example.com/{}", "a".repeat(3000)), true)
                .unwrap_err()
                .code(),
            ErrorCode::BadUserInput
        );
    }

    #[test]
    fn topics_must_be_known_and_are_deduplicated() {
        assert_eq!(check_topics(None).unwrap(), None);
        assert_eq!(
            check_topics(Some(vec![
                "orders.order_status_changed".into(),
                "orders.order_status_changed".into()
            ]))
            .unwrap(),
            Some(vec!["orders.order_status_changed".to_string()])
        );
        for bad in [
            vec![],
            vec!["delivery.courier_moved".to_string()],
            vec!["nope".into()],
        ] {
            assert_eq!(
                check_topics(Some(bad)).unwrap_err().code(),
                ErrorCode::BadUserInput
            );
        }
    }

    #[test]
    fn secrets_are_32_random_bytes_in_hex() {
        let (a, b) = (new_secret(), new_secret());
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
