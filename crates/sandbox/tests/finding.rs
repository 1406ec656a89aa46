//! «Поиск по названию услуги» and «Поиск по лицевому счёту» over HTTP: providers by name or INN,
//! a provider's bill by the number in its format, an account's bill at any provider, and the
//! rules every provider and bill carries.

mod common;

use common::{error, ok_json, Harness, FULL_ADDRESS, PHONE};
use ofis_api::{
    paths, AccountCharset, AccountFieldKind, BillDto, ErrorCode, FeeDto, PaymentRulesDto,
    ProviderDto,
};
use ofis_domain::Money;
use reqwest::StatusCode;
use rust_decimal_macros::dec;

fn rub(roubles: u32) -> Option<Money> {
    Some(Money::from_whole_roubles(roubles))
}

async fn providers(h: &Harness, token: &str, q: &str) -> Vec<ProviderDto> {
    ok_json(
        h.get_query(paths::PROVIDERS, Some(token), &[("q", q)])
            .await,
    )
    .await
}

async fn ids(h: &Harness, token: &str, q: &str) -> Vec<String> {
    providers(h, token, q)
        .await
        .into_iter()
        .map(|p| p.id)
        .collect()
}

#[tokio::test]
async fn providers_are_found_by_every_word_of_the_name_or_by_the_start_of_the_inn() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    assert_eq!(ids(&h, &token, "мегафон").await, ["megafon"]);
    assert_eq!(ids(&h, &token, "ПАО «МЕГАФОН»").await, ["megafon"]);
    assert_eq!(ids(&h, &token, "\"Охрана-Оренбург\"").await, ["okhrana"]);
    assert_eq!(ids(&h, &token, "школьное питание сош 5").await, ["school5"]);
    assert_eq!(
        ids(&h, &token, "водоканал").await,
        ["vodokanal", "orskvodokanal"]
    );
    assert_eq!(ids(&h, &token, "оренбург водоканал").await, ["vodokanal"]);
    assert_eq!(ids(&h, &token, "7812").await, ["megafon"]);
    assert_eq!(
        ids(&h, &token, "5612").await,
        ["vodokanal", "domofon", "okhrana", "kapremont"]
    );
    assert_eq!(ids(&h, &token, "5612017779").await, ["okhrana"]);
    assert!(ids(&h, &token, "").await.is_empty());
    assert!(ids(&h, &token, "Билайн").await.is_empty());
    assert!(ids(&h, &token, "99999").await.is_empty());

    // Each provider declares its field and its rules.
    let megafon = &providers(&h, &token, "мегафон").await[0];
    assert_eq!(megafon.name, "ПАО \"МегаФон\"");
    let field = &megafon.account_field;
    assert_eq!(
        (field.kind, field.charset, field.label.as_str()),
        (
            AccountFieldKind::Phone,
            AccountCharset::Phone,
            "Номер телефона"
        )
    );
    assert_eq!(
        (field.min_len, field.max_len, field.example.as_str()),
        (10, 10, "9123456789")
    );
    assert!(!field.hint.is_empty());
    assert_eq!(
        megafon.rules,
        PaymentRulesDto {
            min: rub(10),
            max: rub(15_000),
            pay_in_full: false,
            fee: FeeDto::default(),
        }
    );
    let gorod = &providers(&h, &token, "Система Город").await[0];
    assert!(gorod.billed_by_gorod);
    assert_eq!(
        gorod.rules,
        PaymentRulesDto {
            min: rub(1),
            ..Default::default()
        }
    );
    assert_eq!(gorod.account_field.label, "Лицевой счёт");
    let okhrana = &providers(&h, &token, "охрана").await[0];
    assert_eq!(okhrana.account_field.kind, AccountFieldKind::Contract);
    assert_eq!(okhrana.account_field.label, "Номер договора");
    assert_eq!(okhrana.rules.fee.percent, dec!(1.5));
    let kapremont = &providers(&h, &token, "капитальный ремонт").await[0];
    assert!(kapremont.rules.pay_in_full);

    let anonymous = h
        .get_query(paths::PROVIDERS, None, &[("q", "мегафон")])
        .await;
    error(anonymous, StatusCode::UNAUTHORIZED).await;
}

async fn provider_bills(
    h: &Harness,
    token: &str,
    provider: &str,
    query: &[(&str, &str)],
) -> reqwest::Response {
    h.get_query(&paths::provider_bills(provider), Some(token), query)
        .await
}

#[tokio::test]
async fn a_providers_bill_is_found_by_the_number_in_its_format_or_refused_clearly() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let found: Vec<BillDto> =
        ok_json(provider_bills(&h, &token, "megafon", &[("account", "+7 912 345-67-89")]).await)
            .await;
    assert_eq!(found.len(), 1);
    let bill = &found[0];
    assert_eq!(
        (bill.id.as_str(), bill.account.as_str()),
        ("bill-9123456789-2026-11", "9123456789")
    );
    assert_eq!(
        (bill.service_name.as_str(), bill.address_id.as_deref()),
        ("Мобильная связь", None)
    );
    assert_eq!(bill.rules.max, rub(15_000));

    let school: Vec<BillDto> = ok_json(
        provider_bills(
            &h,
            &token,
            "school5",
            &[("account", "50500123"), ("period", "2026-10")],
        )
        .await,
    )
    .await;
    assert_eq!(school[0].id, "bill-50500123-2026-10");
    assert_eq!(school[0].service_name, "Школьное питание");
    let contract: Vec<BillDto> =
        ok_json(provider_bills(&h, &token, "okhrana", &[("account", "ох-12345")]).await).await;
    assert_eq!(contract[0].account, "ОХ-12345");

    let wrong = error(
        provider_bills(&h, &token, "megafon", &[("account", "12345")]).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        (wrong.code, wrong.field.as_deref(), wrong.message.as_str()),
        (
            ErrorCode::Validation,
            Some("account"),
            "Номер телефона: 10 цифр, например 9123456789"
        )
    );
    let missing = error(
        provider_bills(&h, &token, "gorod", &[]).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        missing.message,
        "Лицевой счёт: 10 цифр, например 1000125005"
    );
    let unknown = error(
        provider_bills(&h, &token, "megafon", &[("account", "9000000000")]).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(
        (unknown.code, unknown.message.as_str()),
        (ErrorCode::NotFound, "Счёт не найден. Проверьте номер.")
    );
    // A number known at another provider is not this provider's account.
    error(
        provider_bills(&h, &token, "tplus", &[("account", "1000125005")]).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let no_provider = error(
        provider_bills(&h, &token, "nobody", &[("account", "1")]).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(no_provider.message, "Поставщик не найден");
    let bad_period = error(
        provider_bills(
            &h,
            &token,
            "megafon",
            &[("account", "9123456789"), ("period", "ноябрь")],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(bad_period.field.as_deref(), Some("period"));

    // Early in the month a known account whose bill is not posted yet is found, with no bill.
    h.sandbox.state.set_today(common::date("2026-12-02"));
    let early: Vec<BillDto> =
        ok_json(provider_bills(&h, &token, "okhrana", &[("account", "ОХ-12345")]).await).await;
    assert!(early.is_empty());
}

#[tokio::test]
async fn account_search_finds_the_bill_at_whichever_provider_keeps_the_account() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let search = |account: &'static str, period: Option<&'static str>| {
        let (h, token) = (&h, &token);
        async move {
            let query: Vec<(&str, &str)> = period.map(|p| ("period", p)).into_iter().collect();
            h.get_query(&paths::account_bills(account), Some(token), &query)
                .await
        }
    };
    let housing: Vec<BillDto> = ok_json(search(" 1000125005 ", None).await).await;
    assert_eq!(housing.len(), 1);
    assert_eq!(housing[0].id, "bill-1000125005-2026-11");
    assert_eq!(housing[0].address_id.as_deref(), Some(FULL_ADDRESS));
    assert_eq!(housing[0].rules.min, rub(1));
    let address = h.bills(&token, FULL_ADDRESS).await;
    assert_eq!(
        address.bills.iter().find(|b| b.id == housing[0].id),
        Some(&housing[0]),
        "the same bill as by address, rules included"
    );

    let october: Vec<BillDto> = ok_json(search("d-12-5", Some("2026-10")).await).await;
    assert_eq!(october[0].id, "bill-D-12-5-2026-10");
    let phone: Vec<BillDto> = ok_json(search("+79225550101", None).await).await;
    assert_eq!(phone[0].provider_id, "megafon");

    let none = error(search("0000000000", None).await, StatusCode::NOT_FOUND).await;
    assert_eq!(
        (none.code, none.message.as_str()),
        (
            ErrorCode::NotFound,
            "По этому лицевому счёту счетов не найдено"
        )
    );
    let blank = error(search(" ", None).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(blank.field.as_deref(), Some("account"));
    error(
        h.get(&h.api(&paths::account_bills("1000125005")), None)
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[tokio::test]
async fn every_bill_carries_its_providers_rules() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let bills = h.bills(&token, FULL_ADDRESS).await.bills;
    for bill in &bills {
        let found = providers(&h, &token, &bill.provider_name).await;
        let provider = found.iter().find(|p| p.id == bill.provider_id).unwrap();
        assert_eq!(bill.rules, provider.rules, "{}", bill.id);
        if bill.billed_by_gorod {
            assert_eq!((bill.rules.min, bill.rules.max), (rub(1), None));
            assert_eq!(bill.rules.fee, FeeDto::default());
        } else {
            assert_eq!(bill.rules.min, rub(10), "{}", bill.id);
        }
    }
    let internet = bills.iter().find(|b| b.provider_id == "ufanet").unwrap();
    assert_eq!(
        internet.rules.fee,
        FeeDto {
            percent: dec!(1),
            min: Money::from_whole_roubles(10),
        }
    );
    let kapremont = h.bills(&token, "orb-gagarina-25-14").await.bills;
    assert_eq!(kapremont.len(), 3);
    assert!(kapremont
        .iter()
        .any(|b| b.rules.pay_in_full && b.service_name == "Взнос на капитальный ремонт"));
}
