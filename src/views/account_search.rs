//! «Поиск по лицевому счёту»: the bills of one account; each can join the общий счёт.

use dioxus::prelude::*;
use ofis_core::Ofis;
use ofis_domain::Bill;

use crate::components::{Field, FoundBills};
use crate::messages::core_error;
use crate::state::{Screen, Ui};

/// The account search screen.
#[component]
pub fn AccountSearch() -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let account = use_signal(String::new);
    let mut found = use_signal(Vec::<Bill>::new);
    let mut error = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);

    let find = move |_| {
        let ofis = ofis.clone();
        async move {
            busy.set(true);
            match ofis.find_by_account(&account()).await {
                Ok(bills) => {
                    error.set(None);
                    found.set(bills);
                }
                Err(e) => {
                    found.set(Vec::new());
                    error.set(Some(core_error(&e)));
                }
            }
            busy.set(false);
        }
    };

    rsx! {
        header { class: "topbar",
            button { class: "back", aria_label: "Назад", onclick: move |_| ui.go(Screen::AddService), "‹" }
            h1 { "Поиск по лицевому счёту" }
        }
        section { class: "search",
            Field { id: "account-query", label: "Номер лицевого счёта", placeholder: "Например: 1000125005", value: account, error: error() }
            button { id: "account-find", class: "primary", disabled: busy(), onclick: find, "Найти" }
            FoundBills { bills: found() }
        }
    }
}
