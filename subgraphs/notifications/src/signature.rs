//! How a receiver knows a webhook came from Vitrine and was not replayed.
//!
//! Each POST carries
//!
//! ```text
//! Vitrine-Event-Id: evt_…            (the same on every retry: deduplicate by it)
//! Vitrine-Timestamp: 1767225600      (unix seconds when this attempt was signed)
//! Vitrine-Signature: t=1767225600,v1=5f1c…
//! ```
//!
//! where `v1` is the lowercase hex HMAC-SHA256, keyed with the webhook's secret (the string
//! `registerWebhook` returned, used as is), of `"<t>.<raw body>"`. A receiver recomputes it
//! over the raw bytes it got (before any JSON parsing), compares in constant time, and refuses
//! a `t` too far from its clock (five minutes is usual) so a captured request cannot be
//! replayed later. Several `v1=` entries may appear; any one matching is enough.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::time::Duration;

pub const EVENT_ID_HEADER: &str = "Vitrine-Event-Id";
pub const TIMESTAMP_HEADER: &str = "Vitrine-Timestamp";
pub const SIGNATURE_HEADER: &str = "Vitrine-Signature";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the signature header is malformed")]
    Malformed,
    #[error("the signature does not match the body")]
    Mismatch,
    #[error("the signature timestamp is outside the tolerance")]
    Stale,
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The `Vitrine-Signature` value for `body` sent at `timestamp` (unix seconds).
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let digest = mac(secret, timestamp, body).finalize().into_bytes();
    format!("t={timestamp},v1={}", hex::encode(digest))
}

/// Checks a `Vitrine-Signature` header against the raw `body`, at `now` (unix seconds),
/// accepting timestamps up to `tolerance` away.
pub fn verify_signature(
    secret: &str,
    header: &str,
    body: &[u8],
    now: i64,
    tolerance: Duration,
) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = Some(t.parse::<i64>().map_err(|_| SignatureError::Malformed)?),
            Some(("v1", hex)) => signatures.push(hex::decode(hex).map_err(|_| SignatureError::Malformed)?),
            // Unknown schemes are skipped, so new ones can be added beside v1.
            Some(_) => {}
            None => return Err(SignatureError::Malformed),
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    // Checked first: a match says nothing about a replayed request.
    let age = now.abs_diff(timestamp);
    if age > tolerance.as_secs() {
        return Err(SignatureError::Stale);
    }
    let expected = mac(secret, timestamp, body);
    if signatures
        .iter()
        .any(|s| expected.clone().verify_slice(s).is_ok())
    {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIVE_MINUTES: Duration = Duration::from_secs(300);

    #[test]
    fn a_signed_body_verifies() {
        let body = br#"{"id":"evt_1"}"#;
        let header = sign("s3cret", 1_700_000_000, body);
        assert!(header.starts_with("t=1700000000,v1="));
        assert_eq!(
            verify_signature("s3cret", &header, body, 1_700_000_100, FIVE_MINUTES),
            Ok(())
        );
    }

    #[test]
    fn a_changed_body_secret_or_timestamp_is_detected() {
        let body = br#"{"id":"evt_1","amount":100}"#;
        let header = sign("s3cret", 1_700_000_000, body);
        let now = 1_700_000_000;
        let tampered = br#"{"id":"evt_1","amount":999}"#;
        assert_eq!(
            verify_signature("s3cret", &header, tampered, now, FIVE_MINUTES),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_signature("other", &header, body, now, FIVE_MINUTES),
            Err(SignatureError::Mismatch)
        );
        // Moving the timestamp to dodge the tolerance breaks the signature.
        let moved = header.replace("t=1700000000", "t=1700000999");
        assert_eq!(
            verify_signature("s3cret", &moved, body, 1_700_000_999, FIVE_MINUTES),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn an_old_signature_is_stale_and_garbage_is_malformed() {
        let body = b"{}";
        let header = sign("s3cret", 1_700_000_000, body);
        assert_eq!(
            verify_signature("s3cret", &header, body, 1_700_000_301, FIVE_MINUTES),
            Err(SignatureError::Stale)
        );
        for garbage in [
            "",
            "v1=abcd",
            "t=1700000000",
            "t=x,v1=ab",
            "t=1700000000,v1=zz",
            "junk",
        ] {
            assert_eq!(
                verify_signature("s3cret", garbage, body, 1_700_000_000, FIVE_MINUTES),
                Err(SignatureError::Malformed),
                "{garbage:?}"
            );
        }
    }

    #[test]
    fn any_matching_v1_entry_is_enough() {
        let body = b"{}";
        let good = sign("s3cret", 1_700_000_000, body);
        let v1 = good.split_once(",v1=").unwrap().1;
        let header = format!("t=1700000000,v1={},v1={v1}", "00".repeat(32));
        assert_eq!(
            verify_signature("s3cret", &header, body, 1_700_000_000, FIVE_MINUTES),
            Ok(())
        );
    }
}
