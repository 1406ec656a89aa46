//! Conditional `GET`s: the last tagged answer of each URL is remembered, the next `GET` of that
//! URL names its tag in `If-None-Match`, and a 304 is answered from memory. Reopening a screen
//! whose data did not change then costs a request line and a few headers, not the answer again.
//!
//! Only what can be served again as it came is kept: complete JSON bodies (they parse), each at
//! most [`MAX_ENTRY_BYTES`], at most [`MAX_TOTAL_BYTES`] in all (the oldest go first). The
//! memory belongs to one person's session: it is forgotten at sign-in and sign-out.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::http::Raw;

/// The largest answer remembered.
pub(crate) const MAX_ENTRY_BYTES: usize = 2 * 1024 * 1024;
/// The most remembered in all.
pub(crate) const MAX_TOTAL_BYTES: usize = 8 * 1024 * 1024;

/// An answer with its validator (`ETag`), to be kept beside it and named again later.
#[derive(Clone, Debug, PartialEq)]
pub struct Tagged<T> {
    /// The answer.
    pub value: T,
    /// Its `ETag`, if the server sent one.
    pub etag: Option<String>,
}

/// The answer to "has this changed since the answer tagged so?".
#[derive(Clone, Debug, PartialEq)]
pub enum IfChanged<T> {
    /// No (the server answered 304): what was kept with that tag is still current.
    Unchanged,
    /// Yes, or no tag was given: the current answer.
    Changed(Tagged<T>),
}

/// The remembered answers, shared by every clone of a client.
#[derive(Clone, Default)]
pub(crate) struct Conditional {
    memory: Arc<Mutex<Memory>>,
}

#[derive(Default)]
struct Memory {
    by_url: HashMap<String, Raw>,
    /// URLs, oldest remembered first.
    order: VecDeque<String>,
    bytes: usize,
}

impl Conditional {
    fn lock(&self) -> MutexGuard<'_, Memory> {
        // A poisoned lock still holds consistent entries: each change is one insert or remove.
        self.memory.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The remembered answer of `url`, with its tag.
    pub(crate) fn recall(&self, url: &str) -> Option<Raw> {
        self.lock().by_url.get(url).cloned()
    }

    /// Keeps `raw` as the answer of `url` if it is tagged, JSON, complete and small enough;
    /// otherwise forgets what `url` had (it is no longer the current answer).
    pub(crate) fn remember(&self, url: &str, raw: &Raw) {
        let mut memory = self.lock();
        memory.remove(url);
        if !worth_keeping(raw) {
            return;
        }
        while memory.bytes + raw.body.len() > MAX_TOTAL_BYTES {
            let Some(oldest) = memory.order.front().cloned() else {
                break;
            };
            memory.remove(&oldest);
        }
        memory.bytes += raw.body.len();
        memory.order.push_back(url.to_string());
        memory.by_url.insert(url.to_string(), raw.clone());
    }

    /// Forgets every answer (another person, or nobody, is signed in now).
    pub(crate) fn forget(&self) {
        *self.lock() = Memory::default();
    }

    /// How many answers and bytes are remembered.
    #[cfg(test)]
    fn size(&self) -> (usize, usize) {
        let memory = self.lock();
        (memory.by_url.len(), memory.bytes)
    }
}

impl Memory {
    fn remove(&mut self, url: &str) {
        if let Some(old) = self.by_url.remove(url) {
            self.bytes -= old.body.len();
            self.order.retain(|u| u != url);
        }
    }
}

/// Tagged, declared JSON, within the size limit and parsing whole.
fn worth_keeping(raw: &Raw) -> bool {
    let json = raw
        .content_type
        .as_deref()
        .is_some_and(|t| t.trim_start().starts_with("application/json"));
    raw.etag.is_some()
        && json
        && raw.body.len() <= MAX_ENTRY_BYTES
        && serde_json::from_slice::<serde::de::IgnoredAny>(&raw.body).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(body: &[u8], etag: Option<&str>, content_type: &str) -> Raw {
        Raw {
            content_type: Some(content_type.to_string()),
            body: body.to_vec(),
            etag: etag.map(str::to_string),
        }
    }

    fn json_of(len: usize) -> Vec<u8> {
        let mut body = b"\"".to_vec();
        body.resize(len - 1, b'a');
        body.push(b'"');
        body
    }

    #[test]
    fn only_tagged_complete_json_is_remembered() {
        let memory = Conditional::default();
        let json = "application/json";
        for (url, answer, kept) in [
            ("/a", raw(b"{\"a\":1}", Some("\"t\""), json), true),
            ("/b", raw(b"{\"a\":1}", None, json), false),
            ("/c", raw(b"{\"a\":", Some("\"t\""), json), false),
            ("/d", raw(b"\x89PNG", Some("\"t\""), "image/png"), false),
            (
                "/e",
                raw(&json_of(MAX_ENTRY_BYTES + 1), Some("\"t\""), json),
                false,
            ),
        ] {
            memory.remember(url, &answer);
            assert_eq!(memory.recall(url).is_some(), kept, "{url}");
        }
    }

    #[test]
    fn an_untagged_answer_replaces_the_remembered_one() {
        let memory = Conditional::default();
        memory.remember("/a", &raw(b"1", Some("\"1\""), "application/json"));
        memory.remember("/a", &raw(b"2", None, "application/json"));
        assert!(memory.recall("/a").is_none());
        assert_eq!(memory.size(), (0, 0));
    }

    #[test]
    fn the_oldest_go_first_past_the_total_and_forget_clears_all() {
        let memory = Conditional::default();
        let big = raw(&json_of(MAX_ENTRY_BYTES), Some("\"t\""), "application/json");
        for n in 0..5 {
            memory.remember(&format!("/{n}"), &big);
        }
        let (count, bytes) = memory.size();
        assert_eq!(count, MAX_TOTAL_BYTES / MAX_ENTRY_BYTES);
        assert!(bytes <= MAX_TOTAL_BYTES);
        assert!(memory.recall("/0").is_none(), "the oldest went");
        assert!(memory.recall("/4").is_some(), "the newest stays");
        memory.forget();
        assert_eq!(memory.size(), (0, 0));
    }
}
