//! Resolver-side checks on the caller that the router vouched for.

use crate::error::ApiError;
use crate::identity::{Identity, Role};
use async_graphql::Context;

/// The caller of this request; anonymous when the schema runs without one (SDL export).
pub fn caller<'a>(ctx: &'a Context<'_>) -> &'a Identity {
    static ANONYMOUS: Identity = Identity::anonymous();
    ctx.data_opt::<Identity>().unwrap_or(&ANONYMOUS)
}

/// The signed-in customer's id, or `UNAUTHENTICATED`.
pub fn require_customer<'a>(ctx: &'a Context<'_>) -> Result<&'a str, ApiError> {
    caller(ctx)
        .sub
        .as_deref()
        .ok_or_else(|| ApiError::Unauthenticated("sign in first".into()))
}

/// `UNAUTHENTICATED` for anonymous callers, `FORBIDDEN` without one of `roles`.
pub fn require_any_role(ctx: &Context<'_>, roles: &[Role]) -> Result<(), ApiError> {
    let identity = caller(ctx);
    if identity.sub.is_none() {
        return Err(ApiError::Unauthenticated("sign in first".into()));
    }
    if identity.has_role(Role::Admin) || roles.iter().any(|r| identity.has_role(*r)) {
        Ok(())
    } else {
        Err(ApiError::Forbidden("your role does not allow this".into()))
    }
}

/// The caller is `owner` or an ADMIN; others get `FORBIDDEN` (anonymous: `UNAUTHENTICATED`).
pub fn require_self_or_admin(ctx: &Context<'_>, owner: &str) -> Result<(), ApiError> {
    let identity = caller(ctx);
    match identity.sub.as_deref() {
        None => Err(ApiError::Unauthenticated("sign in first".into())),
        Some(sub) if sub == owner || identity.has_role(Role::Admin) => Ok(()),
        Some(_) => Err(ApiError::Forbidden("this belongs to another customer".into())),
    }
}
