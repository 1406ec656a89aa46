//! «Электронная квитанция»: a Город account's bill by e-mail, switched on or off. A change made
//! by the 20th counts from the current month's bill, a later one from the next month's; the
//! answer says from which.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::Json;
use chrono::{Datelike, NaiveDate};
use ofis_api::{ApiError, EBillDto, SetEBill};
use ofis_domain::Period;

use crate::auth::CurrentUser;
use crate::error::{json_body, BodyRefused, Failure};
use crate::mail::{valid_email, BAD_EMAIL};
use crate::state::Sandbox;
use crate::town::{provider, Account, ACCOUNTS};

/// The last day of a month on which a change still counts from that month's bill.
pub const CUT_OFF_DAY: u32 = 20;

/// One account's setting.
#[derive(Clone, Debug, serde::Serialize)]
pub(crate) struct EBillSetting {
    pub enabled: bool,
    pub email: Option<String>,
    pub from_period: Period,
}

/// The first bill a change made on `day` applies to.
pub fn first_period(day: NaiveDate) -> Period {
    let current = Period::of(day);
    if day.day() <= CUT_OFF_DAY {
        current
    } else {
        current.next()
    }
}

/// A Город-billed account by number, or 404.
pub(crate) fn gorod_account(number: &str) -> Result<&'static Account, Failure> {
    ACCOUNTS
        .iter()
        .find(|a| a.number == number && provider(a.provider).is_some_and(|p| p.billed_by_gorod))
        .ok_or_else(|| Failure::not_found("Лицевой счёт Системы «Город» не найден"))
}

fn dto(account: &str, setting: Option<&EBillSetting>) -> EBillDto {
    let message = match setting {
        None => "Квитанция приходит на бумаге".to_string(),
        Some(s) => match (&s.enabled, &s.email) {
            (true, Some(email)) => format!(
                "Квитанции начиная с периода «{}» придут на {email}, бумажная приходить не будет",
                s.from_period.label_ru()
            ),
            _ => format!(
                "Бумажная квитанция будет приходить начиная с периода «{}»",
                s.from_period.label_ru()
            ),
        },
    };
    EBillDto {
        account: account.to_string(),
        enabled: setting.is_some_and(|s| s.enabled),
        email: setting.filter(|s| s.enabled).and_then(|s| s.email.clone()),
        cut_off_day: CUT_OFF_DAY,
        from_period: setting.map(|s| s.from_period),
        message,
    }
}

/// The e-mail bill setting of a Город account.
#[utoipa::path(
    get, path = "/api/v1/office/accounts/{account}/e-bill", operation_id = "getEBill", tag = "office",
    params(("account" = String, Path, description = "Лицевой счёт Системы «Город»")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Настройка электронной квитанции", body = EBillDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Лицевой счёт не найден", body = ApiError),
    )
)]
pub async fn get(
    State(sandbox): State<Sandbox>,
    CurrentUser(_phone): CurrentUser,
    Path(account): Path<String>,
) -> Result<Json<EBillDto>, Failure> {
    let account = gorod_account(&account)?;
    let state = sandbox.lock();
    Ok(Json(dto(
        account.number,
        state.gorod.office.ebill.get(account.number),
    )))
}

/// Switches the e-mail bill on (with an address) or off; the answer says from which bill.
#[utoipa::path(
    put, path = "/api/v1/office/accounts/{account}/e-bill", operation_id = "setEBill", tag = "office",
    params(("account" = String, Path, description = "Лицевой счёт Системы «Город»")),
    request_body = SetEBill,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Настройка сохранена; from_period — с какой квитанции", body = EBillDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Лицевой счёт не найден", body = ApiError),
        (status = 422, description = "Неверный адрес электронной почты (field = email)", body = ApiError),
        BodyRefused,
    )
)]
pub async fn set(
    State(sandbox): State<Sandbox>,
    CurrentUser(_phone): CurrentUser,
    Path(account): Path<String>,
    body: Result<Json<SetEBill>, JsonRejection>,
) -> Result<Json<EBillDto>, Failure> {
    let account = gorod_account(&account)?;
    let request = json_body(body)?;
    let email = match (request.enabled, request.email.as_deref()) {
        (true, Some(text)) => {
            Some(valid_email(text).ok_or_else(|| Failure::validation(BAD_EMAIL, "email"))?)
        }
        (true, None) => return Err(Failure::validation(BAD_EMAIL, "email")),
        (false, _) => None,
    };
    let mut state = sandbox.lock();
    let from_period = first_period(state.today);
    let setting = EBillSetting {
        enabled: request.enabled,
        email,
        from_period,
    };
    let office = &mut state.gorod.office;
    office.ebill.insert(account.number.to_string(), setting);
    Ok(Json(dto(account.number, office.ebill.get(account.number))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_twentieth_is_the_last_day_for_this_month() {
        let day = |t: &str| t.parse::<NaiveDate>().unwrap();
        assert_eq!(first_period(day("2026-12-20")).to_string(), "2026-12");
        assert_eq!(first_period(day("2026-12-21")).to_string(), "2027-01");
        assert_eq!(first_period(day("2026-02-01")).to_string(), "2026-02");
    }
}
