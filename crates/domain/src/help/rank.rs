//! Ranks the questions for what the person typed: a word of the query found among the
//! question's words weighs more than one found only in the answer; the last word, still being
//! typed, also matches as the start of a word.

use super::stem::stems;
use super::FaqQuestion;

/// Weight of a query word found in the question.
const IN_QUESTION: u32 = 4;
/// Weight of a query word found only in the answer.
const IN_ANSWER: u32 = 1;
/// Added when the question has the very form typed («оплатил» before «оплатой»).
const SAME_FORM: u32 = 1;

/// The words of a text as typed, lower case, «ё» as «е».
fn forms(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('ё', "е"))
        .collect()
}

/// A question found for a query, with how well it matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaqHit<'a> {
    pub question: &'a FaqQuestion,
    /// Higher is better; 0 is never returned.
    pub score: u32,
}

/// How one query stem meets a text's stems: exactly, or as the start of one (the word still
/// being typed).
fn meets(query: &str, text: &[String], partial: bool) -> bool {
    text.iter()
        .any(|s| s == query || (partial && query.chars().count() >= 3 && s.starts_with(query)))
}

/// The questions matching `query`, best first (ties keep the list's order); empty when no word
/// of the query is found anywhere.
pub fn rank<'a>(questions: &'a [FaqQuestion], query: &str) -> Vec<FaqHit<'a>> {
    let wanted = stems(query);
    let typed = forms(query);
    let typing = !query.ends_with(|c: char| !c.is_alphanumeric());
    let mut hits: Vec<FaqHit<'a>> = questions
        .iter()
        .filter_map(|q| {
            let (in_q, in_a) = (stems(&q.question), stems(&q.answer));
            let q_forms = forms(&q.question);
            let same = typed.iter().filter(|w| q_forms.contains(w)).count() as u32;
            let score = wanted
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let partial = typing && i + 1 == wanted.len();
                    if meets(w, &in_q, partial) {
                        IN_QUESTION
                    } else if meets(w, &in_a, partial) {
                        IN_ANSWER
                    } else {
                        0
                    }
                })
                .sum::<u32>();
            let score = if score > 0 {
                score + same * SAME_FORM
            } else {
                0
            };
            (score > 0).then_some(FaqHit { question: q, score })
        })
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits
}
