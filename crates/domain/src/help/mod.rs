//! «Вопрос-ответ»: the questions people ask, the sections whose «?» opens help, and the search
//! that finds a question by any form of its words.

mod rank;
mod stem;
#[cfg(test)]
mod tests;

pub use rank::{rank, FaqHit};
pub use stem::{stem, stems};

/// A section of the app with a «?» at the top right that opens its instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HelpSection {
    /// «Мои платежи».
    Payments,
    /// «Абоненту».
    Subscriber,
    /// «Школы и Сады».
    Schools,
    /// «Транспорт».
    Transport,
}

impl HelpSection {
    /// Every section, in the tab bar's order.
    pub const ALL: [HelpSection; 4] = [
        HelpSection::Payments,
        HelpSection::Subscriber,
        HelpSection::Schools,
        HelpSection::Transport,
    ];

    /// The section's name in addresses and on the wire.
    pub fn slug(self) -> &'static str {
        match self {
            HelpSection::Payments => "payments",
            HelpSection::Subscriber => "subscriber",
            HelpSection::Schools => "schools",
            HelpSection::Transport => "transport",
        }
    }

    /// The section named `slug`, if there is one.
    pub fn from_slug(slug: &str) -> Option<HelpSection> {
        HelpSection::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The section's title as the tab bar shows it.
    pub fn title(self) -> &'static str {
        match self {
            HelpSection::Payments => "Мои платежи",
            HelpSection::Subscriber => "Абоненту",
            HelpSection::Schools => "Школы и Сады",
            HelpSection::Transport => "Транспорт",
        }
    }
}

/// One question of «Вопрос-ответ» with its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaqQuestion {
    /// Stable id, used in links from a section's help.
    pub id: String,
    /// The id of its category.
    pub category_id: String,
    /// The category's title, e.g. «Оплата и чеки».
    pub category_title: String,
    pub question: String,
    pub answer: String,
    /// The sections whose help links to this question.
    pub sections: Vec<HelpSection>,
}
