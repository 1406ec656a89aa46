//! «Отправить на e-mail»: a copy of a receipt by e-mail. The sandbox sends nothing out; it keeps
//! the mail in an outbox that tests read (`GET /sandbox/mail`, [`Sandbox::sent_mail`]).

use std::fmt::Write as _;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use ofis_api::sandbox::SentMail;
use ofis_api::{ApiError, EmailQueued, EmailRequest, ReceiptDto};

use crate::auth::CurrentUser;
use crate::error::{json_body, BodyRefused, Failure};
use crate::state::Sandbox;

/// What a refused address is told.
pub(crate) const BAD_EMAIL: &str = "Введите адрес электронной почты, например name@mail.ru";

/// Queues a copy of one of the user's receipts for the address given.
#[utoipa::path(
    post, path = "/api/v1/receipts/{id}/email", operation_id = "emailReceipt", tag = "receipts",
    params(("id" = String, Path, description = "Идентификатор чека")),
    request_body = EmailRequest,
    security(("bearer" = [])),
    responses(
        (status = 202, description = "Копия чека поставлена в очередь на отправку", body = EmailQueued),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Чек не найден", body = ApiError),
        (status = 422, description = "Неверный адрес электронной почты (field = email)", body = ApiError),
        BodyRefused,
    )
)]
pub async fn email_receipt(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(id): Path<String>,
    body: Result<Json<EmailRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<EmailQueued>), Failure> {
    let request = json_body(body)?;
    let mut state = sandbox.lock();
    let receipt = state
        .gorod
        .orders
        .iter()
        .filter(|o| o.owner == phone)
        .find_map(|o| o.dto.receipt.as_ref().filter(|r| r.id == id).cloned())
        .ok_or_else(|| Failure::not_found("Чек не найден"))?;
    let to = valid_email(&request.email).ok_or_else(|| Failure::validation(BAD_EMAIL, "email"))?;
    tracing::info!(receipt = %receipt.id, "receipt copy queued for e-mail");
    state.gorod.outbox.push(compose(&to, &receipt));
    Ok((StatusCode::ACCEPTED, Json(EmailQueued { to })))
}

/// The address trimmed, if it looks deliverable: one `@`, a non-empty local part, a domain of
/// dot-separated non-empty labels with at least one dot, no spaces, at most 254 characters.
pub(crate) fn valid_email(input: &str) -> Option<String> {
    let email = input.trim();
    let (local, domain) = email.split_once('@')?;
    let labels_ok = domain.contains('.')
        && domain
            .split('.')
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
    let chars_ok = !email
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\".contains(c));
    let ok = !local.is_empty()
        && !domain.contains('@')
        && labels_ok
        && chars_ok
        && email.chars().count() <= 254;
    ok.then(|| email.to_string())
}

/// The mail: the receipt's lines with their fees, the total and the fiscal data with its QR text.
fn compose(to: &str, receipt: &ReceiptDto) -> SentMail {
    let fiscal = &receipt.fiscal;
    let issued = fiscal
        .issued_at
        .with_timezone(&ofis_domain::tz::offset())
        .format("%d.%m.%Y %H:%M");
    let subject = format!("Чек № {} от {issued} — Система «Город»", fiscal.fd_number);
    let mut body = format!("Кассовый чек № {} от {issued}\n\n", fiscal.fd_number);
    for line in &receipt.lines {
        // Writing to a String cannot fail.
        let _ = writeln!(body, "{} — {}", line.service_name, line.provider_name);
        let _ = writeln!(body, "  Лицевой счёт: {}", line.account);
        if let Some(address) = &line.address_title {
            let _ = writeln!(body, "  Адрес: {address}");
        }
        let _ = writeln!(
            body,
            "  Сумма: {}; комиссия: {}",
            line.amount.display_rub(),
            line.fee.display_rub()
        );
    }
    let _ = writeln!(body, "\nКомиссия: {}", receipt.fees.display_rub());
    let _ = writeln!(body, "Итого: {}", receipt.total.display_rub());
    let _ = writeln!(
        body,
        "\nФН {} ФД {} ФП {}\n{}",
        fiscal.fn_number,
        fiscal.fd_number,
        fiscal.fp,
        ofis_domain::Fiscal::from(fiscal.clone()).qr_text()
    );
    SentMail {
        to: to.to_string(),
        subject,
        receipt_id: receipt.id.clone(),
        body,
        attachments: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::valid_email;

    #[test]
    fn only_plausible_addresses_are_accepted() {
        for ok in [
            "name@mail.ru",
            " ivan.petrov+ofis@yandex.ru ",
            "мама@почта.рф",
        ] {
            assert_eq!(valid_email(ok).as_deref(), Some(ok.trim()), "{ok}");
        }
        for bad in [
            "",
            "name",
            "name@",
            "@mail.ru",
            "name@mail",
            "name@mail..ru",
            "na me@mail.ru",
            "a@b@mail.ru",
            "name@-mail.ru",
        ] {
            assert_eq!(valid_email(bad), None, "{bad}");
        }
    }
}
