//! A small stemmer for Russian: it cuts the inflectional ending off a word so that «оплатил»,
//! «оплата», «оплатить» and «оплатите» share one stem. It is light on purpose (no dictionary):
//! it only has to make the forms of a word in a question and in a query meet.

/// Endings cut off; the longest one that leaves a stem long enough wins («ить» over «ть»). Nouns
/// in «-ание»/«-ение» lose the suffix too, so «показания» meets «показать».
const ENDINGS: &[&str] = &[
    // participles, nouns in -ение/-ание, adjectives
    "ениями",
    "аниями",
    "ениям",
    "аниям",
    "ениях",
    "аниях",
    "ением",
    "анием",
    "ение",
    "ения",
    "ений",
    "ению",
    "ении",
    "ание",
    "ания",
    "аний",
    "анию",
    "ании",
    "иями",
    "ями",
    "ами",
    "ость",
    "ости",
    "ого",
    "его",
    "ому",
    "ему",
    "ыми",
    "ими",
    "ией",
    "иям",
    "иях",
    "ием",
    // verbs
    "ить",
    "ать",
    "ять",
    "еть",
    "ите",
    "ете",
    "ила",
    "ило",
    "или",
    "ала",
    "али",
    "ало",
    "ешь",
    "ишь",
    "ают",
    "яют",
    "ует",
    "уют",
    "ает",
    "яет",
    // nouns and adjectives
    "ой",
    "ей",
    "ом",
    "ем",
    "ам",
    "ям",
    "ах",
    "ях",
    "ов",
    "ев",
    "ий",
    "ый",
    "ая",
    "яя",
    "ое",
    "ее",
    "ые",
    "ие",
    "ую",
    "юю",
    "ым",
    "им",
    "ых",
    "их",
    "ия",
    "ии",
    "ию",
    "ья",
    "ье",
    "ьи",
    // verbs
    "ил",
    "ал",
    "ял",
    "ет",
    "ит",
    "ут",
    "ют",
    "ат",
    "ят",
    "ть",
    // one letter
    "а",
    "я",
    "о",
    "е",
    "ы",
    "и",
    "у",
    "ю",
    "ь",
    "й",
];

/// Words too common to tell questions apart.
const STOP_WORDS: &[&str] = &[
    "и",
    "в",
    "во",
    "на",
    "по",
    "с",
    "со",
    "к",
    "ко",
    "о",
    "об",
    "от",
    "до",
    "за",
    "из",
    "у",
    "а",
    "как",
    "что",
    "чем",
    "для",
    "или",
    "ли",
    "же",
    "это",
    "мой",
    "моя",
    "мои",
    "мое",
    "я",
    "мне",
    "можно",
    "ли",
    "вы",
    "вам",
    "ваш",
    "если",
    "при",
    "то",
    "так",
    "где",
    "когда",
    "есть",
];

/// The shortest stem left after cutting an ending, in letters.
const MIN_STEM: usize = 3;

/// The stem of one word (lower case, «ё» read as «е»).
pub fn stem(word: &str) -> String {
    let mut w: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect();
    for reflexive in ["ся", "сь"] {
        if w.chars().count() > MIN_STEM + 2 && w.ends_with(reflexive) {
            w.truncate(w.len() - reflexive.len());
            break;
        }
    }
    let letters = w.chars().count();
    let longest = ENDINGS
        .iter()
        .filter(|e| w.ends_with(**e) && letters >= MIN_STEM + e.chars().count())
        .max_by_key(|e| e.len());
    if let Some(ending) = longest {
        w.truncate(w.len() - ending.len());
    }
    w
}

/// The stems of the meaningful words of a text, in order, without repeats.
pub fn stems(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let lower = word.to_lowercase();
        if lower.is_empty() || STOP_WORDS.contains(&lower.as_str()) {
            continue;
        }
        let s = stem(&lower);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}
