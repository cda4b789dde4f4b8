//! Payments' calls to accounts' wallet API, as the `payments` service. Every call carries an
//! idempotency key derived from the order, so repeating one after an unknown outcome never
//! moves the money twice.

use serde::Deserialize;
use serde_json::json;
use vitrine_kit::identity::Identity;
use vitrine_kit::peers::{PeerError, PeerOperation, Peers};

pub const HOLD: PeerOperation = PeerOperation {
    peer: "accounts",
    document: "mutation($c: ID!, $a: Int!, $r: String!, $k: String!) { holdWalletFunds(customerId: $c, \
               amount: $a, reference: $r, idempotencyKey: $k) { entry { id } } }",
};
pub const SETTLE: PeerOperation = PeerOperation {
    peer: "accounts",
    document: "mutation($h: ID!, $c: Boolean!, $k: String!) { settleWalletHold(holdId: $h, capture: $c, \
               idempotencyKey: $k) { entry { id } } }",
};
pub const CREDIT: PeerOperation = PeerOperation {
    peer: "accounts",
    document: "mutation($c: ID!, $a: Int!, $r: String!, $k: String!) { creditWallet(customerId: $c, \
               amount: $a, reference: $r, idempotencyKey: $k) { entry { id } } }",
};

#[derive(Deserialize)]
struct Operation {
    entry: Entry,
}

#[derive(Deserialize)]
struct Entry {
    id: String,
}

fn payments() -> Identity {
    Identity::service(crate::NAME)
}

/// Sets `amount` aside in the customer's wallet; returns the HOLD entry id.
/// `PAYMENT_DECLINED` (rejected) when not enough is available.
pub async fn hold(
    peers: &Peers,
    customer_id: &str,
    amount: i64,
    reference: &str,
    key: &str,
) -> Result<String, PeerError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        hold_wallet_funds: Operation,
    }
    let data: Data = peers
        .call(
            &HOLD,
            &payments(),
            json!({ "c": customer_id, "a": amount, "r": reference, "k": key }),
        )
        .await?;
    Ok(data.hold_wallet_funds.entry.id)
}

/// Takes the held money (`capture`) or gives it back; `key` names the settlement.
pub async fn settle(peers: &Peers, hold_id: &str, capture: bool, key: &str) -> Result<String, PeerError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        settle_wallet_hold: Operation,
    }
    let data: Data = peers
        .call(
            &SETTLE,
            &payments(),
            json!({ "h": hold_id, "c": capture, "k": key }),
        )
        .await?;
    Ok(data.settle_wallet_hold.entry.id)
}

/// Puts `amount` back into the customer's wallet (a refund); returns the CREDIT entry id.
pub async fn credit(
    peers: &Peers,
    customer_id: &str,
    amount: i64,
    reference: &str,
    key: &str,
) -> Result<String, PeerError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        credit_wallet: Operation,
    }
    let data: Data = peers
        .call(
            &CREDIT,
            &payments(),
            json!({ "c": customer_id, "a": amount, "r": reference, "k": key }),
        )
        .await?;
    Ok(data.credit_wallet.entry.id)
}
