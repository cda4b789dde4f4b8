//! Where DataLoader batches run. async-graphql's `DataLoader` closes a batch 1 ms after the
//! batch task starts; with `tokio::spawn` as its spawner that task may start on another worker
//! while the request is still registering keys (a debug build on a busy 2-core machine easily
//! takes over 1 ms to walk 50 list items), so one batch became two or three, at random.
//!
//! [`drive`] runs a request's batches in the request's own task instead, each first polled only
//! after the request's resolvers have run as far as they can (and so registered every key they
//! have): a list of 50 items costs one statement per loader level, every time. Batches run in
//! the request's task also count in its SQL tally ([`crate::sql_tally`]). Outside a driven
//! request (a subscription's stream, a test), [`spawn`] falls back to `tokio::spawn`.

use futures::future::BoxFuture;
use futures::stream::{FuturesUnordered, StreamExt};
use futures::task::{waker, ArcWake, AtomicWaker};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

tokio::task_local! {
    // A key, not state: the value lives in each request's task, inside `drive`.
    static QUEUE: Queue;
}

/// Batches started by a request and not yet picked up by its driver.
#[derive(Clone, Default)]
struct Queue(Arc<Mutex<Pending>>);

#[derive(Default)]
struct Pending {
    batches: Vec<BoxFuture<'static, ()>>,
}

/// The spawner every DataLoader is built with.
pub fn spawn(batch: BoxFuture<'static, ()>) {
    let mut batch = Some(batch);
    // Only the request's own task reaches its queue, and only while `drive` polls it, which
    // looks at the queue afterwards: nothing needs waking.
    let queued = QUEUE.try_with(|queue| {
        let mut pending = queue.0.lock().expect("batch queue lock");
        pending.batches.extend(batch.take());
    });
    if queued.is_err() {
        if let Some(batch) = batch {
            crate::sql_tally::spawn(batch);
        }
    }
}

/// Runs `request` with its DataLoader batches in its own task (see the module's comment).
pub fn drive<F>(request: F) -> impl Future<Output = F::Output>
where
    F: Future + Send + 'static,
{
    let queue = Queue::default();
    QUEUE.scope(
        queue.clone(),
        Driven {
            request: Box::pin(request),
            batches: FuturesUnordered::new(),
            queue,
            request_waker: Arc::default(),
        },
    )
}

struct Driven<F: Future> {
    request: Pin<Box<F>>,
    batches: FuturesUnordered<BoxFuture<'static, ()>>,
    queue: Queue,
    /// Tells whether the request was woken since it was last polled.
    request_waker: Arc<FlagWaker>,
}

/// Forwards to the task's waker and remembers that it was called. Lists of more than 30 items
/// are resolved through `FuturesUnordered`, which returns `Pending` after a round and wakes
/// itself at once: such a request is not waiting, it is pausing, and no batch may start
/// before it went on.
#[derive(Default)]
struct FlagWaker {
    woken: AtomicBool,
    task: AtomicWaker,
}

impl ArcWake for FlagWaker {
    fn wake_by_ref(this: &Arc<Self>) {
        this.woken.store(true, Ordering::SeqCst);
        this.task.wake();
    }
}

/// Rounds a request may pause for before the batches it started get their turn regardless.
const PAUSES_BEFORE_BATCHES: usize = 64;
/// Request-and-batches rounds in one poll before the task yields to the rest of the worker.
const ROUNDS_BEFORE_YIELDING: usize = 16;

impl<F: Future> Future for Driven<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        this.request_waker.task.register(cx.waker());
        let request_waker = waker(this.request_waker.clone());
        for _ in 0..ROUNDS_BEFORE_YIELDING {
            // The request first, for as long as it goes on: it registers every key it can
            // before any new batch starts.
            for _ in 0..PAUSES_BEFORE_BATCHES {
                this.request_waker.woken.store(false, Ordering::SeqCst);
                if let Poll::Ready(output) = this
                    .request
                    .as_mut()
                    .poll(&mut Context::from_waker(&request_waker))
                {
                    return Poll::Ready(output);
                }
                // Woken by itself, it paused; with tokio's budget spent, its sockets and
                // timers wake it at once without letting it go on: that is no pause.
                let paused = this.request_waker.woken.load(Ordering::SeqCst)
                    && tokio::task::coop::has_budget_remaining();
                if !paused {
                    break;
                }
            }
            let started = std::mem::take(&mut this.queue.0.lock().expect("batch queue lock").batches);
            this.batches.extend(started);
            while let Poll::Ready(Some(())) = this.batches.poll_next_unpin(cx) {}
            // A batch that finished may have let the request go on at once; a batch may have
            // started another. Otherwise everything waits on something else.
            let request_ready = this.request_waker.woken.load(Ordering::SeqCst);
            let batch_queued = !this.queue.0.lock().expect("batch queue lock").batches.is_empty();
            if !request_ready && !batch_queued {
                return Poll::Pending;
            }
        }
        // Still going: let the worker's other tasks run, and come back.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

impl<F: Future> Drop for Driven<F> {
    /// A request that ends early (an error, a deadline, a client gone) may hold batches that
    /// other requests' keys joined: they still run, on their own. (Without a runtime, as when
    /// the process shuts down, they cannot, and requests waiting on them fail.)
    fn drop(&mut self) {
        let mut leftover: Vec<_> = std::mem::take(&mut self.batches).into_iter().collect();
        leftover.extend(std::mem::take(
            &mut self.queue.0.lock().expect("batch queue lock").batches,
        ));
        if leftover.is_empty() {
            return;
        }
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            for batch in leftover {
                runtime.spawn(batch);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::dataloader::{DataLoader, Loader};
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Counting(Arc<AtomicUsize>);

    impl Loader<u32> for Counting {
        type Value = u32;
        type Error = String;

        async fn load(&self, keys: &[u32]) -> Result<HashMap<u32, u32>, String> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Ok(keys.iter().map(|k| (*k, k * 2)).collect())
        }
    }

    /// Keys registered with pauses between them longer than the loader's 1 ms delay still
    /// make one batch: the batch starts only when the request waits.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_request_that_registers_keys_slowly_still_makes_one_batch() {
        let batches = Arc::new(AtomicUsize::new(0));
        let loader = Arc::new(DataLoader::new(Counting(batches.clone()), spawn));
        let values = drive({
            let loader = loader.clone();
            async move {
                // Over 30 items, as a page of 50: `try_join_all` then pauses between rounds.
                let loads = (0..50u32).map(|key| {
                    let loader = loader.clone();
                    async move {
                        // Busy, not sleeping: the task does not yield while it registers keys.
                        let until = std::time::Instant::now() + std::time::Duration::from_micros(200);
                        while std::time::Instant::now() < until {}
                        loader.load_one(key).await
                    }
                });
                futures::future::join_all(loads).await
            }
        })
        .await;
        assert_eq!(values.len(), 50);
        assert_eq!(values[7], Ok(Some(14)));
        assert_eq!(batches.load(Ordering::SeqCst), 1);
    }
}
