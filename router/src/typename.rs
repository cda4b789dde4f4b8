//! Plugin `vitrine_typename`: an operation that selects only `__typename` at its root (a
//! liveness probe, a client checking it can reach the API) is answered by the router. Hive
//! Router 0.2.5 plans such a selection as a fetch from some subgraph; the router already knows
//! the answer, and Hive's response projection writes a root `__typename` from the root type
//! itself, so the plan only needs to fetch nothing.

use async_trait::async_trait;
use hive_router::executor::hooks::on_plugin_init::{OnPluginInitPayload, OnPluginInitResult};
use hive_router::executor::hooks::on_query_plan::{OnQueryPlanStartHookPayload, OnQueryPlanStartHookResult};
use hive_router::executor::plugin_trait::{EndHookPayload, RouterPlugin, StartHookPayload};
use hive_router::query_planner::ast::operation::OperationDefinition;
use hive_router::query_planner::ast::selection_item::SelectionItem;
use hive_router::query_planner::planner::plan_nodes::QueryPlan;
use hive_router::query_planner::state::supergraph_state::OperationKind;
use std::sync::Arc;

pub struct TypenamePlugin {
    /// The plan that fetches nothing (Hive's own form of it: kind "QueryPlan", no node).
    empty: Arc<QueryPlan>,
}

#[async_trait]
impl RouterPlugin for TypenamePlugin {
    type Config = ();

    fn plugin_name() -> &'static str {
        "vitrine_typename"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        payload.initialize_plugin(TypenamePlugin {
            empty: Arc::new(QueryPlan {
                kind: "QueryPlan",
                node: None,
            }),
        })
    }

    async fn on_query_plan<'exec>(
        &'exec self,
        payload: OnQueryPlanStartHookPayload<'exec>,
    ) -> OnQueryPlanStartHookResult<'exec> {
        if !selects_only_typename(payload.filtered_operation_for_plan) {
            return payload.proceed();
        }
        let empty = self.empty.clone();
        payload.on_end(move |mut end| {
            end.query_plan = empty;
            end.proceed()
        })
    }
}

/// A query or mutation whose root selection is `__typename` alone (aliases allowed), with no
/// `@skip`/`@include` for the projection to weigh. Subscriptions must select a real field.
fn selects_only_typename(operation: &OperationDefinition) -> bool {
    let root_kind_answers = !matches!(operation.operation_kind, Some(OperationKind::Subscription));
    let items = &operation.selection_set.items;
    root_kind_answers
        && !items.is_empty()
        && items.iter().all(|item| match item {
            SelectionItem::Field(field) => {
                field.name == "__typename" && field.skip_if.is_none() && field.include_if.is_none()
            }
            _ => false,
        })
}
