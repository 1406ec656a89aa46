//! «Копия чека об оплате»: payments to a Город account from every channel — the cash desks,
//! banks' apps, post offices (seeded: one for each month's bill, derived from the account and
//! the period, made before today) and this app's own paid orders — found by account, period
//! and amount, with a receipt copy by e-mail (an HTML file in the outbox).

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{Days, NaiveDate};
use ofis_api::sandbox::{MailAttachment, SentMail};
use ofis_api::{
    ApiError, EmailQueued, EmailRequest, OrderStatus, PaymentChannel, PaymentRecordDto,
    PaymentSearchQuery,
};
use ofis_domain::{Money, Period};

use super::bill_document::esc;
use super::ebill::gorod_account;
use crate::auth::CurrentUser;
use crate::error::{json_body, query_params, BodyRefused, Failure, QueryRefused};
use crate::mail::{valid_email, BAD_EMAIL};
use crate::school::local;
use crate::state::{Sandbox, State as SandboxState};
use crate::town::{bill_amount, fnv1a, parse_bill_id, Account};

/// How many months back the seeded payments go.
const MONTHS_BACK: u32 = 12;

/// The places of the other channels.
const PLACES: [(PaymentChannel, &str); 4] = [
    (
        PaymentChannel::CashDesk,
        "Касса АО «Система «Город», ул. Советская, 35",
    ),
    (
        PaymentChannel::CashDesk,
        "Касса АО «Система «Город», пр-т Победы, 118",
    ),
    (PaymentChannel::Bank, "Сбербанк Онлайн"),
    (PaymentChannel::PostOffice, "Почта России, отделение 460000"),
];

/// The payment made elsewhere for an account's bill of a period, if it was made before `today`.
fn seeded(account: &Account, period: Period, today: NaiveDate) -> Option<PaymentRecordDto> {
    let h = fnv1a(format!("paid|{}|{period}", account.number).as_bytes());
    let day = period.first_day() + Days::new(9 + h % 15);
    if day >= today {
        return None;
    }
    let due = bill_amount(account, period);
    // Every fourth payment at a desk is a round sum: the bill rounded up to 100 ₽.
    let amount = if h.is_multiple_of(4) {
        let roubles = due.kopecks().div_ceil(10_000) * 100;
        Money::from_kopecks(roubles * 100).unwrap_or(due)
    } else {
        due
    };
    let (channel, place) = PLACES[(h / 4 % PLACES.len() as u64) as usize];
    Some(PaymentRecordDto {
        id: format!("pay-{}-{period}", account.number),
        account: account.number.to_string(),
        period,
        amount,
        paid_at: local(day, 9 + (h / 16 % 9) as u32, (h / 256 % 60) as u32),
        channel,
        place: place.to_string(),
    })
}

/// Every payment to the account: seeded ones of the last twelve months, then the phone's own
/// paid orders through the app.
fn all_payments(state: &SandboxState, phone: &str, account: &Account) -> Vec<PaymentRecordDto> {
    let mut period = Period::of(state.today);
    let mut out = Vec::new();
    for _ in 0..MONTHS_BACK {
        out.extend(seeded(account, period, state.today));
        period = period.previous();
    }
    for order in state.gorod.orders.iter().filter(|o| o.owner == phone) {
        let Some(receipt) = order
            .dto
            .receipt
            .as_ref()
            .filter(|_| order.dto.status == OrderStatus::Paid)
        else {
            continue;
        };
        for (n, line) in receipt
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.account == account.number)
        {
            let paid_at = receipt.fiscal.issued_at;
            let period = parse_bill_id(&line.bill_id).map_or_else(
                || Period::of(ofis_domain::tz::local_date(paid_at)),
                |(_, p)| p,
            );
            out.push(PaymentRecordDto {
                id: format!("{}-{n}", receipt.id),
                account: account.number.to_string(),
                period,
                amount: line.amount,
                paid_at,
                channel: PaymentChannel::App,
                place: "Приложение ОФИС".to_string(),
            });
        }
    }
    out.sort_by_key(|p| std::cmp::Reverse(p.paid_at));
    out
}

/// Payments to a Город account from every channel, newest first; narrowed by period and amount.
#[utoipa::path(
    get, path = "/api/v1/office/payments", operation_id = "searchPayments", tag = "office",
    params(PaymentSearchQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Платежи: где, когда, сколько", body = Vec<PaymentRecordDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Лицевой счёт не найден", body = ApiError),
        (status = 422, description = "Неверный период (field = period) или сумма (field = amount)", body = ApiError),
        QueryRefused,
    )
)]
pub async fn search(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    query: Result<Query<PaymentSearchQuery>, QueryRejection>,
) -> Result<Json<Vec<PaymentRecordDto>>, Failure> {
    let query = query_params(query)?;
    let account = gorod_account(query.account.trim())?;
    let period = match query.period.as_deref().map(str::trim) {
        Some(text) => Some(
            text.parse::<Period>()
                .map_err(|_| Failure::validation("Укажите период в формате ГГГГ-ММ", "period"))?,
        ),
        None => None,
    };
    let amount = match query.amount.as_deref().map(str::trim) {
        Some(text) => Some(text.replace(',', ".").parse::<Money>().map_err(|_| {
            Failure::validation("Укажите сумму в рублях, например 1234.56", "amount")
        })?),
        None => None,
    };
    let state = sandbox.lock();
    let found = all_payments(&state, &phone, account)
        .into_iter()
        .filter(|p| period.is_none_or(|want| p.period == want))
        .filter(|p| amount.is_none_or(|want| p.amount == want))
        .collect();
    Ok(Json(found))
}

/// The receipt copy as an HTML file.
fn receipt_html(p: &PaymentRecordDto) -> String {
    let paid = p
        .paid_at
        .with_timezone(&ofis_domain::tz::offset())
        .format("%d.%m.%Y %H:%M");
    format!(
        "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Копия чека</title></head><body>\
         <h1>Копия чека об оплате</h1><p>Платёж № {id} от {paid}</p><p>Получатель: АО «Система «Город»». \
         Лицевой счёт {account}, период {period}.</p><p>Сумма: {amount}</p><p>Место оплаты: {place}</p></body></html>",
        id = esc(&p.id),
        account = esc(&p.account),
        period = p.period.label_ru(),
        amount = p.amount.display_rub(),
        place = esc(&p.place),
    )
}

/// «Копия чека об оплате» of a payment found by the search, to the address given.
#[utoipa::path(
    post, path = "/api/v1/office/payments/{payment_id}/email", operation_id = "emailPaymentReceipt", tag = "office",
    params(("payment_id" = String, Path, description = "Идентификатор платежа из поиска")),
    request_body = EmailRequest,
    security(("bearer" = [])),
    responses(
        (status = 202, description = "Копия чека поставлена в очередь на отправку", body = EmailQueued),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Платёж не найден", body = ApiError),
        (status = 422, description = "Неверный адрес (field = email)", body = ApiError),
        BodyRefused,
    )
)]
pub async fn email(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(payment_id): Path<String>,
    body: Result<Json<EmailRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<EmailQueued>), Failure> {
    let request = json_body(body)?;
    let mut state = sandbox.lock();
    let not_found = || Failure::not_found("Платёж не найден");
    let account = payment_account(&payment_id, &state, &phone).ok_or_else(not_found)?;
    let payment = all_payments(&state, &phone, account)
        .into_iter()
        .find(|p| p.id == payment_id)
        .ok_or_else(not_found)?;
    let to = valid_email(&request.email).ok_or_else(|| Failure::validation(BAD_EMAIL, "email"))?;
    state.gorod.outbox.push(SentMail {
        to: to.clone(),
        subject: format!("Копия чека об оплате — лицевой счёт {}", payment.account),
        receipt_id: payment.id.clone(),
        body: format!(
            "Здравствуйте!\n\nКопия чека об оплате {} по лицевому счёту {} во вложении.\n",
            payment.amount.display_rub(),
            payment.account
        ),
        attachments: vec![MailAttachment {
            filename: format!("chek-{}.html", payment.id),
            content_type: "text/html; charset=utf-8".to_string(),
            content: receipt_html(&payment),
        }],
    });
    Ok((StatusCode::ACCEPTED, Json(EmailQueued { to })))
}

/// The account a payment id belongs to: `pay-<account>-<period>` for the other channels, or an
/// account of the phone's receipt `<receipt id>-<line>`.
fn payment_account(id: &str, state: &SandboxState, phone: &str) -> Option<&'static Account> {
    if let Some(rest) = id.strip_prefix("pay-") {
        let number = rest.get(..rest.len().checked_sub(8)?)?;
        return gorod_account(number).ok();
    }
    let (receipt_id, line) = id.rsplit_once('-')?;
    let line: usize = line.parse().ok()?;
    let receipt = state
        .gorod
        .orders
        .iter()
        .filter(|o| o.owner == phone)
        .find_map(|o| o.dto.receipt.as_ref().filter(|r| r.id == receipt_id))?;
    gorod_account(&receipt.lines.get(line)?.account).ok()
}
