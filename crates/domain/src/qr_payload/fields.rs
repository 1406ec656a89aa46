//! The parsed payment and what the app searches with.

use serde::Serialize;

use super::keys::Field;
use super::values::{self, is_all_zeros};
use super::{Charset, QrWarning};
use crate::money::Money;
use crate::period::Period;

/// A GOST R 56042-2014 payment QR code as the bill meant it.
///
/// Every field of the standard is here under its snake_case name; absent, empty and placeholder
/// values are None. `Sum` is read into money and `PaymPeriod` into a period; the raw text of
/// either is in `warnings` when it could not be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaymentQr {
    /// Format version from the header (`0001`).
    pub version: String,
    /// Charset the header's digit names (None: no digit or an unknown one).
    pub declared_encoding: Option<Charset>,
    /// Charset the bytes were actually read in (None: ASCII, or text taken as given).
    pub decoded_as: Option<Charset>,
    /// Character separating the fields (`|` almost always).
    pub separator: char,
    /// Наименование получателя платежа.
    pub name: Option<String>,
    /// Номер счёта получателя платежа.
    pub personal_acc: Option<String>,
    /// Наименование банка получателя платежа.
    pub bank_name: Option<String>,
    /// БИК.
    pub bic: Option<String>,
    /// Номер кор./сч. банка получателя платежа.
    pub corresp_acc: Option<String>,
    /// Сумма платежа (the code carries kopecks).
    pub sum: Option<Money>,
    /// Наименование платежа (назначение).
    pub purpose: Option<String>,
    /// ИНН получателя платежа.
    pub payee_inn: Option<String>,
    /// ИНН плательщика.
    pub payer_inn: Option<String>,
    /// Статус составителя платёжного документа (поле 101).
    pub drawer_status: Option<String>,
    /// КПП получателя платежа.
    pub kpp: Option<String>,
    /// КБК.
    pub cbc: Option<String>,
    /// ОКТМО (поле 105).
    pub oktmo: Option<String>,
    /// Основание налогового платежа (поле 106).
    pub payt_reason: Option<String>,
    /// Налоговый период (поле 107).
    pub tax_period: Option<String>,
    /// Номер документа (поле 108).
    pub doc_no: Option<String>,
    /// Дата документа (поле 109).
    pub doc_date: Option<String>,
    /// Тип платежа (поле 110).
    pub tax_payt_kind: Option<String>,
    /// Фамилия плательщика.
    pub last_name: Option<String>,
    /// Имя плательщика.
    pub first_name: Option<String>,
    /// Отчество плательщика.
    pub middle_name: Option<String>,
    /// Адрес плательщика.
    pub payer_address: Option<String>,
    /// Лицевой счёт бюджетного получателя.
    pub personal_account: Option<String>,
    /// Индекс платёжного документа.
    pub doc_idx: Option<String>,
    /// СНИЛС.
    pub pens_acc: Option<String>,
    /// Номер договора.
    pub contract: Option<String>,
    /// Лицевой счёт плательщика у поставщика (the ЖКХ лицевой счёт).
    pub pers_acc: Option<String>,
    /// Номер квартиры.
    pub flat: Option<String>,
    /// Номер телефона.
    pub phone: Option<String>,
    /// Вид документа, удостоверяющего личность плательщика.
    pub payer_id_type: Option<String>,
    /// Номер документа, удостоверяющего личность плательщика.
    pub payer_id_num: Option<String>,
    /// Ф.И.О. ребёнка или учащегося.
    pub child_fio: Option<String>,
    /// Дата рождения.
    pub birth_date: Option<String>,
    /// Срок платежа или дата выставления счёта.
    pub paym_term: Option<String>,
    /// Период оплаты.
    pub paym_period: Option<Period>,
    /// Вид платежа.
    pub category: Option<String>,
    /// Код услуги или название прибора учёта.
    pub service_name: Option<String>,
    /// Номер прибора учёта.
    pub counter_id: Option<String>,
    /// Показание прибора учёта.
    pub counter_val: Option<String>,
    /// Номер извещения, начисления, счёта.
    pub quitt_id: Option<String>,
    /// Дата извещения, начисления, счёта, постановления.
    pub quitt_date: Option<String>,
    /// Номер учреждения.
    pub inst_num: Option<String>,
    /// Номер группы детсада или класса школы.
    pub class_num: Option<String>,
    /// ФИО преподавателя или специалиста.
    pub spec_fio: Option<String>,
    /// Сумма страховки, дополнительной услуги или пени, in kopecks as written.
    pub add_amount: Option<String>,
    /// Номер постановления (ГИБДД).
    pub rule_id: Option<String>,
    /// Номер исполнительного производства.
    pub exec_id: Option<String>,
    /// Код вида платежа.
    pub reg_type: Option<String>,
    /// Уникальный идентификатор начисления.
    pub uin: Option<String>,
    /// Технический код (приложение Г).
    pub tech_code: Option<String>,
    /// Keys the standard does not define, in the order met, as written.
    pub other: Vec<(String, String)>,
    /// Every deviation from the standard that was recovered.
    pub warnings: Vec<QrWarning>,
}

/// What the app searches for bills with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QrSearch {
    /// The provider's INN, when it has an INN's shape.
    pub payee_inn: Option<String>,
    /// The provider's name.
    pub payee_name: Option<String>,
    /// The payer's account: PersAcc, else PersonalAccount, else Contract, else Phone.
    pub account: Option<String>,
    /// The billing month.
    pub period: Option<Period>,
    /// The suggested amount (None when the code carries no or a zero sum).
    pub amount: Option<Money>,
    /// A meter and its reading (CounterId, CounterVal), when both are given.
    pub counter: Option<(String, String)>,
}

/// The header as read, handed from the parser to the builder.
pub(crate) struct Header {
    pub version: String,
    pub declared_encoding: Option<Charset>,
    pub decoded_as: Option<Charset>,
    pub separator: char,
}

impl PaymentQr {
    /// The search the code asks for.
    pub fn search(&self) -> QrSearch {
        let real = |v: &Option<String>| v.clone().filter(|s| !is_all_zeros(s));
        let account = [
            &self.pers_acc,
            &self.personal_account,
            &self.contract,
            &self.phone,
        ]
        .into_iter()
        .find_map(real);
        QrSearch {
            payee_inn: self.payee_inn.clone().filter(|v| values::is_inn(v)),
            payee_name: self.name.clone(),
            account,
            period: self.paym_period,
            amount: self.sum.filter(|m| !m.is_zero()),
            counter: self.counter_id.clone().zip(self.counter_val.clone()),
        }
    }

    /// Builds the result from the cleaned value of each field (indexed by [`Field::index`]).
    pub(crate) fn build(
        header: Header,
        mut raw: Vec<Option<String>>,
        other: Vec<(String, String)>,
        mut warnings: Vec<QrWarning>,
    ) -> PaymentQr {
        for field in Field::ALL {
            if let (Some(value), Some(max)) = (&raw[field.index()], field.max_len()) {
                let len = value.chars().count();
                if len > max {
                    warnings.push(QrWarning::TooLong {
                        key: field.key().into(),
                        len,
                        max,
                    });
                }
            }
            if let Some(value) = &raw[field.index()] {
                if values::well_formed(field.key(), value) == Some(false) {
                    warnings.push(QrWarning::Malformed {
                        key: field.key().into(),
                        value: value.clone(),
                    });
                }
            }
            if field.is_required() && raw[field.index()].is_none() {
                warnings.push(QrWarning::MissingRequired {
                    key: field.key().into(),
                });
            }
        }
        let sum = raw[Field::Sum.index()]
            .as_deref()
            .and_then(|s| values::parse_sum(s, &mut warnings));
        let paym_period = raw[Field::PaymPeriod.index()].as_deref().and_then(|s| {
            let period = values::parse_period(s);
            if period.is_none() {
                warnings.push(QrWarning::InvalidPeriod { value: s.into() });
            }
            period
        });
        let mut take = |f: Field| raw[f.index()].take();
        PaymentQr {
            version: header.version,
            declared_encoding: header.declared_encoding,
            decoded_as: header.decoded_as,
            separator: header.separator,
            name: take(Field::Name),
            personal_acc: take(Field::PersonalAcc),
            bank_name: take(Field::BankName),
            bic: take(Field::Bic),
            corresp_acc: take(Field::CorrespAcc),
            sum,
            purpose: take(Field::Purpose),
            payee_inn: take(Field::PayeeInn),
            payer_inn: take(Field::PayerInn),
            drawer_status: take(Field::DrawerStatus),
            kpp: take(Field::Kpp),
            cbc: take(Field::Cbc),
            oktmo: take(Field::Oktmo),
            payt_reason: take(Field::PaytReason),
            tax_period: take(Field::TaxPeriod),
            doc_no: take(Field::DocNo),
            doc_date: take(Field::DocDate),
            tax_payt_kind: take(Field::TaxPaytKind),
            last_name: take(Field::LastName),
            first_name: take(Field::FirstName),
            middle_name: take(Field::MiddleName),
            payer_address: take(Field::PayerAddress),
            personal_account: take(Field::PersonalAccount),
            doc_idx: take(Field::DocIdx),
            pens_acc: take(Field::PensAcc),
            contract: take(Field::Contract),
            pers_acc: take(Field::PersAcc),
            flat: take(Field::Flat),
            phone: take(Field::Phone),
            payer_id_type: take(Field::PayerIdType),
            payer_id_num: take(Field::PayerIdNum),
            child_fio: take(Field::ChildFio),
            birth_date: take(Field::BirthDate),
            paym_term: take(Field::PaymTerm),
            paym_period,
            category: take(Field::Category),
            service_name: take(Field::ServiceName),
            counter_id: take(Field::CounterId),
            counter_val: take(Field::CounterVal),
            quitt_id: take(Field::QuittId),
            quitt_date: take(Field::QuittDate),
            inst_num: take(Field::InstNum),
            class_num: take(Field::ClassNum),
            spec_fio: take(Field::SpecFio),
            add_amount: take(Field::AddAmount),
            rule_id: take(Field::RuleId),
            exec_id: take(Field::ExecId),
            reg_type: take(Field::RegType),
            uin: take(Field::Uin),
            tech_code: take(Field::TechCode),
            other,
            warnings,
        }
    }
}
