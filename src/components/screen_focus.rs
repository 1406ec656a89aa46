//! Where the focus goes when the screen changes: to the new screen's title, so a screen reader
//! starts reading there and the next Tab is the screen's first control — rather than nowhere,
//! which is where it is once the tapped button has gone with its screen.

use dioxus::prelude::*;

use crate::route::Route;

/// Moves the focus to the title of the screen shown, when the focus was lost (on the page's
/// body); a field or a tab that has it keeps it.
const FOCUS_TITLE: &str = r#"
const title = document.querySelector('main.screen h1');
const lost = !document.activeElement || document.activeElement === document.body;
if (title && lost) {
  title.setAttribute('tabindex', '-1');
  title.focus({ preventScroll: true });
}
"#;

/// Focuses each new screen's title (see [`FOCUS_TITLE`]).
pub fn use_screen_focus() {
    let route = use_route::<Route>();
    let path = route.to_string();
    use_effect(use_reactive!(|path| {
        let _ = path;
        document::eval(FOCUS_TITLE);
    }));
}
