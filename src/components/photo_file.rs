//! A photo chosen in a file input (the camera on phones, a file elsewhere), read in the page and
//! handed to Rust as bytes — the same for the QR search and the child's photo.

use base64::Engine;
use dioxus::prelude::*;

/// Reads the file of input `{id}` and returns it as base64 (`null`: none; `TOO_LARGE`: over 25 MB).
const READ_JS: &str = r#"
const input = document.getElementById(await dioxus.recv());
const file = input && input.files && input.files[0];
if (!file) { return null; }
if (file.size > 25 * 1024 * 1024) { return 'TOO_LARGE'; }
const bytes = new Uint8Array(await file.arrayBuffer());
let bin = '';
for (let i = 0; i < bytes.length; i += 0x8000) {
  bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
}
return btoa(bin);
"#;

/// The photo chosen in the file input `input_id`, or what went wrong in Russian.
pub async fn read_chosen_photo(input_id: &str) -> Result<Vec<u8>, String> {
    const UNREADABLE: &str = "Не удалось прочитать фото. Попробуйте ещё раз.";
    let eval = document::eval(READ_JS);
    eval.send(input_id).map_err(|_| UNREADABLE.to_string())?;
    let encoded: Option<String> = eval.join().await.map_err(|_| UNREADABLE.to_string())?;
    match encoded.as_deref() {
        None => Err("Фото не выбрано.".to_string()),
        Some("TOO_LARGE") => Err("Фото слишком большое: выберите снимок до 25 МБ.".to_string()),
        Some(b64) => base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|_| UNREADABLE.to_string()),
    }
}
