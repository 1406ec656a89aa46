//! Looks for a card's data in raw bytes, in every form it could take on its way through the app:
//! the number as digits, in groups of four (space, no-break space, narrow no-break space, dash),
//! as `Debug` of its bytes, as hex, in UTF-16LE; and the CVC next to its expiry or its field name.
//! The masked label («Visa •••• 1111») is not card data and is not reported. Places are searched
//! whole, as bytes: a file, a log, a dump of records.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A test card as the user types it.
#[derive(Clone, Copy, Debug)]
pub struct Card {
    /// Digits only.
    pub pan: &'static str,
    /// `MM/YY`.
    pub expiry: &'static str,
    /// Three digits.
    pub cvc: &'static str,
}

/// The cards the card-data searches type, each with its own expiry and CVC so every one can be
/// told apart in a hit.
pub mod cards {
    use super::Card;
    use gorod_sandbox::test_cards;

    /// Paid through 3-D Secure (typed in groups, as the card shows it).
    pub const THREE_DS: Card = Card {
        pan: test_cards::THREE_DS,
        expiry: "10/35",
        cvc: "739",
    };
    /// Refused by the bank.
    pub const DECLINED: Card = Card {
        pan: test_cards::DECLINE,
        expiry: "09/36",
        cvc: "826",
    };
    /// Refused: not enough money.
    pub const NO_FUNDS: Card = Card {
        pan: test_cards::INSUFFICIENT_FUNDS,
        expiry: "06/33",
        cvc: "458",
    };
    /// Pays (typed in groups).
    pub const PAID: Card = Card {
        pan: test_cards::SUCCESS_VISA,
        expiry: "08/37",
        cvc: "913",
    };
    /// A mistyped number (wrong check digit): refused on the device, before the bank.
    pub const MISTYPED: Card = Card {
        pan: "4111111111111112",
        expiry: "12/32",
        cvc: "571",
    };
    /// Never paid with: planted on purpose to prove the search finds what it looks for.
    pub const PLANTED: Card = Card {
        pan: test_cards::SUCCESS_MIR,
        expiry: "11/34",
        cvc: "642",
    };
    /// Every card typed in a search run.
    pub const USED: [Card; 5] = [THREE_DS, DECLINED, NO_FUNDS, PAID, MISTYPED];
}

/// One place a card's data was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Which form matched, e.g. `"pan grouped by 4 with ' '"`.
    pub form: String,
    pub offset: usize,
    /// The bytes around the hit, lossily decoded, on one line.
    pub context: String,
}

/// How far apart (in bytes) a CVC and an expiry may be to count as written together: one JSON
/// object or one `Debug` struct of a card.
const NEAR: usize = 64;
/// Field names a CVC goes under.
const CVC_KEYS: [&str; 4] = ["cvc", "cvv", "csc", "security_code"];

impl Card {
    /// The forms of the number: `(name, bytes)`.
    pub fn number_forms(&self) -> Vec<(String, Vec<u8>)> {
        let pan = self.pan;
        assert!(
            pan.len() >= 12 && pan.bytes().all(|b| b.is_ascii_digit()),
            "{pan}"
        );
        let groups: Vec<&str> = pan
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        let mut forms = vec![("pan digits".to_string(), pan.as_bytes().to_vec())];
        for (name, sep) in [
            ("' '", " "),
            ("no-break space", "\u{a0}"),
            ("narrow no-break space", "\u{202f}"),
            ("'-'", "-"),
        ] {
            forms.push((
                format!("pan grouped by 4 with {name}"),
                groups.join(sep).into_bytes(),
            ));
        }
        let debug_bytes = format!("{:?}", pan.as_bytes());
        forms.push((
            "pan as Debug of its bytes".to_string(),
            debug_bytes.as_bytes()[1..debug_bytes.len() - 1].to_vec(),
        ));
        let hex: String = pan.bytes().map(|b| format!("{b:02x}")).collect();
        forms.push(("pan as hex".to_string(), hex.into_bytes()));
        for (name, text) in [
            ("pan digits in UTF-16LE", pan.to_string()),
            ("pan grouped by 4 in UTF-16LE", groups.join(" ")),
        ] {
            let wide = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            forms.push((name.to_string(), wide));
        }
        forms
    }

    /// The expiry as it may be written: `MM/YY`, `MMYY`, `MM/YYYY`, `MM.YY`, and the four-digit
    /// year alone (`"exp_year":2037` next to `"cvc":"913"`).
    fn expiry_forms(&self) -> Vec<String> {
        let (mm, yy) = self.expiry.split_once('/').expect("expiry is MM/YY");
        vec![
            format!("{mm}/{yy}"),
            format!("{mm}{yy}"),
            format!("{mm}/20{yy}"),
            format!("{mm}.{yy}"),
            format!("20{yy}"),
        ]
    }
}

/// Every place `card` shows in `hay`.
pub fn find(hay: &[u8], card: &Card) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (form, needle) in card.number_forms() {
        for offset in positions(hay, &needle) {
            hits.push(hit(hay, form.clone(), offset, needle.len()));
        }
    }
    let cvcs = standalone(hay, card.cvc.as_bytes());
    for expiry in card.expiry_forms() {
        for at in standalone(hay, expiry.as_bytes()) {
            for &cvc in &cvcs {
                if cvc.abs_diff(at) <= NEAR {
                    let form = format!("cvc {} near expiry {expiry}", card.cvc);
                    hits.push(hit(hay, form, cvc.min(at), NEAR));
                }
            }
        }
    }
    for &cvc in &cvcs {
        let before = hay[cvc.saturating_sub(24)..cvc].to_ascii_lowercase();
        let under_key = CVC_KEYS.iter().any(|key| {
            positions(&before, key.as_bytes()).last().is_some_and(|&k| {
                before[k + key.len()..]
                    .iter()
                    .all(|b| !b.is_ascii_alphanumeric())
            })
        });
        if under_key {
            hits.push(hit(
                hay,
                format!("cvc {} under its field name", card.cvc),
                cvc,
                3,
            ));
        }
    }
    hits
}

/// Every regular file under `dir` with its bytes, sorted by path.
fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    files
}

/// One searched place: its name, its bytes, and what was found in it.
pub struct Searched {
    pub place: String,
    pub bytes: usize,
    pub lines: usize,
    pub hits: Vec<Hit>,
}

/// Searches one place for every card.
pub fn search(place: String, hay: &[u8], cards: &[Card]) -> Searched {
    Searched {
        place,
        bytes: hay.len(),
        lines: hay.iter().filter(|&&b| b == b'\n').count(),
        hits: cards.iter().flat_map(|card| find(hay, card)).collect(),
    }
}

/// Searches every file under `dir`, each named `"{moment}: {path under dir}"`.
pub fn search_files(moment: &str, dir: &Path, cards: &[Card]) -> Vec<Searched> {
    files_under(dir)
        .into_iter()
        .map(|(path, bytes)| {
            let name = path.strip_prefix(dir).unwrap().display();
            search(format!("{moment}: {name}"), &bytes, cards)
        })
        .collect()
}

/// Prints one line a place: its size and how many hits.
pub fn report(searched: &[Searched]) {
    for s in searched {
        eprintln!(
            "  {:<40} {:>9} bytes {:>7} lines  {} hits",
            s.place,
            s.bytes,
            s.lines,
            s.hits.len()
        );
    }
}

/// The forms that were found, wherever.
pub fn forms_found(searched: &[Searched]) -> BTreeSet<String> {
    searched
        .iter()
        .flat_map(|s| s.hits.iter().map(|h| h.form.clone()))
        .collect()
}

/// Offsets of every occurrence of `needle` (overlapping ones too). `memchr`'s searcher, built
/// optimised as a dependency: a TRACE log of the web front runs to tens of megabytes.
pub fn positions(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return Vec::new();
    }
    let finder = memchr::memmem::Finder::new(needle);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = finder.find(&hay[from..]) {
        found.push(from + at);
        from += at + 1;
    }
    found
}

/// Occurrences of `needle` not glued to a letter or digit on either side (so `913` is not found
/// inside `19135` or a UUID).
fn standalone(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    positions(hay, needle)
        .into_iter()
        .filter(|&i| {
            let before = i.checked_sub(1).map(|j| hay[j]);
            let after = hay.get(i + needle.len()).copied();
            ![before, after]
                .into_iter()
                .flatten()
                .any(|b| b.is_ascii_alphanumeric())
        })
        .collect()
}

fn hit(hay: &[u8], form: String, offset: usize, len: usize) -> Hit {
    let from = offset.saturating_sub(80);
    let to = (offset + len + 80).min(hay.len());
    let context = String::from_utf8_lossy(&hay[from..to])
        .replace('\n', "\\n")
        .replace('\0', "\\0");
    Hit {
        form,
        offset,
        context,
    }
}
