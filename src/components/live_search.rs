//! Search as you type: the state every live search shares, and the rule that an older answer never
//! overwrites the results of newer text.

use dioxus::prelude::*;
use ofis_core::CoreError;

use super::act::Failure;

/// The signals of one live search.
pub struct LiveSearch<T: 'static> {
    /// What the user typed last.
    pub query: Signal<String>,
    /// The results for that text.
    pub results: Signal<Vec<T>>,
    /// A Russian message when the search failed.
    pub error: Signal<Option<Failure>>,
    /// Whether a search long enough to mean something has been answered.
    pub searched: Signal<bool>,
}

impl<T> Clone for LiveSearch<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for LiveSearch<T> {}

impl<T> PartialEq for LiveSearch<T> {
    fn eq(&self, other: &Self) -> bool {
        self.query == other.query
            && self.results == other.results
            && self.error == other.error
            && self.searched == other.searched
    }
}

/// A live search's state, kept across renders.
pub fn use_live_search<T: 'static>() -> LiveSearch<T> {
    LiveSearch {
        query: use_signal(String::new),
        results: use_signal(Vec::new),
        error: use_signal(|| None),
        searched: use_signal(|| false),
    }
}

impl<T: 'static> LiveSearch<T> {
    /// Records what the user typed and returns it, to search for.
    pub fn typed(mut self, e: &FormEvent) -> String {
        let text = e.value();
        self.query.set(text.clone());
        text
    }

    /// Shows the answer for `text`, unless the user has typed on since.
    pub fn answer(mut self, text: &str, found: Result<Vec<T>, CoreError>) {
        if *self.query.peek() != text {
            return;
        }
        match found {
            Ok(list) => {
                self.searched.set(ofis_core::is_search_query(text));
                self.results.set(list);
                self.error.set(None);
            }
            Err(e) => self.error.set(Some(Failure::from(&e))),
        }
    }
}

/// The search box of a live search: its label, and what was typed kept across screens.
#[component]
pub fn SearchInput(
    id: &'static str,
    label: &'static str,
    placeholder: &'static str,
    query: Signal<String>,
    oninput: EventHandler<FormEvent>,
) -> Element {
    rsx! {
        div { class: "field",
            label { r#for: id, "{label}" }
            input {
                id,
                r#type: "search",
                placeholder,
                autocomplete: "off",
                initial_value: "{query}",
                oninput: move |e| oninput.call(e),
            }
        }
    }
}
