//! «Вопрос-ответ»: the questions and answers the Город API publishes, by category, each tagged
//! with the sections of the app whose help links to it.

use ofis_domain::help::{FaqQuestion, HelpSection};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Every category of «Вопрос-ответ», in the order they are shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FaqDto {
    pub categories: Vec<FaqCategoryDto>,
}

/// One category, e.g. «Показания счётчиков».
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FaqCategoryDto {
    pub id: String,
    pub title: String,
    pub questions: Vec<FaqQuestionDto>,
}

/// One question and its answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FaqQuestionDto {
    /// Stable id, for links from a section's help.
    pub id: String,
    pub question: String,
    pub answer: String,
    /// The app sections whose «?» links here: `payments`, `subscriber`, `schools`,
    /// `transport`. Names this app does not know are ignored (a newer server may add sections).
    #[schema(example = json!(["payments"]))]
    #[serde(default)]
    pub sections: Vec<String>,
}

impl FaqDto {
    /// The questions in display order, each with its category.
    pub fn into_questions(self) -> Vec<FaqQuestion> {
        self.categories
            .into_iter()
            .flat_map(|c| {
                let (id, title) = (c.id, c.title);
                c.questions.into_iter().map(move |q| FaqQuestion {
                    id: q.id,
                    category_id: id.clone(),
                    category_title: title.clone(),
                    question: q.question,
                    answer: q.answer,
                    sections: q
                        .sections
                        .iter()
                        .filter_map(|s| HelpSection::from_slug(s))
                        .collect(),
                })
            })
            .collect()
    }
}
