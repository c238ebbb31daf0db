//! Runs an async handler to completion on the calling thread, so `async fn` handlers run in
//! `cargo test` without a runtime to set up. Handlers that need a Tokio reactor (Tokio's
//! timers or sockets) are wrapped by the test in their own runtime instead (see docs/dsl.md).

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::Thread;

struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Polls `future` until it is ready, parking the thread between wake-ups.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            // A spurious unpark only costs one more poll.
            Poll::Pending => std::thread::park(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_future_woken_from_another_thread_completes() {
        let (tx, rx) = std::sync::mpsc::channel::<Waker>();
        let helper = std::thread::spawn(move || {
            if let Ok(waker) = rx.recv() {
                waker.wake();
            }
        });
        let mut sent = false;
        let value = block_on(std::future::poll_fn(move |cx| {
            if sent {
                Poll::Ready(7)
            } else {
                sent = true;
                let _ = tx.send(cx.waker().clone());
                Poll::Pending
            }
        }));
        assert_eq!(value, 7);
        assert!(helper.join().is_ok());
    }
}
