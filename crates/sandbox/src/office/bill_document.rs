//! «Квитанция»: the bill document of a Город account for a period — the единый платёжный
//! документ of the account's address (every Город-billed service there) — as structured data
//! the app lays out, and «Получить дубликат на e-mail»: the same document as an HTML file in the
//! outbox. Structured data rather than a PDF: the screen stays accessible (text scales, dark
//! theme, screen readers) and Cyrillic needs no embedded font; the e-mail's HTML opens anywhere.

use std::fmt::Write as _;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Days;
use ofis_api::sandbox::{MailAttachment, SentMail};
use ofis_api::{
    ApiError, BillDocumentDto, BillDocumentLineDto, EmailQueued, EmailRequest, PeriodQuery,
};
use ofis_domain::Period;

use super::ebill::gorod_account;
use crate::addresses::period_or_current;
use crate::auth::CurrentUser;
use crate::error::{json_body, query_params, BodyRefused, Failure, QueryRefused};
use crate::mail::{valid_email, BAD_EMAIL};
use crate::state::Sandbox;
use crate::town::{self, bill_amount, Account, ACCOUNTS};

/// The document of an account for a period, if its bill is posted by `today`.
pub(crate) fn document(
    account: &'static Account,
    period: Period,
    today: chrono::NaiveDate,
) -> Result<BillDocumentDto, Failure> {
    let posted = town::provider(account.provider).is_some_and(|p| p.has_posted(period, today));
    if !posted {
        let message = format!("Квитанция за {} ещё не выставлена", period.label_ru());
        return Err(Failure::new(
            StatusCode::NOT_FOUND,
            ofis_api::ErrorCode::NotFound,
            message,
        ));
    }
    let address = account.address.and_then(town::address);
    let on_document: Vec<&Account> = match account.address {
        Some(id) => ACCOUNTS
            .iter()
            .filter(|a| a.address == Some(id))
            .filter(|a| town::provider(a.provider).is_some_and(|p| p.billed_by_gorod))
            .collect(),
        None => vec![account],
    };
    let lines: Vec<_> = on_document
        .iter()
        .map(|a| BillDocumentLineDto {
            service: a
                .service_name
                .unwrap_or_else(|| a.service.label_ru())
                .to_string(),
            provider: town::provider(a.provider)
                .map_or("", |p| p.name)
                .to_string(),
            account: a.number.to_string(),
            charged: bill_amount(a, period),
        })
        .collect();
    let issue_day = town::provider(account.provider).map_or(1, |p| p.posting_day);
    let first = period.first_day();
    Ok(BillDocumentDto {
        account: account.number.to_string(),
        period,
        bill_id: town::bill_id(account, period),
        issuer: "АО «Система «Город»»".to_string(),
        address: address.map_or_else(String::new, town::Address::title),
        total: lines.iter().map(|l| l.charged).sum(),
        lines,
        issued_on: first + Days::new(u64::from(issue_day.saturating_sub(1))),
        pay_by: period.next().first_day() + Days::new(9),
    })
}

/// Text for HTML.
pub(crate) fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The document as a self-contained HTML file.
fn html(doc: &BillDocumentDto) -> String {
    let mut rows = String::new();
    for l in &doc.lines {
        let _ = write!(
            rows,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&l.service),
            esc(&l.provider),
            esc(&l.account),
            l.charged.display_rub()
        );
    }
    format!(
        "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Квитанция за {period}</title></head><body>\
         <h1>Единый платёжный документ за {period}</h1><p>{issuer}. Лицевой счёт {account}. {address}</p>\
         <table><tr><th>Услуга</th><th>Поставщик</th><th>Лицевой счёт</th><th>Начислено</th></tr>{rows}</table>\
         <p>Итого к оплате: {total}. Оплатить до {pay_by}.</p></body></html>",
        period = doc.period.label_ru(),
        issuer = esc(&doc.issuer),
        account = esc(&doc.account),
        address = esc(&doc.address),
        total = doc.total.display_rub(),
        pay_by = doc.pay_by.format("%d.%m.%Y"),
    )
}

/// «Квитанция»: the bill document of a Город account for a period (the current one by default).
#[utoipa::path(
    get, path = "/api/v1/office/accounts/{account}/bill-document", operation_id = "billDocument", tag = "office",
    params(("account" = String, Path, description = "Лицевой счёт Системы «Город»"), PeriodQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Квитанция: услуги, начисления, итог, срок оплаты", body = BillDocumentDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Лицевой счёт не найден или квитанция ещё не выставлена", body = ApiError),
        (status = 422, description = "Неверный период (field = period)", body = ApiError),
        QueryRefused,
    )
)]
pub async fn get(
    State(sandbox): State<Sandbox>,
    CurrentUser(_phone): CurrentUser,
    Path(account): Path<String>,
    query: Result<Query<PeriodQuery>, QueryRejection>,
) -> Result<Json<BillDocumentDto>, Failure> {
    let account = gorod_account(&account)?;
    let query = query_params(query)?;
    let today = sandbox.today();
    let period = period_or_current(query.period, today)?;
    Ok(Json(document(account, period, today)?))
}

/// «Получить дубликат на e-mail»: the bill document as an HTML file, to the address given.
#[utoipa::path(
    post, path = "/api/v1/office/accounts/{account}/bill-document/email", operation_id = "emailBillDocument", tag = "office",
    params(("account" = String, Path, description = "Лицевой счёт Системы «Город»"), PeriodQuery),
    request_body = EmailRequest,
    security(("bearer" = [])),
    responses(
        (status = 202, description = "Дубликат поставлен в очередь на отправку", body = EmailQueued),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Лицевой счёт не найден или квитанция ещё не выставлена", body = ApiError),
        (status = 422, description = "Неверный адрес (field = email) или период (field = period)", body = ApiError),
        QueryRefused,
        BodyRefused,
    )
)]
pub async fn email(
    State(sandbox): State<Sandbox>,
    CurrentUser(_phone): CurrentUser,
    Path(account): Path<String>,
    query: Result<Query<PeriodQuery>, QueryRejection>,
    body: Result<Json<EmailRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<EmailQueued>), Failure> {
    let account = gorod_account(&account)?;
    let query = query_params(query)?;
    let request = json_body(body)?;
    let mut state = sandbox.lock();
    let period = period_or_current(query.period, state.today)?;
    let doc = document(account, period, state.today)?;
    let to = valid_email(&request.email).ok_or_else(|| Failure::validation(BAD_EMAIL, "email"))?;
    let label = period.label_ru();
    state.gorod.outbox.push(SentMail {
        to: to.clone(),
        subject: format!("Дубликат квитанции за {label} — лицевой счёт {}", doc.account),
        receipt_id: doc.bill_id.clone(),
        body: format!(
            "Здравствуйте!\n\nДубликат квитанции за {label} по лицевому счёту {} во вложении.\nИтого к оплате: {}.\n",
            doc.account,
            doc.total.display_rub()
        ),
        attachments: vec![MailAttachment {
            filename: format!("kvitanciya-{}-{}.html", doc.account, doc.period),
            content_type: "text/html; charset=utf-8".to_string(),
            content: html(&doc),
        }],
    });
    Ok((StatusCode::ACCEPTED, Json(EmailQueued { to })))
}
