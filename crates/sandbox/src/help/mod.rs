//! «Вопрос-ответ» of the Город API: the questions and answers, written from the user manual of
//! ОФИС.Mobile ([`content`]), served to anyone (help is needed before signing in too).

mod content;

use axum::Json;
use ofis_api::{FaqCategoryDto, FaqDto, FaqQuestionDto};

/// The whole «Вопрос-ответ», by category.
pub fn faq() -> FaqDto {
    FaqDto {
        categories: content::CATEGORIES
            .iter()
            .map(|c| FaqCategoryDto {
                id: c.id.into(),
                title: c.title.into(),
                questions: c
                    .questions
                    .iter()
                    .map(|q| FaqQuestionDto {
                        id: q.id.into(),
                        question: q.question.into(),
                        answer: q.answer.into(),
                        sections: q.sections.iter().map(|s| s.to_string()).collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// «Вопрос-ответ»: every category with its questions and answers.
#[utoipa::path(
    get, path = "/api/v1/faq", operation_id = "faq", tag = "help",
    responses((status = 200, description = "Категории вопросов с ответами", body = FaqDto))
)]
pub async fn get_faq() -> Json<FaqDto> {
    Json(faq())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use ofis_domain::help::HelpSection;

    use super::*;

    #[test]
    fn ids_are_unique_and_every_section_has_questions() {
        let questions = faq().into_questions();
        assert!(
            questions.len() >= 25,
            "about 25 questions: {}",
            questions.len()
        );
        let ids: HashSet<_> = questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids.len(), questions.len(), "question ids are unique");
        for section in HelpSection::ALL {
            assert!(
                questions.iter().any(|q| q.sections.contains(&section)),
                "{section:?} has questions"
            );
        }
        for q in content::CATEGORIES.iter().flat_map(|c| c.questions) {
            for s in q.sections {
                assert!(HelpSection::from_slug(s).is_some(), "{}: section {s}", q.id);
            }
        }
    }
}
