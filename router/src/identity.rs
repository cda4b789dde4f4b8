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
use vitrine_kit::error::ErrorCode;
use vitrine_kit::identity::{self, ForwardedClaims, Identity, IDENTITY_HEADER};

/// Where Hive puts the verified claims (`jwt.forward_claims_to_upstream_extensions.field_name`).
pub use vitrine_kit::identity::CLAIMS_EXTENSION;

/// Hive's codes for a missing, malformed, expired or wrongly signed token.
const HIVE_JWT_CODES: &[&str] = &[
    "MISSING_JWT",
    "INVALID_JWT",
    "JWT_NOT_SUPPORTED",
    "INVALID_JWT_HEADER",
    "JWK_ALGORITHM_NOT_SUPPORTED",
    "JWT_LOOKUP_FAILED",
];

pub struct IdentityPlugin {
    secret: Vec<u8>,
}

/// The identity header of the request in progress, and when it was signed.
struct SignedIdentity {
    header: HeaderValue,
    at: i64,
}

/// The caller Hive verified (anonymous without a token), seen from `client`.
fn caller_identity(claims: Option<sonic_rs::Value>, client: Option<std::net::IpAddr>) -> Identity {
    claims
        .and_then(|value| sonic_rs::to_string(&value).ok())
        .and_then(|json| serde_json::from_str::<ForwardedClaims>(&json).ok())
        .map(|claims| claims.identity())
        .unwrap_or_else(Identity::anonymous)
        .from_client(client.map(|address| address.to_string()))
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
        let now = chrono::Utc::now().timestamp();
        // Every fetch of a request carries the same identity: signed once, for all of them.
        let cached = payload
            .context
            .get_ref::<SignedIdentity>()
            .filter(|signed| now - signed.at < identity::SIGNATURE_TTL_SECONDS / 2)
            .map(|signed| signed.header.clone());
        let header = match cached {
            Some(header) => header,
            None => {
                let identity =
                    caller_identity(claims, payload.context.get_ref::<ClientAddress>().map(|a| a.0));
                let Ok(header) = HeaderValue::from_str(&identity::sign(&identity, &self.secret, now)) else {
                    return payload.proceed();
                };
                payload.context.insert(SignedIdentity {
                    header: header.clone(),
                    at: now,
                });
                header
            }
        };
        payload.execution_request.headers.insert(IDENTITY_HEADER, header);
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

#[cfg(test)]
mod tests {
    use hive_console_sdk::expressions::lib::{CompileExpression, ExecutableProgram};
    use hive_console_sdk::expressions::vrl::core::Value as VrlValue;
    use vitrine_kit::identity::{verify, Role, SIGNATURE_TTL_SECONDS};

    /// The `x-vitrine-identity` rule of `router.config.yaml` (signs subscriptions' identity in
    /// VRL, since they do not pass through this plugin), with `secret` for the environment's.
    fn yaml_rule(secret: &str) -> String {
        let config = crate::serve::DEFAULT_CONFIG;
        let rule = &config[config
            .find("name: x-vitrine-identity")
            .expect("the identity rule")..];
        let body = &rule[rule.find("expression: |").expect("its expression") + "expression: |".len()..];
        let lines: Vec<&str> = body
            .lines()
            .skip(1)
            .take_while(|line| line.starts_with("            "))
            .map(str::trim)
            .collect();
        let expression = lines.join("\n");
        let env_lookup = "get_env_var(\"VITRINE_INTERNAL_SECRET\") ?? \"\"";
        assert!(expression.contains(env_lookup), "{expression}");
        expression.replace(env_lookup, &format!("{secret:?}"))
    }

    /// The identity format lives in Rust (`kit::identity`); the YAML rule writes it a second
    /// time, in VRL. This runs the rule as Hive would and checks that Rust accepts what it
    /// signs: the caller, the roles without SERVICE, and the same lifetime.
    #[test]
    fn the_config_rule_signs_identities_that_rust_verifies() {
        let secret = "a-test-secret-of-at-least-32-chars!";
        let program = yaml_rule(secret)
            .compile_expression(None)
            .expect("the rule compiles");
        let session_end = chrono::Utc::now().timestamp() + 900;
        let request = |kind: &str| {
            VrlValue::from(serde_json::json!({ "request": {
                "operation": { "type": kind },
                "jwt": { "claims": {
                    "sub": "cus_alice", "roles": ["CUSTOMER", "SERVICE"], "exp": session_end
                } }
            } }))
        };
        // Queries and mutations are signed by the plugin; the rule leaves them alone.
        for kind in ["query", "mutation"] {
            let value = program.execute(request(kind)).expect("the rule runs");
            assert!(value.is_null(), "{kind}: {value:?}");
        }
        let signed = program.execute(request("subscription")).expect("the rule runs");
        let header = signed.as_str().expect("a string").to_string();
        let now = chrono::Utc::now().timestamp();
        let identity = verify(&header, secret.as_bytes(), now).expect("Rust verifies it");
        assert_eq!(identity.sub.as_deref(), Some("cus_alice"));
        assert_eq!(
            identity.roles,
            vec![Role::Customer],
            "SERVICE is never taken from a token"
        );
        // Both sides give a signature the same lifetime.
        assert!(verify(&header, secret.as_bytes(), now + SIGNATURE_TTL_SECONDS - 2).is_ok());
        assert!(verify(&header, secret.as_bytes(), now + SIGNATURE_TTL_SECONDS + 2).is_err());
        assert!(verify(&header, b"another secret entirely, 32 chars+", now).is_err());
    }
}
