//! Under-supply acts going on now beside the bills of «Мои платежи» they touch, each with an
//! estimate of the recalculation (Правила № 354, приложение 1) and the basis of it.

use ofis_domain::undersupply::{recalculation, Recalculation, Supply};
use ofis_domain::{Bill, Money};
use rust_decimal::Decimal;

use super::house::{ActRow, HouseInfo};

/// An act going on now, shown beside the bill it touches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BillAct {
    pub act_id: String,
    /// «Горячее водоснабжение».
    pub service: String,
    /// «с 01.12.2026 09:00 по 04.12.2026 18:00».
    pub when: String,
    pub reason: String,
}

/// What the acts of a bill's service are expected to take off a month's charge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActEstimate {
    pub acts: Vec<BillAct>,
    pub amount: Money,
    /// «≈ 109,50 ₽ к перерасчёту» or why there is none.
    pub headline: String,
    /// The rule and the figures it was applied to.
    pub basis: String,
}

/// «0,15»: a percentage as Russians write it, without trailing zeros.
fn percent_ru(p: Decimal) -> String {
    ofis_domain::readings::decimal_ru(p.normalize())
}

/// The months and hours: «декабрь 2026 — 81 ч».
fn hours_ru(r: &Recalculation) -> String {
    r.months
        .iter()
        .map(|m| format!("{} — {} ч", m.period.label_ru(), m.hours))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rule applied, with its figures.
fn basis_ru(r: &Recalculation, bill: &Bill) -> String {
    let allowed = r.supply.allowed_hours();
    let mut text = format!(
        "Правила № 354, прил. 1, {}: за каждый час перерыва сверх {allowed} ч в месяц плата \
         за месяц снижается на {} %. Перерыв по актам (до их окончания по сроку): {}",
        r.supply.rule_point(),
        percent_ru(ofis_domain::undersupply::PERCENT_PER_HOUR),
        hours_ru(r),
    );
    if r.excess_hours() > 0 {
        text.push_str(&format!(
            "; сверх нормы {} ч — {} % от {} (счёт за {}).",
            r.excess_hours(),
            percent_ru(r.percent),
            r.monthly_charge.display_rub(),
            bill.period.label_ru(),
        ));
    } else {
        text.push('.');
    }
    if r.supply == Supply::Electricity {
        text.push_str(
            " Допустимые 24 ч — для дома с одним источником питания; при двух источниках \
             норма 2 ч и перерасчёт больше.",
        );
    }
    text.push_str(" Это оценка: точную сумму рассчитает поставщик по акту.");
    text
}

fn bill_act(a: &ActRow) -> BillAct {
    BillAct {
        act_id: a.id.clone(),
        service: a.service.clone(),
        when: a.when.clone(),
        reason: a.reason.clone(),
    }
}

/// The acts of `info` going on now that touch `bill` (same address, same service), with the
/// estimated recalculation of the bill's month charge; `None` when no act touches it.
pub fn acts_beside_bill(info: &HouseInfo, bill: &Bill) -> Option<ActEstimate> {
    let same_address =
        bill.address_id.as_ref().map(|a| a.0.as_str()) == Some(info.address_id.as_str());
    let supply = Supply::of_bill(bill.service).filter(|_| same_address)?;
    let of_service: Vec<&ActRow> = info
        .acts
        .iter()
        .filter(|a| Supply::of_act(&a.service) == Some(supply))
        .collect();
    let active: Vec<&ActRow> = of_service.iter().copied().filter(|a| a.active).collect();
    if active.is_empty() {
        return None;
    }
    let span = |a: &&ActRow| (a.from, a.to);
    let around: Vec<_> = active.iter().map(span).collect();
    let counted: Vec<_> = of_service.iter().map(span).collect();
    let r = recalculation(supply, &around, &counted, bill.amount_due);
    let headline = if r.excess_hours() == 0 {
        format!(
            "Перерасчёта не будет: перерыв в пределах допустимых {} ч в месяц",
            supply.allowed_hours()
        )
    } else {
        format!("≈ {} к перерасчёту", r.amount.display_rub())
    };
    Some(ActEstimate {
        acts: active.into_iter().map(bill_act).collect(),
        amount: r.amount,
        basis: basis_ru(&r, bill),
        headline,
    })
}
