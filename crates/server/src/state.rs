//! Access to the store from async handlers.
//!
//! A SQLite connection is not `Sync`, and its queries block. The server keeps a few
//! connections, each behind a mutex, and runs every query on tokio's blocking pool with
//! whichever connection is free; WAL mode lets them read side by side while a pipeline run
//! writes. Lists that cost a scan of the whole store (every story, every quote) are cached and
//! reloaded only when the database file changes.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use wiretrace_core::Quote;
use wiretrace_store::Store;

use crate::error::{Error, Result};
use crate::views::StoryDigest;

/// The server's shared state: the store connections and the caches. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

struct Shared {
    stores: Vec<Mutex<Store>>,
    next: AtomicUsize,
    /// The database file, to notice writes from other processes; `None` for memory.
    db_path: Option<PathBuf>,
    digests: Cached<Vec<StoryDigest>>,
    quotes: Cached<Vec<Quote>>,
}

impl AppState {
    /// Opens `connections` connections (at least one) to the database at `path`.
    pub fn open(path: &Path, connections: usize) -> Result<AppState> {
        let stores = (0..connections.max(1))
            .map(|_| Store::open(path).map(Mutex::new))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(AppState::new(stores, Some(path.to_path_buf())))
    }

    /// Serves one already-open store (an in-memory one in tests).
    pub fn from_store(store: Store) -> AppState {
        AppState::new(vec![Mutex::new(store)], None)
    }

    fn new(stores: Vec<Mutex<Store>>, db_path: Option<PathBuf>) -> AppState {
        AppState(Arc::new(Shared {
            stores,
            next: AtomicUsize::new(0),
            db_path,
            digests: Cached::default(),
            quotes: Cached::default(),
        }))
    }

    /// Runs `f` with a free connection on the blocking pool.
    pub(crate) async fn with_store<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T> + Send + 'static,
    {
        let shared = self.0.clone();
        tokio::task::spawn_blocking(move || f(&shared.connection()))
            .await
            .map_err(|e| Error::Worker(e.to_string()))?
    }

    /// Every story's digest, most recent first (the store's order), cached.
    pub(crate) async fn digests(&self) -> Result<Arc<Vec<StoryDigest>>> {
        let shared = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let version = shared.file_version();
            shared.digests.get_or_load(version, || {
                let stories = shared.connection().stories()?;
                Ok(stories.iter().map(StoryDigest::of).collect())
            })
        })
        .await
        .map_err(|e| Error::Worker(e.to_string()))?
    }

    /// Every quote in the store, cached.
    pub(crate) async fn all_quotes(&self) -> Result<Arc<Vec<Quote>>> {
        let shared = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let version = shared.file_version();
            shared.quotes.get_or_load(version, || Ok(shared.connection().quotes()?))
        })
        .await
        .map_err(|e| Error::Worker(e.to_string()))?
    }
}

impl Shared {
    /// A free connection if there is one, else waits for one, taking them in turn.
    fn connection(&self) -> MutexGuard<'_, Store> {
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let n = self.stores.len();
        for i in 0..n {
            if let Ok(guard) = self.stores[(start + i) % n].try_lock() {
                return guard;
            }
        }
        // A panic inside a query leaves the connection usable: SQLite rolls back on its own.
        self.stores[start % n].lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Changes whenever the database is written: the WAL file grows with each commit and the
    /// main file changes at each checkpoint. An in-memory store is only read by the server, so
    /// it never changes.
    fn file_version(&self) -> FileVersion {
        let Some(path) = &self.db_path else { return FileVersion::default() };
        let stat = |p: &Path| std::fs::metadata(p).ok().map(|m| (m.modified().ok(), m.len()));
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        FileVersion { main: stat(path), wal: stat(Path::new(&wal)) }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct FileVersion {
    main: Option<(Option<SystemTime>, u64)>,
    wal: Option<(Option<SystemTime>, u64)>,
}

/// A value loaded from the store, kept while the file is unchanged.
struct Cached<T>(Mutex<Option<(FileVersion, Arc<T>)>>);

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Cached(Mutex::new(None))
    }
}

impl<T> Cached<T> {
    fn get_or_load(&self, version: FileVersion, load: impl FnOnce() -> Result<T>) -> Result<Arc<T>> {
        // Held while loading, so a burst of requests after a write loads once.
        let mut slot = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((seen, value)) = slot.as_ref() {
            if *seen == version {
                return Ok(value.clone());
            }
        }
        let value = Arc::new(load()?);
        *slot = Some((version, value.clone()));
        Ok(value)
    }
}
