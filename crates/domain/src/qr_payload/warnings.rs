//! Deviations from GOST R 56042-2014 that the parser recovered from.

use serde::Serialize;

use super::Charset;

/// One deviation from the standard, recovered; kept so support can see what a bill got wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QrWarning {
    /// A UTF-8 byte order mark preceded the payload.
    Bom,
    /// The scanner put a symbology identifier (`]Q2`) and/or an ECI designator (`\000026`) first.
    ScannerPrefix { prefix: String, eci: Option<u32> },
    /// The whole payload was percent-encoded (`%7C` for `|`).
    PercentEncoded,
    /// The text had been decoded in the wrong charset by the scanner; re-read in `charset`.
    MojibakeRepaired { charset: Charset },
    /// The header's digit names one charset, the bytes are in another.
    WrongDeclaredEncoding { declared: Charset, actual: Charset },
    /// The bytes end in the middle of a character: the payload is cut short.
    Truncated,
    /// Text before the `ST0001` header was ignored.
    IgnoredPrefix { text: String },
    /// The header is not in capitals (`st00012`).
    HeaderCase { found: String },
    /// No encoding digit after `ST0001`.
    MissingEncodingDigit,
    /// An encoding digit the standard does not define (only 1, 2, 3).
    UnknownEncodingDigit { digit: char },
    /// No separator after the header; `|` assumed.
    MissingSeparator,
    /// No `ST0001` header, yet the text is made of GOST fields.
    MissingHeader,
    /// The required fields are not in the standard's order.
    RequiredOutOfOrder,
    /// The payload ends with a separator.
    TrailingSeparator,
    /// Two separators with nothing between them.
    EmptySegment,
    /// A piece between separators is not `key=value`.
    SegmentWithoutKey { text: String },
    /// Spaces around a key.
    KeyWhitespace { key: String },
    /// A key in the wrong case (`persAcc`).
    KeyCase { found: String, key: String },
    /// A key written with look-alike letters (Cyrillic `Р`, `l` for `I`).
    LookAlikeKey { found: String, key: String },
    /// A key under another encoder's name (`PensAccNo`, `OKATO`).
    AliasKey { found: String, key: String },
    /// A key given twice; the first non-empty value is kept.
    DuplicateKey { key: String, ignored: String },
    /// A key with an empty value.
    EmptyValue { key: String },
    /// A key whose value is a placeholder (`.`, `[PLAT]`).
    Placeholder { key: String, value: String },
    /// Spaces around a value.
    ValueWhitespace { key: String },
    /// HTML entities (`&quot;`) in a value, unescaped.
    HtmlEntities { key: String },
    /// A value longer than the standard allows (kept whole).
    TooLong { key: String, len: usize, max: usize },
    /// A value without the shape of its field (an INN of 9 digits, a BIC of 8).
    Malformed { key: String, value: String },
    /// A required field is missing or empty.
    MissingRequired { key: String },
    /// `Sum` had a decimal point or comma, so it was read as roubles, not kopecks.
    SumInRoubles { value: String },
    /// Spaces or stray characters were removed from `Sum`.
    SumCleaned { value: String },
    /// `Sum` is not an amount.
    InvalidSum { value: String },
    /// `PaymPeriod` names no month and year.
    InvalidPeriod { value: String },
}

impl QrWarning {
    /// One Russian sentence for support and for the «что распознано» screen.
    pub fn message_ru(&self) -> String {
        use QrWarning as W;
        match self {
            W::Bom => "Перед данными стоял служебный маркер BOM — пропущен.".into(),
            W::ScannerPrefix { prefix, .. } => {
                format!("Сканер добавил служебный префикс «{prefix}» — пропущен.")
            }
            W::PercentEncoded => {
                "Данные были закодированы как в ссылке (%7C) — раскодированы.".into()
            }
            W::MojibakeRepaired { charset } => format!(
                "Сканер прочитал текст не в той кодировке — исправлено, кодировка {}.",
                charset.label()
            ),
            W::WrongDeclaredEncoding { declared, actual } => format!(
                "В заголовке указана кодировка {}, а данные в {}.",
                declared.label(),
                actual.label()
            ),
            W::Truncated => "QR-код обрезан: последний символ неполный.".into(),
            W::IgnoredPrefix { text } => {
                format!("Текст перед заголовком ST0001 пропущен: «{text}».")
            }
            W::HeaderCase { found } => format!("Заголовок записан как «{found}», а не ST0001."),
            W::MissingEncodingDigit => "После ST0001 не указана кодировка.".into(),
            W::UnknownEncodingDigit { digit } => {
                format!("Кодировка «{digit}» в заголовке не предусмотрена ГОСТом.")
            }
            W::MissingSeparator => "После заголовка нет разделителя — принят «|».".into(),
            W::MissingHeader => "Нет заголовка ST0001, но поля — платёжные.".into(),
            W::RequiredOutOfOrder => "Обязательные реквизиты идут не в порядке ГОСТа.".into(),
            W::TrailingSeparator => "Строка кончается лишним разделителем.".into(),
            W::EmptySegment => "Два разделителя подряд.".into(),
            W::SegmentWithoutKey { text } => format!("Фрагмент «{text}» — не реквизит, пропущен."),
            W::KeyWhitespace { key } => format!("Пробелы вокруг имени реквизита {key}."),
            W::KeyCase { found, key } => format!("Реквизит «{found}» понят как {key}."),
            W::LookAlikeKey { found, key } => {
                format!("В имени «{found}» похожие буквы другого алфавита — понят как {key}.")
            }
            W::AliasKey { found, key } => format!("Нестандартное имя «{found}» понято как {key}."),
            W::DuplicateKey { key, ignored } => {
                format!("Реквизит {key} повторяется; второе значение «{ignored}» не учтено.")
            }
            W::EmptyValue { key } => format!("Реквизит {key} пустой."),
            W::Placeholder { key, value } => {
                format!("В реквизите {key} заглушка «{value}» вместо значения.")
            }
            W::ValueWhitespace { key } => format!("Лишние пробелы в значении {key}."),
            W::HtmlEntities { key } => format!("В значении {key} были HTML-сущности — раскрыты."),
            W::TooLong { key, len, max } => {
                format!("Реквизит {key} длиннее допустимого: {len} символов при пределе {max}.")
            }
            W::Malformed { key, value } => format!("Значение {key} «{value}» имеет неверный вид."),
            W::MissingRequired { key } => format!("Нет обязательного реквизита {key}."),
            W::SumInRoubles { value } => {
                format!("Сумма «{value}» записана в рублях, а не в копейках — прочитана как рубли.")
            }
            W::SumCleaned { value } => format!("Из суммы «{value}» убраны лишние символы."),
            W::InvalidSum { value } => format!("Сумма «{value}» не распознана."),
            W::InvalidPeriod { value } => format!("Период оплаты «{value}» не распознан."),
        }
    }
}
