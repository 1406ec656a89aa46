//! The router's history mirrored in the web view's own session history, so the platform's back
//! (Android's back button, a browser's «назад») goes back a screen instead of leaving the app.
//!
//! Dioxus desktop and mobile keep the router's history in memory only: the web view never has
//! an entry to go back to, and Android's `WryActivity` (wry 0.53 `onKeyDown`: `goBack()` when
//! `canGoBack()`, else the activity's default, which closes it) leaves the app. Here every push
//! is also a `history.pushState` (and every replace a `replaceState`) whose state is the
//! entry's index, `{ index: N }` — the URL is left alone, the page's address means nothing to
//! the app — and every `popstate` (the web view went back or forward) moves the router to the
//! entry with that index. (`{ index }` is also the shape dioxus-liveview's own history writes,
//! with the same numbers, so the web front can run this history too: see [`wanted`].)

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use dioxus::document;
use dioxus::history::History;
use dioxus::prelude::{provide_context, spawn, use_hook};

/// Whether the router uses this history: always in the mobile build; elsewhere when
/// `OFIS_WEBVIEW_HISTORY=1` (the e2e suite runs it so in Chromium, whose back is what Android's
/// `WebView.goBack()` does).
pub fn wanted() -> bool {
    cfg!(all(feature = "mobile", not(feature = "desktop")))
        || std::env::var_os("OFIS_WEBVIEW_HISTORY").is_some_and(|v| v == "1")
}

/// Gives the router below the calling component this history, when [`wanted`]; the visit
/// starts at «Мои платежи».
pub fn use_webview_history() {
    use_hook(|| {
        if wanted() {
            let history: Rc<dyn History> = Rc::new(WebViewHistory::start("/".into()));
            provide_context(history);
        }
    });
}

/// The entries of the visit and where the router is among them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    routes: Vec<String>,
    at: usize,
}

impl Timeline {
    /// A visit that starts at `route`.
    pub fn new(route: String) -> Self {
        Timeline {
            routes: vec![route],
            at: 0,
        }
    }

    /// A new screen: the entries after this one are dropped (as the web view drops them).
    /// Returns the new entry's index.
    pub fn push(&mut self, route: String) -> usize {
        self.routes.truncate(self.at + 1);
        self.routes.push(route);
        self.at = self.routes.len() - 1;
        self.at
    }

    /// This entry shows another screen. Returns its index.
    pub fn replace(&mut self, route: String) -> usize {
        self.routes[self.at] = route;
        self.at
    }

    /// The web view moved to the entry `index` (a `popstate`); an index this visit never made
    /// (an entry from before the app started) is the first screen. Returns whether the screen
    /// changed.
    pub fn popped(&mut self, index: Option<usize>) -> bool {
        let to = index.filter(|i| *i < self.routes.len()).unwrap_or(0);
        let changed = to != self.at;
        self.at = to;
        changed
    }

    pub fn current(&self) -> &str {
        &self.routes[self.at]
    }

    pub fn can_go_back(&self) -> bool {
        self.at > 0
    }

    pub fn can_go_forward(&self) -> bool {
        self.at + 1 < self.routes.len()
    }
}

/// Reports every `popstate` with the entry's index (`null` for an entry the app did not make).
/// Never returns: a finished script's channel is closed.
const LISTENER: &str = r#"window.addEventListener("popstate", (event) => {
  const state = event.state;
  dioxus.send(state && Number.isInteger(state.index) ? state.index : null);
});
await new Promise(() => {});"#;

/// A new entry `index` after the current one, which is marked as `index - 1` (so the first
/// entry is marked whatever wrote its state before).
fn push_script(index: usize) -> String {
    let before = index.saturating_sub(1);
    format!(
        r#"history.replaceState({{ index: {before} }}, "");
history.pushState({{ index: {index} }}, "");"#
    )
}

fn replace_script(index: usize) -> String {
    format!(r#"history.replaceState({{ index: {index} }}, "");"#)
}

type Updater = Arc<dyn Fn() + Send + Sync>;

/// A [`History`] kept in step with the web view's session history.
pub struct WebViewHistory {
    timeline: Rc<RefCell<Timeline>>,
    updater: Rc<RefCell<Option<Updater>>>,
}

impl WebViewHistory {
    /// Starts at `route` and listens to the web view's `popstate`. Call it inside the app
    /// (it spawns its listener in the calling component's scope), above the router.
    pub fn start(route: String) -> Self {
        let history = WebViewHistory {
            timeline: Rc::new(RefCell::new(Timeline::new(route))),
            updater: Rc::new(RefCell::new(None)),
        };
        let (timeline, updater) = (history.timeline.clone(), history.updater.clone());
        let mut popped = document::eval(LISTENER);
        spawn(async move {
            while let Ok(index) = popped.recv::<Option<usize>>().await {
                let changed = timeline.borrow_mut().popped(index);
                let update = updater.borrow().clone();
                if let Some(update) = update.filter(|_| changed) {
                    update();
                }
            }
            tracing::warn!("the web view's history stopped reporting: back leaves the app");
        });
        history
    }

    fn run(script: String) {
        let _ = document::eval(&script);
    }
}

impl History for WebViewHistory {
    fn current_route(&self) -> String {
        self.timeline.borrow().current().to_string()
    }

    fn can_go_back(&self) -> bool {
        self.timeline.borrow().can_go_back()
    }

    /// The web view goes back; its `popstate` moves the router.
    fn go_back(&self) {
        if self.can_go_back() {
            Self::run("history.back();".into());
        }
    }

    fn can_go_forward(&self) -> bool {
        self.timeline.borrow().can_go_forward()
    }

    fn go_forward(&self) {
        if self.can_go_forward() {
            Self::run("history.forward();".into());
        }
    }

    fn push(&self, route: String) {
        let index = self.timeline.borrow_mut().push(route);
        Self::run(push_script(index));
    }

    fn replace(&self, route: String) {
        let index = self.timeline.borrow_mut().replace(route);
        Self::run(replace_script(index));
    }

    fn updater(&self, callback: Updater) {
        *self.updater.borrow_mut() = Some(callback);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit() -> Timeline {
        let mut t = Timeline::new("/".into());
        assert_eq!(t.push("/transport".into()), 1);
        assert_eq!(t.push("/transport/card/1".into()), 2);
        t
    }

    #[test]
    fn back_and_forward_follow_the_indices_the_web_view_reports() {
        let mut t = visit();
        assert!(t.can_go_back() && !t.can_go_forward());
        assert!(t.popped(Some(1)), "back");
        assert_eq!(t.current(), "/transport");
        assert!(t.can_go_forward());
        assert!(t.popped(Some(2)), "forward");
        assert_eq!(t.current(), "/transport/card/1");
        assert!(!t.popped(Some(2)), "the same entry again changes nothing");
    }

    #[test]
    fn a_push_after_going_back_drops_the_entries_ahead() {
        let mut t = visit();
        t.popped(Some(0));
        assert_eq!(t.push("/help".into()), 1);
        assert!(!t.can_go_forward());
        assert!(t.popped(Some(2)), "a dropped index is not kept");
        assert_eq!(t.current(), "/");
    }

    #[test]
    fn a_replace_keeps_the_index_and_the_first_screen_cannot_go_back() {
        let mut t = Timeline::new("/".into());
        assert!(!t.can_go_back());
        assert_eq!(t.replace("/signed-in".into()), 0);
        assert_eq!(t.current(), "/signed-in");
        t.push("/a".into());
        assert!(
            t.popped(None),
            "an entry from before the app: the first screen"
        );
        assert_eq!(t.current(), "/signed-in");
    }

    #[test]
    fn the_scripts_carry_the_index_and_never_change_the_address() {
        assert_eq!(
            push_script(3),
            "history.replaceState({ index: 2 }, \"\");\nhistory.pushState({ index: 3 }, \"\");"
        );
        assert_eq!(
            replace_script(0),
            r#"history.replaceState({ index: 0 }, "");"#
        );
    }
}
