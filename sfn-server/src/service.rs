//! The shared state of one server: its configuration, ARNs, store and clock.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::Config;
use crate::arn::Arns;
use crate::persist::{self, Db};
use crate::store::{RunStatus, Store};

/// One server's state, shared by every request and execution thread.
pub struct Service {
    pub config: Config,
    pub arns: Arns,
    store: Mutex<Store>,
    /// The database of `--data-dir` (none: everything in memory).
    db: Option<Db>,
    ids: AtomicU64,
    random: RandomState,
    /// Set at shutdown: executions stopped by it are not written as ABORTED.
    stopping: AtomicBool,
}

impl Service {
    /// A service; with [`Config::data_dir`], what the database holds is read back.
    ///
    /// # Errors
    /// The database cannot be opened or read.
    pub fn open(config: Config) -> Result<Service, String> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
        let (db, store, interrupted) = match &config.data_dir {
            None => (None, Store::default(), Vec::new()),
            Some(dir) => {
                let db = Db::open(dir)?;
                let (store, interrupted) = persist::restore(&db.load()?, now)?;
                (Some(db), store, interrupted)
            }
        };
        let service = Service {
            arns: Arns::new(&config.region, &config.account),
            config,
            store: Mutex::new(store),
            db,
            ids: AtomicU64::new(0),
            random: RandomState::new(),
            stopping: AtomicBool::new(false),
        };
        // The executions failed by the restart are written back as failed.
        for arn in &interrupted {
            service.persist_execution(arn);
        }
        Ok(service)
    }

    /// Writes the state machines, versions, aliases and activities (with `--data-dir`).
    pub fn persist_resources(&self) {
        if let Some(db) = &self.db {
            db.save_resources(&self.store());
        }
    }

    /// Writes one execution (with `--data-dir`). The store stays locked while it is
    /// written, so an older state can never overwrite a newer one.
    pub fn persist_execution(&self, arn: &str) {
        if let Some(db) = &self.db {
            db.save_execution(&self.store(), arn);
        }
    }

    /// Writes the executions `which` selects (the periodic write of running ones).
    pub fn persist_all_executions(&self, which: impl Fn(RunStatus) -> bool) {
        let Some(db) = &self.db else { return };
        let store = self.store();
        let arns: Vec<&String> = store
            .executions
            .values()
            .filter(|r| which(r.status))
            .map(|r| &r.arn)
            .collect();
        for arn in arns {
            db.save_execution(&store, arn);
        }
    }

    /// The server is shutting down: what ends now is not written.
    pub fn stop_writing_executions(&self) {
        self.stopping.store(true, Ordering::SeqCst);
    }

    /// Whether executions are still written (not shutting down).
    pub fn writes_executions(&self) -> bool {
        !self.stopping.load(Ordering::SeqCst)
    }

    /// Whether anything is written to disk.
    pub fn persistent(&self) -> bool {
        self.db.is_some()
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
