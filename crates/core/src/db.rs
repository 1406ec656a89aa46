//! Runs store work on a blocking thread so the UI's runtime never waits on SQLite.

use std::sync::{Arc, Mutex};

use ofis_store::{Store, StoreError};

use crate::error::CoreError;

/// A shared handle to the store.
#[derive(Clone)]
pub(crate) struct Db(Arc<Mutex<Store>>);

impl Db {
    pub(crate) fn new(store: Store) -> Self {
        Db(Arc::new(Mutex::new(store)))
    }

    /// Runs `f` with the store on tokio's blocking pool.
    pub(crate) async fn run<T, F>(&self, f: F) -> Result<T, CoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    {
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let mut store = inner.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut store)
        })
        .await
        .map_err(|e| CoreError::Task(e.to_string()))?
        .map_err(CoreError::from)
    }
}
