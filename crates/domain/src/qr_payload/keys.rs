//! The field names of GOST R 56042-2014 and how a key written on a real bill is matched to one.
//!
//! Keys are matched by a "skeleton": case folded, Cyrillic and Greek look-alike letters turned
//! into the Latin letters they imitate, and the letters OCR and hand-typing confuse (`l`/`I`/`1`,
//! `O`/`0`) merged. Canonical keys are all ASCII, so two keys never share a skeleton (a test
//! proves it), and any spelling a human would read as the key is understood as the key.

/// One field of the standard, in the order of its tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    Name,
    PersonalAcc,
    BankName,
    Bic,
    CorrespAcc,
    Sum,
    Purpose,
    PayeeInn,
    PayerInn,
    DrawerStatus,
    Kpp,
    Cbc,
    Oktmo,
    PaytReason,
    TaxPeriod,
    DocNo,
    DocDate,
    TaxPaytKind,
    LastName,
    FirstName,
    MiddleName,
    PayerAddress,
    PersonalAccount,
    DocIdx,
    PensAcc,
    Contract,
    PersAcc,
    Flat,
    Phone,
    PayerIdType,
    PayerIdNum,
    ChildFio,
    BirthDate,
    PaymTerm,
    PaymPeriod,
    Category,
    ServiceName,
    CounterId,
    CounterVal,
    QuittId,
    QuittDate,
    InstNum,
    ClassNum,
    SpecFio,
    AddAmount,
    RuleId,
    ExecId,
    RegType,
    Uin,
    TechCode,
}

/// Canonical key and maximum length (None: the standard sets none) of each field.
const TABLE: [(Field, &str, Option<usize>); 50] = [
    (Field::Name, "Name", Some(160)),
    (Field::PersonalAcc, "PersonalAcc", Some(20)),
    (Field::BankName, "BankName", Some(45)),
    (Field::Bic, "BIC", Some(9)),
    (Field::CorrespAcc, "CorrespAcc", Some(20)),
    (Field::Sum, "Sum", Some(18)),
    (Field::Purpose, "Purpose", Some(210)),
    (Field::PayeeInn, "PayeeINN", Some(12)),
    (Field::PayerInn, "PayerINN", Some(12)),
    (Field::DrawerStatus, "DrawerStatus", Some(2)),
    (Field::Kpp, "KPP", Some(9)),
    (Field::Cbc, "CBC", Some(20)),
    (Field::Oktmo, "OKTMO", Some(11)),
    (Field::PaytReason, "PaytReason", Some(2)),
    (Field::TaxPeriod, "TaxPeriod", Some(10)),
    (Field::DocNo, "DocNo", Some(15)),
    (Field::DocDate, "DocDate", Some(10)),
    (Field::TaxPaytKind, "TaxPaytKind", Some(2)),
    (Field::LastName, "LastName", None),
    (Field::FirstName, "FirstName", None),
    (Field::MiddleName, "MiddleName", None),
    (Field::PayerAddress, "PayerAddress", None),
    (Field::PersonalAccount, "PersonalAccount", None),
    (Field::DocIdx, "DocIdx", None),
    (Field::PensAcc, "PensAcc", None),
    (Field::Contract, "Contract", None),
    (Field::PersAcc, "PersAcc", None),
    (Field::Flat, "Flat", None),
    (Field::Phone, "Phone", None),
    (Field::PayerIdType, "PayerIdType", None),
    (Field::PayerIdNum, "PayerIdNum", None),
    (Field::ChildFio, "ChildFio", None),
    (Field::BirthDate, "BirthDate", None),
    (Field::PaymTerm, "PaymTerm", None),
    (Field::PaymPeriod, "PaymPeriod", None),
    (Field::Category, "Category", None),
    (Field::ServiceName, "ServiceName", None),
    (Field::CounterId, "CounterId", None),
    (Field::CounterVal, "CounterVal", None),
    (Field::QuittId, "QuittId", None),
    (Field::QuittDate, "QuittDate", None),
    (Field::InstNum, "InstNum", None),
    (Field::ClassNum, "ClassNum", None),
    (Field::SpecFio, "SpecFio", None),
    (Field::AddAmount, "AddAmount", None),
    (Field::RuleId, "RuleId", None),
    (Field::ExecId, "ExecId", None),
    (Field::RegType, "RegType", None),
    (Field::Uin, "UIN", None),
    (Field::TechCode, "TechCode", None),
];

/// Spellings other encoders publish for a field (libraries' bugs and the pre-2014 name).
const ALIASES: [(&str, Field); 3] = [
    // aserdobintsev/GOST56042 writes the СНИЛС field under this name.
    ("PensAccNo", Field::PensAcc),
    // if0ne/gost-56042-rs writes field 110 under this name.
    ("TaxPayKind", Field::TaxPaytKind),
    // Field 105 was ОКАТО before ОКТМО replaced it; old generators still write OKATO.
    ("OKATO", Field::Oktmo),
];

/// The five fields the standard requires, in the order it requires them.
pub(crate) const REQUIRED: [Field; 5] = [
    Field::Name,
    Field::PersonalAcc,
    Field::BankName,
    Field::Bic,
    Field::CorrespAcc,
];

/// How a key on the bill differs from the standard's spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyMatch {
    /// Written exactly as the standard writes it.
    Exact,
    /// Same letters, other case (`persAcc`, `SUM`).
    Case,
    /// Look-alike letters (`РауегАddress` with Cyrillic letters, `PayeelNN` with `l` for `I`).
    LookAlike,
    /// A name another encoder uses for the field (`PensAccNo`, `OKATO`).
    Alias,
}

impl Field {
    /// Every field, in the standard's order.
    pub(crate) const ALL: [Field; 50] = {
        let mut all = [Field::Name; 50];
        let mut i = 0;
        while i < TABLE.len() {
            all[i] = TABLE[i].0;
            i += 1;
        }
        all
    };

    /// Position in [`Field::ALL`], for per-field arrays.
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The key as the standard spells it.
    pub(crate) fn key(self) -> &'static str {
        TABLE[self.index()].1
    }

    /// The standard's maximum length, where it sets one.
    pub(crate) fn max_len(self) -> Option<usize> {
        TABLE[self.index()].2
    }

    /// True for the five required fields.
    pub(crate) fn is_required(self) -> bool {
        REQUIRED.contains(&self)
    }
}

/// The field a key on a bill means, and how far its spelling is from the standard's.
pub(crate) fn resolve(key: &str) -> Option<(Field, KeyMatch)> {
    if let Some(&(field, _, _)) = TABLE.iter().find(|(_, k, _)| *k == key) {
        return Some((field, KeyMatch::Exact));
    }
    if let Some(&(field, _, _)) = TABLE.iter().find(|(_, k, _)| k.eq_ignore_ascii_case(key)) {
        return Some((field, KeyMatch::Case));
    }
    let wanted = skeleton(key);
    if wanted.is_empty() {
        return None;
    }
    if let Some(&(field, _, _)) = TABLE.iter().find(|(_, k, _)| skeleton(k) == wanted) {
        return Some((field, KeyMatch::LookAlike));
    }
    ALIASES
        .iter()
        .find(|(alias, _)| skeleton(alias) == wanted)
        .map(|&(_, field)| (field, KeyMatch::Alias))
}

/// The form two keys share when a reader would take one for the other.
pub(crate) fn skeleton(key: &str) -> String {
    key.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            // Separators and invisible characters that sneak into keys typed by hand.
            ' ' | '_' | '-' | '.' | '\u{a0}' | '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{feff}' => {
                None
            }
            // `I`, `l` and `1` are the same stroke in most bill fonts and to every OCR engine.
            'l' | '1' | 'і' | 'ӏ' | 'ι' | '|' => Some('i'),
            '0' | 'о' | 'ο' => Some('o'),
            'а' | 'α' => Some('a'),
            'в' | 'β' | 'ь' => Some('b'),
            'г' => Some('r'),
            'е' | 'ё' | 'ε' => Some('e'),
            'и' | 'υ' => Some('u'),
            'к' | 'κ' => Some('k'),
            'м' => Some('m'),
            'н' | 'η' => Some('h'),
            'п' | 'ν' => Some('n'),
            'р' | 'ρ' => Some('p'),
            'с' => Some('c'),
            'т' | 'τ' => Some('t'),
            'у' | 'γ' => Some('y'),
            'х' | 'χ' => Some('x'),
            'ј' => Some('j'),
            'ѕ' => Some('s'),
            'ԁ' => Some('d'),
            other => Some(other),
        })
        .collect()
}
