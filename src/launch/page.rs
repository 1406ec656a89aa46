//! The page every front renders the app in: in Russian, on the phone's whole screen (the app keeps
//! clear of the notch and the home bar itself, through `env(safe-area-inset-*)`), zoomable, and
//! resized by the on-screen keyboard so the bars ride above it and stay reachable.

/// The viewport of every front. Dioxus's own page for the desktop and mobile web views forbids
/// zooming (`user-scalable=no`, which WCAG 1.4.4 does not allow) and leaves out `viewport-fit`.
pub const VIEWPORT: &str =
    "width=device-width, initial-scale=1, viewport-fit=cover, interactive-widget=resizes-content";

/// The stylesheet, inlined in every front's page: the desktop window, the web front and the
/// phones render it alike. It sits in the page's `<head>` rather than in the app's first render,
/// so the web view reads it while the page loads, before the app service is even open, and the
/// first frame of content only has to be laid out (issue 17, item 1).
pub const STYLE: &str = include_str!("../../assets/main.css");

/// Every front's page: in Russian, with the viewport and the stylesheet in its head; `loader` is
/// what the front itself puts before `</body>` (the web front's interpreter glue).
pub fn document(loader: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>ОФИС</title>
<meta name="viewport" content="{VIEWPORT}">
<style>{STYLE}</style>
</head>
<body><div id="main"></div>{loader}</body>
</html>"#
    )
}

/// The page of the desktop window and of the phone apps' web view (Dioxus adds its loader
/// before `</body>`).
#[cfg(any(feature = "desktop", feature = "mobile"))]
pub fn native_index() -> String {
    document("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_zoomable_and_covers_the_whole_phone_screen() {
        assert!(VIEWPORT.contains("viewport-fit=cover"));
        assert!(VIEWPORT.contains("interactive-widget=resizes-content"));
        assert!(!VIEWPORT.contains("user-scalable"));
        assert!(!VIEWPORT.contains("maximum-scale"));
    }

    #[cfg(any(feature = "desktop", feature = "mobile"))]
    #[test]
    fn the_native_page_is_russian_with_the_viewport_and_a_body_for_the_loader() {
        let page = native_index();
        assert!(page.contains(r#"<html lang="ru">"#));
        assert!(page.contains(&format!(r#"<meta name="viewport" content="{VIEWPORT}">"#)));
        assert!(page.contains("</head>") && page.contains("</body>"));
        assert!(page.contains(r#"<div id="main">"#), "Dioxus's root element");
        assert!(page.contains(&format!("<style>{STYLE}</style>\n</head>")));
    }
}
