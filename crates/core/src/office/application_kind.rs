//! A kind of application as «Электронное заявление» draws it: each field's label, hint and input
//! decided here from the server's description, so the screen names no wire type and no rule.

use ofis_api::{ApplicationKindDto, FormFieldDto, FormFieldKind};

/// Texts longer than this many characters get several lines to type in.
const LONG_TEXT: u32 = 100;

/// A kind of application with its form, ready to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplicationKind {
    pub id: String,
    /// «Перерасчёт за время отсутствия».
    pub name: String,
    pub description: String,
    pub fields: Vec<FormField>,
    /// The attachments' heading: «Документ, подтверждающий отсутствие (от 1 до 3)».
    pub files_legend: String,
    /// The topic to book a visit on instead («Записаться на приём»).
    pub topic_id: String,
    /// The server's description, which the form is checked against.
    pub(crate) form: ApplicationKindDto,
}

/// One field of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormField {
    /// The key of its value (and of its error) in the form's maps.
    pub id: String,
    /// «Дата начала», or «Комментарий (необязательно)».
    pub label: String,
    pub hint: Option<String>,
    pub input: FieldInput,
}

/// How a field is typed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldInput {
    /// One of these («Выберите…» first).
    Choice(Vec<String>),
    /// Several lines of text.
    LongText,
    /// One line: the HTML input type and the phone keyboard (`inputmode`, empty for letters).
    Line {
        html_type: &'static str,
        keyboard: &'static str,
    },
}

impl From<ApplicationKindDto> for ApplicationKind {
    fn from(form: ApplicationKindDto) -> Self {
        let rule = &form.attachments;
        let needed = if rule.min_count == 0 {
            format!("необязательно, до {}", rule.max_count)
        } else {
            format!("от {} до {}", rule.min_count, rule.max_count)
        };
        ApplicationKind {
            id: form.id.clone(),
            name: form.name.clone(),
            description: form.description.clone(),
            fields: form.fields.iter().map(FormField::from).collect(),
            files_legend: format!("{} ({needed})", rule.label),
            topic_id: form.topic_id.clone(),
            form,
        }
    }
}

impl From<&FormFieldDto> for FormField {
    fn from(field: &FormFieldDto) -> Self {
        let line = |html_type, keyboard| FieldInput::Line {
            html_type,
            keyboard,
        };
        let input = match field.kind {
            FormFieldKind::Choice => FieldInput::Choice(field.options.clone()),
            FormFieldKind::Text if field.max_len.is_some_and(|m| m > LONG_TEXT) => {
                FieldInput::LongText
            }
            FormFieldKind::Text => line("text", ""),
            FormFieldKind::Date => line("date", ""),
            FormFieldKind::Account | FormFieldKind::Digits => line("text", "numeric"),
            FormFieldKind::Number => line("text", "decimal"),
        };
        FormField {
            id: field.id.clone(),
            label: if field.required {
                field.label.clone()
            } else {
                format!("{} (необязательно)", field.label)
            },
            hint: field.hint.clone(),
            input,
        }
    }
}

#[cfg(test)]
mod tests {
    use ofis_api::AttachmentRuleDto;

    use super::*;

    fn field(id: &str, kind: FormFieldKind, required: bool, max_len: Option<u32>) -> FormFieldDto {
        FormFieldDto {
            id: id.into(),
            label: id.to_uppercase(),
            kind,
            required,
            hint: (id == "account").then(|| "Как в квитанции".into()),
            min_len: None,
            max_len,
            options: if kind == FormFieldKind::Choice {
                vec!["Газ".into(), "Вода".into()]
            } else {
                Vec::new()
            },
            not_after_today: false,
            not_before_today: false,
        }
    }

    fn kind(min_count: u32) -> ApplicationKindDto {
        ApplicationKindDto {
            id: "recalc".into(),
            name: "Перерасчёт".into(),
            description: "За время отсутствия".into(),
            fields: vec![
                field("service", FormFieldKind::Choice, true, None),
                field("reason", FormFieldKind::Text, false, Some(500)),
                field("name", FormFieldKind::Text, true, Some(100)),
                field("from", FormFieldKind::Date, true, None),
                field("account", FormFieldKind::Account, true, None),
                field("digits", FormFieldKind::Digits, true, None),
                field("volume", FormFieldKind::Number, false, None),
            ],
            attachments: AttachmentRuleDto {
                label: "Справка".into(),
                min_count,
                max_count: 3,
                max_bytes: 2 << 20,
                content_types: vec!["image/jpeg".into()],
            },
            topic_id: "t1".into(),
        }
    }

    #[test]
    fn each_field_gets_its_input_and_label() {
        let view = ApplicationKind::from(kind(1));
        let line = |html_type, keyboard| FieldInput::Line {
            html_type,
            keyboard,
        };
        let inputs: Vec<(&str, &str, FieldInput)> = view
            .fields
            .iter()
            .map(|f| (f.id.as_str(), f.label.as_str(), f.input.clone()))
            .collect();
        assert_eq!(
            inputs,
            [
                (
                    "service",
                    "SERVICE",
                    FieldInput::Choice(vec!["Газ".into(), "Вода".into()])
                ),
                ("reason", "REASON (необязательно)", FieldInput::LongText),
                ("name", "NAME", line("text", "")),
                ("from", "FROM", line("date", "")),
                ("account", "ACCOUNT", line("text", "numeric")),
                ("digits", "DIGITS", line("text", "numeric")),
                ("volume", "VOLUME (необязательно)", line("text", "decimal")),
            ]
        );
        assert_eq!(view.fields[4].hint.as_deref(), Some("Как в квитанции"));
        assert_eq!(view.fields[0].hint, None);
        assert_eq!(
            (view.id.as_str(), view.name.as_str(), view.topic_id.as_str()),
            ("recalc", "Перерасчёт", "t1")
        );
    }

    #[test]
    fn the_attachments_heading_says_how_many() {
        assert_eq!(
            ApplicationKind::from(kind(1)).files_legend,
            "Справка (от 1 до 3)"
        );
        assert_eq!(
            ApplicationKind::from(kind(0)).files_legend,
            "Справка (необязательно, до 3)"
        );
    }
}
