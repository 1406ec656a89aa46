//! The payment QR code printed on every bill of the demo town (GOST R 56042-2014), as text
//! ([`bill_qr_payload`], `GET /api/v1/bills/{id}/qr`) and as a PNG ([`bill_qr_png`],
//! `gorod-sandbox --write-qr DIR`), so that «Поиск по QR-коду» can be tried end to end.
//!
//! The payee's bank details are deterministic per provider and well formed (20-digit accounts
//! with the Bank of Russia's check digit against the BIC), but the banks are made up («ДЕМО» in
//! their names; the BICs are not meant to be any real bank's): a demo bill is not for paying with
//! a real bank's app.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use axum::extract::{Path as UrlPath, State};
use axum::Json;
use chrono::NaiveDate;
use image::{GrayImage, ImageFormat, Luma};
use ofis_api::{ApiError, BillDto, BillQrDto};
use ofis_domain::Period;
use qrcode::{Color, EcLevel, QrCode};

use crate::auth::CurrentUser;
use crate::error::Failure;
use crate::state::Sandbox;
use crate::town::{self, fnv1a};

/// Pixels per module of a written QR code.
pub const MODULE_PX: u32 = 7;
/// Light modules around the code (the standard asks for four).
pub const QUIET_ZONE: u32 = 4;

/// A bank the town's providers keep their settlement accounts at (made up, well formed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bank {
    /// As printed in the code's `BankName`.
    pub name: &'static str,
    /// Nine-digit BIC: `04` (Russia), the region (53: Orenburg region), the Bank of Russia's
    /// division, then the bank's own three digits.
    pub bic: &'static str,
    /// Branch digits (positions 10–13) of the settlement accounts opened at this bank.
    pub branch: &'static str,
}

/// The demo town's banks; a provider's bank is chosen by a hash of its INN.
pub const BANKS: &[Bank] = &[
    Bank {
        name: "ОРЕНБУРГСКИЙ ФИЛИАЛ АО \"ДЕМОБАНК\"",
        bic: "045354917",
        branch: "4600",
    },
    Bank {
        name: "ПАО \"БАНК ГОРОД-ДЕМО\" Г. ОРЕНБУРГ",
        bic: "045354928",
        branch: "0000",
    },
    Bank {
        name: "ФИЛИАЛ \"ПРИВОЛЖСКИЙ\" АО \"УРАЛ ДЕМО БАНК\"",
        bic: "045354939",
        branch: "2400",
    },
];

/// The Bank of Russia's check digit (key) of a 20-digit account: the three `key_digits` (the
/// BIC's last three for an account at a bank, `0` and the BIC's 5th–6th for a correspondent
/// account) followed by the account with its 9th digit as 0, weighted 7-1-3.
fn account_key(key_digits: &str, account: &str) -> u32 {
    let sum: u32 = key_digits
        .chars()
        .chain(account.chars())
        .filter_map(|c| c.to_digit(10))
        .zip([7, 1, 3].into_iter().cycle())
        .map(|(digit, weight)| digit * weight % 10)
        .sum();
    sum % 10 * 3 % 10
}

/// Puts the key into the 9th digit of a 20-digit account written with a placeholder there.
fn with_key(key_digits: &str, account: &str) -> String {
    let blank = format!("{}0{}", &account[..8], &account[9..]);
    let key = account_key(key_digits, &blank);
    format!("{}{key}{}", &account[..8], &account[9..])
}

impl Bank {
    /// The bank's correspondent account at the Bank of Russia: `30101810`, key, `00000000`, the
    /// BIC's last three digits.
    pub fn corresp_acc(&self) -> String {
        let bic = self.bic;
        with_key(
            &format!("0{}", &bic[4..6]),
            &format!("30101810000000000{}", &bic[6..]),
        )
    }
}

/// The bank and the settlement account (расчётный счёт) a provider is paid to.
pub fn settlement(provider: &town::Provider) -> (&'static Bank, String) {
    let hash = fnv1a(provider.inn.as_bytes());
    let bank = &BANKS[(hash % BANKS.len() as u64) as usize];
    // 40702: a commercial organisation's account; 810: roubles; then key, branch, number.
    let number = hash / BANKS.len() as u64 % 10_000_000;
    let account = format!("407028100{}{number:07}", bank.branch);
    (bank, with_key(&bank.bic[6..], &account))
}

/// KPP of a provider: its tax office (the INN's first four digits), «01» (the head office) and
/// the office's sequence number.
fn kpp(inn: &str) -> String {
    format!("{}01001", &inn[..4])
}

/// The GOST R 56042-2014 payment QR text printed on a bill: header `ST00012` (UTF-8, `|`), the
/// payee's bank details, INN and KPP, the account (`PersAcc`), the address, a purpose, the month
/// (`PaymPeriod=MMYYYY`) and the amount due in kopecks (`Sum`). A bill of a provider the town
/// does not know carries no bank details and no INN.
pub fn bill_qr_payload(bill: &BillDto) -> String {
    let mut fields: Vec<(&str, String)> = vec![("Name", clean(&bill.provider_name))];
    if let Some(provider) = town::provider(&bill.provider_id) {
        let (bank, account) = settlement(provider);
        fields.extend([
            ("PersonalAcc", account),
            ("BankName", bank.name.to_string()),
            ("BIC", bank.bic.to_string()),
            ("CorrespAcc", bank.corresp_acc()),
            ("PayeeINN", provider.inn.to_string()),
            ("KPP", kpp(provider.inn)),
        ]);
    }
    fields.push(("PersAcc", clean(&bill.account)));
    if let Some(address) = &bill.address_title {
        fields.push(("PayerAddress", clean(address)));
    }
    fields.extend([
        ("Purpose", purpose(bill)),
        ("PaymPeriod", paym_period(bill.period)),
        ("Sum", bill.amount_due.kopecks().to_string()),
    ]);
    let mut payload = String::from("ST00012");
    for (key, value) in fields {
        payload.push('|');
        payload.push_str(key);
        payload.push('=');
        payload.push_str(&value);
    }
    payload
}

/// «Оплата услуги «Электроэнергия» за ноябрь 2026 г.».
fn purpose(bill: &BillDto) -> String {
    clean(&format!(
        "Оплата услуги «{}» за {} г.",
        bill.service_name,
        bill.period.label_ru()
    ))
}

/// `MMYYYY`, the form most bills print.
fn paym_period(period: Period) -> String {
    format!("{:02}{:04}", period.month(), period.year())
}

/// A value cannot hold the separator.
fn clean(value: &str) -> String {
    value.replace('|', "/")
}

/// A PNG of `text` as a QR code (error correction M, byte mode: UTF-8 stays UTF-8), black on
/// white, [`MODULE_PX`] pixels a module with a [`QUIET_ZONE`]. None if the text is too long for
/// any QR code.
pub fn qr_png(text: &str) -> Option<Vec<u8>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let modules = u32::try_from(code.width()).ok()?;
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET_ZONE) * MODULE_PX;
    let image = GrayImage::from_fn(side, side, |x, y| {
        let (mx, my) = (x / MODULE_PX, y / MODULE_PX);
        let inside = QUIET_ZONE..QUIET_ZONE + modules;
        let dark = inside.contains(&mx)
            && inside.contains(&my)
            && colors[((my - QUIET_ZONE) * modules + (mx - QUIET_ZONE)) as usize] == Color::Dark;
        Luma([if dark { 0 } else { 255 }])
    });
    let mut png = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .ok()?;
    Some(png)
}

/// A PNG of a bill's payment QR code ([`bill_qr_payload`] through [`qr_png`]).
pub fn bill_qr_png(bill: &BillDto) -> Vec<u8> {
    // A payload is a few hundred bytes; a QR code at level M holds over two thousand.
    qr_png(&bill_qr_payload(bill)).expect("a bill's payment code fits a QR code")
}

/// Every bill the town has posted for the period of `today` by `today`: of the addresses, then
/// of the accounts with none.
pub fn current_bills(today: NaiveDate) -> Vec<BillDto> {
    let period = Period::of(today);
    town::ACCOUNTS
        .iter()
        .filter_map(|account| town::posted_bill(account, period, today))
        .collect()
}

/// Writes `DIR/<bill id>.png` for every bill posted for the period of `today` (creating `dir`);
/// returns each bill with the file written.
pub fn write_bill_qrs(dir: &Path, today: NaiveDate) -> std::io::Result<Vec<(BillDto, PathBuf)>> {
    std::fs::create_dir_all(dir)?;
    current_bills(today)
        .into_iter()
        .map(|bill| {
            let path = dir.join(format!("{}.png", bill.id));
            std::fs::write(&path, bill_qr_png(&bill))?;
            Ok((bill, path))
        })
        .collect()
}

/// The payment QR code printed on a bill. Any posted bill of the town, by id, whoever asks.
#[utoipa::path(
    get, path = "/api/v1/bills/{id}/qr", operation_id = "billQr", tag = "providers",
    params(("id" = String, Path, description = "Идентификатор счёта")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Текст платёжного QR-кода квитанции по ГОСТ Р 56042-2014", body = BillQrDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Счёт не найден или ещё не выставлен", body = ApiError),
    )
)]
pub async fn bill_qr(
    State(sandbox): State<Sandbox>,
    _user: CurrentUser,
    UrlPath(id): UrlPath<String>,
) -> Result<Json<BillQrDto>, Failure> {
    let bill = town::parse_bill_id(&id)
        .and_then(|(account, period)| town::posted_bill(account, period, sandbox.today()))
        .ok_or_else(|| Failure::not_found("Счёт не найден"))?;
    Ok(Json(BillQrDto {
        payload: bill_qr_payload(&bill),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ofis_domain::qr_payload::parse_text;

    #[test]
    fn check_digits_follow_the_bank_of_russia_rule() {
        // Published details of a real bank: Оренбургское отделение № 8623 ПАО Сбербанк.
        assert_eq!(
            with_key("054", "30101810000000000601"),
            "30101810600000000601"
        );
        for bank in BANKS {
            let corresp = bank.corresp_acc();
            assert_eq!(corresp.len(), 20, "{corresp}");
            assert!(corresp.starts_with("30101810") && corresp.ends_with(&bank.bic[6..]));
            assert_eq!(
                with_key(&format!("0{}", &bank.bic[4..6]), &corresp),
                corresp
            );
        }
        for provider in town::PROVIDERS {
            let (bank, account) = settlement(provider);
            assert_eq!(account.len(), 20, "{account}");
            assert!(account.starts_with("40702810"), "{account}");
            assert_eq!(with_key(&bank.bic[6..], &account), account);
        }
    }

    #[test]
    fn every_bill_of_the_town_round_trips_through_the_parser() {
        let today: NaiveDate = "2026-11-25".parse().unwrap();
        let bills = current_bills(today);
        assert_eq!(bills.len(), town::ACCOUNTS.len(), "all posted by the 25th");
        for bill in &bills {
            let payload = bill_qr_payload(bill);
            let qr = parse_text(&payload).unwrap_or_else(|e| panic!("{payload}: {e}"));
            assert!(qr.warnings.is_empty(), "{payload}: {:?}", qr.warnings);
            let provider = town::provider(&bill.provider_id).unwrap();
            let search = qr.search();
            assert_eq!(search.payee_inn.as_deref(), Some(provider.inn), "{payload}");
            assert_eq!(search.payee_name.as_deref(), Some(provider.name));
            assert_eq!(search.account.as_deref(), Some(bill.account.as_str()));
            assert_eq!(search.period, Some(bill.period));
            assert_eq!(search.amount, Some(bill.amount_due));
            assert_eq!(qr.payer_address, bill.address_title);
            assert_eq!(qr.kpp.as_deref(), Some(kpp(provider.inn).as_str()));
            let (bank, account) = settlement(provider);
            assert_eq!(qr.personal_acc, Some(account));
            assert_eq!(qr.bic.as_deref(), Some(bank.bic));
            assert_eq!(qr.corresp_acc, Some(bank.corresp_acc()));
            // Small enough for a QR code of version 18 or less at level M (560 bytes).
            assert!(payload.len() <= 560, "{} bytes: {payload}", payload.len());
        }
    }

    #[test]
    fn the_payload_reads_like_a_bill() {
        let account = town::ACCOUNTS
            .iter()
            .find(|a| a.number == "560012512005")
            .unwrap();
        let bill = town::bill(account, "2026-11".parse().unwrap()).unwrap();
        let payload = bill_qr_payload(&bill);
        assert!(
            payload.starts_with("ST00012|Name=АО \"Энергосбыт Плюс\"|PersonalAcc=40702810"),
            "{payload}"
        );
        assert!(payload.contains("|PayeeINN=5609007890|KPP=560901001|PersAcc=560012512005|"));
        assert!(payload.contains(
            "|PayerAddress=г. Оренбург, ул. Советская, д. 12, кв. 5|Purpose=Оплата услуги \
             «Электроэнергия» за ноябрь 2026 г.|PaymPeriod=112026|Sum="
        ));
        assert!(payload.ends_with(&format!("|Sum={}", bill.amount_due.kopecks())));
        // Deterministic: the same bill prints the same code.
        assert_eq!(payload, bill_qr_payload(&bill.clone()));
    }

    #[test]
    fn a_bill_qr_is_a_square_png_with_a_quiet_zone() {
        let account = &town::ACCOUNTS[0];
        let bill = town::bill(account, "2026-11".parse().unwrap()).unwrap();
        let png = bill_qr_png(&bill);
        let image = image::load_from_memory_with_format(&png, ImageFormat::Png)
            .unwrap()
            .to_luma8();
        assert_eq!(image.width(), image.height());
        assert_eq!(image.width() % MODULE_PX, 0);
        let quiet = QUIET_ZONE * MODULE_PX;
        assert!((0..quiet).all(|i| image.get_pixel(i, i).0 == [255]));
        // The finder pattern's corner module is dark.
        assert_eq!(image.get_pixel(quiet, quiet).0, [0]);
        assert!(qr_png(&"x".repeat(5000)).is_none());
    }
}
