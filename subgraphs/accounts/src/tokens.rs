//! Access tokens are short-lived JWTs the router verifies (HS256 in development, EdDSA/RS256
//! with a private key in production; see `vitrine_kit::jwt_keys`). Refresh tokens are random
//! and opaque; only their SHA-256 is stored.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{encode, Header};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use vitrine_kit::identity::{Role, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER};
use vitrine_kit::jwt_keys::JwtKeys;

pub const ACCESS_TOKEN_TTL_SECONDS: i64 = 15 * 60;
pub const REFRESH_TOKEN_TTL_DAYS: i64 = 30;

#[derive(Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    pub sub: String,
    pub roles: Vec<Role>,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Clone)]
pub struct TokenIssuer {
    keys: JwtKeys,
}

impl TokenIssuer {
    pub fn new(keys: JwtKeys) -> Self {
        TokenIssuer { keys }
    }

    pub fn access_token(&self, customer_id: &str, roles: &[Role], now_unix: i64) -> anyhow::Result<String> {
        let mut header = Header::new(self.keys.algorithm);
        header.kid = Some(self.keys.kid.clone());
        let claims = AccessClaims {
            sub: customer_id.to_string(),
            roles: roles.to_vec(),
            iss: ACCESS_TOKEN_ISSUER.to_string(),
            aud: ACCESS_TOKEN_AUDIENCE.to_string(),
            iat: now_unix,
            exp: now_unix + ACCESS_TOKEN_TTL_SECONDS,
        };
        Ok(encode(&header, &claims, &self.keys.encoding)?)
    }
}

/// A new refresh token (given to the client once) and the hash that is stored.
pub fn new_refresh_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = format!("rt_{}", URL_SAFE_NO_PAD.encode(bytes));
    let hash = hash_refresh_token(&token);
    (token, hash)
}

pub fn hash_refresh_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
    use vitrine_kit::config::SecretsConfig;

    #[test]
    fn access_tokens_verify_with_the_same_secret_and_carry_roles() {
        let secrets = SecretsConfig {
            jwt_secret: "s3cret".into(),
            ..SecretsConfig::default()
        };
        let keys = JwtKeys::from_config(&secrets).unwrap();
        let token = TokenIssuer::new(keys.clone())
            .access_token("cus_1", &[Role::Customer], 1_900_000_000)
            .unwrap();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_audience(&["vitrine"]);
        validation.validate_exp = false;
        let data = decode::<AccessClaims>(&token, &DecodingKey::from_secret(b"s3cret"), &validation).unwrap();
        assert_eq!(data.claims.sub, "cus_1");
        assert_eq!(data.claims.roles, vec![Role::Customer]);
        assert_eq!(data.header.kid, Some(keys.kid));
        assert!(decode::<AccessClaims>(&token, &DecodingKey::from_secret(b"other"), &validation).is_err());
    }

    #[test]
    fn refresh_tokens_are_random_and_only_their_hash_is_kept() {
        let (a, hash_a) = new_refresh_token();
        let (b, _) = new_refresh_token();
        assert_ne!(a, b);
        assert_eq!(hash_refresh_token(&a), hash_a);
        assert!(!hash_a.contains(&a));
    }
}
