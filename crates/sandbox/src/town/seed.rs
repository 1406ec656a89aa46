//! The seed of the demo town: providers with their rules and account fields, addresses, accounts.
//!
//! Ids, addresses and account numbers are stable: tests and the app's demo depend on them.

use ofis_api::{AccountCharset, AccountFieldKind};
use ofis_domain::{Fee, Money, PaymentRules, ServiceKind};
use rust_decimal::Decimal;

use super::{Account, AccountField, Address, Provider};

/// Город-billed providers: no fee, anything from 1 ₽, no maximum.
pub const GOROD_RULES: PaymentRules = PaymentRules {
    min: Some(Money::from_whole_roubles(1)),
    max: None,
    pay_in_full: false,
    fee: Fee::NONE,
};

/// Third-party utilities without a fee: 10 ₽ to 50 000 ₽.
pub const UTILITY_RULES: PaymentRules = PaymentRules {
    min: Some(Money::from_whole_roubles(10)),
    max: Some(Money::from_whole_roubles(50_000)),
    pay_in_full: false,
    fee: Fee::NONE,
};

/// 1 % but at least 10 ₽.
const FEE_1_PERCENT: Fee = Fee {
    percent: Decimal::ONE,
    min: Money::from_whole_roubles(10),
};

/// Third-party utilities that charge the payer a fee: 1 %, at least 10 ₽.
pub const UTILITY_FEE_RULES: PaymentRules = PaymentRules {
    fee: FEE_1_PERCENT,
    ..UTILITY_RULES
};

/// Telecom and school accounts: 10 ₽ to 15 000 ₽, no fee.
pub const SMALL_RULES: PaymentRules = PaymentRules {
    min: Some(Money::from_whole_roubles(10)),
    max: Some(Money::from_whole_roubles(15_000)),
    pay_in_full: false,
    fee: Fee::NONE,
};

/// The internet provider: 10 ₽ to 15 000 ₽ and a 1 % fee, at least 10 ₽.
pub const INTERNET_RULES: PaymentRules = PaymentRules {
    fee: FEE_1_PERCENT,
    ..SMALL_RULES
};

/// Security company: 10 ₽ to 50 000 ₽ and a 1,5 % fee, at least 20 ₽.
pub const SECURITY_RULES: PaymentRules = PaymentRules {
    fee: Fee {
        percent: Decimal::from_parts(15, 0, 0, false, 1),
        min: Money::from_whole_roubles(20),
    },
    ..UTILITY_RULES
};

/// Capital-repair contributions: only exactly the amount charged (or nothing), no fee.
pub const IN_FULL_RULES: PaymentRules = PaymentRules {
    min: None,
    max: None,
    pay_in_full: true,
    fee: Fee::NONE,
};

const fn field(
    kind: AccountFieldKind,
    charset: AccountCharset,
    (min_len, max_len): (u8, u8),
    hint: &'static str,
    example: &'static str,
) -> AccountField {
    let label = match kind {
        AccountFieldKind::Account => "Лицевой счёт",
        AccountFieldKind::Contract => "Номер договора",
        AccountFieldKind::Phone => "Номер телефона",
    };
    AccountField {
        kind,
        label,
        hint,
        example,
        min_len,
        max_len,
        charset,
    }
}

use AccountCharset::{Alnum, Digits};
use AccountFieldKind::{Account as Acc, Contract};

const fn digits10(example: &'static str) -> AccountField {
    field(
        Acc,
        Digits,
        (10, 10),
        "10 цифр, указан в квитанции",
        example,
    )
}

/// The providers of the town; posting days spread over the 1st–10th, most by the 5th. The first
/// nine serve the demo addresses; the rest are found by name («Поиск по названию услуги»), but
/// for the last, which serves ул. Пушкинская and refuses a payment without meter readings.
#[rustfmt::skip]
pub const PROVIDERS: &[Provider] = &[
    Provider {
        id: "gorod", name: "АО \"Система \"Город\"", inn: "5610001237", billed_by_gorod: true,
        posting_day: 1, services: "содержание жилья квартплата ЖКУ", rules: GOROD_RULES,
        field: digits10("1000125005"),
    },
    Provider {
        id: "tplus", name: "ПАО \"Т Плюс\"", inn: "5610005672", billed_by_gorod: true,
        posting_day: 2, services: "отопление горячее водоснабжение", rules: GOROD_RULES,
        field: digits10("7012505001"),
    },
    Provider {
        id: "vodokanal", name: "ООО \"Оренбург Водоканал\"", inn: "5612004561",
        billed_by_gorod: false, posting_day: 3, services: "холодное водоснабжение водоотведение",
        rules: UTILITY_RULES, field: digits10("0312500501"),
    },
    Provider {
        id: "orskvodokanal", name: "ООО \"Орскводоканал\"", inn: "5615009127",
        billed_by_gorod: false, posting_day: 3, services: "холодное водоснабжение водоотведение",
        rules: UTILITY_FEE_RULES,
        field: field(Acc, Alnum, (6, 12), "буквы OV и цифры через дефис, указан в квитанции", "OV-3-41-1"),
    },
    Provider {
        id: "energosbyt", name: "АО \"Энергосбыт Плюс\"", inn: "5609007890", billed_by_gorod: false,
        posting_day: 4, services: "электроэнергия электричество", rules: UTILITY_RULES,
        field: field(Acc, Digits, (12, 12), "12 цифр, указан в квитанции", "560012512005"),
    },
    Provider {
        id: "gazprom", name: "АО \"Газпром межрегионгаз Оренбург\"", inn: "5611002346",
        billed_by_gorod: false, posting_day: 5, services: "газоснабжение газ", rules: UTILITY_RULES,
        field: digits10("5601200505"),
    },
    Provider {
        id: "priroda", name: "ООО \"Природа\"", inn: "5614008917", billed_by_gorod: true,
        posting_day: 5, services: "вывоз ТКО мусора отходов", rules: GOROD_RULES,
        field: field(Acc, Alnum, (8, 14), "начинается с TKO, указан в квитанции", "TKO-125-005"),
    },
    Provider {
        id: "domofon", name: "ООО \"Домофон-Сервис\"", inn: "5612033450", billed_by_gorod: true,
        posting_day: 7, services: "домофон", rules: GOROD_RULES,
        field: field(Contract, Alnum, (4, 10), "указан в договоре, например D-12-5", "D-12-5"),
    },
    Provider {
        id: "ufanet", name: "ООО \"Уфанет\"", inn: "0273006788", billed_by_gorod: false,
        posting_day: 10, services: "интернет телевидение", rules: INTERNET_RULES,
        field: field(Contract, Alnum, (8, 12), "буквы UF и цифры, указан в договоре", "UF5612505"),
    },
    Provider {
        id: "megafon", name: "ПАО \"МегаФон\"", inn: "7812014560", billed_by_gorod: false,
        posting_day: 1, services: "мобильная связь сотовая телефон", rules: SMALL_RULES,
        field: field(AccountFieldKind::Phone, AccountCharset::Phone, (10, 10),
            "10 цифр без +7 и 8", "9123456789"),
    },
    Provider {
        id: "okhrana", name: "ООО \"Охрана-Оренбург\"", inn: "5612017779", billed_by_gorod: false,
        posting_day: 3, services: "охрана квартиры сигнализация", rules: SECURITY_RULES,
        field: field(Contract, Alnum, (5, 12), "буквы ОХ и цифры через дефис, указан в договоре", "ОХ-12345"),
    },
    Provider {
        id: "school5", name: "Школьное питание, МОАУ \"СОШ № 5\"", inn: "5610033454",
        billed_by_gorod: false, posting_day: 2, services: "школьное питание школа",
        rules: SMALL_RULES,
        field: field(Acc, Digits, (8, 8), "8 цифр, лицевой счёт ребёнка, выдаётся в школе", "50500123"),
    },
    Provider {
        id: "kapremont", name: "НО \"Фонд модернизации ЖКХ Оренбургской области\"",
        inn: "5612024688", billed_by_gorod: false, posting_day: 6,
        services: "капитальный ремонт взносы капремонт", rules: IN_FULL_RULES,
        field: field(Acc, Digits, (12, 12), "12 цифр, указан в квитанции фонда", "560250251400"),
    },
    Provider {
        id: "ucs", name: "ООО \"Уральские коммунальные системы\"", inn: "5638004125",
        billed_by_gorod: false, posting_day: 4, services: "холодное водоснабжение",
        rules: UTILITY_RULES, field: digits10("4202000901"),
    },
];

/// The addresses. Чкалова, 30-8 is a new building with no accounts yet (no bills in any period);
/// Гагарина, 25-14 has a capital-repair account that must be paid in full; Пушкинская, 20-9 has
/// cold water from a provider that takes a payment only with the meter's reading.
#[rustfmt::skip]
pub const ADDRESSES: &[Address] = &[
    a("orb-sovetskaya-12-5", "Оренбург", "ул. Советская", "12", "5"),
    a("orb-sovetskaya-12-17", "Оренбург", "ул. Советская", "12", "17"),
    a("orb-pobedy-114-27", "Оренбург", "пр-т Победы", "114", "27"),
    a("orsk-stroiteley-3-41", "Орск", "ул. Строителей", "3", "41"),
    a("orb-chkalova-30-8", "Оренбург", "ул. Чкалова", "30", "8"),
    a("orb-gagarina-25-14", "Оренбург", "ул. Гагарина", "25", "14"),
    a("orb-pushkinskaya-20-9", "Оренбург", "ул. Пушкинская", "20", "9"),
];

const fn a(
    id: &'static str,
    city: &'static str,
    street: &'static str,
    house: &'static str,
    flat: &'static str,
) -> Address {
    Address {
        id,
        city,
        street,
        house,
        flat,
    }
}

use ServiceKind::*;

/// Every account in town. Numbers are unique, so a bill id names exactly one account.
#[rustfmt::skip]
pub const ACCOUNTS: &[Account] = &[
    // ул. Советская, 12-5: the fullest address, every kind of service.
    acc("1000125005", "gorod", "orb-sovetskaya-12-5", Housing, false),
    acc("0312500501", "vodokanal", "orb-sovetskaya-12-5", ColdWater, true),
    acc("0312500502", "vodokanal", "orb-sovetskaya-12-5", Sewage, true),
    acc("560012512005", "energosbyt", "orb-sovetskaya-12-5", Electricity, true),
    acc("5601200505", "gazprom", "orb-sovetskaya-12-5", Gas, true),
    acc("7012505001", "tplus", "orb-sovetskaya-12-5", Heating, false),
    acc("7012505002", "tplus", "orb-sovetskaya-12-5", HotWater, true),
    acc("TKO-125-005", "priroda", "orb-sovetskaya-12-5", Waste, false),
    acc("D-12-5", "domofon", "orb-sovetskaya-12-5", Intercom, false),
    acc("UF5612505", "ufanet", "orb-sovetskaya-12-5", Internet, false),
    // ул. Советская, 12-17: same house, no gas and no internet.
    acc("1000125017", "gorod", "orb-sovetskaya-12-17", Housing, false),
    acc("0312501701", "vodokanal", "orb-sovetskaya-12-17", ColdWater, true),
    acc("0312501702", "vodokanal", "orb-sovetskaya-12-17", Sewage, true),
    acc("560012512017", "energosbyt", "orb-sovetskaya-12-17", Electricity, true),
    acc("7012517001", "tplus", "orb-sovetskaya-12-17", Heating, false),
    acc("7012517002", "tplus", "orb-sovetskaya-12-17", HotWater, true),
    acc("TKO-125-017", "priroda", "orb-sovetskaya-12-17", Waste, false),
    acc("D-12-17", "domofon", "orb-sovetskaya-12-17", Intercom, false),
    // пр-т Победы, 114-27: electric stove, no gas.
    acc("1001140027", "gorod", "orb-pobedy-114-27", Housing, false),
    acc("0311402701", "vodokanal", "orb-pobedy-114-27", ColdWater, true),
    acc("0311402702", "vodokanal", "orb-pobedy-114-27", Sewage, true),
    acc("560011427027", "energosbyt", "orb-pobedy-114-27", Electricity, true),
    acc("7111427001", "tplus", "orb-pobedy-114-27", Heating, false),
    acc("7111427002", "tplus", "orb-pobedy-114-27", HotWater, true),
    acc("TKO-1142-027", "priroda", "orb-pobedy-114-27", Waste, false),
    acc("UF5611427", "ufanet", "orb-pobedy-114-27", Internet, false),
    // г. Орск, ул. Строителей, 3-41: another town's water company, unmetered gas.
    acc("1000034041", "gorod", "orsk-stroiteley-3-41", Housing, false),
    acc("OV-3-41-1", "orskvodokanal", "orsk-stroiteley-3-41", ColdWater, true),
    acc("OV-3-41-2", "orskvodokanal", "orsk-stroiteley-3-41", Sewage, true),
    acc("560100341041", "energosbyt", "orsk-stroiteley-3-41", Electricity, true),
    acc("5611034141", "gazprom", "orsk-stroiteley-3-41", Gas, false),
    acc("7200341001", "tplus", "orsk-stroiteley-3-41", Heating, false),
    acc("TKO-3-041", "priroda", "orsk-stroiteley-3-41", Waste, false),
    // ул. Гагарина, 25-14: housing, electricity and a capital-repair contribution (pay in full).
    acc("1000250014", "gorod", "orb-gagarina-25-14", Housing, false),
    acc("560025025014", "energosbyt", "orb-gagarina-25-14", Electricity, true),
    Account {
        service_name: Some("Взнос на капитальный ремонт"),
        ..acc("560250251400", "kapremont", "orb-gagarina-25-14", Other, false)
    },
    // ул. Пушкинская, 20-9: «Уральские коммунальные системы» take payment only with readings.
    acc("1000200009", "gorod", "orb-pushkinskaya-20-9", Housing, false),
    acc("4202000901", "ucs", "orb-pushkinskaya-20-9", ColdWater, true),
    acc("560020020009", "energosbyt", "orb-pushkinskaya-20-9", Electricity, true),
    acc("7020009002", "tplus", "orb-pushkinskaya-20-9", HotWater, true),
    // Not tied to an address: found by account or by the provider's name.
    own("9123456789", "megafon", Other, "Мобильная связь"),
    own("9225550101", "megafon", Other, "Мобильная связь"),
    own("ОХ-12345", "okhrana", Other, "Охрана квартиры"),
    own("ОХ-20417", "okhrana", Other, "Охрана квартиры"),
    own("50500123", "school5", SchoolMeals, "Школьное питание"),
    own("50500124", "school5", SchoolMeals, "Школьное питание"),
    own("50500125", "school5", SchoolMeals, "Школьное питание"),
];

const fn acc(
    number: &'static str,
    provider: &'static str,
    address: &'static str,
    service: ServiceKind,
    metered: bool,
) -> Account {
    Account {
        number,
        provider,
        address: Some(address),
        service,
        metered,
        service_name: None,
    }
}

/// An unmetered account with no address, with the service name its provider prints.
const fn own(
    number: &'static str,
    provider: &'static str,
    service: ServiceKind,
    service_name: &'static str,
) -> Account {
    Account {
        number,
        provider,
        address: None,
        service,
        metered: false,
        service_name: Some(service_name),
    }
}
