//! `--data-dir DIR`: what the server knows, kept in an SQLite database (`DIR/sfn-serve.sqlite3`,
//! through rusqlite with SQLite bundled) so that a restart finds it again.
//!
//! State machines, versions, aliases and activities are written after every request that
//! changes them; an execution when it starts, stops, is redriven, hands out or completes a
//! task token, ends, and every half second while it runs (its history so far). Writes are
//! one transaction each in WAL mode, so a killed server leaves the last committed state.
//!
//! An execution that was running when the server stopped is not resumed (its thread's place
//! in a state cannot be restored exactly): the restarted server reports it `FAILED` with the
//! error `States.Runtime` and a cause that says so, and it is redrivable, so
//! RedriveExecution runs it on from the state it was in. Its task tokens stay known: a
//! SendTask* with one gets `TaskTimedOut` saying the task ended with the restart.

mod rows;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, params};
use serde_json::Value;

use crate::store::Store;

pub use rows::restore;

/// How often running executions (their history so far) are written.
pub const FLUSH_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// The file in the data directory.
pub const FILE: &str = "sfn-serve.sqlite3";

/// The resources written together after a request that changes one of them.
const RESOURCE_KINDS: [&str; 4] = ["machine", "version", "alias", "activity"];

/// The open database.
pub struct Db {
    path: PathBuf,
    conn: Mutex<Connection>,
}

/// Everything read back at start, by kind, as written.
#[derive(Default)]
pub struct Loaded {
    pub machines: Vec<Value>,
    pub versions: Vec<Value>,
    pub aliases: Vec<Value>,
    pub activities: Vec<Value>,
    pub executions: Vec<Value>,
}

impl Db {
    /// Opens (or creates) the database in `dir`.
    ///
    /// # Errors
    /// The folder cannot be created or the file is not a database this server wrote.
    pub fn open(dir: &Path) -> Result<Db, String> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("--data-dir {}: cannot create it: {e}", dir.display()))?;
        let path = dir.join(FILE);
        let fail = |e: rusqlite::Error| format!("{}: {e}", path.display());
        let conn = Connection::open(&path).map_err(fail)?;
        // journal_mode answers with a row: the checked form reads it.
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
            .map_err(fail)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(fail)?;
        conn.execute(
            "CREATE TABLE IF NOT EXISTS kv (kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, key))",
            [],
        )
        .map_err(fail)?;
        Ok(Db {
            path,
            conn: Mutex::new(conn),
        })
    }

    /// Reads everything back.
    ///
    /// # Errors
    /// A row cannot be read or is not JSON.
    pub fn load(&self) -> Result<Loaded, String> {
        let conn = self.lock();
        let fail = |e: rusqlite::Error| format!("{}: {e}", self.path.display());
        let mut statement = conn
            .prepare("SELECT kind, key, value FROM kv")
            .map_err(fail)?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })
            .map_err(fail)?;
        let mut loaded = Loaded::default();
        for row in rows {
            let (kind, key, text) = row.map_err(fail)?;
            let value: Value = serde_json::from_str(&text)
                .map_err(|e| format!("{}: the {kind} {key}: {e}", self.path.display()))?;
            match kind.as_str() {
                "machine" => loaded.machines.push(value),
                "version" => loaded.versions.push(value),
                "alias" => loaded.aliases.push(value),
                "activity" => loaded.activities.push(value),
                "execution" => loaded.executions.push(value),
                _ => {}
            }
        }
        Ok(loaded)
    }

    /// Rewrites the state machines, versions, aliases and activities.
    pub fn save_resources(&self, store: &Store) {
        let mut all = Vec::new();
        all.extend(
            store
                .machines
                .values()
                .map(|m| ("machine", m.arn.clone(), rows::machine(m))),
        );
        all.extend(
            store
                .versions
                .values()
                .map(|m| ("version", m.arn.clone(), rows::machine(m))),
        );
        all.extend(
            store
                .aliases
                .values()
                .map(|a| ("alias", a.arn.clone(), rows::alias(a))),
        );
        all.extend(
            store
                .activities
                .values()
                .map(|a| ("activity", a.arn.clone(), rows::activity(a))),
        );
        self.write(&RESOURCE_KINDS, all);
    }

    /// Writes one execution (with its history so far and its tokens).
    pub fn save_execution(&self, store: &Store, arn: &str) {
        if let Some(record) = store.executions.get(arn) {
            self.write(
                &[],
                vec![("execution", arn.to_owned(), rows::execution(store, record))],
            );
        }
    }

    /// One transaction: deletes the rows of `replace` kinds, then upserts `rows`. A failed
    /// write is reported on stderr; the server goes on in memory.
    fn write(&self, replace: &[&str], rows: Vec<(&str, String, Value)>) {
        let mut conn = self.lock();
        let result = (|| {
            let tx = conn.transaction()?;
            for kind in replace {
                tx.execute("DELETE FROM kv WHERE kind = ?1", params![kind])?;
            }
            for (kind, key, value) in rows {
                tx.execute(
                    "INSERT OR REPLACE INTO kv (kind, key, value) VALUES (?1, ?2, ?3)",
                    params![kind, key, value.to_string()],
                )?;
            }
            tx.commit()
        })();
        if let Err(e) = result {
            eprintln!("sfn serve: cannot write {}: {e}", self.path.display());
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}
