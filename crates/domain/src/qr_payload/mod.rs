//! GOST R 56042-2014 payment QR codes: from what a scanner returns to what the app searches with.
//!
//! The standard: a header `ST0001` plus an encoding digit (1 Windows-1251, 2 UTF-8, 3 KOI8-R),
//! a separator (the character right after the header, `|` in practice), then `Key=Value` fields.
//! Real bills deviate from it in every way a generator or scanner can; the parser reads what the
//! bill meant and lists each deviation in [`PaymentQr::warnings`]. It never panics: any input
//! gives a payment or a [`QrError`] with a Russian sentence for the user.
//!
//! ```
//! use ofis_domain::qr_payload::parse_text;
//! let qr = parse_text("ST00012|Name=ООО «Три кита»|PayeeINN=6200098765|persAcc=123|Sum=100000")
//!     .unwrap();
//! let search = qr.search();
//! assert_eq!(search.account.as_deref(), Some("123"));
//! assert_eq!(search.amount.unwrap().to_string(), "1000.00");
//! ```

mod classify;
mod decode;
mod fields;
mod keys;
mod parse;
mod values;
mod warnings;

#[cfg(test)]
mod corpus_cases_bills;
#[cfg(test)]
mod corpus_cases_libraries;
#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod decode_tests;
#[cfg(test)]
mod parse_tests;
#[cfg(test)]
mod prop_tests;

pub use classify::{NotGostKind, QrError};
pub use decode::Charset;
pub use fields::{PaymentQr, QrSearch};
pub use warnings::QrWarning;

/// Parses a payload from the raw bytes a scanner returned.
pub fn parse_bytes(raw: &[u8]) -> Result<PaymentQr, QrError> {
    let mut warnings = Vec::new();
    let prepared = decode::prepare_bytes(raw, &mut warnings);
    parse::parse_prepared(prepared, warnings)
}

/// Parses a payload a scanner already decoded to text (perhaps in the wrong charset).
pub fn parse_text(text: &str) -> Result<PaymentQr, QrError> {
    let mut warnings = Vec::new();
    let prepared = decode::prepare_text(text, &mut warnings);
    parse::parse_prepared(prepared, warnings)
}
