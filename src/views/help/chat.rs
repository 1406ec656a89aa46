//! «Написать»: the conversation with support — messages both ways with read marks, a field
//! (prefilled from an error when opened from one), a photo attached, «Отправить». What waits for
//! the network is marked; while a message is typed, the matching questions are offered first.

use std::time::Duration;

use dioxus::prelude::*;
use ofis_core::{Ofis, SupportChat};

use super::chat_parts::{ChatList, Composer};
use crate::components::BackButton;
use crate::messages::core_error;
use crate::route::Route;

/// How often the open chat looks for support's answers.
const POLL: Duration = Duration::from_secs(3);

/// The chat with support; `context` prefills the new message.
#[component]
pub fn SupportChatScreen(context: String) -> Element {
    let ofis = use_context::<Ofis>();
    let mut chat = use_signal(|| None::<Result<SupportChat, String>>);
    // Opening the chat is seeing support's answers; then it keeps looking for new ones.
    use_future(move || {
        let ofis = ofis.clone();
        async move {
            let first = ofis.mark_support_read().await;
            chat.set(Some(first.map_err(|e| core_error(&e))));
            loop {
                tokio::time::sleep(POLL).await;
                match ofis.support_round().await {
                    Ok(fresh) => chat.set(Some(Ok(fresh))),
                    Err(e) => tracing::warn!(error = %e, "support chat not refreshed"),
                }
            }
        }
    });
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Help {} }
            h1 { "Написать в поддержку" }
        }
        section { class: "support-chat",
            match chat() {
                None => rsx! { p { class: "hint", "Загружаем переписку…" } },
                Some(Err(e)) => rsx! { p { id: "chat-error", class: "error", role: "alert", "{e}" } },
                Some(Ok(shown)) => rsx! {
                    if let Some(note) = shown.offline {
                        p { id: "chat-offline", class: "notice", role: "status", "{note}" }
                    }
                    ChatList { messages: shown.messages.clone() }
                },
            }
            Composer { context, on_sent: move |fresh: SupportChat| chat.set(Some(Ok(fresh))) }
        }
    }
}
