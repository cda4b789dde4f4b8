//! How events travel in JetStream messages. A run of consecutive outbox events on one topic
//! goes in one message (a JSON array, marked by the [`EVENTS_HEADER`] header), so a relay waits
//! for one acknowledgement per run instead of one per event. Each message is stored whole or
//! not at all, and the next leaves only once the last was stored, so consumers still see a
//! publisher's events in outbox order even when a connection drops mid-way (messages published
//! ahead of their acknowledgements could be stored out of order then). A lone event is an
//! [`Event`] as before, which every version reads.

use super::Event;
use bytes::Bytes;

/// Marks a message holding a run of events; its value is how many.
pub(super) const EVENTS_HEADER: &str = "Vitrine-Events";
/// The most events in one message: a reader holds up to `IN_FLIGHT` messages.
pub(super) const MOST_EVENTS: usize = 64;

/// One JetStream message to publish: its topic, `Nats-Msg-Id`, payload, and how many events.
#[derive(Debug)]
pub(super) struct Envelope {
    pub topic: String,
    pub message_id: String,
    pub payload: Bytes,
    pub events: usize,
}

/// `events` in outbox order, as messages: each a run of consecutive events on one topic, of at
/// most [`MOST_EVENTS`] and `most_bytes` (an event larger than that goes alone).
pub(super) fn pack(events: &[Event], most_bytes: usize) -> anyhow::Result<Vec<Envelope>> {
    let mut envelopes = Vec::new();
    let mut run: Vec<(&Event, Vec<u8>)> = Vec::new();
    // The run's payload so far: `[`, and each event with the `,` or `]` after it.
    let mut run_bytes = 1;
    for event in events {
        let encoded = serde_json::to_vec(event)?;
        let bytes = encoded.len() + 1;
        let fits = run.first().is_some_and(|(first, _)| first.topic == event.topic)
            && run.len() < MOST_EVENTS
            && run_bytes + bytes <= most_bytes;
        if !fits && !run.is_empty() {
            envelopes.push(seal(std::mem::take(&mut run)));
            run_bytes = 1;
        }
        run_bytes += bytes;
        run.push((event, encoded));
    }
    if !run.is_empty() {
        envelopes.push(seal(run));
    }
    Ok(envelopes)
}

fn seal(run: Vec<(&Event, Vec<u8>)>) -> Envelope {
    let (first, last) = (run[0].0, run[run.len() - 1].0);
    let topic = first.topic.clone();
    if run.len() == 1 {
        let (event, encoded) = run.into_iter().next().expect("one event");
        return Envelope {
            topic,
            message_id: event.id.clone(),
            payload: encoded.into(),
            events: 1,
        };
    }
    // The same run republished after a lost acknowledgement is dropped by JetStream's
    // duplicate window; a run that grew meanwhile is not, and its consumers skip the events
    // they already handled.
    let message_id = format!("{}..{}+{}", first.id, last.id, run.len());
    let events = run.len();
    let mut payload = Vec::with_capacity(run.iter().map(|(_, e)| e.len() + 1).sum::<usize>() + 1);
    payload.push(b'[');
    for (i, (_, encoded)) in run.into_iter().enumerate() {
        if i > 0 {
            payload.push(b',');
        }
        payload.extend_from_slice(&encoded);
    }
    payload.push(b']');
    Envelope {
        topic,
        message_id,
        payload: payload.into(),
        events,
    }
}

/// The events a message holds: a run if it carries [`EVENTS_HEADER`], else one.
pub(super) fn open(headers: Option<&async_nats::HeaderMap>, payload: &[u8]) -> anyhow::Result<Vec<Event>> {
    if headers.is_some_and(|h| h.get(EVENTS_HEADER).is_some()) {
        let events: Vec<Event> = serde_json::from_slice(payload)?;
        anyhow::ensure!(!events.is_empty(), "an empty run of events");
        Ok(events)
    } else {
        Ok(vec![serde_json::from_slice(payload)?])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, topic: &str) -> Event {
        Event {
            id: id.into(),
            topic: topic.into(),
            payload: serde_json::json!({ "id": id }),
        }
    }

    fn marked(envelope: &Envelope) -> Option<async_nats::HeaderMap> {
        (envelope.events > 1).then(|| {
            let mut headers = async_nats::HeaderMap::new();
            headers.insert(EVENTS_HEADER, envelope.events.to_string().as_str());
            headers
        })
    }

    #[test]
    fn consecutive_events_on_one_topic_share_a_message_in_order() {
        let events = [
            event("e1", "delivery.changed"),
            event("e2", "delivery.changed"),
            event("e3", "delivery.other"),
            event("e4", "delivery.changed"),
        ];
        let envelopes = pack(&events, 1 << 20).unwrap();
        let sizes: Vec<usize> = envelopes.iter().map(|e| e.events).collect();
        assert_eq!(sizes, [2, 1, 1], "a topic change starts a new message");
        assert_eq!(envelopes[0].message_id, "e1..e2+2");
        assert_eq!(envelopes[1].message_id, "e3", "a lone event keeps its own id");
        let opened: Vec<Event> = envelopes
            .iter()
            .flat_map(|e| open(marked(e).as_ref(), &e.payload).unwrap())
            .collect();
        assert_eq!(opened, events);
    }

    #[test]
    fn a_run_is_cut_at_the_most_events_and_bytes() {
        let events: Vec<Event> = (0..MOST_EVENTS + 1)
            .map(|i| event(&format!("e{i:03}"), "t"))
            .collect();
        let sizes: Vec<usize> = pack(&events, 1 << 20).unwrap().iter().map(|e| e.events).collect();
        assert_eq!(sizes, [MOST_EVENTS, 1]);

        let one = serde_json::to_vec(&events[0]).unwrap().len() + 1;
        let two = 1 + 2 * one;
        let envelopes = pack(&events[..5], two).unwrap();
        assert_eq!(envelopes.iter().map(|e| e.events).collect::<Vec<_>>(), [2, 2, 1]);
        assert!(envelopes.iter().all(|e| e.payload.len() <= two));
        // Larger than the bound on its own: it still goes, alone.
        assert_eq!(pack(&events[..2], 1).unwrap().len(), 2);
    }

    #[test]
    fn a_lone_event_reads_as_every_version_wrote_it() {
        let events = [event("e1", "t")];
        let envelope = pack(&events, 1 << 20).unwrap().remove(0);
        assert_eq!(envelope.payload, serde_json::to_vec(&events[0]).unwrap());
        assert_eq!(open(None, &envelope.payload).unwrap(), events);
    }

    #[test]
    fn a_marked_message_that_is_not_a_run_is_an_error() {
        let mut headers = async_nats::HeaderMap::new();
        headers.insert(EVENTS_HEADER, "2");
        assert!(open(Some(&headers), b"[]").is_err());
        assert!(open(Some(&headers), br#"{"id":"e1","topic":"t","payload":null}"#).is_err());
        assert!(open(None, b"[").is_err());
    }
}
