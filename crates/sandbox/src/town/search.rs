//! Finding things in town: address suggestions, providers by name or INN, accounts by number.

use super::{provider, Account, Address, Provider, ACCOUNTS, ADDRESSES, PROVIDERS};

/// Splits text into lower-case words, ignoring punctuation and quotes, so «ул. Советская, д. 12»
/// and «советская 12» share words.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace('ё', "е")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Address suggestions: every word of the query must start some word of the title (so the list
/// narrows as the person types). An empty query suggests nothing. At most `limit` results.
pub fn search_addresses(query: &str, limit: usize) -> Vec<&'static Address> {
    let wanted = words(query);
    if wanted.is_empty() {
        return Vec::new();
    }
    ADDRESSES
        .iter()
        .filter(|a| {
            let have = words(&a.title());
            wanted
                .iter()
                .all(|w| have.iter().any(|h| h.starts_with(w.as_str())))
        })
        .take(limit)
        .collect()
}

/// Providers for «Поиск по названию услуги»: every word of the query occurs in a word of the
/// provider's name or of the services it bills (case, quotes and punctuation ignored), or the
/// query (spaces ignored) is the start of its INN. An empty query finds nothing.
pub fn search_providers(query: &str) -> Vec<&'static Provider> {
    let wanted = words(query);
    if wanted.is_empty() {
        return Vec::new();
    }
    let digits: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    let inn_prefix = digits.chars().all(|c| c.is_ascii_digit()).then_some(digits);
    PROVIDERS
        .iter()
        .filter(|p| {
            let have = words(&format!("{} {}", p.name, p.services));
            let by_name = wanted
                .iter()
                .all(|w| have.iter().any(|h| h.contains(w.as_str())));
            let by_inn = inn_prefix
                .as_deref()
                .is_some_and(|prefix| p.inn.starts_with(prefix));
            by_name || by_inn
        })
        .collect()
}

/// Accounts whose number is what the person typed, read in each provider's own format (so spaces,
/// letter case and a phone's «+7» do not matter).
pub fn search_accounts(input: &str) -> Vec<&'static Account> {
    ACCOUNTS
        .iter()
        .filter(|a| {
            provider(a.provider)
                .and_then(|p| p.field.dto().normalize(input).ok())
                .is_some_and(|number| number == a.number)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_matches_every_word_ignoring_punctuation() {
        let ids = |q: &str| {
            search_addresses(q, 10)
                .iter()
                .map(|a| a.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids("Советская 12"),
            ["orb-sovetskaya-12-5", "orb-sovetskaya-12-17"]
        );
        assert_eq!(ids("ул. Советская, д. 12, кв. 5"), ["orb-sovetskaya-12-5"]);
        assert_eq!(ids("орск"), ["orsk-stroiteley-3-41"]);
        assert!(ids("  , ").is_empty());
        assert!(ids("Ленина").is_empty());
    }

    #[test]
    fn providers_are_found_by_name_words_service_words_or_inn_prefix() {
        let ids = |q: &str| search_providers(q).iter().map(|p| p.id).collect::<Vec<_>>();
        assert_eq!(ids("мегафон"), ["megafon"]);
        assert_eq!(ids("ПАО «МегаФон»"), ["megafon"]);
        assert_eq!(ids("водоканал"), ["vodokanal", "orskvodokanal"]);
        assert_eq!(ids("сош 5"), ["school5"]);
        assert_eq!(ids("школьное питание"), ["school5"]);
        assert_eq!(ids("капитальный ремонт"), ["kapremont"]);
        assert_eq!(ids("охрана"), ["okhrana"]);
        assert_eq!(ids("78120"), ["megafon"]);
        assert_eq!(
            ids("5612"),
            ["vodokanal", "domofon", "okhrana", "kapremont"]
        );
        assert!(ids("").is_empty());
        assert!(ids(" «» ").is_empty());
        assert!(ids("Билайн").is_empty());
    }

    #[test]
    fn accounts_are_found_in_their_providers_format() {
        let numbers = |q: &str| {
            search_accounts(q)
                .iter()
                .map(|a| a.number)
                .collect::<Vec<_>>()
        };
        assert_eq!(numbers(" 1000125005 "), ["1000125005"]);
        assert_eq!(numbers("d-12-5"), ["D-12-5"]);
        assert_eq!(numbers("+7 912 345-67-89"), ["9123456789"]);
        assert_eq!(numbers("ох-12345"), ["ОХ-12345"]);
        assert!(numbers("0000000000").is_empty());
        assert!(numbers("").is_empty());
    }
}
