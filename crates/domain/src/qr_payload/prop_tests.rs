//! The parser never panics, whatever a scanner hands it.

use super::*;
use proptest::prelude::*;

const VALID: &str = "ST00012|Name=ООО «Три кита»|PersonalAcc=40702810138250123017|\
BankName=ОАО \"БАНК\"|BIC=044525225|CorrespAcc=30101810400000000225|Sum=100000|\
persAcc=12|PaymPeriod=01.2024|CounterId=1|CounterVal=2";

fn mutate(base: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for &(at, kind, byte) in edits {
        let at = at % (bytes.len() + 1);
        match kind % 3 {
            0 => bytes.insert(at, byte),
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ if at < bytes.len() => bytes[at] = byte,
            _ => bytes.push(byte),
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_bytes(&bytes);
        let mut prefixed = b"ST0001".to_vec();
        prefixed.extend_from_slice(&bytes);
        let _ = parse_bytes(&prefixed);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}", noise in "[|=%\\\\\\]QST0-9a-zA-Zа-яА-ЯÀ-ÿ ]{0,80}") {
        let _ = parse_text(&text);
        let _ = parse_text(&format!("ST0001{noise}"));
        let _ = parse_text(&format!("{noise}{text}"));
    }

    #[test]
    fn mutated_payloads_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8)) {
        let bytes = mutate(VALID.as_bytes(), &edits);
        let _ = parse_bytes(&bytes);
        let _ = parse_text(&String::from_utf8_lossy(&bytes));
        let latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
        let _ = parse_text(&latin1);
    }

    #[test]
    fn written_fields_are_read_back(
        name in "[А-Яа-яA-Za-z0-9 «»\"().,-]{1,40}",
        account in "[0-9]{1,20}",
        kopecks in 0u64..100_000_000_000,
    ) {
        let name = name.trim().to_string();
        prop_assume!(!name.is_empty() && !name.chars().all(|c| matches!(c, '.' | '-')));
        let text = format!("ST00012|Name={name}|PersAcc={account}|Sum={kopecks}");
        let qr = parse_text(&text).unwrap();
        prop_assert_eq!(qr.name.as_deref(), Some(name.as_str()));
        prop_assert_eq!(qr.pers_acc.as_deref(), Some(account.as_str()));
        prop_assert_eq!(qr.sum.map(|m| m.kopecks()), Some(kopecks));
        let mut from_bytes = parse_bytes(text.as_bytes()).unwrap();
        from_bytes.decoded_as = None;
        prop_assert_eq!(from_bytes, qr);
    }
}
