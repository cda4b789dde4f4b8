use crate::domain::{AttemptOutcome, DeliveryStatus};
use crate::loaders::AttemptsLoader;
use crate::sender::Sender;
use crate::store::{self, AttemptRow, DeliveryRow, WebhookRow};
use crate::webhook;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Object, Result, SimpleObject, ID};
use chrono::{DateTime, Utc};
use vitrine_kit::auth::{caller, require_customer};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::identity::Role;
use vitrine_kit::paging;

/// An endpoint Vitrine POSTs events to, signed with its secret (see the `Vitrine-Signature`
/// header).
pub struct Webhook(WebhookRow);

#[Object(name = "Webhook")]
impl Webhook {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn url(&self) -> &str {
        &self.0.url
    }
    /// The topics it receives; null means every topic.
    async fn topics(&self) -> Option<&[String]> {
        self.0.topics.as_deref()
    }
    /// Registered by an ADMIN: receives every customer's events, not only the owner's.
    async fn all_customers(&self) -> bool {
        self.0.all_customers
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// A new webhook and its signing secret. The secret is shown this once; keep it.
#[derive(SimpleObject)]
pub struct WebhookRegistration {
    pub webhook: Webhook,
    /// 32 random bytes, hex. Verify each delivery's `Vitrine-Signature` with it.
    pub secret: String,
}

/// One POST of one event.
pub struct WebhookAttempt(pub AttemptRow);

#[Object(name = "WebhookAttempt")]
impl WebhookAttempt {
    /// 1 for the first try.
    async fn attempt_no(&self) -> i32 {
        i32::try_from(self.0.attempt_no).unwrap_or(i32::MAX)
    }
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    async fn outcome(&self) -> AttemptOutcome {
        self.0.outcome
    }
    /// The HTTP status the endpoint answered, if it answered.
    async fn status_code(&self) -> Option<i32> {
        self.0.status_code.and_then(|c| i32::try_from(c).ok())
    }
    /// What went wrong, e.g. "connection refused".
    async fn error(&self) -> Option<&str> {
        self.0.error.as_deref()
    }
}

/// One event on its way to one webhook, with every attempt made.
pub struct WebhookDelivery(DeliveryRow);

#[Object(name = "WebhookDelivery")]
impl WebhookDelivery {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    /// The event's id, also in `Vitrine-Event-Id`: the same on every attempt.
    async fn event_id(&self) -> &str {
        &self.0.event_id
    }
    async fn topic(&self) -> &str {
        &self.0.topic
    }
    async fn status(&self) -> DeliveryStatus {
        self.0.status
    }
    /// Attempts made so far.
    async fn attempt_count(&self) -> i32 {
        i32::try_from(self.0.attempts).unwrap_or(i32::MAX)
    }
    async fn last_outcome(&self) -> Option<AttemptOutcome> {
        self.0.last_outcome
    }
    async fn last_status_code(&self) -> Option<i32> {
        self.0.last_status_code.and_then(|c| i32::try_from(c).ok())
    }
    async fn last_error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }
    /// While PENDING: when the next attempt is due.
    async fn next_attempt_at(&self) -> Option<DateTime<Utc>> {
        (self.0.status == DeliveryStatus::Pending).then_some(self.0.next_attempt_at)
    }
    /// The JSON body every attempt sends.
    async fn payload(&self) -> &str {
        &self.0.body
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// Every attempt, oldest first.
    async fn attempts(&self, ctx: &Context<'_>) -> Result<Vec<WebhookAttempt>> {
        let rows = ctx
            .data_unchecked::<DataLoader<AttemptsLoader>>()
            .load_one(self.0.id.clone())
            .await
            .gql()?
            .unwrap_or_default();
        Ok(rows.into_iter().map(WebhookAttempt).collect())
    }
}

/// One page of a webhook's delivery log, newest first.
#[derive(SimpleObject)]
pub struct WebhookDeliveryPage {
    pub deliveries: Vec<WebhookDelivery>,
    /// Pass as `after` for the next page; null on the last one.
    pub next_cursor: Option<String>,
}

/// The caller's webhook `id` (removed ones too, for their log); anyone else's is `NOT_FOUND`.
async fn own_webhook(ctx: &Context<'_>, id: &str) -> Result<WebhookRow, ApiError> {
    let owner = require_customer(ctx)?;
    store::webhook_by_id(ctx.data_unchecked::<Db>(), id)
        .await?
        .filter(|w| w.owner_id == owner)
        .ok_or_else(|| ApiError::not_found("no such webhook"))
}

#[derive(Default)]
pub struct WebhookQuery;

#[Object]
impl WebhookQuery {
    /// Your active webhooks, newest first.
    async fn my_webhooks(&self, ctx: &Context<'_>) -> Result<Vec<Webhook>> {
        let owner = require_customer(ctx).gql()?;
        let rows = store::webhooks_of_owner(ctx.data_unchecked::<Db>(), owner)
            .await
            .gql()?;
        Ok(rows.into_iter().map(Webhook).collect())
    }

    /// One of your webhooks' delivery log, newest first.
    async fn webhook_deliveries(
        &self,
        ctx: &Context<'_>,
        webhook_id: ID,
        #[graphql(default = 20, desc = "1 to 100.")] first: i32,
        after: Option<String>,
    ) -> Result<WebhookDeliveryPage> {
        let hook = own_webhook(ctx, &webhook_id).await.gql()?;
        let first = paging::check_first(first).gql()?;
        let after = paging::parse_after(after.as_deref()).gql()?;
        let mut rows = store::deliveries_page(ctx.data_unchecked::<Db>(), &hook.id, first + 1, after)
            .await
            .gql()?;
        let next_cursor = paging::next_page(&mut rows, first, |d| (d.created_at, d.id.as_str()));
        Ok(WebhookDeliveryPage {
            deliveries: rows.into_iter().map(WebhookDelivery).collect(),
            next_cursor,
        })
    }
}

#[derive(Default)]
pub struct WebhookMutation;

#[Object]
impl WebhookMutation {
    /// Registers `url` (http or https, on a public address: `BAD_USER_INPUT` for loopback,
    /// private, link-local or metadata addresses) for your events, or every customer's for an ADMIN.
    /// `topics` limits it to those topics; left out, it gets all of them. At most 10 per owner
    /// (`CONFLICT` beyond).
    async fn register_webhook(
        &self,
        ctx: &Context<'_>,
        url: String,
        topics: Option<Vec<String>>,
    ) -> Result<WebhookRegistration> {
        let owner = require_customer(ctx).gql()?;
        let allow_private = ctx.data_unchecked::<Sender>().allow_private();
        let url = webhook::check_url(&url, allow_private).gql()?;
        let topics = webhook::check_topics(topics).gql()?;
        let all_customers = caller(ctx).has_role(Role::Admin);
        let hook = webhook::register(ctx.data_unchecked::<Db>(), owner, all_customers, url, topics)
            .await
            .gql()?;
        Ok(WebhookRegistration {
            secret: hook.secret.clone(),
            webhook: Webhook(hook),
        })
    }

    /// Stops one of your webhooks; its pending deliveries are given up. Its log stays readable.
    async fn remove_webhook(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        let hook = own_webhook(ctx, &id).await.gql()?;
        webhook::remove(ctx.data_unchecked::<Db>(), &hook.id)
            .await
            .gql()?;
        Ok(true)
    }

    /// Sends a signed `webhook.ping` event to one of your webhooks now and says how it went:
    /// an endpoint that cannot be reached gives outcome UNREACHABLE and the reason in `error`.
    async fn ping_webhook(&self, ctx: &Context<'_>, id: ID) -> Result<WebhookAttempt> {
        let hook = own_webhook(ctx, &id).await.gql()?;
        if !hook.active {
            return Err(ApiError::not_found("no such webhook")).gql();
        }
        let attempt = ctx.data_unchecked::<Sender>().ping(&hook).await.gql()?;
        Ok(WebhookAttempt(attempt))
    }
}
