//! Every error the app can meet, as one clear Russian sentence for the person: the one place
//! the screens take their error copy from.

use ofis_client::ClientError;

use crate::CoreError;
use ofis_domain::card::CardError;
use ofis_domain::{CombinedError, MoneyError, RuleError};

/// Text shown when the service is under planned maintenance and said nothing more.
pub const MAINTENANCE: &str = "Ведутся плановые технические работы. Повторите попытку позже.";

/// The server's maintenance message (or the standard one) and its retry time, if `e` is
/// planned maintenance.
pub fn maintenance_of(e: &CoreError) -> Option<(String, Option<u32>)> {
    match e {
        CoreError::Client(ClientError::Maintenance {
            message,
            retry_after_seconds,
        }) => {
            let text = if message.trim().is_empty() {
                MAINTENANCE.to_string()
            } else {
                message.clone()
            };
            Some((text, *retry_after_seconds))
        }
        _ => None,
    }
}

/// «Осталось 2 попытки.» with the right Russian plural.
fn attempts_left_ru(n: u32) -> String {
    let word = match (n % 10, n % 100) {
        (1, m) if m != 11 => "попытка",
        (2..=4, m) if !(12..=14).contains(&m) => "попытки",
        _ => "попыток",
    };
    let left = if n % 10 == 1 && n % 100 != 11 {
        "Осталась"
    } else {
        "Осталось"
    };
    format!("{left} {n} {word}.")
}

/// One sentence for an error of the app service.
pub fn core_error(e: &CoreError) -> String {
    match e {
        CoreError::Client(c) => client_error(c),
        CoreError::Store(_) => {
            "Не удалось сохранить данные на устройстве. Перезапустите приложение; если ошибка повторится, напишите в поддержку («Вопрос-ответ» → «Написать»).".into()
        }
        CoreError::Combined(c) => combined_error(c),
        CoreError::Amount(m) => money_error(m).into(),
        CoreError::Card(c) => card_error(c).into(),
        CoreError::Email(e) => email_error(e).into(),
        CoreError::Phone => "Введите номер мобильного телефона: +7 9XX XXX-XX-XX.".into(),
        CoreError::CodeFormat => "Код из СМС состоит только из цифр.".into(),
        CoreError::Reading { error, .. } => error.message_ru(),
        CoreError::Entries(e) => e.message_ru(),
        CoreError::UnknownMeter(_) => "Счётчик не найден. Обновите экран и введите показания снова.".into(),
        CoreError::OnlyWithPayment(_) => "Показания по этой услуге принимаются только вместе с оплатой: «Мои платежи» → услуга → «Оплатить» → «конечное».".into(),
        CoreError::ReadingsRequired { message, .. } => message.clone(),
        CoreError::QrUnreadable(message) => message.clone(),
        CoreError::QrWithoutAccount => {
            "В QR-коде нет лицевого счёта. Найдите счёт по адресу или по лицевому счёту.".into()
        }
        CoreError::QrNothingFound => {
            "По этому QR-коду счетов не найдено. Возможно, поставщик ещё не выставил счёт за этот месяц.".into()
        }
        CoreError::EmptyQuery => "Введите номер для поиска.".into(),
        CoreError::NotSignedIn => "Войдите по номеру телефона.".into(),
        CoreError::UnknownPayment => "Платёж не найден. Нажмите «Оплатить» ещё раз.".into(),
        CoreError::AlreadyPaid(bills) => {
            format!("Уже оплачено в этом месяце: {}. Оплатить ещё раз?", bills.join(", "))
        }
        CoreError::PaymentInProgress => {
            "Предыдущий платёж по этим счетам ещё обрабатывается банком. Подождите минуту и обновите экран.".into()
        }
        CoreError::Secrets(_) => {
            "Защищённое хранилище устройства недоступно: вход и ПИН-код не сохранить. Повторите попытку; если ошибка повторится, перезапустите устройство.".into()
        }
        CoreError::Pin(p) => p.message_ru().into(),
        CoreError::PinWrong { attempts_left } => format!(
            "Неверный ПИН-код. {}",
            attempts_left_ru(*attempts_left)
        ),
        CoreError::PinLockedOut => {
            "ПИН-код введён неверно 5 раз. Для безопасности выполнен выход: войдите снова по номеру телефона.".into()
        }
        CoreError::PinRequired => "Введите ПИН-код приложения.".into(),
        CoreError::PinNotSet => "ПИН-код не установлен.".into(),
        CoreError::ThresholdZero => "Порог уведомления должен быть больше нуля.".into(),
        CoreError::School(e) => e.message_ru(),
        CoreError::Transport(e) => e.message_ru(),
        CoreError::Support(e) => e.message_ru(),
        CoreError::OfficeDocs(e) => e.message_ru(),
        CoreError::Task(_) => "Внутренняя ошибка приложения. Повторите действие.".into(),
    }
}

/// One sentence for a server or network problem.
pub fn client_error(e: &ClientError) -> String {
    match e {
        ClientError::Network(_) => "Нет связи с сервером. Проверьте подключение к интернету и повторите попытку.".into(),
        ClientError::Timeout => "Сервер не ответил вовремя. Повторите попытку.".into(),
        ClientError::Maintenance { message, .. } if !message.is_empty() => message.clone(),
        ClientError::Maintenance { .. } => MAINTENANCE.into(),
        ClientError::Validation { message, .. } => message.clone(),
        ClientError::Unauthorized => "Сеанс истёк. Войдите снова по номеру телефона.".into(),
        ClientError::NotFound(m) if !m.is_empty() => m.clone(),
        ClientError::NotFound(_) => "Не найдено.".into(),
        ClientError::Conflict(_) => "Платёж уже обрабатывается. Подождите несколько секунд.".into(),
        ClientError::IdempotencyMismatch => "Состав платежа изменился. Нажмите «Оплатить» ещё раз.".into(),
        ClientError::ReadingsRequired(m) => m.clone(),
        ClientError::Server { .. } | ClientError::Decode(_) => {
            "Сервер ответил с ошибкой. Повторите попытку позже или напишите в поддержку («Вопрос-ответ» → «Написать»).".into()
        }
        ClientError::InsecureUrl(_) => "Адрес сервера небезопасен: нужен https://.".into(),
        ClientError::TooLarge { .. } => {
            "Сервер прислал слишком большой ответ. Повторите попытку позже или напишите в поддержку («Вопрос-ответ» → «Написать»).".into()
        }
        ClientError::Redirect { .. } => {
            "Сервер перенаправил запрос на другой адрес; из соображений безопасности запрос туда не отправлен. Повторите попытку позже или напишите в поддержку.".into()
        }
        ClientError::Implausible(e) => e.message_ru(),
        ClientError::GatewayNotAllowed(_) => {
            "Сервер указал для оплаты незнакомый платёжный шлюз. Данные карты не отправлены. Напишите в поддержку («Вопрос-ответ» → «Написать»).".into()
        }
    }
}

/// One sentence for a refused edit of the общий счёт.
pub fn combined_error(e: &CombinedError) -> String {
    match e {
        CombinedError::Duplicate => "Этот счёт уже есть в общем счёте.".into(),
        CombinedError::UnknownBill => "Этого счёта уже нет в общем счёте.".into(),
        CombinedError::NothingToPay => {
            "Нечего оплачивать: укажите сумму хотя бы по одной услуге.".into()
        }
        CombinedError::Rule(r) => rule_error(r),
        CombinedError::AmountOutOfRange(_) => {
            "Не удалось посчитать сумму к оплате: поставщик прислал неверную комиссию. Исключите этот счёт из оплаты («не платить») или напишите в поддержку.".into()
        }
    }
}

/// One sentence for an amount a provider does not accept.
pub fn rule_error(e: &RuleError) -> String {
    match e {
        RuleError::BelowMinimum(min) => {
            format!("Поставщик принимает не меньше {}.", min.display_rub())
        }
        RuleError::AboveMaximum(max) => {
            format!("Поставщик принимает не больше {}.", max.display_rub())
        }
        RuleError::MustPayInFull(due) => format!(
            "Этот счёт оплачивается только полностью: {}.",
            due.display_rub()
        ),
        RuleError::OverPaymentLimit(limit) => {
            format!(
                "Один платёж не может превышать {}. Оплатите счета частями.",
                limit.display_rub()
            )
        }
    }
}

/// One sentence for an amount that is not money.
pub fn money_error(e: &MoneyError) -> &'static str {
    match e {
        MoneyError::Empty => "Введите сумму.",
        MoneyError::NotANumber => "Сумма должна быть числом, например 1250,50.",
        MoneyError::Negative => "Сумма не может быть отрицательной.",
        MoneyError::TooPrecise => "Укажите сумму с точностью до копеек.",
        MoneyError::TooLarge => "Слишком большая сумма.",
    }
}

/// One sentence for a card field.
pub fn card_error(e: &CardError) -> &'static str {
    match e {
        CardError::NumberNotDigits => "Номер карты должен состоять из цифр.",
        CardError::UnknownBrand => "Принимаются карты «Мир», Visa и Mastercard.",
        CardError::NumberLength => "Неверная длина номера карты.",
        CardError::NumberChecksum => "Неверный номер карты: проверьте цифры.",
        CardError::ExpiryFormat => "Срок действия — в формате ММ/ГГ.",
        CardError::Expired => "Срок действия карты истёк.",
        CardError::Cvc => "CVC — три цифры на обороте карты.",
    }
}

/// Which card field an error belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardField {
    Number,
    Expiry,
    Cvc,
}

/// The card field a card error is about.
pub fn card_field(e: &CardError) -> CardField {
    match e {
        CardError::NumberNotDigits
        | CardError::UnknownBrand
        | CardError::NumberLength
        | CardError::NumberChecksum => CardField::Number,
        CardError::ExpiryFormat | CardError::Expired => CardField::Expiry,
        CardError::Cvc => CardField::Cvc,
    }
}

/// One sentence for an e-mail address that cannot be used.
pub fn email_error(e: &ofis_domain::email::EmailError) -> &'static str {
    match e {
        ofis_domain::email::EmailError::Empty => "Введите адрес электронной почты.",
        ofis_domain::email::EmailError::Format => {
            "Проверьте адрес электронной почты: например, name@mail.ru."
        }
    }
}

/// The code support is told when `e` is an error worth writing to support about: `None` for
/// planned maintenance (it passes), for readings (their screen says what to fix) and for what
/// the person typed (the message says how to type it); e.g. `network`, `server_500`.
pub fn support_code(e: &CoreError) -> Option<String> {
    let code = match e {
        CoreError::Client(c) => match c {
            ClientError::Maintenance { .. }
            | ClientError::Validation { .. }
            | ClientError::ReadingsRequired(_) => return None,
            ClientError::Network(_) => "network".into(),
            ClientError::Timeout => "timeout".into(),
            ClientError::Unauthorized => "unauthorized".into(),
            ClientError::NotFound(_) => "not_found".into(),
            ClientError::Conflict(_) => "conflict".into(),
            ClientError::IdempotencyMismatch => "idempotency_mismatch".into(),
            ClientError::Server { status, .. } => format!("server_{status}"),
            ClientError::Decode(_) | ClientError::Implausible(_) => "bad_answer".into(),
            ClientError::InsecureUrl(_) | ClientError::Redirect { .. } => "server_address".into(),
            ClientError::TooLarge { .. } => "answer_too_large".into(),
            ClientError::GatewayNotAllowed(_) => "gateway_not_allowed".into(),
        },
        CoreError::Store(_) => "store".into(),
        CoreError::Secrets(_) => "keyring".into(),
        CoreError::Task(_) => "task".into(),
        CoreError::UnknownPayment => "unknown_payment".into(),
        CoreError::PaymentInProgress => "payment_in_progress".into(),
        _ => return None,
    };
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_server_errors_read_as_russian_sentences() {
        let wire = ofis_api::WireError::FeePercent("b".into());
        for (e, expected) in [
            (ClientError::TooLarge { limit: 1 }, "слишком большой ответ"),
            (ClientError::Redirect { status: 307 }, "перенаправил запрос"),
            (
                ClientError::GatewayNotAllowed("x".into()),
                "Данные карты не отправлены",
            ),
            (
                ClientError::Implausible(wire),
                "комиссия поставщика больше 100 %",
            ),
        ] {
            let text = core_error(&CoreError::Client(e));
            assert!(text.contains(expected), "{text}");
        }
        let text = core_error(&CoreError::Combined(CombinedError::AmountOutOfRange(
            ofis_domain::BillId("b".into()),
        )));
        assert!(text.contains("неверную комиссию"), "{text}");
    }

    #[test]
    fn only_errors_support_can_help_with_offer_writing_to_it() {
        let client = |e| CoreError::Client(e);
        for (e, code) in [
            (client(ClientError::Network("refused".into())), "network"),
            (client(ClientError::Timeout), "timeout"),
            (
                client(ClientError::Server {
                    status: 500,
                    message: "x".into(),
                }),
                "server_500",
            ),
            (client(ClientError::Decode("cut".into())), "bad_answer"),
            (CoreError::UnknownPayment, "unknown_payment"),
            (CoreError::Task("panicked".into()), "task"),
        ] {
            assert_eq!(support_code(&e).as_deref(), Some(code), "{e:?}");
        }
        for e in [
            client(ClientError::Maintenance {
                message: "Профилактика".into(),
                retry_after_seconds: Some(60),
            }),
            client(ClientError::Validation {
                message: "Неверный счёт".into(),
                field: None,
            }),
            CoreError::Phone,
            CoreError::EmptyQuery,
            CoreError::PinWrong { attempts_left: 2 },
            CoreError::QrNothingFound,
        ] {
            assert_eq!(support_code(&e), None, "{e:?}");
        }
    }

    #[test]
    fn attempts_left_agree_with_their_number() {
        for (n, text) in [
            (1, "Осталась 1 попытка."),
            (2, "Осталось 2 попытки."),
            (4, "Осталось 4 попытки."),
            (5, "Осталось 5 попыток."),
            (11, "Осталось 11 попыток."),
            (21, "Осталась 21 попытка."),
            (22, "Осталось 22 попытки."),
        ] {
            assert_eq!(attempts_left_ru(n), text);
        }
    }
}
