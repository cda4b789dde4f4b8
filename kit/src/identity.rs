//! Who is calling a subgraph. The router verifies the client's JWT and passes the result to
//! subgraphs in the `x-vitrine-identity` header, signed with HMAC-SHA256 under a secret shared by
//! the router and the subgraphs only. A subgraph never trusts an unsigned or badly signed
//! identity, so a client calling a subgraph directly cannot claim to be someone else.

use async_graphql::Enum;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

pub const IDENTITY_HEADER: &str = "x-vitrine-identity";

/// `iss` and `aud` of the access tokens accounts issues and the router accepts.
pub const ACCESS_TOKEN_ISSUER: &str = "vitrine";
pub const ACCESS_TOKEN_AUDIENCE: &str = "vitrine";

/// How long a signed identity stays valid: long enough for one operation's fetches, short
/// enough that a leaked header is useless soon.
pub const SIGNATURE_TTL_SECONDS: i64 = 120;

/// The default secret, for development only; production refuses it (see `SecretsConfig`).
pub const DEV_INTERNAL_SECRET: &str = "vitrine-dev-internal-secret-change-me";

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// Buys things; every registered account has it.
    Customer,
    /// Owns shops and their offers.
    Seller,
    /// Works the kitchen queue.
    Kitchen,
    /// Delivers orders.
    Courier,
    /// Everything.
    Admin,
    /// Another Vitrine subgraph acting on its own behalf (see [`crate::peers`]). Only calls
    /// signed with the internal secret carry it; the router strips it from client tokens.
    Service,
}

/// The verified caller of one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Customer id; `None` for an anonymous client coming through the router.
    pub sub: Option<String>,
    #[serde(default)]
    pub roles: Vec<Role>,
    /// The client's network address as the router saw it (for per-address throttles such as
    /// sign-in); `None` for subgraph-to-subgraph calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
}

impl Identity {
    pub fn new(sub: impl Into<String>, roles: Vec<Role>) -> Self {
        Identity {
            sub: Some(sub.into()),
            roles,
            client: None,
        }
    }

    pub const fn anonymous() -> Self {
        Identity {
            sub: None,
            roles: Vec::new(),
            client: None,
        }
    }

    /// The identity one subgraph uses when calling another's service-only operations.
    pub fn service(subgraph: &str) -> Self {
        Identity::new(format!("svc:{subgraph}"), vec![Role::Service])
    }

    /// A customer, as a subgraph acting for them sees them (e.g. orders reading their address).
    pub fn customer(customer_id: &str) -> Self {
        Identity::new(customer_id, vec![Role::Customer])
    }

    /// The same caller, seen coming from `client` (a network address).
    pub fn from_client(mut self, client: Option<String>) -> Self {
        self.client = client;
        self
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

#[derive(Serialize, Deserialize)]
struct Signed {
    #[serde(flatten)]
    identity: Identity,
    /// Unix seconds after which the signature is refused.
    exp: i64,
}

/// When the caller's sign-in ends: a live subscription stops there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionExpiry(pub i64);

/// Where the router puts the claims of the access token it verified, in the `extensions` of
/// each request it sends a subgraph (`jwt.forward_claims_to_upstream_extensions.field_name`
/// in router.config.yaml). Clients' own extensions never reach a subgraph.
pub const CLAIMS_EXTENSION: &str = "jwt";

/// The claims of an access token the router verified, as it forwards them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ForwardedClaims {
    sub: String,
    #[serde(default)]
    roles: Vec<Role>,
    /// When the token expires (Unix seconds).
    #[serde(default)]
    exp: Option<i64>,
}

impl ForwardedClaims {
    /// The caller they name.
    pub fn identity(&self) -> Identity {
        // SERVICE is for subgraph-to-subgraph calls only; a client token never carries it.
        let roles = self
            .roles
            .iter()
            .copied()
            .filter(|r| *r != Role::Service)
            .collect();
        Identity::new(self.sub.clone(), roles)
    }

    /// When the caller's sign-in ends.
    pub fn session(&self) -> Option<SessionExpiry> {
        self.exp.map(SessionExpiry)
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IdentityError {
    #[error("malformed identity header")]
    Malformed,
    #[error("identity signature does not verify")]
    BadSignature,
    #[error("identity signature expired")]
    Expired,
}

fn mac(secret: &[u8]) -> Hmac<Sha256> {
    Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any length")
}

/// `base64url(json) . base64url(hmac)`.
pub fn sign(identity: &Identity, secret: &[u8], now_unix: i64) -> String {
    let payload = serde_json::to_vec(&Signed {
        identity: identity.clone(),
        exp: now_unix + SIGNATURE_TTL_SECONDS,
    })
    .expect("identity serializes");
    let payload = URL_SAFE_NO_PAD.encode(payload);
    let mut mac = mac(secret);
    mac.update(payload.as_bytes());
    format!(
        "{payload}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

pub fn verify(header: &str, secret: &[u8], now_unix: i64) -> Result<Identity, IdentityError> {
    verify_until(header, secret, now_unix).map(|(identity, _)| identity)
}

/// [`verify`], and until when (Unix seconds) the signature holds.
fn verify_until(header: &str, secret: &[u8], now_unix: i64) -> Result<(Identity, i64), IdentityError> {
    let (payload, signature) = header.split_once('.').ok_or(IdentityError::Malformed)?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| IdentityError::Malformed)?;
    let mut mac = mac(secret);
    mac.update(payload.as_bytes());
    // Constant-time comparison.
    mac.verify_slice(&signature)
        .map_err(|_| IdentityError::BadSignature)?;
    let json = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| IdentityError::Malformed)?;
    let signed: Signed = serde_json::from_slice(&json).map_err(|_| IdentityError::Malformed)?;
    if signed.exp < now_unix {
        return Err(IdentityError::Expired);
    }
    Ok((signed.identity, signed.exp))
}

/// Headers already verified, kept until their signature ends. A router signs one header per
/// request, the same text for every request of a caller within a second, and the HMAC check
/// was 1.4 % of an embedded catalog request's instructions; a kept header costs one lookup.
/// Only headers that verified are kept, under their whole text (signature included), so a
/// forged one never matches; the count is bounded, the oldest go first.
#[derive(Clone)]
pub struct Verifier {
    secret: std::sync::Arc<[u8]>,
    verified: moka::sync::Cache<String, (Identity, i64)>,
}

/// Verified headers kept per process.
const KEPT_HEADERS: u64 = 4096;

impl Verifier {
    pub fn new(secret: &[u8]) -> Verifier {
        Verifier {
            secret: secret.into(),
            verified: moka::sync::Cache::builder()
                .max_capacity(KEPT_HEADERS)
                .time_to_live(std::time::Duration::from_secs(SIGNATURE_TTL_SECONDS as u64))
                .build(),
        }
    }

    /// As [`verify`].
    pub fn verify(&self, header: &str, now_unix: i64) -> Result<Identity, IdentityError> {
        if let Some((identity, exp)) = self.verified.get(header) {
            if exp < now_unix {
                return Err(IdentityError::Expired);
            }
            return Ok(identity);
        }
        let (identity, exp) = verify_until(header, &self.secret, now_unix)?;
        self.verified.insert(header.to_string(), (identity.clone(), exp));
        Ok(identity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alice() -> Identity {
        Identity::new("cus_alice", vec![Role::Customer])
    }

    #[test]
    fn a_kept_header_answers_as_verifying_it_would() {
        let verifier = Verifier::new(b"secret");
        let header = sign(&alice(), b"secret", 1000);
        for _ in 0..2 {
            assert_eq!(verifier.verify(&header, 1000), Ok(alice()));
        }
        assert_eq!(
            verifier.verified.get(&header).map(|(_, exp)| exp),
            Some(1000 + SIGNATURE_TTL_SECONDS)
        );
        // Kept or not, a signature past its end is refused.
        let late = 1000 + SIGNATURE_TTL_SECONDS + 1;
        assert_eq!(verifier.verify(&header, late), Err(IdentityError::Expired));
        // A forged or foreign header is never kept, and still refused the second time.
        let foreign = sign(&alice(), b"other", 1000);
        for _ in 0..2 {
            assert_eq!(verifier.verify(&foreign, 1000), Err(IdentityError::BadSignature));
        }
        assert!(verifier.verified.get(&foreign).is_none());
        let (payload, _) = header.split_once('.').unwrap();
        let tampered = format!("{payload}.{}", URL_SAFE_NO_PAD.encode([0u8; 32]));
        assert_eq!(verifier.verify(&tampered, 1000), Err(IdentityError::BadSignature));
    }

    #[test]
    fn a_signed_identity_verifies() {
        let header = sign(&alice(), b"secret", 1000);
        assert_eq!(verify(&header, b"secret", 1000), Ok(alice()));
    }

    #[test]
    fn another_secret_or_a_changed_payload_fails() {
        let header = sign(&alice(), b"secret", 1000);
        assert_eq!(verify(&header, b"other", 1000), Err(IdentityError::BadSignature));
        let forged_payload = URL_SAFE_NO_PAD.encode(br#"{"sub":"cus_bob","roles":["ADMIN"],"exp":99999}"#);
        let signature = header.split_once('.').unwrap().1;
        assert_eq!(
            verify(&format!("{forged_payload}.{signature}"), b"secret", 1000),
            Err(IdentityError::BadSignature)
        );
        assert_eq!(verify("garbage", b"secret", 1000), Err(IdentityError::Malformed));
    }

    #[test]
    fn forwarded_claims_name_the_caller_without_service_and_say_when_the_session_ends() {
        let claims: ForwardedClaims = serde_json::from_value(serde_json::json!({
            "sub": "cus_alice", "roles": ["CUSTOMER", "SERVICE"], "exp": 1900, "iss": "vitrine"
        }))
        .unwrap();
        assert_eq!(claims.identity(), alice());
        assert_eq!(claims.session(), Some(SessionExpiry(1900)));
        let nameless = serde_json::from_value::<ForwardedClaims>(serde_json::json!({ "roles": ["ADMIN"] }));
        assert!(nameless.is_err(), "no subject, no caller");
    }

    #[test]
    fn an_old_signature_expires() {
        let header = sign(&alice(), b"secret", 1000);
        assert_eq!(
            verify(&header, b"secret", 1000 + SIGNATURE_TTL_SECONDS + 1),
            Err(IdentityError::Expired)
        );
    }
}
