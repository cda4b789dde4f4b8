//! What the process hands each subgraph it starts: the event bus and the way to its peers.

use crate::events::EventBus;
use crate::peers::Peers;
use std::sync::Arc;

#[derive(Clone)]
pub struct Wiring {
    pub bus: Arc<EventBus>,
    pub peers: Arc<Peers>,
}
