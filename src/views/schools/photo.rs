//! «Фотография»: upload or replace the child's photo (camera or file, like the QR photo); the
//! app resizes it before it leaves the device. The card shows it too ([`ChildPhotoImg`]).

use crate::components::Failure;
use base64::Engine;
use dioxus::prelude::*;
use ofis_core::Ofis;

use crate::components::{read_chosen_photo, use_act, BackButton};
use crate::messages::core_error;
use crate::route::Route;

/// The photo screen of `child`.
#[component]
pub fn PhotoScreen(child: String) -> Element {
    let ofis = use_context::<Ofis>();
    let mut version = use_signal(|| 0u32);
    let mut saved = use_signal(|| None::<String>);
    let act = use_act();
    let target = child.clone();
    let on_file = move |_| {
        let (ofis, child) = (ofis.clone(), target.clone());
        saved.set(None);
        act.run(async move {
            let bytes = read_chosen_photo("child-photo-file").await?;
            ofis.upload_child_photo(&child, bytes)
                .await
                .map_err(Failure::from)?;
            version += 1;
            saved.set(Some("Фотография сохранена.".into()));
            Ok(())
        })
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Child { child: child.clone() } }
            h1 { "Фотография" }
        }
        section { class: "child-photo-screen",
            ChildPhotoImg { child: child.clone(), large: true, version: version() }
            p { class: "hint", "Фото показывается в карточке ребёнка и на кассе столовой. Перед отправкой приложение уменьшает его." }
            label { class: "primary file-button", r#for: "child-photo-file", if act.busy() { "Отправляем…" } else { "Сфотографировать или выбрать фото" } }
            input { id: "child-photo-file", class: "visually-hidden", r#type: "file", accept: "image/*", capture: "user", onchange: on_file }
            crate::components::ActError { act, id: "photo-error", screen: "Фото ребёнка" }
            if let Some(text) = saved() {
                p { id: "photo-saved", class: "sent", role: "status", "{text}" }
            }
        }
    }
}

/// The child's photo as a `data:` URL, or a placeholder without one; fetched again when
/// `version` changes.
#[component]
pub fn ChildPhotoImg(
    child: String,
    #[props(default)] large: bool,
    version: ReadSignal<u32>,
) -> Element {
    let ofis = use_context::<Ofis>();
    let photo = use_resource(move || {
        let (ofis, child) = (ofis.clone(), child.clone());
        // A new upload bumps the version: fetch again.
        let _ = version();
        async move { ofis.child_photo(&child).await }
    });
    let class = if large {
        "child-photo large"
    } else {
        "child-photo"
    };
    let shown = match &*photo.read() {
        Some(Ok(Some(p))) => {
            let data = base64::engine::general_purpose::STANDARD.encode(&p.bytes);
            rsx! { img { id: "child-photo", class: "{class}", alt: "Фотография ребёнка", src: "data:{p.content_type};base64,{data}" } }
        }
        Some(Ok(None)) => {
            rsx! { div { id: "child-photo-none", class: "{class} none", "Фото нет" } }
        }
        Some(Err(e)) => rsx! { p { class: "error", "{core_error(e)}" } },
        None => rsx! { div { class: "{class} none", "…" } },
    };
    shown
}
