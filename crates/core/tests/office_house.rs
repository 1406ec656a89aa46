//! «Информация по дому» and «Жизненные ситуации» against the sandbox over loopback HTTP: the
//! house of the demo address with its acts, common-house meters and organisations; the act going
//! on now beside the bill it touches on «Мои платежи» with its recalculation estimate; the life
//! situations with each step's path in the app; a clear Russian message when the server is away.

mod common {
    pub mod app;
}

use chrono::{Datelike, NaiveTime};
use common::app::{self, DEMO_ADDRESS_ID};
use ofis_api::{HouseInfoDto, HouseMeterDto, HouseMeterMonthDto, HouseOrganisationDto};
use ofis_api::{StepAction, StepLinkDto};
use ofis_core::{acts_beside_bill, messages::core_error, step_path, HouseInfo, Ofis};
use ofis_domain::undersupply::Supply;
use ofis_domain::{Money, Period};
use rust_decimal::Decimal;

async fn signed_in() -> (gorod_sandbox::RunningSandbox, tempfile::TempDir, Ofis) {
    let sandbox = app::sandbox().await;
    // Noon of the demo date: the house's current act (from 09:00 of its first day) goes on.
    sandbox
        .state
        .set_time_of_day(Some(NaiveTime::from_hms_opt(12, 0, 0).unwrap()));
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    app::sign_in_with_address(&ofis).await;
    (sandbox, dir, ofis)
}

#[tokio::test]
async fn the_house_of_the_demo_address_has_acts_meters_and_organisations() {
    let (sandbox, _dir, ofis) = signed_in().await;
    let house = ofis.house_info(DEMO_ADDRESS_ID).await.unwrap();
    assert_eq!(house.house, "г. Оренбург, ул. Советская, д. 12");
    assert_eq!(house.active_acts().count(), 1, "{:?}", house.acts);
    assert!(
        house.acts.windows(2).all(|w| w[0].from >= w[1].from),
        "newest first"
    );
    let act = house.active_acts().next().unwrap();
    assert!(act.when.starts_with("с ") && act.when.contains(" по "));
    assert!(Supply::of_act(&act.service).is_some(), "{}", act.service);

    assert_eq!(house.meters.len(), 3);
    for meter in &house.meters {
        assert_eq!(meter.rows.len(), 12, "{}", meter.service);
        assert_eq!(meter.rows[0].month, "октябрь 2026", "newest first");
    }
    let heat = &house.meters[0];
    assert_eq!(
        (heat.service.as_str(), heat.unit.as_str()),
        ("Тепловая энергия", "Гкал")
    );
    let july = heat.rows.iter().find(|r| r.month == "июль 2026").unwrap();
    assert_eq!(july.consumption, "0", "no heating in summer");

    let roles: Vec<&str> = house
        .organisations
        .iter()
        .map(|o| o.role.as_str())
        .collect();
    assert!(roles.contains(&"Управляющая компания"), "{roles:?}");
    let emergency = house
        .organisations
        .iter()
        .find(|o| o.role == "Аварийно-диспетчерская служба")
        .unwrap();
    assert_eq!(emergency.dial, "112");
    assert!(house
        .organisations
        .iter()
        .all(|o| !o.dial.is_empty() && o.dial.chars().all(|c| c.is_ascii_digit() || c == '+')));

    // Flats of one house share it.
    let neighbour = ofis.house_info("orb-sovetskaya-12-17").await.unwrap();
    assert_eq!(neighbour.acts, house.acts);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_act_going_on_sits_beside_the_bill_it_touches_with_its_estimate() {
    let (sandbox, _dir, ofis) = signed_in().await;
    let house = ofis.house_info(DEMO_ADDRESS_ID).await.unwrap();
    let act = house.active_acts().next().unwrap().clone();
    let supply = Supply::of_act(&act.service).unwrap();
    let snapshot = ofis.snapshot();
    let lines = snapshot.combined.lines();
    assert!(lines.len() >= 8, "the demo address's bills");
    let mut touched = Vec::new();
    for line in lines {
        match acts_beside_bill(&house, &line.bill) {
            Some(estimate) => touched.push((line.bill.clone(), estimate)),
            None => assert_ne!(
                ofis_domain::undersupply::Supply::of_bill(line.bill.service),
                Some(supply),
                "{} has an act",
                line.bill.service_title()
            ),
        }
    }
    assert_eq!(touched.len(), 1, "one bill per service: {touched:?}");
    let (bill, estimate) = &touched[0];
    assert_eq!(estimate.acts.len(), 1);
    assert_eq!(estimate.acts[0].act_id, act.id);

    // The rule by hand: whole hours of this service's acts in the act's month, beyond those
    // allowed, 0,15 % of the bill each.
    let month = Period::of(act.from.date());
    assert_eq!(
        Period::of(act.to.date()),
        month,
        "the demo act stays in its month"
    );
    let minutes: i64 = house
        .acts
        .iter()
        .filter(|a| Supply::of_act(&a.service) == Some(supply))
        .filter(|a| Period::of(a.from.date()) == month)
        .map(|a| (a.to - a.from).num_minutes())
        .sum();
    let excess = (minutes - supply.allowed_hours() * 60).max(0) / 60;
    assert!(
        excess > 0,
        "an act of 3 days and more is beyond any allowance"
    );
    let want = bill
        .amount_due
        .percent(Decimal::new(15, 2) * Decimal::from(excess));
    assert_eq!(estimate.amount, want);
    assert!(estimate.amount > Money::ZERO);
    assert_eq!(
        estimate.headline,
        format!("≈ {} к перерасчёту", want.display_rub())
    );
    assert!(
        estimate.basis.contains("Правила № 354"),
        "{}",
        estimate.basis
    );
    assert!(
        estimate.basis.contains(&format!("сверх нормы {excess} ч")),
        "{}",
        estimate.basis
    );
    assert!(
        estimate.basis.contains(&bill.period.label_ru()),
        "{}",
        estimate.basis
    );
    assert_eq!(month.month(), act.from.month());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn life_situations_lead_to_the_services() {
    let (sandbox, _dir, ofis) = signed_in().await;
    let all = ofis.life_situations().await.unwrap();
    assert!(all.len() >= 5, "{all:?}");
    let moving = ofis.life_situation("moving-out").await.unwrap().unwrap();
    assert_eq!(moving.title, "Переезд");
    let paths: Vec<&str> = moving
        .steps
        .iter()
        .filter_map(|s| s.link.as_ref().map(|l| l.path.as_str()))
        .collect();
    assert_eq!(
        paths,
        ["/subscriber", "/", "/subscriber/booking?topic=account"]
    );
    let buying = all.iter().find(|s| s.id == "buy-sell").unwrap();
    assert!(buying
        .steps
        .iter()
        .any(|s| s.link.as_ref().is_some_and(|l| l.path
            == "/subscriber/applications/new?kind=owner-change"
            && l.label == "Подать заявление")));
    assert_eq!(ofis.life_situation("no-such").await.unwrap(), None);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn unknown_address_and_no_server_say_so_in_russian() {
    let (sandbox, _dir, ofis) = signed_in().await;
    let unknown = ofis.house_info("no-such-address").await.unwrap_err();
    assert_eq!(core_error(&unknown), "Адрес не найден");
    sandbox.shutdown().await;
    let offline = ofis.house_info(DEMO_ADDRESS_ID).await.unwrap_err();
    assert!(
        core_error(&offline).starts_with("Нет связи с сервером"),
        "{}",
        core_error(&offline)
    );
    let offline = ofis.life_situations().await.unwrap_err();
    assert!(core_error(&offline).starts_with("Нет связи с сервером"));
}

#[test]
fn numbers_are_written_as_russians_write_them_and_phones_dial() {
    let month = |period: &str, reading: Decimal, consumption: Decimal| HouseMeterMonthDto {
        period: period.parse().unwrap(),
        reading,
        consumption,
    };
    let org = |phone: &str| HouseOrganisationDto {
        role: "Управляющая компания".into(),
        name: "ООО «УК»".into(),
        phone: phone.into(),
        hours: "Круглосуточно".into(),
    };
    let info = HouseInfo::from(HouseInfoDto {
        address_id: "a".into(),
        house: "г. Оренбург, ул. Советская, д. 12".into(),
        acts: vec![],
        meters: vec![HouseMeterDto {
            service: "Электроэнергия".into(),
            unit: "кВт·ч".into(),
            months: vec![
                month("2026-09", Decimal::new(1_000_000, 0), Decimal::ZERO),
                month(
                    "2026-10",
                    Decimal::new(12_345_678, 3),
                    Decimal::new(56_789, 3),
                ),
            ],
        }],
        organisations: vec![org("+7 (3532) 45-12-07"), org("112")],
    });
    let rows = &info.meters[0].rows;
    assert_eq!(rows[0].month, "октябрь 2026", "newest first");
    assert_eq!(rows[0].reading, "12\u{a0}345,678");
    assert_eq!(rows[0].consumption, "56,789");
    assert_eq!(rows[1].reading, "1\u{a0}000\u{a0}000");
    assert_eq!(rows[1].consumption, "0");
    assert_eq!(info.organisations[0].dial, "+73532451207");
    assert_eq!(info.organisations[1].dial, "112");
}

#[test]
fn each_step_action_leads_to_its_service() {
    let link = |action, topic: Option<&str>, kind: Option<&str>| StepLinkDto {
        action,
        label: "Перейти".into(),
        topic_id: topic.map(str::to_string),
        application_kind_id: kind.map(str::to_string),
    };
    let table = [
        (
            link(StepAction::Book, Some("account"), None),
            "/subscriber/booking?topic=account",
        ),
        (link(StepAction::Book, None, None), "/subscriber/booking"),
        (
            link(StepAction::Apply, None, Some("owner-change")),
            "/subscriber/applications/new?kind=owner-change",
        ),
        (
            link(StepAction::Apply, None, Some("а b&c")),
            "/subscriber/applications/new?kind=%D0%B0%20b%26c",
        ),
        (link(StepAction::Readings, None, None), "/subscriber"),
        (link(StepAction::Bill, None, None), "/subscriber/bill"),
        (link(StepAction::EBill, None, None), "/subscriber/e-bill"),
        (link(StepAction::HouseInfo, None, None), "/subscriber/house"),
        (link(StepAction::Pay, None, None), "/"),
    ];
    for (l, want) in table {
        assert_eq!(step_path(&l), want, "{:?}", l.action);
    }
}
