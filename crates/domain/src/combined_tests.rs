use super::*;
use crate::bill::ServiceKind;
use crate::ids::{AccountNumber, ProviderId};
use crate::period::Period;
use crate::rules::{Fee, PaymentRules, RuleError};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn bill(id: &str, address: Option<&str>, kopecks: u64) -> Bill {
    Bill {
        id: BillId::from(id),
        provider_id: ProviderId::from(format!("p-{id}").as_str()),
        provider_name: "Поставщик".into(),
        service: ServiceKind::ColdWater,
        service_name: String::new(),
        account: AccountNumber::from(format!("acc-{id}").as_str()),
        address_id: address.map(AddressId::from),
        address_title: address.map(|a| format!("ул. {a}")),
        period: Period::new(2026, 11).unwrap(),
        amount_due: Money::from_kopecks(kopecks).unwrap(),
        metered: false,
        billed_by_gorod: true,
        rules: PaymentRules::default(),
    }
}

fn rub(k: u64) -> Money {
    Money::from_kopecks(k).unwrap()
}

#[test]
fn same_bill_is_never_added_twice() {
    let mut cb = CombinedBill::new();
    cb.add(bill("1", Some("a"), 100)).unwrap();
    assert_eq!(
        cb.add(bill("1", Some("a"), 100)),
        Err(CombinedError::Duplicate)
    );
    let mut same_identity = bill("1", Some("a"), 100);
    same_identity.id = BillId::from("other-id");
    assert_eq!(cb.add(same_identity), Err(CombinedError::Duplicate));
    assert_eq!(cb.lines().len(), 1);
}

#[test]
fn edits_recompute_the_total() {
    let mut cb = CombinedBill::new();
    cb.add_all([
        bill("1", Some("a"), 10_000),
        bill("2", Some("a"), 5_050),
        bill("3", Some("b"), 99),
    ]);
    assert_eq!(cb.total(), rub(15_149));
    cb.skip(&BillId::from("2")).unwrap();
    assert_eq!(cb.total(), rub(10_099));
    assert_eq!(cb.lines().len(), 3, "не платить keeps the line");
    cb.set_amount(&BillId::from("1"), rub(20_000)).unwrap();
    assert_eq!(cb.total(), rub(20_099));
    cb.remove(&BillId::from("3")).unwrap();
    assert_eq!(cb.total(), rub(20_000));
    assert_eq!(
        cb.remove(&BillId::from("3")),
        Err(CombinedError::UnknownBill)
    );
}

#[test]
fn address_menu_excludes_or_removes_every_line_of_the_address() {
    let mut cb = CombinedBill::new();
    cb.add_all([
        bill("1", Some("a"), 100),
        bill("2", Some("a"), 200),
        bill("3", Some("b"), 300),
    ]);
    cb.exclude_address(Some(&AddressId::from("a")));
    assert_eq!(cb.total(), rub(300));
    assert_eq!(cb.lines().len(), 3);
    let gone = cb.remove_address(Some(&AddressId::from("a")));
    assert_eq!(gone.len(), 2);
    assert_eq!(cb.lines().len(), 1);
}

#[test]
fn groups_follow_addresses_with_subtotals() {
    let mut cb = CombinedBill::new();
    cb.add_all([
        bill("1", Some("a"), 100),
        bill("2", None, 50),
        bill("3", Some("a"), 200),
    ]);
    let groups = cb.groups();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].title, "ул. a");
    assert_eq!(groups[0].subtotal, rub(300));
    assert_eq!(groups[1].title, NO_ADDRESS_TITLE);
}

#[test]
fn freezing_takes_only_paid_lines_and_refuses_nothing_to_pay() {
    let mut cb = CombinedBill::new();
    cb.add_all([bill("1", Some("a"), 100), bill("2", Some("a"), 200)]);
    cb.skip(&BillId::from("1")).unwrap();
    let order = cb.freeze().unwrap();
    assert_eq!(order.bill_ids(), vec![BillId::from("2")]);
    assert_eq!(order.total(), rub(200));
    let single = cb.freeze_line(&BillId::from("2")).unwrap();
    assert_eq!(single.lines().len(), 1);
    cb.skip(&BillId::from("2")).unwrap();
    assert_eq!(cb.freeze(), Err(CombinedError::NothingToPay));
}

#[test]
fn refresh_keeps_a_changed_amount_and_follows_an_untouched_one() {
    let mut cb = CombinedBill::new();
    cb.add_all([bill("1", Some("a"), 100), bill("2", Some("a"), 200)]);
    cb.set_amount(&BillId::from("1"), rub(500)).unwrap();
    cb.refresh(bill("1", Some("a"), 150));
    cb.refresh(bill("2", Some("a"), 250));
    assert_eq!(cb.line(&BillId::from("1")).unwrap().amount, rub(500));
    assert_eq!(cb.line(&BillId::from("2")).unwrap().amount, rub(250));
}

#[derive(Debug, Clone)]
enum Op {
    Add(u8),
    Remove(u8),
    Skip(u8),
    SetAmount(u8, u64),
    Exclude(u8),
    RemoveAddress(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..12).prop_map(Op::Add),
        (0u8..12).prop_map(Op::Remove),
        (0u8..12).prop_map(Op::Skip),
        ((0u8..12), 0u64..10_000_000).prop_map(|(i, k)| Op::SetAmount(i, k)),
        (0u8..3).prop_map(Op::Exclude),
        (0u8..3).prop_map(Op::RemoveAddress),
    ]
}

fn sample(i: u8) -> Bill {
    let addr = ["a", "b", "c"][(i % 3) as usize];
    let mut b = bill(&i.to_string(), Some(addr), 1_000 + u64::from(i) * 137);
    // Every third provider charges a fee, every fifth takes only full payment.
    if i % 3 == 1 {
        b.rules.fee = Fee {
            percent: Decimal::new(15, 1),
            min: rub(1_000),
        };
    }
    b.rules.pay_in_full = i % 5 == 4;
    b
}

proptest! {
    #[test]
    fn invariants_hold_under_any_edits(ops in proptest::collection::vec(op(), 0..60)) {
        let mut cb = CombinedBill::new();
        for op in ops {
            match op {
                Op::Add(i) => { let _ = cb.add(sample(i)); }
                Op::Remove(i) => { let _ = cb.remove(&BillId::from(i.to_string().as_str())); }
                Op::Skip(i) => { let _ = cb.skip(&BillId::from(i.to_string().as_str())); }
                Op::SetAmount(i, k) => { let _ = cb.set_amount(&BillId::from(i.to_string().as_str()), rub(k)); }
                Op::Exclude(a) => cb.exclude_address(Some(&AddressId::from(["a", "b", "c"][a as usize]))),
                Op::RemoveAddress(a) => { cb.remove_address(Some(&AddressId::from(["a", "b", "c"][a as usize]))); }
            }
            let sum: Decimal = cb.lines().iter().map(|l| l.amount.value() + l.fee().value()).sum();
            prop_assert_eq!(cb.total().value(), sum);
            prop_assert!(cb.lines().iter().all(|l| l.amount.value() >= Decimal::ZERO));
            let groups_sum: Money = cb.groups().iter().map(|g| g.subtotal).sum();
            prop_assert_eq!(groups_sum, cb.subtotal());
            let mut ids: Vec<_> = cb.lines().iter().map(|l| l.bill.id.clone()).collect();
            ids.sort();
            ids.dedup();
            prop_assert_eq!(ids.len(), cb.lines().len());
            if let Ok(frozen) = cb.freeze() {
                let before = frozen.clone();
                let _ = cb.add(sample(11));
                let _ = cb.skip(&BillId::from("0"));
                prop_assert_eq!(frozen, before);
            }
        }
    }

    #[test]
    fn removing_then_re_adding_restores_the_line(i in 0u8..12) {
        let mut cb = CombinedBill::new();
        cb.add_all((0..12).map(sample));
        let before = cb.line(&BillId::from(i.to_string().as_str())).cloned().unwrap();
        let removed = cb.remove(&before.bill.id).unwrap();
        prop_assert!(!cb.contains(&removed));
        cb.add(removed).unwrap();
        prop_assert_eq!(cb.line(&before.bill.id).cloned().unwrap(), before);
    }
}

#[test]
fn fees_are_added_to_the_total_and_rules_refuse_bad_amounts() {
    let mut cb = CombinedBill::new();
    let mut third_party = bill("1", Some("a"), 100_000);
    third_party.rules = PaymentRules {
        min: Some(rub(1_000)),
        max: Some(rub(5_000_000)),
        pay_in_full: false,
        fee: Fee {
            percent: Decimal::new(1, 0),
            min: rub(1_500),
        },
    };
    let mut full_only = bill("2", Some("a"), 20_000);
    full_only.rules.pay_in_full = true;
    cb.add_all([third_party, full_only, bill("3", Some("a"), 30_000)]);
    assert_eq!(cb.subtotal(), rub(150_000));
    assert_eq!(
        cb.fees(),
        rub(1_500),
        "1 % of 1 000 ₽ is 10 ₽, below the 15 ₽ minimum"
    );
    assert_eq!(cb.total(), rub(151_500));

    let one = BillId::from("1");
    assert_eq!(
        cb.set_amount(&one, rub(999)),
        Err(CombinedError::Rule(RuleError::BelowMinimum(rub(1_000))))
    );
    assert_eq!(
        cb.set_amount(&one, rub(5_000_001)),
        Err(CombinedError::Rule(RuleError::AboveMaximum(rub(5_000_000))))
    );
    assert_eq!(
        cb.line(&one).unwrap().amount,
        rub(100_000),
        "a refused amount changes nothing"
    );
    cb.set_amount(&one, rub(300_000)).unwrap();
    assert_eq!(cb.fees(), rub(3_000));

    let two = BillId::from("2");
    assert!(matches!(
        cb.set_amount(&two, rub(10_000)),
        Err(CombinedError::Rule(RuleError::MustPayInFull(_)))
    ));
    cb.skip(&two).unwrap();
    assert_eq!(
        cb.line(&two).unwrap().amount,
        Money::ZERO,
        "не платить is always allowed"
    );
    let frozen = cb.freeze().unwrap();
    assert_eq!(frozen.total(), cb.total());
    assert_eq!(frozen.fees(), rub(3_000));
}

#[test]
fn one_payment_may_not_exceed_the_limit() {
    let mut cb = CombinedBill::new();
    cb.add_all([
        bill("1", Some("a"), 40_000_000),
        bill("2", Some("a"), 30_000_000),
    ]);
    assert_eq!(
        cb.freeze(),
        Err(CombinedError::Rule(RuleError::OverPaymentLimit(
            crate::rules::PAYMENT_LIMIT
        )))
    );
    cb.skip(&BillId::from("2")).unwrap();
    assert!(cb.freeze().is_ok());
    assert!(cb.set_amount(&BillId::from("1"), rub(60_000_001)).is_err());
}

#[test]
fn a_new_period_replaces_last_months_line_in_place() {
    let mut cb = CombinedBill::new();
    cb.add_all([
        bill("1", Some("a"), 100),
        bill("2", Some("a"), 200),
        bill("3", Some("a"), 300),
    ]);
    cb.skip(&BillId::from("2")).unwrap();
    let mut december = bill("2", Some("a"), 250);
    december.id = BillId::from("2-dec");
    december.period = Period::new(2026, 12).unwrap();
    assert!(cb.replace_older(december.clone()));
    let ids: Vec<_> = cb
        .lines()
        .iter()
        .map(|l| l.bill.id.as_str().to_string())
        .collect();
    assert_eq!(ids, ["1", "2-dec", "3"], "same place in the list");
    assert_eq!(
        cb.line(&BillId::from("2-dec")).unwrap().amount,
        rub(250),
        "the new bill's amount"
    );
    assert!(!cb.replace_older(december), "nothing older left to replace");
}
