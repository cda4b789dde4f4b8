//! The key access tokens are signed with, and the JWKS the router verifies them against.
//! Development: HS256 with `VITRINE_JWT_SECRET` (the JWKS then holds the secret and is only ever
//! written to the router's own config directory). Production: an Ed25519 or RSA private key in
//! `VITRINE_JWT_PRIVATE_KEY_FILE` (PEM); the JWKS holds only the public key, and the accounts
//! subgraph publishes it at `/.well-known/jwks.json` for routers that fetch it remotely.

use crate::config::SecretsConfig;
use crate::identity::{Role, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER};
use anyhow::Context;
use jsonwebtoken::jwk::{Jwk, JwkSet, KeyAlgorithm};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Validation};
use sha2::{Digest, Sha256};

#[derive(Clone)]
pub struct JwtKeys {
    pub encoding: EncodingKey,
    pub algorithm: Algorithm,
    pub kid: String,
    /// The verification key set: the secret for HS256, the public key otherwise.
    pub jwks: JwkSet,
}

impl JwtKeys {
    pub fn from_config(secrets: &SecretsConfig) -> anyhow::Result<JwtKeys> {
        let (encoding, algorithm) = match &secrets.jwt_private_key_file {
            Some(path) => {
                let pem = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
                if let Ok(key) = EncodingKey::from_ed_pem(&pem) {
                    (key, Algorithm::EdDSA)
                } else {
                    let key = EncodingKey::from_rsa_pem(&pem).context(
                        "VITRINE_JWT_PRIVATE_KEY_FILE must hold an Ed25519 or RSA private key (PEM)",
                    )?;
                    (key, Algorithm::RS256)
                }
            }
            None => (
                EncodingKey::from_secret(secrets.jwt_secret.as_bytes()),
                Algorithm::HS256,
            ),
        };
        let mut jwk = Jwk::from_encoding_key(&encoding, algorithm).context("deriving the JWK")?;
        // A kid that changes with the key, so routers caching the old key set notice a rotation.
        let fingerprint = Sha256::digest(serde_json::to_vec(&jwk.algorithm)?);
        let kid = format!(
            "vitrine-{}",
            fingerprint
                .iter()
                .take(6)
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        jwk.common.key_id = Some(kid.clone());
        jwk.common.key_algorithm = Some(match algorithm {
            Algorithm::EdDSA => KeyAlgorithm::EdDSA,
            Algorithm::RS256 => KeyAlgorithm::RS256,
            _ => KeyAlgorithm::HS256,
        });
        Ok(JwtKeys {
            encoding,
            algorithm,
            kid,
            jwks: JwkSet { keys: vec![jwk] },
        })
    }

    /// The roles of a valid access token (signature, issuer, audience and expiry checked), for
    /// the router's own endpoints beside GraphQL, where Hive's JWT check does not run.
    pub fn verified_roles(&self, token: &str) -> anyhow::Result<Vec<Role>> {
        #[derive(serde::Deserialize)]
        struct Claims {
            roles: Vec<Role>,
        }
        let jwk = self.jwks.keys.first().context("an empty key set")?;
        let key = DecodingKey::from_jwk(jwk).context("the verification key")?;
        let mut validation = Validation::new(self.algorithm);
        validation.set_issuer(&[ACCESS_TOKEN_ISSUER]);
        validation.set_audience(&[ACCESS_TOKEN_AUDIENCE]);
        Ok(jsonwebtoken::decode::<Claims>(token, &key, &validation)?
            .claims
            .roles)
    }

    /// True when the key set may be published (it holds no secret).
    pub fn is_public(&self) -> bool {
        self.algorithm != Algorithm::HS256
    }

    pub fn jwks_json(&self) -> String {
        serde_json::to_string(&self.jwks).expect("JWKS serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST_KEY: &str = include_str!("../../tests/fixtures/test-only-ed25519.pem");

    #[test]
    fn hs256_keys_carry_the_secret() {
        let keys = JwtKeys::from_config(&SecretsConfig::default()).unwrap();
        assert_eq!(keys.algorithm, Algorithm::HS256);
        assert!(!keys.is_public());
        let json: serde_json::Value = serde_json::from_str(&keys.jwks_json()).unwrap();
        assert_eq!(json["keys"][0]["kty"], "oct");
        assert_eq!(json["keys"][0]["kid"], keys.kid.as_str());
    }

    #[test]
    fn ed25519_keys_publish_only_the_public_half() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.pem");
        std::fs::write(&path, TEST_KEY).unwrap();
        let secrets = SecretsConfig {
            jwt_private_key_file: Some(path),
            ..SecretsConfig::default()
        };
        let keys = JwtKeys::from_config(&secrets).unwrap();
        assert_eq!(keys.algorithm, Algorithm::EdDSA);
        assert!(keys.is_public());
        let json: serde_json::Value = serde_json::from_str(&keys.jwks_json()).unwrap();
        let key = &json["keys"][0];
        assert_eq!(
            (key["kty"].as_str(), key["crv"].as_str(), key["alg"].as_str()),
            (Some("OKP"), Some("Ed25519"), Some("EdDSA"))
        );
        assert!(key.get("d").is_none(), "private part leaked: {key}");
    }

    fn token(keys: &JwtKeys, roles: &[&str], expires_in: i64) -> String {
        let now = chrono::Utc::now().timestamp();
        let claims = serde_json::json!({
            "sub": "c1", "roles": roles, "iss": ACCESS_TOKEN_ISSUER, "aud": ACCESS_TOKEN_AUDIENCE,
            "iat": now, "exp": now + expires_in,
        });
        let mut header = jsonwebtoken::Header::new(keys.algorithm);
        header.kid = Some(keys.kid.clone());
        jsonwebtoken::encode(&header, &claims, &keys.encoding).unwrap()
    }

    #[test]
    fn only_a_valid_unexpired_token_of_these_keys_has_roles() {
        let keys = JwtKeys::from_config(&SecretsConfig::default()).unwrap();
        let roles = keys.verified_roles(&token(&keys, &["ADMIN"], 60)).unwrap();
        assert_eq!(roles, [Role::Admin]);
        assert!(
            keys.verified_roles(&token(&keys, &["ADMIN"], -120)).is_err(),
            "expired"
        );
        let other = JwtKeys::from_config(&SecretsConfig {
            jwt_secret: "another secret of enough length".into(),
            ..SecretsConfig::default()
        })
        .unwrap();
        assert!(
            keys.verified_roles(&token(&other, &["ADMIN"], 60)).is_err(),
            "other key"
        );
        assert!(keys.verified_roles("not a token").is_err());
    }
}
