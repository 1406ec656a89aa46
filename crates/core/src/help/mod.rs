//! «Вопрос-ответ» and the help of each section: the questions come from the Город API and are
//! kept in SQLite, so they open without the server (the answer then says it is the kept copy).

mod sections;
mod support;
mod support_context;

use ofis_domain::help::{rank, FaqQuestion, HelpSection};
use tracing::instrument;

use crate::app::Ofis;
use crate::error::CoreError;

pub use sections::{Guide, SectionHelp};
pub use support::{check_message, ChatMessage, ChatStatus, SupportChat, SUPPORT_OFFLINE};
pub use support_context::{redact, support_context, ErrorReport, APP_VERSION, HIDDEN};

/// The most questions offered while a message to support is typed.
pub const SUGGESTIONS_MAX: usize = 3;

/// A message to support that cannot be sent as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SupportError {
    #[error("empty message")]
    Empty,
    #[error("message too long")]
    TooLong,
    #[error("photo is not a JPEG or PNG")]
    PhotoType,
    #[error("photo too large")]
    PhotoTooLarge,
}

impl SupportError {
    /// The Russian sentence for the person.
    pub fn message_ru(&self) -> String {
        match self {
            SupportError::Empty => "Напишите сообщение или приложите фото.".into(),
            SupportError::TooLong => format!(
                "Сообщение длиннее {} знаков: сократите его.",
                ofis_api::SUPPORT_TEXT_MAX_CHARS
            ),
            SupportError::PhotoType => {
                "Приложите фото или снимок экрана в формате JPEG или PNG.".into()
            }
            SupportError::PhotoTooLarge => "Фото больше 5 МиБ: выберите снимок поменьше.".into(),
        }
    }
}

/// Said when the questions shown are the copy kept on the device.
pub const FAQ_OFFLINE: &str = "Нет связи с сервером — показаны ответы, сохранённые на устройстве.";

/// One question as the screens show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaqEntry {
    pub id: String,
    pub category: String,
    pub question: String,
    pub answer: String,
}

/// A category with its questions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaqCategory {
    pub id: String,
    pub title: String,
    pub questions: Vec<FaqEntry>,
}

/// «Вопрос-ответ» by category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Faq {
    pub categories: Vec<FaqCategory>,
    /// [`FAQ_OFFLINE`] when the server could not be reached and the kept copy is shown.
    pub offline: Option<&'static str>,
}

impl From<&FaqQuestion> for FaqEntry {
    fn from(q: &FaqQuestion) -> Self {
        FaqEntry {
            id: q.id.clone(),
            category: q.category_title.clone(),
            question: q.question.clone(),
            answer: q.answer.clone(),
        }
    }
}

/// Groups questions (in display order) by their category.
fn by_category(questions: &[FaqQuestion]) -> Vec<FaqCategory> {
    let mut out: Vec<FaqCategory> = Vec::new();
    for q in questions {
        match out.last_mut() {
            Some(c) if c.id == q.category_id => c.questions.push(q.into()),
            _ => out.push(FaqCategory {
                id: q.category_id.clone(),
                title: q.category_title.clone(),
                questions: vec![q.into()],
            }),
        }
    }
    out
}

impl Ofis {
    /// The questions from the server, kept for later; when the server cannot be reached, the
    /// kept copy with [`FAQ_OFFLINE`]. An error only when there is neither.
    #[instrument(skip(self), err)]
    pub async fn faq(&self) -> Result<Faq, CoreError> {
        let (questions, offline) = self.faq_questions().await?;
        Ok(Faq {
            categories: by_category(&questions),
            offline,
        })
    }

    /// The questions matching what was typed, best first (forms of a word find each other:
    /// «оплатил» finds «оплата»). Searches the kept copy; fetches first if there is none.
    pub async fn search_faq(&self, query: &str) -> Result<Vec<FaqEntry>, CoreError> {
        let kept = self.inner.db.run(|s| s.faq()).await?;
        let questions = match kept {
            Some(kept) => kept.questions,
            None => self.faq_questions().await?.0,
        };
        Ok(rank(&questions, query)
            .into_iter()
            .map(|hit| hit.question.into())
            .collect())
    }

    /// The questions matching a message being typed to support (at most [`SUGGESTIONS_MAX`]);
    /// none until a word of three letters is typed.
    pub async fn support_suggestions(&self, typed: &str) -> Result<Vec<FaqEntry>, CoreError> {
        if !typed.split_whitespace().any(|w| w.chars().count() >= 3) {
            return Ok(Vec::new());
        }
        let mut found = self.search_faq(typed).await?;
        found.truncate(SUGGESTIONS_MAX);
        Ok(found)
    }

    /// One question (a link from a section's help), from the kept copy or the server.
    pub async fn faq_question(&self, id: &str) -> Result<Option<FaqEntry>, CoreError> {
        let kept = self.inner.db.run(|s| s.faq()).await?;
        let questions = match kept {
            Some(kept) if kept.questions.iter().any(|q| q.id == id) => kept.questions,
            _ => self.faq_questions().await?.0,
        };
        Ok(questions.iter().find(|q| q.id == id).map(FaqEntry::from))
    }

    /// A section's instructions and the questions linked to it.
    pub async fn help_section(&self, section: HelpSection) -> Result<SectionHelp, CoreError> {
        let (questions, offline) = self.faq_questions().await?;
        Ok(sections::help(section, &questions, offline))
    }

    /// Fetches and keeps the questions, or falls back to the kept ones when the server is out
    /// of reach.
    async fn faq_questions(&self) -> Result<(Vec<FaqQuestion>, Option<&'static str>), CoreError> {
        match self.inner.gorod.faq().await {
            Ok(dto) => {
                let questions = dto.into_questions();
                let (kept, now) = (questions.clone(), self.inner.clock.now());
                self.inner.db.run(move |s| s.save_faq(&kept, now)).await?;
                Ok((questions, None))
            }
            Err(e) if e.is_retryable() => match self.inner.db.run(|s| s.faq()).await? {
                Some(kept) => Ok((kept.questions, Some(FAQ_OFFLINE))),
                None => Err(e.into()),
            },
            Err(e) => Err(e.into()),
        }
    }
}
