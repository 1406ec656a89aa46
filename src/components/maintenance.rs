//! Planned maintenance: a banner over the current screen with the server's message, when to try
//! again and «Повторить». The screen underneath stays as it was, so nothing typed is lost.

use dioxus::prelude::*;
use ofis_core::{CoreError, Ofis};

use crate::messages::{maintenance_of, retry_after};
use crate::state::Ui;

/// The maintenance the server announced (its message and retry time), if any.
#[derive(Clone, Copy)]
pub struct Maintenance {
    pub now: Signal<Option<(String, Option<u32>)>>,
}

impl Maintenance {
    /// Shows the banner if `e` is maintenance; `true` if it was.
    pub fn report(mut self, e: &CoreError) -> bool {
        match maintenance_of(e) {
            Some(m) => {
                self.now.set(Some(m));
                true
            }
            None => false,
        }
    }

    /// Hides the banner.
    pub fn clear(mut self) {
        self.now.set(None);
    }
}

/// The banner (`#maintenance`); renders nothing when there is no maintenance.
#[component]
pub fn MaintenanceBanner() -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let maintenance = use_context::<Maintenance>();
    let act = super::use_act();
    let Some((message, retry)) = (maintenance.now)() else {
        return rsx! {};
    };
    let retry_text = retry.map(retry_after);
    let again = move |_| {
        let ofis = ofis.clone();
        act.run(async move {
            match ofis.refresh().await {
                Ok(_) => maintenance.clear(),
                Err(e) if maintenance.report(&e) => {}
                Err(e) => {
                    maintenance.clear();
                    ui.fail(e.into());
                }
            }
            Ok(())
        })
    };
    rsx! {
        section { id: "maintenance", class: "notice maintenance", role: "alert",
            strong { "Технические работы" }
            p { id: "maintenance-message", "{message}" }
            if let Some(text) = retry_text {
                p { id: "maintenance-retry-after", "{text}" }
            }
            button { id: "maintenance-retry", class: "primary", disabled: act.busy(), onclick: again, "Повторить" }
        }
    }
}
