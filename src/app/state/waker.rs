//! Waking the app when background work ends. The app draws frames only on input or when a
//! system asks for one, so a job on a task pool (a fit, the catalog read) that ends while the
//! shopper sits still would otherwise be seen only at the next input or the event loop's idle
//! wake-up. Instead of asking for a frame every frame while it waits (which keeps the renderer
//! busy and slows the job down on a software renderer), a job's future ends by waking the
//! event loop once.

use bevy::prelude::*;
use std::future::Future;
use std::sync::Arc;

/// Wakes the event loop; does nothing without one (headless tests update the app themselves).
#[derive(Resource, Clone, Default)]
pub struct Waker(Option<Arc<dyn Fn() + Send + Sync>>);

impl Waker {
    /// A waker that calls `wake` (the window plugin's event loop proxy).
    pub fn new(wake: impl Fn() + Send + Sync + 'static) -> Self {
        Waker(Some(Arc::new(wake)))
    }

    /// Wakes the event loop now.
    pub fn wake(&self) {
        if let Some(wake) = &self.0 {
            wake();
        }
    }

    /// Wakes the event loop once, `delay` from now (something due then: a notice to fade, a
    /// change to save once it has settled).
    pub fn wake_in(&self, delay: std::time::Duration) {
        if self.0.is_none() {
            return;
        }
        let waker = self.clone();
        std::thread::spawn(move || {
            std::thread::sleep(delay);
            waker.wake();
        });
    }

    /// `future`, followed by a wake-up once it is done.
    pub fn after<F: Future>(&self, future: F) -> impl Future<Output = F::Output> + use<F> {
        let waker = self.clone();
        async move {
            let output = future.await;
            waker.wake();
            output
        }
    }
}
