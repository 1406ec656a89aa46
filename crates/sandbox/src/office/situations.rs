//! «Жизненные ситуации»: what a resident does on moving, buying or selling a flat, a new
//! resident, a meter replaced, a change of owner, a long absence — step by step, each step
//! linked to the service that does it (a booking on the right topic, the right application).

use axum::Json;
use ofis_api::{LifeSituationDto, SituationStepDto, StepAction, StepLinkDto};

/// A step: its text and where it leads.
type Step = (&'static str, Option<Link>);

/// A link: the action, the button's label, the topic or application kind.
#[derive(Clone, Copy)]
struct Link(StepAction, &'static str, Option<&'static str>);

const fn book(topic: &'static str) -> Option<Link> {
    Some(Link(StepAction::Book, "Записаться на приём", Some(topic)))
}
const fn apply(kind: &'static str) -> Option<Link> {
    Some(Link(StepAction::Apply, "Подать заявление", Some(kind)))
}
const fn go(action: StepAction, label: &'static str) -> Option<Link> {
    Some(Link(action, label, None))
}

/// The situations: id, title, summary, steps.
const SITUATIONS: [(&str, &str, &str, &[Step]); 6] = [
    (
        "moving-out",
        "Переезд",
        "Вы съезжаете из квартиры: рассчитайтесь и закройте лицевой счёт.",
        &[
            (
                "Передайте показания счётчиков на день выезда",
                go(StepAction::Readings, "Подать показания"),
            ),
            (
                "Оплатите начисления по день выезда",
                go(StepAction::Pay, "Мои платежи"),
            ),
            (
                "Закройте лицевой счёт в абонентском отделе",
                book("account"),
            ),
        ],
    ),
    (
        "buy-sell",
        "Покупка или продажа квартиры",
        "Новый собственник переоформляет лицевой счёт на себя.",
        &[
            (
                "Продавец передаёт показания на день передачи квартиры",
                go(StepAction::Readings, "Подать показания"),
            ),
            (
                "Проверьте, нет ли долга по квитанции",
                go(StepAction::Bill, "Квитанция"),
            ),
            (
                "Подайте заявление о смене собственника с выпиской из ЕГРН",
                apply("owner-change"),
            ),
            ("Или переоформите счёт на приёме", book("owner-change")),
        ],
    ),
    (
        "new-resident",
        "Новый жилец",
        "В квартире прописан или живёт ещё один человек: начисления по нормативу изменятся.",
        &[
            (
                "Сообщите о новом жильце на приёме в абонентском отделе",
                book("account"),
            ),
            (
                "Получайте квитанцию на e-mail, чтобы видеть новые начисления",
                go(StepAction::EBill, "Электронная квитанция"),
            ),
        ],
    ),
    (
        "meter-replaced",
        "Замена или поверка счётчика",
        "Счётчик заменили или поверили: его нужно ввести в учёт.",
        &[
            (
                "Подайте заявление с актом ввода в эксплуатацию или свидетельством о поверке",
                apply("meter"),
            ),
            (
                "Со следующего месяца передавайте показания нового счётчика",
                go(StepAction::Readings, "Подать показания"),
            ),
        ],
    ),
    (
        "owner-change",
        "Смена собственника",
        "Собственник сменился по наследству, дарению или договору.",
        &[
            (
                "Подайте заявление о смене собственника",
                apply("owner-change"),
            ),
            ("Или принесите документы на приём", book("owner-change")),
        ],
    ),
    (
        "long-absence",
        "Долгое отсутствие",
        "Вас не было дома больше 5 полных дней: можно пересчитать плату за коммунальные услуги.",
        &[
            (
                "Узнайте, не было ли недопоставки услуг в доме",
                go(StepAction::HouseInfo, "Информация по дому"),
            ),
            (
                "Подайте заявление на перерасчёт с подтверждающим документом",
                apply("recalculation"),
            ),
            (
                "Или приходите с документами на приём",
                book("recalculation"),
            ),
        ],
    ),
];

fn step_dto((text, link): &Step) -> SituationStepDto {
    SituationStepDto {
        text: (*text).to_string(),
        link: link.map(|Link(action, label, target)| StepLinkDto {
            action,
            label: label.to_string(),
            topic_id: (action == StepAction::Book)
                .then(|| target.map(str::to_string))
                .flatten(),
            application_kind_id: (action == StepAction::Apply)
                .then(|| target.map(str::to_string))
                .flatten(),
        }),
    }
}

/// Every situation with its steps.
pub fn situations() -> Vec<LifeSituationDto> {
    SITUATIONS
        .iter()
        .map(|(id, title, summary, steps)| LifeSituationDto {
            id: (*id).to_string(),
            title: (*title).to_string(),
            summary: (*summary).to_string(),
            steps: steps.iter().map(step_dto).collect(),
        })
        .collect()
}

/// «Жизненные ситуации»: what to do in each, step by step, with links to the services.
#[utoipa::path(
    get, path = "/api/v1/office/life-situations", operation_id = "listLifeSituations", tag = "office",
    responses((status = 200, description = "Жизненные ситуации с шагами и ссылками на услуги", body = Vec<LifeSituationDto>))
)]
pub async fn list() -> Json<Vec<LifeSituationDto>> {
    Json(situations())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::office::{forms, world};

    #[test]
    fn every_link_leads_to_a_topic_or_form_that_exists() {
        for situation in situations() {
            for link in situation.steps.iter().filter_map(|s| s.link.as_ref()) {
                match link.action {
                    StepAction::Book => {
                        assert!(world::topic(link.topic_id.as_deref().unwrap()).is_some())
                    }
                    StepAction::Apply => {
                        assert!(forms::kind(link.application_kind_id.as_deref().unwrap()).is_some())
                    }
                    _ => assert!(link.topic_id.is_none() && link.application_kind_id.is_none()),
                }
            }
        }
    }
}
