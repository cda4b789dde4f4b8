//! Plugin: turns the JWT that Hive verified into the identity subgraphs trust. Hive forwards the
//! verified claims in each subgraph request's `extensions.jwt`; this plugin removes them there
//! and sends a router-signed `x-vitrine-identity` header instead (anonymous when there is no
//! token), and maps Hive's JWT failures to our `UNAUTHENTICATED` code.

use crate::context::RouterContext;
use crate::guard::ClientAddress;
use async_trait::async_trait;
use hive_router::executor::hooks::on_graphql_error::{OnGraphQLErrorHookPayload, OnGraphQLErrorHookResult};
use hive_router::executor::hooks::on_plugin_init::{OnPluginInitPayload, OnPluginInitResult};
use hive_router::executor::hooks::on_subgraph_execute::{
    OnSubgraphExecuteStartHookPayload, OnSubgraphExecuteStartHookResult,
};
use hive_router::executor::plugin_trait::{RouterPlugin, StartHookPayload};
use http::{HeaderValue, StatusCode};
use serde::Deserialize;
use vitrine_kit::error::ErrorCode;
use vitrine_kit::identity::{self, Identity, Role, IDENTITY_HEADER};

/// Where Hive puts the verified claims (`jwt.forward_claims_to_upstream_extensions.field_name`).
pub const CLAIMS_EXTENSION: &str = "jwt";

/// Hive's codes for a missing, malformed, expired or wrongly signed token.
const HIVE_JWT_CODES: &[&str] = &[
    "MISSING_JWT",
    "INVALID_JWT",
    "JWT_NOT_SUPPORTED",
    "INVALID_JWT_HEADER",
    "JWK_ALGORITHM_NOT_SUPPORTED",
    "JWT_LOOKUP_FAILED",
];

#[derive(Deserialize)]
struct Claims {
    sub: String,
    #[serde(default)]
    roles: Vec<Role>,
}

pub struct IdentityPlugin {
    secret: Vec<u8>,
}

#[async_trait]
impl RouterPlugin for IdentityPlugin {
    type Config = ();

    fn plugin_name() -> &'static str {
        "vitrine_identity"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        let context = RouterContext::current()?;
        payload.initialize_plugin(IdentityPlugin {
            secret: context.secrets.internal_secret.clone().into_bytes(),
        })
    }

    async fn on_subgraph_execute<'exec>(
        &'exec self,
        mut payload: OnSubgraphExecuteStartHookPayload<'exec>,
    ) -> OnSubgraphExecuteStartHookResult<'exec> {
        let claims = payload
            .execution_request
            .extensions
            .as_mut()
            .and_then(|e| e.remove(CLAIMS_EXTENSION));
        let identity = claims
            .and_then(|value| sonic_rs::to_string(&value).ok())
            .and_then(|json| serde_json::from_str::<Claims>(&json).ok())
            // SERVICE is for subgraph-to-subgraph calls only; a client token never carries it.
            .map(|claims| {
                Identity::new(
                    claims.sub,
                    claims.roles.into_iter().filter(|r| *r != Role::Service).collect(),
                )
            })
            .unwrap_or_else(Identity::anonymous)
            .from_client(
                payload
                    .context
                    .get_ref::<ClientAddress>()
                    .map(|address| address.0.to_string()),
            );
        let signed = identity::sign(&identity, &self.secret, chrono::Utc::now().timestamp());
        if let Ok(value) = HeaderValue::from_str(&signed) {
            payload.execution_request.headers.insert(IDENTITY_HEADER, value);
        }
        payload.proceed()
    }

    fn on_graphql_error<'req>(
        &'req self,
        mut payload: OnGraphQLErrorHookPayload<'req>,
    ) -> OnGraphQLErrorHookResult<'req> {
        if payload
            .error
            .extensions
            .code
            .as_deref()
            .is_some_and(|code| HIVE_JWT_CODES.contains(&code))
        {
            payload.error.extensions.code = Some(ErrorCode::Unauthenticated.as_str().to_string());
            payload.error.message =
                "the access token is missing, malformed, expired or wrongly signed".into();
            payload.status_code = StatusCode::UNAUTHORIZED;
        }
        payload.proceed()
    }
}
