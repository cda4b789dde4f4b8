use async_graphql::ErrorExtensions;

/// Stable `extensions.code` values; clients switch on these, never on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    Unauthenticated,
    Forbidden,
    BadUserInput,
    NotFound,
    Conflict,
    OutOfStock,
    PaymentDeclined,
    RateLimited,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthenticated => "UNAUTHENTICATED",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::BadUserInput => "BAD_USER_INPUT",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::Conflict => "CONFLICT",
            ErrorCode::OutOfStock => "OUT_OF_STOCK",
            ErrorCode::PaymentDeclined => "PAYMENT_DECLINED",
            ErrorCode::RateLimited => "RATE_LIMITED",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}

/// The one error type resolvers return. Client-facing variants carry a message meant for the
/// client; `Internal` is logged and replaced by a generic message so nothing leaks.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// `BAD_USER_INPUT`: the input breaks a rule the message names.
    #[error("{0}")]
    BadUserInput(String),
    /// `NOT_FOUND`: the thing named does not exist (or is not visible to the caller).
    #[error("{0}")]
    NotFound(String),
    /// `CONFLICT`: the request clashes with the current state.
    #[error("{0}")]
    Conflict(String),
    /// `UNAUTHENTICATED`: a signed-in caller is required.
    #[error("{0}")]
    Unauthenticated(String),
    /// `FORBIDDEN`: the caller may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// `RATE_LIMITED`: too many attempts; the message says when to retry.
    #[error("{0}")]
    RateLimited(String),
    /// `PAYMENT_DECLINED`: the money is not there (or the card said no).
    #[error("{0}")]
    PaymentDeclined(String),
    /// `OUT_OF_STOCK`: not enough units to hold.
    #[error("{0}")]
    OutOfStock(String),
    /// `INTERNAL`: "Internal server error"; the cause goes to the log only.
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::BadUserInput(_) => ErrorCode::BadUserInput,
            ApiError::NotFound(_) => ErrorCode::NotFound,
            ApiError::Conflict(_) => ErrorCode::Conflict,
            ApiError::Unauthenticated(_) => ErrorCode::Unauthenticated,
            ApiError::Forbidden(_) => ErrorCode::Forbidden,
            ApiError::RateLimited(_) => ErrorCode::RateLimited,
            ApiError::PaymentDeclined(_) => ErrorCode::PaymentDeclined,
            ApiError::OutOfStock(_) => ErrorCode::OutOfStock,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn bad_input(message: impl Into<String>) -> Self {
        ApiError::BadUserInput(message.into())
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError::NotFound(message.into())
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        ApiError::Internal(err.into())
    }
}

/// True when `err` is a unique-constraint violation (on either database).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// DataLoader errors are shared between every caller of a batch, hence the `Arc`.
impl From<std::sync::Arc<anyhow::Error>> for ApiError {
    fn from(err: std::sync::Arc<anyhow::Error>) -> Self {
        ApiError::Internal(anyhow::anyhow!("{err:#}"))
    }
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        let message = match self {
            ApiError::Internal(cause) if database_unreachable(cause) => {
                tracing::error!(error = ?cause, "database unreachable while resolving");
                return async_graphql::Error::new(
                    "A database is unreachable right now; nothing was changed. Try again shortly.",
                )
                .extend_with(|_, ext| {
                    ext.set("code", self.code().as_str());
                    ext.set("retryable", true);
                });
            }
            ApiError::Internal(cause) => {
                tracing::error!(error = ?cause, "internal error while resolving");
                "Internal server error".to_string()
            }
            other => bounded(other.to_string()),
        };
        async_graphql::Error::new(message).extend_with(|_, ext| ext.set("code", self.code().as_str()))
    }
}

/// Longest client message, in characters. Messages name the input they refuse, and an input can
/// be as long as a request allows: a 250 KB id echoed by 30 aliases made a 7.5 MB answer.
const MAX_MESSAGE_CHARS: usize = 300;

/// `message`, cut to [`MAX_MESSAGE_CHARS`] with an ellipsis when longer.
fn bounded(mut message: String) -> String {
    if let Some((cut, _)) = message.char_indices().nth(MAX_MESSAGE_CHARS) {
        message.truncate(cut);
        message.push('…');
    }
    message
}

/// The database could not be reached (connection refused or lost, no pooled connection in
/// time): worth saying so, since the client can simply retry.
fn database_unreachable(cause: &anyhow::Error) -> bool {
    cause.chain().any(|e| {
        matches!(
            e.downcast_ref::<sqlx::Error>(),
            Some(
                sqlx::Error::Io(_)
                    | sqlx::Error::PoolTimedOut
                    | sqlx::Error::PoolClosed
                    | sqlx::Error::Tls(_)
            )
        ) || e.downcast_ref::<std::io::Error>().is_some()
    })
}

pub type ApiResult<T> = Result<T, ApiError>;

/// `.gql()` turns any error we produce into a GraphQL error that keeps its code. Bare `?` into
/// `async_graphql::Error` would go through `Display` and drop `extensions.code`.
pub trait GqlResultExt<T> {
    fn gql(self) -> async_graphql::Result<T>;
}

impl<T, E: Into<ApiError>> GqlResultExt<T> for Result<T, E> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(|e| e.into().extend())
    }
}

/// Messages async-graphql gives a value that does not parse as its argument's type (a variable's
/// `Int` past 32 bits, say) while it resolves the field.
const INPUT_REFUSALS: [&str; 3] = [
    "Failed to parse \"",
    "Expected input type \"",
    "Invalid value for argument",
];

/// async-graphql's own refusals of a request's input carry no code: its parsing and validation
/// (errors without a path) and a value that does not parse as its argument's type. The router
/// (Hive) then calls them `DOWNSTREAM_SERVICE_ERROR`, a fault of the subgraph's, when they are
/// the client's: they get `BAD_USER_INPUT`. Hive's own validation lets a few through (an
/// object literal for a `String`). Errors with a code, and resolvers' own, keep theirs. Not
/// for the router's entity fetches (`_entities`), whose refusals are the router's.
pub fn code_input_refusals(response: &mut async_graphql::Response) {
    for error in &mut response.errors {
        let coded = error.extensions.as_ref().is_some_and(|e| e.get("code").is_some());
        let refused_input = error.path.is_empty()
            || INPUT_REFUSALS
                .iter()
                .any(|start| error.message.starts_with(start));
        if !coded && refused_input {
            error
                .extensions
                .get_or_insert_with(Default::default)
                .set("code", ErrorCode::BadUserInput.as_str());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_hide_their_cause() {
        let err = ApiError::Internal(anyhow::anyhow!("db password wrong")).extend();
        assert_eq!(err.message, "Internal server error");
        let code = err.extensions.unwrap().get("code").cloned();
        assert_eq!(code, Some(async_graphql::Value::from("INTERNAL")));
    }

    #[test]
    fn an_unreachable_database_says_so_and_may_be_retried() {
        let cause = anyhow::Error::new(sqlx::Error::PoolTimedOut).context("loading products");
        let err = ApiError::Internal(cause).extend();
        assert!(err.message.contains("unreachable"), "{}", err.message);
        let extensions = err.extensions.unwrap();
        assert_eq!(
            extensions.get("code").cloned(),
            Some(async_graphql::Value::from("INTERNAL"))
        );
        assert_eq!(
            extensions.get("retryable").cloned(),
            Some(async_graphql::Value::from(true))
        );
    }

    #[test]
    fn a_message_echoing_a_huge_input_is_cut() {
        let id = "é".repeat(250_000);
        let err = ApiError::not_found(format!("no category {id}")).extend();
        assert_eq!(
            err.message.chars().count(),
            MAX_MESSAGE_CHARS + 1,
            "cut, plus the ellipsis"
        );
        assert!(err.message.starts_with("no category éé") && err.message.ends_with('…'));
        let short = ApiError::bad_input("first must be at most 100").extend();
        assert_eq!(short.message, "first must be at most 100");
    }

    #[test]
    fn client_errors_keep_message_and_code() {
        let err = Err::<(), _>(ApiError::bad_input("first must be at most 100"))
            .gql()
            .unwrap_err();
        assert_eq!(err.message, "first must be at most 100");
        let code = err.extensions.unwrap().get("code").cloned();
        assert_eq!(code, Some(async_graphql::Value::from("BAD_USER_INPUT")));
    }
}

#[cfg(test)]
mod input_refusals {
    use super::*;
    use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema};

    struct Query;

    #[Object]
    impl Query {
        async fn echo(&self, text: String, times: i32) -> String {
            text.repeat(times.max(0) as usize)
        }

        async fn broken(&self) -> async_graphql::Result<i32> {
            Err("a resolver's own error".into())
        }

        async fn missing(&self) -> async_graphql::Result<i32> {
            Err(ApiError::not_found("no such thing").extend())
        }
    }

    async fn codes(query: &str, variables: serde_json::Value) -> Vec<Option<String>> {
        let schema = Schema::new(Query, EmptyMutation, EmptySubscription);
        let request =
            async_graphql::Request::new(query).variables(async_graphql::Variables::from_json(variables));
        let mut response = schema.execute(request).await;
        code_input_refusals(&mut response);
        response
            .errors
            .iter()
            .map(|e| {
                e.extensions
                    .as_ref()
                    .and_then(|x| x.get("code"))
                    .map(|code| code.to_string().trim_matches('"').to_string())
            })
            .collect()
    }

    #[tokio::test]
    async fn refused_input_is_bad_user_input_and_other_errors_keep_their_code() {
        let bad = || vec![Some("BAD_USER_INPUT".to_string())];
        // Validation: an object literal for a `String`, an unknown field, a document that
        // does not parse.
        assert_eq!(
            codes(r#"{ echo(text: {a: {b: 1}}, times: 1) }"#, serde_json::json!({})).await,
            bad()
        );
        assert_eq!(codes("{ nothing }", serde_json::json!({})).await, bad());
        assert_eq!(codes("{ echo(", serde_json::json!({})).await, bad());
        // A variable that is no 32-bit `Int`.
        let overflow = serde_json::json!({ "n": 2_147_483_648_u64 });
        assert_eq!(
            codes(r#"query($n: Int!) { echo(text: "a", times: $n) }"#, overflow).await,
            bad()
        );
        // A resolver's errors: its code stays, and one without a code gets none.
        assert_eq!(
            codes("{ missing }", serde_json::json!({})).await,
            [Some("NOT_FOUND".to_string())]
        );
        assert_eq!(codes("{ broken }", serde_json::json!({})).await, [None]);
    }
}
