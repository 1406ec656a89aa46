//! The kinds of application the office takes, each with its form, and the checks of a filled
//! form. Ids are stable: tests and the demo depend on them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ofis_api::{ApplicationKindDto, AttachmentRuleDto, FormFieldDto, FormFieldKind};
use rust_decimal::Decimal;

use crate::error::Failure;
use crate::town::{provider, ACCOUNTS};

/// The largest attachment taken.
pub const MAX_ATTACHMENT_BYTES: u32 = 2 * 1024 * 1024;
/// The types an attachment may have.
pub const ATTACHMENT_TYPES: [&str; 3] = ["image/jpeg", "image/png", "application/pdf"];

/// A field of a form.
pub struct Field {
    pub id: &'static str,
    pub label: &'static str,
    pub kind: FormFieldKind,
    pub required: bool,
    pub hint: Option<&'static str>,
    pub len: Option<(u32, u32)>,
    pub options: &'static [&'static str],
    /// -1: not after today; 1: not before today; 0: any date.
    pub side: i8,
}

const fn field(id: &'static str, label: &'static str, kind: FormFieldKind) -> Field {
    Field {
        id,
        label,
        kind,
        required: true,
        hint: None,
        len: None,
        options: &[],
        side: 0,
    }
}

const ACCOUNT: Field = Field {
    hint: Some("10 цифр, указан в квитанции Системы «Город»"),
    ..field("account", "Лицевой счёт", FormFieldKind::Account)
};

/// Services one may ask to be disconnected from.
pub const DISCONNECTABLE: &[&str] = &["Радиоточка", "Антенна", "Домофон", "Содержание жилья"];

/// A kind of application.
pub struct Kind {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub fields: &'static [Field],
    /// Label, min and max count of the attachments.
    pub attachments: (&'static str, u32, u32),
    pub topic_id: &'static str,
}

use FormFieldKind::{Choice, Date, Digits, Number, Text};

/// The kinds of application.
pub const KINDS: [Kind; 4] = [
    Kind {
        id: "recalculation",
        name: "Перерасчёт за время отсутствия",
        description: "Перерасчёт платы за коммунальные услуги, пока вас не было дома больше 5 полных дней подряд",
        fields: &[
            ACCOUNT,
            Field { side: -1, ..field("absent_from", "Дата отъезда", Date) },
            Field { side: -1, ..field("absent_to", "Дата возвращения", Date) },
            Field { len: Some((5, 500)), ..field("reason", "Причина отсутствия", Text) },
        ],
        attachments: ("Документ, подтверждающий отсутствие (справка, билеты)", 1, 3),
        topic_id: "recalculation",
    },
    Kind {
        id: "owner-change",
        name: "Смена собственника",
        description: "Переоформление лицевого счёта на нового собственника",
        fields: &[
            ACCOUNT,
            Field { len: Some((5, 100)), hint: Some("Фамилия, имя, отчество"), ..field("new_owner", "Новый собственник", Text) },
            Field { side: -1, ..field("since", "Дата регистрации права", Date) },
        ],
        attachments: ("Выписка из ЕГРН или договор купли-продажи", 1, 3),
        topic_id: "owner-change",
    },
    Kind {
        id: "meter",
        name: "Поверка или замена счётчика",
        description: "Ввод в учёт поверенного или нового прибора учёта",
        fields: &[
            ACCOUNT,
            Field { options: &["Поверка", "Замена"], ..field("work", "Что сделано", Choice) },
            Field { len: Some((4, 20)), ..field("serial", "Заводской номер счётчика", Digits) },
            Field { side: -1, ..field("done_on", "Дата работ", Date) },
            field("reading", "Показание на дату работ", Number),
        ],
        attachments: ("Свидетельство о поверке или акт ввода в эксплуатацию", 1, 2),
        topic_id: "meter",
    },
    Kind {
        id: "disconnect",
        name: "Отключение услуги",
        description: "Отказ от услуги и прекращение начислений",
        fields: &[
            ACCOUNT,
            Field { options: DISCONNECTABLE, ..field("service", "Услуга", Choice) },
            Field { side: 1, ..field("from", "С какой даты", Date) },
            Field { required: false, len: Some((0, 500)), ..field("comment", "Комментарий", Text) },
        ],
        attachments: ("Фото или документ, если есть", 0, 2),
        topic_id: "account",
    },
];

/// A kind by id.
pub fn kind(id: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.id == id)
}

impl Kind {
    pub fn dto(&self) -> ApplicationKindDto {
        let (label, min_count, max_count) = self.attachments;
        ApplicationKindDto {
            id: self.id.to_string(),
            name: self.name.to_string(),
            description: self.description.to_string(),
            fields: self.fields.iter().map(Field::dto).collect(),
            attachments: AttachmentRuleDto {
                label: label.to_string(),
                min_count,
                max_count,
                max_bytes: MAX_ATTACHMENT_BYTES,
                content_types: ATTACHMENT_TYPES.iter().map(|t| t.to_string()).collect(),
            },
            topic_id: self.topic_id.to_string(),
        }
    }

    /// Checks every value of a filled form: no unknown field, every required one filled, each
    /// of its kind. The refusal names the field.
    pub fn check(
        &self,
        values: &BTreeMap<String, String>,
        today: NaiveDate,
    ) -> Result<(), Failure> {
        if let Some(extra) = values
            .keys()
            .find(|k| !self.fields.iter().any(|f| f.id == *k))
        {
            return Err(Failure::validation(
                "В форме нет такого поля",
                extra.as_str(),
            ));
        }
        for field in self.fields {
            match values
                .get(field.id)
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
            {
                Some(value) => field.check(value, today)?,
                None if field.required => {
                    let message = format!("Заполните поле «{}»", field.label);
                    return Err(Failure::validation(message, field.id));
                }
                None => {}
            }
        }
        Ok(())
    }
}

/// A date of a form.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

impl Field {
    fn dto(&self) -> FormFieldDto {
        FormFieldDto {
            id: self.id.to_string(),
            label: self.label.to_string(),
            kind: self.kind,
            required: self.required,
            hint: self.hint.map(str::to_string),
            min_len: self.len.map(|l| l.0),
            max_len: self.len.map(|l| l.1),
            options: self.options.iter().map(|o| o.to_string()).collect(),
            not_after_today: self.side < 0,
            not_before_today: self.side > 0,
        }
    }

    fn check(&self, value: &str, today: NaiveDate) -> Result<(), Failure> {
        let refuse = |message: String| Err(Failure::validation(message, self.id));
        let chars = u32::try_from(value.chars().count()).unwrap_or(u32::MAX);
        if let Some((min, max)) = self.len {
            if chars < min || chars > max {
                return refuse(format!("«{}»: от {min} до {max} символов", self.label));
            }
        }
        match self.kind {
            FormFieldKind::Account => {
                let billed = ACCOUNTS.iter().any(|a| {
                    a.number == value && provider(a.provider).is_some_and(|p| p.billed_by_gorod)
                });
                if !billed {
                    return refuse("Лицевой счёт не найден среди счетов Системы «Город»".into());
                }
            }
            Text => {}
            Date => match parse_date(value) {
                None => {
                    return refuse(format!(
                        "«{}»: укажите дату в формате ГГГГ-ММ-ДД",
                        self.label
                    ))
                }
                Some(d) if self.side < 0 && d > today => {
                    return refuse(format!(
                        "«{}» не может быть позже сегодняшнего дня",
                        self.label
                    ))
                }
                Some(d) if self.side > 0 && d < today => {
                    return refuse(format!(
                        "«{}» не может быть раньше сегодняшнего дня",
                        self.label
                    ))
                }
                Some(_) => {}
            },
            Digits if !value.chars().all(|c| c.is_ascii_digit()) => {
                return refuse(format!("«{}»: только цифры", self.label));
            }
            Digits => {}
            Number => {
                let number = value.replace(',', ".").parse::<Decimal>().ok();
                let ok = number.is_some_and(|n| {
                    !n.is_sign_negative() && n.scale() <= 3 && n < Decimal::from(100_000_000)
                });
                if !ok {
                    return refuse(format!(
                        "«{}»: число не меньше 0, до трёх знаков после запятой",
                        self.label
                    ));
                }
            }
            Choice if !self.options.contains(&value) => {
                return refuse(format!("«{}»: выберите из списка", self.label));
            }
            Choice => {}
        }
        Ok(())
    }
}

/// The office's decision: `Ok(answer)` done, `Err(answer)` refused.
pub fn decide(kind: &Kind, values: &BTreeMap<String, String>) -> Result<String, String> {
    let value = |id: &str| values.get(id).map_or("", |v| v.trim());
    match kind.id {
        "recalculation" => {
            let days = parse_date(value("absent_from"))
                .zip(parse_date(value("absent_to")))
                .map_or(0, |(from, to)| (to - from).num_days() - 1);
            if days > 5 {
                Ok(format!("Перерасчёт за {days} полных дней отсутствия будет сделан в следующей квитанции."))
            } else {
                Err(format!("Отказано: перерасчёт делается за отсутствие более 5 полных календарных дней подряд (п. 86 Правил № 354), а полных дней отсутствия — {}.", days.max(0)))
            }
        }
        "owner-change" => Ok(format!(
            "Лицевой счёт {} переоформлен на {} с {}.",
            value("account"),
            value("new_owner"),
            value("since")
        )),
        "meter" => Ok(format!(
            "Счётчик № {} принят к учёту с показанием {}.",
            value("serial"),
            value("reading")
        )),
        _ if value("service") == "Содержание жилья" => Err(
            "Отказано: от платы за содержание общего имущества дома отказаться нельзя (ст. 154 ЖК РФ).".to_string(),
        ),
        _ => Ok(format!(
            "Начисления за услугу «{}» прекращаются с {}.",
            value("service"),
            value("from")
        )),
    }
}
