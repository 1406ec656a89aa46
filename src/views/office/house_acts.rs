//! Beside a bill of «Мои платежи»: the under-supply acts going on now for its service at its
//! house, with the estimated recalculation («≈ N ₽ к перерасчёту») and how it was counted.
//!
//! The lines of one address share one request for the house: a per-window cache in the root
//! scope, kept a few minutes.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use dioxus::prelude::*;
use ofis_core::{acts_beside_bill, HouseInfo, Ofis};
use ofis_domain::undersupply::Supply;
use ofis_domain::Line;

/// How long a house's acts are kept before a new look.
const FRESH: Duration = Duration::from_secs(300);
/// A look that has not answered after this long is tried again.
const STALLED: Duration = Duration::from_secs(60);

/// What the window knows of a house.
#[derive(Clone)]
enum Fetched {
    Loading(Instant),
    /// `None`: the look failed (the acts are then not shown; «Информация по дому» says why).
    Ready(Instant, Option<HouseInfo>),
}

impl Fetched {
    fn is_fresh(&self) -> bool {
        match self {
            Fetched::Loading(at) => at.elapsed() < STALLED,
            Fetched::Ready(at, Some(_)) => at.elapsed() < FRESH,
            Fetched::Ready(_, None) => false,
        }
    }
}

/// The houses of this window, by address id.
#[derive(Clone, Copy)]
struct Houses(Signal<HashMap<String, Fetched>>);

impl Houses {
    /// Looks the house up unless a fresh look is known or under way.
    fn want(mut self, ofis: Ofis, address: String) {
        if self.0.peek().get(&address).is_some_and(Fetched::is_fresh) {
            return;
        }
        self.0
            .write()
            .insert(address.clone(), Fetched::Loading(Instant::now()));
        // In the root scope: a line scrolled away or re-rendered does not cancel the look.
        dioxus::core::spawn_forever(async move {
            let info = ofis.house_info(&address).await;
            if let Err(e) = &info {
                tracing::debug!(%address, error = %e, "house acts not shown");
            }
            self.0
                .write()
                .insert(address, Fetched::Ready(Instant::now(), info.ok()));
        });
    }
}

/// The acts beside `line`'s bill, if any go on now.
#[component]
pub fn BillActs(line: Line) -> Element {
    let ofis = use_context::<Ofis>();
    let houses = use_root_context(|| Houses(Signal::new_in_scope(HashMap::new(), ScopeId::ROOT)));
    let mut open = use_signal(|| false);
    let bill = line.bill.clone();
    let address = bill
        .address_id
        .clone()
        .filter(|_| Supply::of_bill(bill.service).is_some());
    let wanted = address.clone();
    // After the render: the look writes the cache, which every line of the window reads.
    use_effect(move || {
        if let Some(a) = wanted.clone() {
            houses.want(ofis.clone(), a.0);
        }
    });
    let Some(address) = address else {
        return rsx! {};
    };
    let estimate = match houses.0.read().get(&address.0) {
        Some(Fetched::Ready(_, Some(info))) => acts_beside_bill(info, &bill),
        _ => None,
    };
    let Some(estimate) = estimate else {
        return rsx! {};
    };
    rsx! {
        div { id: "acts-{bill.id}", class: "bill-acts",
            for act in estimate.acts.iter() {
                p { key: "{act.act_id}", class: "bill-act",
                    strong { "Акт о недопоставке: {act.service}" }
                    " {act.when}. {act.reason}"
                }
            }
            p { class: "bill-act-estimate", "{estimate.headline}" }
            button {
                class: "link bill-act-basis-toggle",
                "aria-expanded": open(),
                onclick: move |_| open.set(!open()),
                "Как посчитано"
            }
            if open() {
                p { class: "bill-act-basis", "{estimate.basis}" }
            }
        }
    }
}
