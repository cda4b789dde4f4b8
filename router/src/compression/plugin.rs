//! Plugin `vitrine_compression`.

use super::{compress, compressible, negotiate, Effort, Encoding, MIN_SIZE};
use hive_router::executor::hooks::on_http_request::{OnHttpRequestHookFuture, OnHttpRequestHookPayload};
use hive_router::executor::hooks::on_plugin_init::{OnPluginInitPayload, OnPluginInitResult};
use hive_router::executor::plugin_trait::{EndHookPayload, RouterPlugin, StartHookPayload};
use hive_router::ntex::http::body::{Body, ResponseBody};
use hive_router::ntex::http::header::{
    HeaderValue, ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, VARY,
};
use hive_router::ntex::web::WebResponse;

/// GraphQL responses (not streams) compressed when the client accepts it. The storefront's
/// and GraphiQL's files are compressed where they are served (`site`), from
/// [`super::FileCache`].
pub struct CompressionPlugin {
    graphql_path: String,
}

#[async_trait::async_trait]
impl RouterPlugin for CompressionPlugin {
    type Config = ();

    fn plugin_name() -> &'static str {
        "vitrine_compression"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        let graphql_path = payload.router_config().graphql_path().to_string();
        payload.initialize_plugin(CompressionPlugin { graphql_path })
    }

    fn on_http_request<'req>(
        &'req self,
        payload: OnHttpRequestHookPayload<'req>,
    ) -> OnHttpRequestHookFuture<'req> {
        Box::pin(async move {
            let request = &payload.router_http_request;
            if request.path() != self.graphql_path {
                return payload.proceed();
            }
            let accepted = request
                .headers()
                .get(ACCEPT_ENCODING)
                .and_then(|value| value.to_str().ok())
                .and_then(negotiate);
            let Some(encoding) = accepted else {
                return payload.proceed();
            };
            payload.on_end(move |end| {
                end.map_response(|response| compress_response(response, encoding))
                    .proceed()
            })
        })
    }
}

/// `response` compressed with `encoding`, when its body is whole, large enough and worth it.
fn compress_response(response: WebResponse, encoding: Encoding) -> WebResponse {
    let headers = response.headers();
    let eligible = !headers.contains_key(CONTENT_ENCODING)
        && headers
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(compressible);
    if !eligible {
        return response;
    }
    response.map_body(|head, body| {
        let bytes = match body {
            ResponseBody::Body(Body::Bytes(bytes)) | ResponseBody::Other(Body::Bytes(bytes))
                if bytes.len() >= MIN_SIZE =>
            {
                bytes
            }
            other => return other,
        };
        let compressed = compress(encoding, Effort::PerResponse, &bytes);
        let headers = &mut head.headers;
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static(encoding.name()));
        headers.append(VARY, HeaderValue::from_static("accept-encoding"));
        headers.remove(CONTENT_LENGTH);
        ResponseBody::Body(Body::Bytes(compressed))
    })
}
