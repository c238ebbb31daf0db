//! The shared state of one server: its configuration, ARNs, store and clock.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::Config;
use crate::arn::Arns;
use crate::store::Store;

/// One server's state, shared by every request and execution thread.
pub struct Service {
    pub config: Config,
    pub arns: Arns,
    store: Mutex<Store>,
    ids: AtomicU64,
    random: RandomState,
}

impl Service {
    pub fn new(config: Config) -> Service {
        Service {
            arns: Arns::new(&config.region, &config.account),
            config,
            store: Mutex::new(Store::default()),
            ids: AtomicU64::new(0),
            random: RandomState::new(),
        }
    }

    /// The store, locked. A panic while it was held cannot leave it half-written in a way
    /// that matters more than refusing every later request, so poisoning is ignored.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Wall-clock milliseconds since the Unix epoch.
    pub fn now_ms(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    }

    /// A random 64-bit number (execution seeds, ids).
    pub fn random_u64(&self) -> u64 {
        let mut hasher = self.random.build_hasher();
        hasher.write_u64(self.ids.fetch_add(1, Ordering::Relaxed));
        hasher.write_i64(self.now_ms());
        hasher.finish()
    }

    /// A UUID-shaped name (version 4 layout) for executions started without one.
    pub fn uuid(&self) -> String {
        let (a, b) = (self.random_u64(), self.random_u64());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0x0fff,
            ((b >> 48) & 0x3fff) | 0x8000,
            b & 0xffff_ffff_ffff
        )
    }
}
