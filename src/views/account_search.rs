//! «Поиск по лицевому счёту»: the bills of one account; each can join the общий счёт.

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::Ofis;
use ofis_domain::Bill;

use crate::components::{use_act, Field, FoundBills};
use crate::route::Route;

/// The account search screen.
#[component]
pub fn AccountSearch() -> Element {
    let ofis = use_context::<Ofis>();
    let account = use_signal(String::new);
    let mut found = use_signal(Vec::<Bill>::new);
    let find = use_act();
    let search = move |_| {
        let ofis = ofis.clone();
        find.run(async move {
            found.set(Vec::new());
            found.set(
                ofis.find_by_account(&account())
                    .await
                    .map_err(Failure::from)?,
            );
            Ok(())
        })
    };

    rsx! {
        header { class: "topbar",
            crate::components::BackButton { to: Route::AddService {} }
            h1 { "Поиск по лицевому счёту" }
        }
        section { class: "search",
            Field { id: "account-query", label: "Номер лицевого счёта", placeholder: "Например: 1000125005", value: account, error: find.error() }
            crate::components::SupportLink { act: find, id: "account-query-error", screen: "Поиск по лицевому счёту" }
            button { id: "account-find", class: "primary", disabled: find.busy(), onclick: search, "Найти" }
            FoundBills { bills: found() }
        }
    }
}
