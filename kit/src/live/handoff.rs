//! A live subscription handed from async-graphql to its subgraph's WebSocket after its first
//! result. async-graphql runs a subscription as a stream that keeps its whole request for the
//! subscription's life: a copy of the document, the variables, a query environment, another
//! copy of the root field (about 12 KiB for the storefront's `deliveryUpdated`, most of a
//! followed order's memory in delivery). When the request's data holds a [`HandoffSlot`],
//! [`follow`](super::follow) yields only its first state through async-graphql and leaves the
//! rest in the slot: what it follows (hub registration, seat, expiry), the request's data, and
//! the [`Shape`] that resolves each later state, one per document on a connection instead of
//! one per subscription.

use async_graphql::extensions::ResolveInfo;
use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::Field;
use async_graphql::{
    Context, Data, OutputType, Positioned, QueryEnv, QueryEnvInner, QueryPathNode, QueryPathSegment,
    Response, SchemaEnv, Value,
};
use futures::future::{self, BoxFuture};
use futures::stream::{self, Stream, StreamExt};
use std::sync::{Arc, Mutex, OnceLock, Weak};

/// Query environments a shape keeps for reuse; more are made while more states resolve at once.
pub(super) const IDLE_ENVIRONMENTS: usize = 8;

/// Where a [`Shape`] is made once for every subscription of one document.
pub type ShapeCell = OnceLock<Shape>;

/// What resolves states for every subscription of one document (same text, operation, and
/// variables wherever the root field's selection uses them) on one connection: the root field,
/// and query environments made from the first subscription's. Each state resolves with its own
/// subscriber's request data ahead of the environment's (which has none), so a shared shape
/// never shows one caller another's data. The environment's async-graphql extensions are the
/// first subscriber's: their hooks (Vitrine's subgraphs register none) would see its data.
pub struct Shape {
    field: Positioned<Field>,
    /// The schema's subscription type, for extensions' hooks.
    parent_type: String,
    template: QueryEnv,
    /// Environments not in use: one per resolution at a time, since resolvers add their errors
    /// to the environment's list.
    idle: Mutex<Vec<QueryEnv>>,
}

impl Shape {
    fn of(ctx: &Context<'_>) -> Shape {
        Shape {
            field: ctx.item.clone(),
            parent_type: ctx
                .schema_env
                .registry
                .subscription_type
                .clone()
                .unwrap_or_default(),
            template: copy(ctx.query_env),
            idle: Mutex::default(),
        }
    }

    /// `item` as the response async-graphql would give for it as this subscription's next
    /// result (the same steps as its `#[Subscription]` code), resolved as `data`'s caller.
    async fn resolve<V: OutputType>(&self, schema_env: &SchemaEnv, data: &Data, item: &V) -> Response {
        let env = self
            .idle
            .lock()
            .expect("shape lock")
            .pop()
            .unwrap_or_else(|| copy(&self.template));
        let name = &self.field.node.response_key().node;
        let path = QueryPathNode {
            parent: None,
            segment: QueryPathSegment::Name(name),
        };
        let mut response = {
            let ctx = env.create_context(schema_env, Some(path), &self.field.node.selection_set, Some(data));
            let return_type = V::qualified_type_name();
            let info = ResolveInfo {
                path_node: ctx.path_node.as_ref().expect("set above"),
                parent_type: &self.parent_type,
                return_type: &return_type,
                name: self.field.node.name.node.as_str(),
                alias: self.field.node.alias.as_ref().map(|alias| alias.node.as_str()),
                is_for_introspection: false,
                field: &self.field.node,
            };
            let resolving = async { item.resolve(&ctx, &self.field).await.map(Some) };
            futures::pin_mut!(resolving);
            match env.extensions.resolve(info, &mut resolving).await {
                Ok(value) => Response::new(Value::Object(IndexMap::from([(
                    name.clone(),
                    value.unwrap_or_default(),
                )]))),
                Err(error) => Response::from_errors(vec![error]),
            }
        };
        response
            .errors
            .append(&mut env.errors.lock().expect("errors lock"));
        let mut idle = self.idle.lock().expect("shape lock");
        if idle.len() < IDLE_ENVIRONMENTS {
            idle.push(env);
        }
        response
    }
}

/// A fresh environment like `env`, without its request data, uploads, headers or errors.
fn copy(env: &QueryEnvInner) -> QueryEnv {
    QueryEnv::new(QueryEnvInner {
        extensions: env.extensions.clone(),
        variables: env.variables.clone(),
        operation_name: env.operation_name.clone(),
        operation: env.operation.clone(),
        fragments: env.fragments.clone(),
        uploads: Vec::new(),
        session_data: env.session_data.clone(),
        query_data: Arc::default(),
        http_headers: Mutex::default(),
        introspection_mode: env.introspection_mode,
        errors: Mutex::default(),
    })
}

/// A subscription's states after its first, each as its next response; `None` at its end.
pub(super) trait Follower: Send {
    fn next<'a>(&'a mut self, shape: &'a Shape) -> BoxFuture<'a, Option<Response>>;
}

/// Owned by whoever runs the subscription (the socket's task for it), so that what `follow`
/// leaves here is dropped with that task even if it never took it: the request's data, which
/// the follower keeps, holds only a [`HandoffSlot`].
pub struct Handoff {
    shape: Arc<ShapeCell>,
    follower: Mutex<Option<Box<dyn Follower>>>,
}

/// Put in a subscription's request data: lets `follow` hand the subscription over.
pub struct HandoffSlot(Weak<Handoff>);

impl Handoff {
    /// A hand-off whose shape is `shape` (made by the first subscription that hands over).
    pub fn new(shape: Arc<ShapeCell>) -> Arc<Handoff> {
        Arc::new(Handoff {
            shape,
            follower: Mutex::default(),
        })
    }

    pub fn slot(self: &Arc<Self>) -> HandoffSlot {
        HandoffSlot(Arc::downgrade(self))
    }

    /// The rest of the subscription, if `follow` handed it over.
    fn take(&self) -> Option<HandedOver> {
        let follower = self.follower.lock().expect("hand-off lock").take()?;
        Some(HandedOver {
            follower,
            shape: self.shape.clone(),
        })
    }

    /// The subscription's results after async-graphql's stream ended: none unless `follow`
    /// handed it over. Taken when first polled, so after that stream's end if chained to it.
    pub fn rest(self: Arc<Self>) -> impl Stream<Item = Response> + Send + 'static {
        stream::once(async move { self.take() })
            .filter_map(future::ready)
            .flat_map(|handed_over| {
                stream::unfold(handed_over, |mut handed_over| async move {
                    let next = handed_over.next().await?;
                    Some((next, handed_over))
                })
            })
    }

    pub(super) fn put(&self, ctx: &Context<'_>, follower: Box<dyn Follower>) {
        self.shape.get_or_init(|| Shape::of(ctx));
        *self.follower.lock().expect("hand-off lock") = Some(follower);
    }
}

impl HandoffSlot {
    pub(super) fn handoff(&self) -> Option<Arc<Handoff>> {
        self.0.upgrade()
    }

    /// Where its shape goes (the socket's tests compare them).
    #[cfg(test)]
    pub(crate) fn shape(&self) -> Option<Arc<ShapeCell>> {
        Some(self.handoff()?.shape.clone())
    }
}

/// A subscription after its first result.
struct HandedOver {
    follower: Box<dyn Follower>,
    shape: Arc<ShapeCell>,
}

impl HandedOver {
    /// Its next result, or `None` once it ended.
    async fn next(&mut self) -> Option<Response> {
        let shape = self.shape.get().expect("made before the hand-over");
        self.follower.next(shape).await
    }
}

/// What a [`Follower`] resolves its states with, besides the shape.
pub(super) struct ResolveAs {
    pub schema_env: SchemaEnv,
    pub data: Arc<Data>,
}

impl ResolveAs {
    pub fn of(ctx: &Context<'_>) -> ResolveAs {
        ResolveAs {
            schema_env: ctx.schema_env.clone(),
            data: ctx.query_env.query_data.clone(),
        }
    }

    pub async fn resolve<V: OutputType>(&self, shape: &Shape, item: &V) -> Response {
        shape.resolve(&self.schema_env, &self.data, item).await
    }
}
