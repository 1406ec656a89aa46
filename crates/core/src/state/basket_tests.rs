use std::collections::BTreeSet;

use ofis_domain::{
    AccountNumber, AddressId, Bill, BillId, CombinedBill, Money, PaymentRules, Period, ProviderId,
    ServiceKind,
};

use super::Basket;
use crate::payment::PayScope;
use crate::snapshot::{AddressChoice, Snapshot};

/// A bill of account `account` at one provider, at the address «a», for `month` of 2026.
fn bill(account: &str, month: u32, kopecks: u64) -> Bill {
    Bill {
        id: BillId::from(format!("{account}-{month}").as_str()),
        provider_id: ProviderId::from("p"),
        provider_name: "Поставщик".into(),
        service: ServiceKind::ColdWater,
        service_name: String::new(),
        account: AccountNumber::from(account),
        address_id: Some(AddressId::from("a")),
        address_title: Some("ул. А".into()),
        period: Period::new(2026, month).unwrap(),
        amount_due: Money::from_kopecks(kopecks).unwrap(),
        metered: false,
        billed_by_gorod: true,
        rules: PaymentRules::default(),
    }
}

fn basket(bills: &[Bill], paid: &[&Bill]) -> Basket {
    let mut combined = CombinedBill::new();
    combined.add_all(bills.iter().cloned());
    let paid = paid.iter().map(|b| b.id.clone()).collect();
    let address = AddressChoice {
        id: "a".into(),
        title: "ул. А".into(),
    };
    Basket::cached(combined, vec![address], paid, BTreeSet::new())
}

fn amount(basket: &Basket, bill: &Bill) -> Money {
    basket.combined().line(&bill.id).unwrap().amount
}

#[test]
fn a_paid_line_is_not_offered_when_loaded_refreshed_or_paid() {
    let (water, power) = (bill("1", 11, 10_000), bill("2", 11, 5_000));
    let mut basket = basket(&[water.clone(), power.clone()], &[&water]);
    assert!(amount(&basket, &water).is_zero(), "loaded from the cache");
    assert_eq!(amount(&basket, &power), power.amount_due);

    basket.set_amount(&water.id, water.amount_due).unwrap();
    assert_eq!(
        amount(&basket, &water),
        water.amount_due,
        "typed on purpose"
    );
    basket.merge_fresh(std::slice::from_ref(&water));
    assert!(amount(&basket, &water).is_zero(), "refreshed");

    basket.set_readings(&power.id, true);
    basket.paid(std::slice::from_ref(&power.id));
    assert!(amount(&basket, &power).is_zero(), "paid just now");
    let mut shown = Snapshot::default();
    basket.fill(&mut shown);
    assert!(shown.paid.contains(&power.id));
    assert!(
        shown.with_readings.is_empty(),
        "readings go with the payment"
    );
}

#[test]
fn paying_again_puts_back_the_amount_the_person_froze() {
    let water = bill("1", 11, 10_000);
    let mut basket = basket(std::slice::from_ref(&water), &[]);
    let frozen = basket.freeze(&PayScope::All).unwrap();
    basket.paid(std::slice::from_ref(&water.id));
    assert!(amount(&basket, &water).is_zero());

    let (already, restored) = basket.paying_again(&frozen).unwrap();
    assert_eq!(already.len(), 1);
    assert!(restored);
    assert_eq!(amount(&basket, &water), water.amount_due);
    let (_, again) = basket.paying_again(&frozen).unwrap();
    assert!(!again, "nothing to put back twice");
}

#[test]
fn last_months_line_waits_skipped_once_and_the_new_bill_takes_its_place() {
    let (october, other) = (bill("1", 10, 10_000), bill("2", 11, 5_000));
    let mut basket = basket(&[october.clone(), other.clone()], &[]);
    let november = Period::new(2026, 11).unwrap();

    basket.refreshed(november);
    assert!(
        amount(&basket, &october).is_zero(),
        "not offered by default"
    );
    assert_eq!(amount(&basket, &other), other.amount_due);
    basket.set_amount(&october.id, october.amount_due).unwrap();
    basket.refreshed(november);
    assert_eq!(
        amount(&basket, &october),
        october.amount_due,
        "what the person typed stays"
    );

    let posted = bill("1", 11, 12_000);
    assert_eq!(
        basket.merge_fresh(std::slice::from_ref(&posted)),
        vec![posted.clone()]
    );
    basket.refreshed(november);
    let mut shown = Snapshot::default();
    basket.fill(&mut shown);
    assert!(shown.awaiting.is_empty(), "{:?}", shown.awaiting);
    assert!(!shown.from_cache);
    assert_eq!(amount(&basket, &posted), posted.amount_due);
    assert!(basket.combined().line(&october.id).is_none());
}
