//! What the process hands each subgraph it starts: the system it belongs to and the way to its
//! peers.

use crate::events::EventBus;
use crate::peers::Peers;
use crate::system::System;
use std::sync::Arc;

#[derive(Clone)]
pub struct Wiring {
    pub system: System,
    pub peers: Arc<Peers>,
}

impl Wiring {
    pub fn new(system: System, peers: Arc<Peers>) -> Wiring {
        Wiring { system, peers }
    }

    /// The system's event bus.
    pub fn bus(&self) -> &Arc<EventBus> {
        self.system.bus()
    }
}
