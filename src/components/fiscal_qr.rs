//! The receipt's fiscal QR code (`t=…&s=…&fn=…&i=…&fp=…&n=1`), drawn by the app as SVG.

use dioxus::prelude::*;
use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code, as scanners expect.
const QUIET_ZONE: usize = 4;

/// The QR code of `text` as one SVG path of dark modules, and the side in modules (quiet zone
/// included); `None` if the text does not fit a QR code.
pub fn qr_path(text: &str) -> Option<(usize, String)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let mut d = String::new();
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == Color::Dark {
            let (x, y) = (i % width + QUIET_ZONE, i / width + QUIET_ZONE);
            d.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some((width + 2 * QUIET_ZONE, d))
}

/// The fiscal QR code of a receipt, with its text beneath for those who cannot scan.
#[component]
pub fn FiscalQr(text: String) -> Element {
    let Some((side, d)) = qr_path(&text) else {
        return rsx! { p { class: "qr-text", "{text}" } };
    };
    rsx! {
        figure { class: "fiscal-qr",
            svg {
                id: "fiscal-qr",
                xmlns: "http://www.w3.org/2000/svg",
                view_box: "0 0 {side} {side}",
                role: "img",
                "aria-label": "QR-код чека для проверки в ФНС",
                shape_rendering: "crispEdges",
                rect { width: "{side}", height: "{side}", fill: "#fff" }
                path { d: "{d}", fill: "#000" }
            }
            figcaption { class: "qr-text", "{text}" }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiscal_text_becomes_a_square_of_dark_modules_with_a_quiet_zone() {
        let text = "t=20261125T1200&s=4512.30&fn=9999078900001234&i=42&fp=1234567890&n=1";
        let (side, d) = qr_path(text).expect("fits a QR code");
        let code = QrCode::with_error_correction_level(text, EcLevel::M).unwrap();
        assert_eq!(side, code.width() + 8);
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        assert_eq!(d.matches('M').count(), dark, "one square per dark module");
        assert!(
            d.starts_with("M4 4h1v1h-1z"),
            "the finder pattern starts at the quiet zone"
        );
    }
}
