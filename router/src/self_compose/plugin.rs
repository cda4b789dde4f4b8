//! Plugin `vitrine_supergraph`, on a router that composes its own supergraph (inert otherwise):
//! - `/readiness`: 200 once a supergraph serves, 503 before; the body says why the newest SDLs
//!   are not serving, if they are not (a subgraph still missing, or a composition error naming
//!   the subgraphs that changed), so a failed composition shows without making the router,
//!   which still serves the last good supergraph, unready.
//! - `GET /supergraph`: the supergraph in use, for an `ADMIN` access token (it names internal
//!   URLs and fields clients never see).
//! - Notes which written supergraph Hive loaded (`on_supergraph_reload`).

use super::{fingerprint, CompositionState, Problem};
use crate::context::RouterContext;
use async_trait::async_trait;
use hive_router::executor::hooks::on_http_request::{OnHttpRequestHookFuture, OnHttpRequestHookPayload};
use hive_router::executor::hooks::on_plugin_init::{OnPluginInitPayload, OnPluginInitResult};
use hive_router::executor::hooks::on_supergraph_load::{
    OnSupergraphLoadStartHookPayload, OnSupergraphLoadStartHookResult,
};
use hive_router::executor::plugin_trait::{EndHookPayload, RouterPlugin, StartHookPayload};
use hive_router::ntex::http::header::AUTHORIZATION;
use hive_router::ntex::http::{Method, Response};
use hive_router::ntex::web::{DefaultError, WebRequest};
use hive_router::SchemaState;
use std::sync::Arc;
use vitrine_kit::identity::Role;
use vitrine_kit::jwt_keys::JwtKeys;

/// Where the supergraph in use can be read back.
pub const SUPERGRAPH_PATH: &str = "/supergraph";

pub struct SupergraphPlugin {
    state: Arc<CompositionState>,
    keys: JwtKeys,
    /// Development: `/readiness` shows composition errors whole. In production it names the
    /// subgraphs only (an error may name fields clients never see); the log has the rest.
    diagnostics: bool,
}

#[async_trait]
impl RouterPlugin for SupergraphPlugin {
    type Config = ();

    fn plugin_name() -> &'static str {
        "vitrine_supergraph"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        let context = RouterContext::current()?;
        let Some(state) = context.composition.clone() else {
            return payload.disable_plugin();
        };
        let keys = JwtKeys::from_config(&context.secrets).map_err(|e| e.to_string())?;
        payload.initialize_plugin(SupergraphPlugin {
            state,
            keys,
            diagnostics: context.diagnostics,
        })
    }

    fn on_http_request<'req>(
        &'req self,
        payload: OnHttpRequestHookPayload<'req>,
    ) -> OnHttpRequestHookFuture<'req> {
        Box::pin(async move {
            let request = &payload.router_http_request;
            let response = match request.path() {
                "/readiness" => self.readiness(hive_serves(request)),
                SUPERGRAPH_PATH if request.method() == Method::GET => {
                    let token = request
                        .headers()
                        .get(AUTHORIZATION)
                        .and_then(|value| value.to_str().ok())
                        .and_then(|value| value.strip_prefix("Bearer "));
                    self.supergraph(token)
                }
                _ => return payload.proceed(),
            };
            payload.end_with_response(response)
        })
    }

    fn on_supergraph_reload<'exec>(
        &'exec self,
        payload: OnSupergraphLoadStartHookPayload,
    ) -> OnSupergraphLoadStartHookResult<'exec> {
        let print = fingerprint(&payload.new_ast.to_string());
        let state = self.state.clone();
        // On end: Hive built a supergraph from it (a document it refused never gets here).
        payload.on_end(move |end| {
            state.loaded(print);
            end.proceed()
        })
    }
}

/// Whether Hive has a supergraph to serve requests with. It builds the supergraph's runtime
/// (the planner among it) after the load hook's end, where [`CompositionState`] learns of it,
/// and only then serves it: a request in between got 503 `NO_SUPERGRAPH_AVAILABLE`.
fn hive_serves(request: &WebRequest<DefaultError>) -> bool {
    request
        .app_state::<Arc<SchemaState>>()
        .is_some_and(|schema| schema.configured_runtime().is_some())
}

impl SupergraphPlugin {
    /// 200 once a supergraph serves (`hive_serves`: Hive serves one), 503 before.
    fn readiness(&self, hive_serves: bool) -> Response {
        let mut report = self.state.report();
        report.serving &= hive_serves;
        if let (false, Some(Problem::Failed { error, .. })) = (self.diagnostics, &mut report.problem) {
            *error = "see the router's log".into();
        }
        let body = serde_json::to_string(&report).unwrap_or_default();
        let mut status = if report.serving {
            Response::Ok()
        } else {
            Response::ServiceUnavailable()
        };
        status.content_type("application/json").body(body)
    }

    fn supergraph(&self, token: Option<&str>) -> Response {
        let Some(token) = token else {
            return Response::Unauthorized().body("an ADMIN access token is required");
        };
        match self.keys.verified_roles(token) {
            Err(_) => Response::Unauthorized().body("the access token is not valid"),
            Ok(roles) if !roles.contains(&Role::Admin) => {
                Response::Forbidden().body("the supergraph is for ADMIN only")
            }
            Ok(_) => match self.state.in_use() {
                Some(sdl) => Response::Ok()
                    .content_type("text/plain; charset=utf-8")
                    .body(sdl.to_string()),
                None => Response::ServiceUnavailable().body("no supergraph composed yet"),
            },
        }
    }
}
