//! «Электронное заявление»: a kind's form as the server describes it, checked here before
//! anything is kept or sent — each field by its kind, length, options and side of today, and
//! the attachments by count, size and type (read from the file's first bytes) — with a Russian
//! message per field, so the form shows every mistake at once and keeps what was typed.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ofis_api::{ApplicationKindDto, FormFieldDto, FormFieldKind};
use ofis_store::ApplicationFile;
use rust_decimal::Decimal;

/// The key of the attachments' message in [`FormErrors`].
pub const ATTACHMENTS_FIELD: &str = "attachment_ids";

/// What is wrong with a filled form: a Russian message per field id (the attachments under
/// [`ATTACHMENTS_FIELD`]).
pub type FormErrors = BTreeMap<String, String>;

/// A file as chosen, before it is checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChosenFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The type of a file by its first bytes, if it is a JPEG, a PNG or a PDF.
pub fn file_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// Checks a filled form of `kind`: returns the values to send (trimmed, empty optional ones
/// left out) and the files with their types, or every mistake at once.
pub fn check_application(
    kind: &ApplicationKindDto,
    values: &BTreeMap<String, String>,
    files: &[ChosenFile],
    today: NaiveDate,
) -> Result<(BTreeMap<String, String>, Vec<ApplicationFile>), FormErrors> {
    let mut errors = FormErrors::new();
    let mut clean = BTreeMap::new();
    for field in &kind.fields {
        let value = values.get(&field.id).map_or("", |v| v.trim());
        if value.is_empty() {
            if field.required {
                let message = format!("Заполните поле «{}»", field.label);
                errors.insert(field.id.clone(), message);
            }
            continue;
        }
        match check_field(field, value, today) {
            Ok(v) => {
                clean.insert(field.id.clone(), v);
            }
            Err(message) => {
                errors.insert(field.id.clone(), message);
            }
        }
    }
    let files = match check_files(kind, files) {
        Ok(files) => files,
        Err(message) => {
            errors.insert(ATTACHMENTS_FIELD.to_string(), message);
            Vec::new()
        }
    };
    if errors.is_empty() {
        Ok((clean, files))
    } else {
        Err(errors)
    }
}

/// One field's value, checked; the value to send, or the Russian message.
fn check_field(field: &FormFieldDto, value: &str, today: NaiveDate) -> Result<String, String> {
    let label = &field.label;
    let chars = u32::try_from(value.chars().count()).unwrap_or(u32::MAX);
    if let (Some(min), Some(max)) = (field.min_len, field.max_len) {
        if chars < min || chars > max {
            return Err(format!("«{label}»: от {min} до {max} символов"));
        }
    }
    match field.kind {
        FormFieldKind::Account => {
            let digits: String = value.chars().filter(|c| !c.is_whitespace()).collect();
            if digits.len() != 10 || !digits.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!("«{label}»: 10 цифр"));
            }
            Ok(digits)
        }
        FormFieldKind::Text => Ok(value.to_string()),
        FormFieldKind::Date => check_date(field, value, today),
        FormFieldKind::Digits if !value.chars().all(|c| c.is_ascii_digit()) => {
            Err(format!("«{label}»: только цифры"))
        }
        FormFieldKind::Digits => Ok(value.to_string()),
        FormFieldKind::Number => {
            let text = value.replace(',', ".");
            let ok = text.parse::<Decimal>().is_ok_and(|n| {
                !n.is_sign_negative() && n.scale() <= 3 && n < Decimal::from(100_000_000)
            });
            if ok {
                Ok(text)
            } else {
                Err(format!(
                    "«{label}»: число не меньше 0, до трёх знаков после запятой"
                ))
            }
        }
        FormFieldKind::Choice if field.options.iter().any(|o| o == value) => Ok(value.to_string()),
        FormFieldKind::Choice => Err(format!("«{label}»: выберите из списка")),
    }
}

fn check_date(field: &FormFieldDto, value: &str, today: NaiveDate) -> Result<String, String> {
    let label = &field.label;
    let Ok(day) = NaiveDate::parse_from_str(value, "%Y-%m-%d") else {
        return Err(format!("«{label}»: укажите дату в формате ГГГГ-ММ-ДД"));
    };
    if field.not_after_today && day > today {
        return Err(format!("«{label}» не может быть позже сегодняшнего дня"));
    }
    if field.not_before_today && day < today {
        return Err(format!("«{label}» не может быть раньше сегодняшнего дня"));
    }
    Ok(day.format("%Y-%m-%d").to_string())
}

/// The files, checked against the kind's rule: how many, how large, of which type.
fn check_files(
    kind: &ApplicationKindDto,
    files: &[ChosenFile],
) -> Result<Vec<ApplicationFile>, String> {
    let rule = &kind.attachments;
    let count = u32::try_from(files.len()).unwrap_or(u32::MAX);
    if count < rule.min_count {
        return Err(format!("Приложите: {}", rule.label.to_lowercase()));
    }
    if count > rule.max_count {
        return Err(format!("Не больше {} файлов", rule.max_count));
    }
    let max_mib = f64::from(rule.max_bytes) / (1024.0 * 1024.0);
    files
        .iter()
        .map(|f| {
            let content_type = file_type(&f.bytes)
                .filter(|t| rule.content_types.iter().any(|c| c == t))
                .ok_or_else(|| format!("«{}»: приложите фото (JPEG, PNG) или PDF", f.name))?;
            if f.bytes.len() > rule.max_bytes as usize {
                return Err(format!("«{}»: файл больше {max_mib} МиБ", f.name));
            }
            Ok(ApplicationFile {
                name: f.name.clone(),
                content_type: content_type.to_string(),
                bytes: f.bytes.clone(),
            })
        })
        .collect()
}
