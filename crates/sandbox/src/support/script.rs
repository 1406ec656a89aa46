//! What support answers: a fixed script, so tests know the words.

use ofis_api::SupportMessageDto;

/// The opening words of every answer.
pub const GREETING: &str = "Здравствуйте! Это служба поддержки «Город».";

/// The answer to the messages waiting for one.
pub fn answer(waiting: &[&SupportMessageDto]) -> String {
    let photo = waiting.iter().any(|m| m.attachment.is_some());
    let mut text = format!("{GREETING} Мы получили ваше обращение");
    if photo {
        text.push_str(" и фотографию");
    }
    text.push_str(". ");
    let all: String = waiting
        .iter()
        .map(|m| m.text.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    if all.contains("оплат") || all.contains("карт") {
        text.push_str(
            "Если деньги списаны, а платёж не отражён, он появится в течение суток — чек придёт в «Историю». ",
        );
    } else if all.contains("показан") || all.contains("счётчик") || all.contains("счетчик")
    {
        text.push_str("Показания принимаются с 15 по 25 число каждого месяца. ");
    }
    text.push_str("Если вопрос остался, напишите нам подробнее.");
    text
}
