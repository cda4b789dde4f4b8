//! Requests in flight by their whole inputs: the first of identical ones leads, the others wait
//! for its answer. Nothing outlives the leader: its answer (or its end without one) takes the
//! entry out, so a later request runs afresh.

use futures::future::{BoxFuture, FutureExt, Shared};
use hive_router::ntex::util::Bytes;
use http::{HeaderName, HeaderValue, StatusCode};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// What makes two requests the same one: compared whole, never by a hash of them, so two
/// callers cannot meet by a collision.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct RequestKey {
    /// Method, URI and the headers that matter, each part preceded by its length so that no
    /// part can run into the next.
    head: Vec<u8>,
    body: Bytes,
}

impl RequestKey {
    pub fn new<'a>(
        method: &str,
        uri: &str,
        headers: impl IntoIterator<Item = (&'a str, &'a [u8])>,
        body: Bytes,
    ) -> RequestKey {
        let mut head = Vec::with_capacity(256);
        let mut push = |part: &[u8]| {
            head.extend_from_slice(&part.len().to_le_bytes());
            head.extend_from_slice(part);
        };
        push(method.as_bytes());
        push(uri.as_bytes());
        for (name, value) in headers {
            push(name.as_bytes());
            push(value);
        }
        RequestKey { head, body }
    }
}

/// The leader's response, as the waiting requests send it.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub body: Bytes,
}

/// Resolves to the leader's answer, or `None` when it ended without one.
pub type Pending = Shared<BoxFuture<'static, Option<Arc<Answer>>>>;

pub enum Claim {
    /// Run the request and hand its response to [`Leader::answer`].
    Lead(Leader),
    /// Wait for the identical request in flight.
    Wait(Pending),
}

#[derive(Default)]
pub struct Waiting {
    /// Each request in flight, with the generation of its leader.
    leaders: Mutex<HashMap<RequestKey, (u64, Pending)>>,
    generations: AtomicU64,
}

impl Waiting {
    pub fn claim(self: &Arc<Self>, key: RequestKey) -> Claim {
        let mut leaders = self.leaders.lock().expect("dedupe lock");
        if let Some((_, pending)) = leaders.get(&key) {
            return Claim::Wait(pending.clone());
        }
        let (send, receive) = oneshot::channel();
        let pending: Pending = receive.map(Result::ok).boxed().shared();
        let generation = self.generations.fetch_add(1, Ordering::Relaxed);
        leaders.insert(key.clone(), (generation, pending));
        Claim::Lead(Leader {
            waiting: self.clone(),
            key,
            generation,
            send: Some(send),
        })
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.leaders.lock().expect("dedupe lock").len()
    }
}

/// The request that runs for all identical ones. Dropped without answering (its client left,
/// its deadline passed, it failed), it lets them run on their own.
pub struct Leader {
    waiting: Arc<Waiting>,
    key: RequestKey,
    generation: u64,
    send: Option<oneshot::Sender<Arc<Answer>>>,
}

impl Leader {
    pub fn answer(mut self, answer: Answer) {
        self.leave();
        if let Some(send) = self.send.take() {
            let _ = send.send(Arc::new(answer));
        }
    }

    /// Takes its entry out (not a newer leader's under the same key): from here on an
    /// identical request runs afresh.
    fn leave(&self) {
        let mut leaders = self.waiting.leaders.lock().expect("dedupe lock");
        if leaders
            .get(&self.key)
            .is_some_and(|(generation, _)| *generation == self.generation)
        {
            leaders.remove(&self.key);
        }
    }
}

impl Drop for Leader {
    fn drop(&mut self) {
        self.leave();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(authorization: &str, body: &'static str) -> RequestKey {
        RequestKey::new(
            "POST",
            "/graphql",
            [("authorization", authorization.as_bytes())],
            Bytes::from_static(body.as_bytes()),
        )
    }

    fn answer(body: &'static str) -> Answer {
        Answer {
            status: StatusCode::OK,
            headers: vec![],
            body: Bytes::from_static(body.as_bytes()),
        }
    }

    #[tokio::test]
    async fn identical_requests_wait_for_the_leader_and_a_later_one_leads_again() {
        let waiting = Arc::new(Waiting::default());
        let Claim::Lead(leader) = waiting.claim(key("Bearer a", "{ me { id } }")) else {
            panic!("the first request leads");
        };
        let Claim::Wait(pending) = waiting.claim(key("Bearer a", "{ me { id } }")) else {
            panic!("an identical one waits");
        };
        leader.answer(answer("{\"data\":1}"));
        assert_eq!(
            pending.await.expect("an answer").body,
            Bytes::from_static(b"{\"data\":1}")
        );
        assert_eq!(waiting.len(), 0, "nothing is kept once answered");
        assert!(matches!(
            waiting.claim(key("Bearer a", "{ me { id } }")),
            Claim::Lead(_)
        ));
    }

    #[test]
    fn another_caller_or_another_body_leads_its_own() {
        let waiting = Arc::new(Waiting::default());
        let _alice = waiting.claim(key("Bearer alice", "{ me { id } }"));
        assert!(matches!(
            waiting.claim(key("Bearer bob", "{ me { id } }")),
            Claim::Lead(_)
        ));
        assert!(matches!(
            waiting.claim(key("Bearer alice", "{ me { email } }")),
            Claim::Lead(_)
        ));
        let anonymous = RequestKey::new("POST", "/graphql", [], Bytes::from_static(b"{ me { id } }"));
        assert!(matches!(waiting.claim(anonymous), Claim::Lead(_)));
    }

    #[test]
    fn parts_cannot_be_shifted_into_one_another() {
        let two = RequestKey::new(
            "POST",
            "/graphql",
            [("cookie", &b"a"[..]), ("accept", b"b")],
            Bytes::new(),
        );
        let one = RequestKey::new("POST", "/graphql", [("cookie", &b"aacceptb"[..])], Bytes::new());
        assert_ne!(two, one);
        let shifted = RequestKey::new(
            "POST",
            "/graphq",
            [("lcookie", &b"a"[..]), ("accept", b"b")],
            Bytes::new(),
        );
        assert_ne!(two, shifted);
    }

    #[tokio::test]
    async fn a_leader_ending_without_an_answer_lets_the_others_run() {
        let waiting = Arc::new(Waiting::default());
        let leader = waiting.claim(key("", "{ products { id } }"));
        let Claim::Wait(pending) = waiting.claim(key("", "{ products { id } }")) else {
            panic!("an identical one waits");
        };
        drop(leader);
        assert!(pending.await.is_none());
        assert_eq!(waiting.len(), 0);
    }

    #[tokio::test]
    async fn an_old_leader_leaving_keeps_a_newer_one_in_place() {
        let waiting = Arc::new(Waiting::default());
        let Claim::Lead(old) = waiting.claim(key("", "{ a }")) else {
            panic!()
        };
        old.leave();
        let newer = waiting.claim(key("", "{ a }"));
        drop(old);
        assert!(matches!(newer, Claim::Lead(_)));
        assert_eq!(waiting.len(), 1, "the newer leader is still there to wait for");
    }
}
