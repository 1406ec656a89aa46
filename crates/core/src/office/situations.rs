//! «Жизненные ситуации»: what to do on moving, buying a flat, a new resident… step by step, each
//! step leading to the service of «Абоненту» that does it (by the path of its screen).

use ofis_api::{LifeSituationDto, StepAction, StepLinkDto};
use tracing::instrument;

use crate::app::Ofis;
use crate::error::CoreError;

/// A life situation with its steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Situation {
    pub id: String,
    /// «Переезд».
    pub title: String,
    pub summary: String,
    pub steps: Vec<SituationStep>,
}

/// One step: what to do, and where the app does it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SituationStep {
    pub text: String,
    pub link: Option<StepLink>,
}

/// A button of a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepLink {
    /// «Записаться на приём».
    pub label: String,
    /// The app's path of the service: «/subscriber/booking?topic=account».
    pub path: String,
}

/// A query value made safe for a path: letters, digits, `-`, `_`, `.` as they are, the rest
/// percent-encoded (UTF-8).
fn query_value(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The app's path of the service a step links to; a booking without a topic or an application
/// without a kind opens the service's start (the topics, the kinds).
pub fn step_path(link: &StepLinkDto) -> String {
    let with = |base: &str, key: &str, value: &Option<String>| match value {
        Some(v) if !v.trim().is_empty() => format!("{base}?{key}={}", query_value(v.trim())),
        _ => base.to_string(),
    };
    match link.action {
        StepAction::Book => with("/subscriber/booking", "topic", &link.topic_id),
        StepAction::Apply => with(
            "/subscriber/applications/new",
            "kind",
            &link.application_kind_id,
        ),
        StepAction::Readings => "/subscriber".into(),
        StepAction::Bill => "/subscriber/bill".into(),
        StepAction::EBill => "/subscriber/e-bill".into(),
        StepAction::HouseInfo => "/subscriber/house".into(),
        StepAction::Pay => "/".into(),
    }
}

impl From<LifeSituationDto> for Situation {
    fn from(s: LifeSituationDto) -> Self {
        Situation {
            id: s.id,
            title: s.title,
            summary: s.summary,
            steps: s
                .steps
                .into_iter()
                .map(|step| SituationStep {
                    text: step.text,
                    link: step.link.map(|l| StepLink {
                        path: step_path(&l),
                        label: l.label,
                    }),
                })
                .collect(),
        }
    }
}

impl Ofis {
    /// «Жизненные ситуации», in the server's order.
    #[instrument(skip(self))]
    pub async fn life_situations(&self) -> Result<Vec<Situation>, CoreError> {
        let found = self.inner.gorod.life_situations().await?;
        Ok(found.into_iter().map(Situation::from).collect())
    }

    /// One situation by its id; `None` when the server has no such situation.
    #[instrument(skip(self))]
    pub async fn life_situation(&self, id: &str) -> Result<Option<Situation>, CoreError> {
        Ok(self
            .life_situations()
            .await?
            .into_iter()
            .find(|s| s.id == id))
    }
}
