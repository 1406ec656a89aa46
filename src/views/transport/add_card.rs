//! «+»: a card by its number (19 digits, on the back of the card), grouped for reading as it is
//! typed, and «Сохранить»; a card that cannot be topped up in the app is refused with the
//! manual's advice.

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::Ofis;

use crate::components::{use_act, BackButton, Field};
use crate::route::Route;

/// The add-card screen.
#[component]
pub fn AddCardScreen() -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let number = use_signal(String::new);
    let name = use_signal(String::new);
    let act = use_act();
    let save = move |_| {
        let ofis = ofis.clone();
        act.run(async move {
            let card = ofis
                .save_card(&number(), &name())
                .await
                .map_err(Failure::from)?;
            nav.replace(Route::TransportCard {
                number: card.number,
            });
            Ok(())
        })
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Transport {} }
            h1 { "Новая карта" }
        }
        section { class: "schools",
            form { class: "card-form", onsubmit: move |e| e.prevent_default(),
                Field { id: "transport-number", label: "Номер карты", inputmode: "numeric", autocomplete: "off", placeholder: "9643 0000 0000 0000 000", value: number, error: act.error() }
                crate::components::SupportLink { act, id: "transport-number-error", screen: "Добавить транспортную карту" }
                p { class: "hint", "19 цифр с оборота карты. Через приложение пополняются карты «ЕТК-Онлайн», «КШ Airtag-Онлайн», «СК Airtag-онлайн», «ПрофДИСКОНТ-Онлайн» и «Карта школьника Орск Online»." }
                Field { id: "transport-name", label: "Название (необязательно)", placeholder: "Например: Карта сына", value: name }
                button { id: "transport-save", class: "primary", r#type: "button", disabled: act.busy(), onclick: save, "Сохранить" }
            }
        }
    }
}
