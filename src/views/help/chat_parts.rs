//! The pieces of «Написать»: the messages, and the composer with its matching questions.

use crate::components::Failure;
use base64::Engine;
use dioxus::prelude::*;
use ofis_core::{ChatMessage, ChatStatus, FaqEntry, Ofis, SupportChat};

use super::faq::FaqList;
use crate::components::{read_chosen_photo, use_act};

/// Said under a message that waits for the network.
pub const NOT_SENT: &str = "не отправлено — отправим, когда появится связь";

/// The messages, oldest first.
#[component]
pub fn ChatList(messages: Vec<ChatMessage>) -> Element {
    rsx! {
        if messages.is_empty() {
            p { id: "chat-empty", class: "hint", "Опишите вопрос — поддержка ответит здесь. Можно приложить фото или снимок экрана." }
        }
        ol { id: "chat-messages", class: "chat", aria_label: "Переписка с поддержкой",
            for m in messages {
                Bubble { key: "{m.id}", message: m.clone() }
            }
        }
    }
}

/// One message: who wrote it, its text and photo, and where it stands.
#[component]
fn Bubble(message: ChatMessage) -> Element {
    let from_support = matches!(message.status, ChatStatus::Answer { .. });
    let (who, class) = if from_support {
        ("Поддержка", "bubble theirs")
    } else {
        ("Вы", "bubble mine")
    };
    let (mark, mark_class) = match &message.status {
        ChatStatus::Sent { read: true } => ("Прочитано".to_string(), "mark"),
        ChatStatus::Sent { read: false } => ("Доставлено".to_string(), "mark"),
        ChatStatus::Queued => (NOT_SENT.to_string(), "mark pending"),
        ChatStatus::Refused(why) => (format!("Не отправлено: {why}"), "mark refused"),
        ChatStatus::Answer { read: false } => ("Новый ответ".to_string(), "mark"),
        ChatStatus::Answer { read: true } => (String::new(), "mark"),
    };
    let photo = message.photo.as_ref().map(|p| {
        let data = base64::engine::general_purpose::STANDARD.encode(&p.bytes);
        format!("data:{};base64,{data}", p.content_type)
    });
    let at = message
        .at
        .with_timezone(&ofis_domain::tz::offset())
        .format("%d.%m %H:%M")
        .to_string();
    rsx! {
        li { class: "{class}", id: "msg-{message.id}",
            p { class: "who", "{who} · {at}" }
            if !message.text.is_empty() {
                p { class: "text", "{message.text}" }
            }
            if let Some(src) = photo {
                img { class: "chat-photo", alt: "Приложенное фото", src: "{src}" }
            } else if message.has_photo {
                p { class: "hint", "Фото приложено" }
            }
            if !mark.is_empty() {
                p { class: "{mark_class}", "{mark}" }
            }
        }
    }
}

/// The field with the questions matching it, a photo, and «Отправить».
#[component]
pub fn Composer(context: String, on_sent: EventHandler<SupportChat>) -> Element {
    let ofis = use_context::<Ofis>();
    let prefilled = if context.trim().is_empty() {
        String::new()
    } else {
        format!("{}\n\n", context.trim())
    };
    let mut text = use_signal(|| prefilled.clone());
    // Bumped to show a text set here (not typed) in the field.
    let mut shown = use_signal(|| 0u32);
    let mut photo = use_signal(|| None::<Vec<u8>>);
    let mut found = use_signal(Vec::<FaqEntry>::new);
    // The text last looked up, and the text `found` answers: a slower answer for an older text
    // never replaces a newer one, and the questions are `aria-busy` while they lag the field.
    let mut asked = use_signal(String::new);
    let mut answered = use_signal(String::new);
    let act = use_act();
    let ofis_typed = ofis.clone();
    let send = move |_| {
        let ofis = ofis.clone();
        act.run(async move {
            let fresh = ofis
                .send_support_message(&text(), photo())
                .await
                .map_err(Failure::from)?;
            text.set(String::new());
            photo.set(None);
            found.set(Vec::new());
            asked.set(String::new());
            answered.set(String::new());
            shown += 1;
            on_sent.call(fresh);
            Ok(())
        })
    };
    let has_context = !prefilled.is_empty() && text().starts_with(prefilled.trim_end());
    rsx! {
        div { class: "composer",
            Suggestions { found: found(), busy: asked() != answered() }
            label { r#for: "chat-text", "Сообщение" }
            // Keyed by `shown`: a text set here replaces the field (typing never re-renders it).
            for revision in [shown()] {
                textarea { key: "{revision}", id: "chat-text", rows: "5", initial_value: "{text.peek()}",
                    oninput: {
                        let ofis = ofis_typed.clone();
                        move |e: FormEvent| {
                            let ofis = ofis.clone();
                            let typed = e.value();
                            text.set(typed.clone());
                            asked.set(typed.clone());
                            async move {
                                let hits = ofis.support_suggestions(&typed).await;
                                if *asked.peek() == typed {
                                    // No questions when the lookup failed: writing still works.
                                    found.set(hits.unwrap_or_default());
                                    answered.set(typed);
                                }
                            }
                        }
                    },
                }
            }
            if has_context {
                p { class: "hint", "Сведения об ошибке добавлены в начало сообщения: их можно изменить или убрать." }
                button { id: "chat-remove-context", class: "link", r#type: "button",
                    onclick: move |_| {
                        let rest = text().trim_start_matches(prefilled.trim_end()).trim_start().to_string();
                        text.set(rest);
                        shown += 1;
                    },
                    "Убрать сведения об ошибке"
                }
            }
            PhotoPicker { photo }
            crate::components::ActError { act, id: "chat-send-error", screen: "Написать" }
            button { id: "chat-send", class: "primary", r#type: "button", disabled: act.busy(), onclick: send, "Отправить" }
        }
    }
}

/// The questions matching what is typed, offered before writing.
#[component]
fn Suggestions(found: Vec<FaqEntry>, busy: bool) -> Element {
    if found.is_empty() {
        return rsx! {};
    }
    rsx! {
        div { id: "chat-suggestions", class: "suggestions", role: "region", aria_label: "Похожие вопросы", aria_busy: "{busy}",
            p { class: "hint", "Возможно, ответ уже есть:" }
            FaqList { entries: found }
        }
    }
}

/// «Приложить фото»: a photo or screenshot, JPEG or PNG up to 5 МиБ.
#[component]
fn PhotoPicker(mut photo: Signal<Option<Vec<u8>>>) -> Element {
    let act = use_act();
    let on_file = move |_| {
        act.run(async move {
            photo.set(Some(read_chosen_photo("chat-photo-file").await?));
            Ok(())
        })
    };
    rsx! {
        if photo().is_some() {
            p { id: "chat-photo-chosen", class: "sent", role: "status", "Фото приложено" }
            button { id: "chat-photo-remove", class: "link", r#type: "button", onclick: move |_| photo.set(None), "Убрать фото" }
        } else {
            label { class: "secondary file-button", r#for: "chat-photo-file", "Приложить фото" }
            input { id: "chat-photo-file", class: "visually-hidden", r#type: "file", accept: "image/jpeg,image/png", onchange: on_file }
        }
        crate::components::ActError { act, id: "chat-photo-error", screen: "Написать" }
    }
}
