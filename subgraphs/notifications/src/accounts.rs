//! Who an email goes to, asked of accounts as the `notifications` service at sending time (not
//! when the event arrives: no network calls in consumers, and a changed address is honoured).

use serde::Deserialize;
use serde_json::json;
use vitrine_kit::identity::Identity;
use vitrine_kit::peers::{PeerError, PeerOperation, Peers};

pub const RECIPIENT: PeerOperation = PeerOperation {
    peer: "accounts",
    document: "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { email name } } }",
};

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Recipient {
    pub email: String,
    pub name: String,
}

/// The customer's address and name; `None` when accounts has no such customer.
pub async fn recipient(peers: &Peers, customer_id: &str) -> Result<Option<Recipient>, PeerError> {
    #[derive(Deserialize)]
    struct Data {
        #[serde(rename = "_entities")]
        entities: Vec<Option<Recipient>>,
    }
    let data: Data = peers
        .call(
            &RECIPIENT,
            &Identity::service(crate::NAME),
            json!({ "r": [{ "__typename": "Customer", "id": customer_id }] }),
        )
        .await?;
    Ok(data.entities.into_iter().next().flatten())
}
