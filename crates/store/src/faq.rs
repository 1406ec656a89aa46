//! «Вопрос-ответ» kept on the device, so the questions open without the server. The list is
//! replaced whole by each fetch; it is not personal data and survives sign-out.

use chrono::{DateTime, Utc};
use ofis_domain::help::{FaqQuestion, HelpSection};
use rusqlite::{params, OptionalExtension};

use crate::codec::{parse_time, time_text};
use crate::error::StoreError;
use crate::open::Store;

/// Schema step: the questions in display order, and when they were fetched.
pub(crate) const V5_FAQ: &str = r#"
CREATE TABLE faq_question (
    position       INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    category_id    TEXT NOT NULL,
    category_title TEXT NOT NULL,
    question       TEXT NOT NULL,
    answer         TEXT NOT NULL,
    -- The sections' slugs, separated by spaces.
    sections       TEXT NOT NULL
) STRICT;
CREATE TABLE faq_fetch (
    only_row   INTEGER PRIMARY KEY CHECK (only_row = 1),
    fetched_at TEXT NOT NULL
) STRICT;
"#;

/// The questions last fetched, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptFaq {
    pub questions: Vec<FaqQuestion>,
    pub fetched_at: DateTime<Utc>,
}

impl Store {
    /// Replaces the kept questions with `questions`, fetched at `at` (one transaction).
    pub fn save_faq(
        &mut self,
        questions: &[FaqQuestion],
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM faq_question", [])?;
        for (position, q) in questions.iter().enumerate() {
            let sections: Vec<&str> = q.sections.iter().map(|s| s.slug()).collect();
            tx.execute(
                "INSERT INTO faq_question
                 (position, id, category_id, category_title, question, answer, sections)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    position as i64,
                    q.id,
                    q.category_id,
                    q.category_title,
                    q.question,
                    q.answer,
                    sections.join(" ")
                ],
            )?;
        }
        tx.execute(
            "INSERT INTO faq_fetch (only_row, fetched_at) VALUES (1, ?1)
             ON CONFLICT (only_row) DO UPDATE SET fetched_at = excluded.fetched_at",
            [time_text(at)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The kept questions in display order; `None` before the first fetch.
    pub fn faq(&self) -> Result<Option<KeptFaq>, StoreError> {
        let fetched: Option<String> = self
            .conn
            .query_row("SELECT fetched_at FROM faq_fetch", [], |r| r.get(0))
            .optional()?;
        let Some(fetched) = fetched else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare(
            "SELECT id, category_id, category_title, question, answer, sections
             FROM faq_question ORDER BY position",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                FaqQuestion {
                    id: r.get(0)?,
                    category_id: r.get(1)?,
                    category_title: r.get(2)?,
                    question: r.get(3)?,
                    answer: r.get(4)?,
                    sections: Vec::new(),
                },
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut questions = Vec::new();
        for row in rows {
            let (mut q, sections) = row?;
            q.sections = sections
                .split_whitespace()
                .map(|s| {
                    HelpSection::from_slug(s)
                        .ok_or_else(|| StoreError::Corrupt(format!("faq {}: section {s}", q.id)))
                })
                .collect::<Result<_, _>>()?;
            questions.push(q);
        }
        Ok(Some(KeptFaq {
            questions,
            fetched_at: parse_time(&fetched, "faq fetched_at")?,
        }))
    }
}
