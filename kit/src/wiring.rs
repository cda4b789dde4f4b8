//! What the process hands each subgraph it starts: the event bus and the way to its peers.

use crate::events::InProcessBus;
use crate::peers::Peers;
use std::sync::Arc;

#[derive(Clone)]
pub struct Wiring {
    pub bus: Arc<InProcessBus>,
    pub peers: Arc<Peers>,
}
