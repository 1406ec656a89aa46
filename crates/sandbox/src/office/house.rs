//! «Информация по дому»: for the house of a demo address, under-supply acts (one going on
//! around today and some of the past months), common-house meter readings of the last twelve
//! months, and the organisations serving it. All derived from the house and the sandbox clock.

use axum::extract::{Path, State};
use axum::Json;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use ofis_api::{
    ApiError, HouseInfoDto, HouseMeterDto, HouseMeterMonthDto, HouseOrganisationDto,
    UnderSupplyActDto,
};
use ofis_domain::Period;
use rust_decimal::Decimal;

use super::api_booking::now_local;
use crate::auth::CurrentUser;
use crate::error::Failure;
use crate::state::Sandbox;
use crate::town::{self, fnv1a, Address, ACCOUNTS};

/// Services an act may be about, with the reasons given.
const ACT_CAUSES: [(&str, &str); 4] = [
    ("Горячее водоснабжение", "Плановый ремонт тепловых сетей"),
    ("Холодное водоснабжение", "Аварийный ремонт водопровода"),
    ("Электроснабжение", "Замена кабеля на подстанции"),
    (
        "Отопление",
        "Температура в квартирах ниже нормы из-за аварии на теплотрассе",
    ),
];

/// Common-house meters: service, unit, monthly use in thousandths (from, span), heating only.
const HOUSE_METERS: [(&str, &str, u64, u64, bool); 3] = [
    ("Тепловая энергия", "Гкал", 40_000, 50_000, true),
    ("Холодная вода", "м³", 200_000, 150_000, false),
    ("Электроэнергия", "кВт·ч", 3_000_000, 3_000_000, false),
];

fn house_key(a: &Address) -> String {
    format!("{}|{}|{}", a.city, a.street, a.house)
}

fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())
}

/// The acts of the house: one around today, one in some of the five months before.
fn acts(key: &str, today: NaiveDate, now: NaiveDateTime) -> Vec<UnderSupplyActDto> {
    let mut out = Vec::new();
    let mut period = Period::of(today);
    for back in 0..6u64 {
        let h = fnv1a(format!("{key}|{period}").as_bytes());
        let (from, to) = if back == 0 {
            let start = today - Days::new(h % 3);
            (at(start, 9), at(start + Days::new(3), 18))
        } else if h.is_multiple_of(2) {
            let start = period.first_day() + Days::new(h % 25);
            (
                at(start, 8 + (h % 4) as u32),
                at(start + Days::new(1 + h % 2), 17),
            )
        } else {
            period = period.previous();
            continue;
        };
        let (service, reason) = ACT_CAUSES[(h / 7 % ACT_CAUSES.len() as u64) as usize];
        out.push(UnderSupplyActDto {
            id: format!("act-{:08x}", h & 0xffff_ffff),
            service: service.to_string(),
            from,
            to,
            reason: reason.to_string(),
            active: from <= now && now < to,
        });
        period = period.previous();
    }
    out
}

/// The house's meters: the twelve months before the current one, oldest first.
fn meters(key: &str, today: NaiveDate) -> Vec<HouseMeterDto> {
    let last = Period::of(today).previous();
    let mut periods = vec![last];
    for _ in 1..12 {
        let earliest = periods[periods.len() - 1];
        periods.push(earliest.previous());
    }
    periods.reverse();
    HOUSE_METERS
        .iter()
        .map(|(service, unit, from, span, heating_only)| {
            let mut reading = Decimal::new(
                (fnv1a(format!("{key}|{service}").as_bytes()) % 9_000_000) as i64,
                0,
            );
            let months = periods
                .iter()
                .map(|p| {
                    let off_season = *heating_only && (5..=9).contains(&p.month());
                    let h = fnv1a(format!("{key}|{service}|{p}").as_bytes());
                    let used = if off_season { 0 } else { from + h % span };
                    let consumption = Decimal::new(used as i64, 3);
                    reading += consumption;
                    HouseMeterMonthDto {
                        period: *p,
                        reading,
                        consumption,
                    }
                })
                .collect();
            HouseMeterDto {
                service: service.to_string(),
                unit: unit.to_string(),
                months,
            }
        })
        .collect()
}

/// The organisations serving the house: its management company, the emergency service, and
/// the providers of the address's accounts.
fn organisations(key: &str, address: &Address) -> Vec<HouseOrganisationDto> {
    let h = fnv1a(key.as_bytes());
    let companies = ["ООО «УК Центральная»", "ООО «Жилсервис»", "ООО «УК Уют»"];
    let org = |role: &str, name: &str, phone: String, hours: &str| HouseOrganisationDto {
        role: role.to_string(),
        name: name.to_string(),
        phone,
        hours: hours.to_string(),
    };
    let phone = |seed: u64| {
        format!(
            "+7 (3532) {:02}-{:02}-{:02}",
            30 + seed % 60,
            seed / 60 % 100,
            seed / 6000 % 100
        )
    };
    let mut out = vec![
        org(
            "Управляющая компания",
            companies[(h % 3) as usize],
            phone(h),
            "Пн–Пт 08:00–17:00, обед 12:00–13:00",
        ),
        org(
            "Аварийно-диспетчерская служба",
            "ЕДДС г. Оренбурга",
            "112".to_string(),
            "Круглосуточно",
        ),
    ];
    let mut seen = Vec::new();
    for account in ACCOUNTS.iter().filter(|a| a.address == Some(address.id)) {
        let Some(provider) = town::provider(account.provider) else {
            continue;
        };
        if seen.contains(&provider.id) {
            continue;
        }
        seen.push(provider.id);
        let seed = fnv1a(provider.id.as_bytes());
        out.push(org(
            "Поставщик услуг",
            provider.name,
            phone(seed),
            "Пн–Чт 08:00–17:00, Пт 08:00–16:00",
        ));
    }
    out
}

/// «Информация по дому» of an address: acts, common-house meters, organisations.
#[utoipa::path(
    get, path = "/api/v1/office/houses/{address_id}", operation_id = "houseInfo", tag = "office",
    params(("address_id" = String, Path, description = "Идентификатор адреса")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Акты недопоставки, общедомовые счётчики, обслуживающие организации", body = HouseInfoDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Адрес не найден", body = ApiError),
    )
)]
pub async fn get(
    State(sandbox): State<Sandbox>,
    CurrentUser(_phone): CurrentUser,
    Path(address_id): Path<String>,
) -> Result<Json<HouseInfoDto>, Failure> {
    let address =
        town::address(&address_id).ok_or_else(|| Failure::not_found("Адрес не найден"))?;
    let state = sandbox.lock();
    let key = house_key(address);
    Ok(Json(HouseInfoDto {
        address_id: address.id.to_string(),
        house: format!(
            "г. {}, {}, д. {}",
            address.city, address.street, address.house
        ),
        acts: acts(&key, state.today, now_local(&state)),
        meters: meters(&key, state.today),
        organisations: organisations(&key, address),
    }))
}
