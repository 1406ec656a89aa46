//! A booking as an iCalendar file (RFC 5545), written by hand: one VEVENT with the office's
//! address, the topic, the documents to bring and a reminder the day before. Lines are folded
//! at 75 octets on character boundaries, text values escaped.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::calendar::slot_end;
use super::Booking;

/// `YYYYMMDDTHHMMSSZ` of a local time of Asia/Yekaterinburg.
fn utc_stamp(local: NaiveDateTime) -> String {
    let utc = local
        .and_local_timezone(ofis_domain::tz::offset())
        .single()
        .map_or_else(|| local.and_utc(), |t| t.to_utc());
    stamp(utc)
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value escaped (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so that no line passes 75 octets (§3.1), ending with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// The calendar file of a booking.
pub fn booking_ics(booking: &Booking) -> String {
    let office = booking.office;
    let mut description = format!("Тема: {}\nВозьмите с собой:", booking.topic.name);
    for document in booking.topic.documents {
        description.push_str("\n— ");
        description.push_str(document);
    }
    description.push_str(&format!("\nТелефон: {}", office.phone));
    let status = if booking.cancelled {
        "CANCELLED"
    } else {
        "CONFIRMED"
    };
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Sistema Gorod//Sandbox//RU".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}@office.gorod-sandbox", booking.id),
        format!("DTSTAMP:{}", stamp(booking.created_at)),
        format!("DTSTART:{}", utc_stamp(booking.starts_at)),
        format!("DTEND:{}", utc_stamp(slot_end(booking.starts_at))),
        format!(
            "SUMMARY:{}",
            escape(&format!(
                "Приём в абонентском отделе: {}",
                booking.topic.name
            ))
        ),
        format!(
            "LOCATION:{}",
            escape(&format!("{}, {}", office.name, office.address))
        ),
        format!("DESCRIPTION:{}", escape(&description)),
        format!("STATUS:{status}"),
        "BEGIN:VALARM".to_string(),
        "ACTION:DISPLAY".to_string(),
        "TRIGGER:-P1D".to_string(),
        format!(
            "DESCRIPTION:{}",
            escape("Завтра приём в абонентском отделе")
        ),
        "END:VALARM".to_string(),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ];
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_on_characters_and_text_is_escaped() {
        let mut out = String::new();
        let line = format!("DESCRIPTION:{}", escape(&"Паспорт, квитанция; ".repeat(8)));
        fold(&line, &mut out);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{physical:?}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.strip_suffix("\r\n"), Some(line.as_str()));
        assert!(line.contains("Паспорт\\, квитанция\\; "));
    }
}
