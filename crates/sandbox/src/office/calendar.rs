//! The slot calendar: which slots an office has on a day, how many places other residents took
//! (derived from the office and the slot alone, so the same date shows the same calendar), and
//! how many are left once the bookings made through the API are counted.

use chrono::{Days, NaiveDate, NaiveDateTime};
use ofis_api::{SlotDayDto, SlotDto};

use super::world::{closed_because, Office, SLOT_MINUTES};
use super::OfficeState;
use crate::town::fnv1a;

/// How far ahead a slot may be booked, in days from today.
pub const HORIZON_DAYS: u64 = 30;
/// How many free slots a refusal offers instead.
const OFFERED: usize = 3;

/// The end of a slot that starts at `start`.
pub fn slot_end(start: NaiveDateTime) -> NaiveDateTime {
    start + chrono::Duration::minutes(i64::from(SLOT_MINUTES))
}

/// Whether `start` is the start of one of the office's slots.
pub fn is_slot(office: &Office, start: NaiveDateTime) -> bool {
    office.slot_starts(start.date()).contains(&start.time())
}

/// Places of a slot taken by residents who booked by phone or at the office: every third slot
/// or so is full, the others partly taken.
fn taken_by_others(office: &Office, start: NaiveDateTime) -> u32 {
    let h = fnv1a(format!("{}|{start}", office.id).as_bytes());
    let taken = h % u64::from(office.windows + 2);
    u32::try_from(taken).map_or(office.windows, |t| t.min(office.windows))
}

/// Places left in a slot.
pub fn free_places(state: &OfficeState, office: &Office, start: NaiveDateTime) -> u32 {
    let ours = state
        .bookings
        .iter()
        .filter(|b| !b.cancelled && b.office.id == office.id && b.starts_at == start)
        .count();
    let ours = u32::try_from(ours).unwrap_or(u32::MAX);
    office
        .windows
        .saturating_sub(taken_by_others(office, start))
        .saturating_sub(ours)
}

/// The slot as the API shows it.
pub fn slot_dto(state: &OfficeState, office: &Office, start: NaiveDateTime) -> SlotDto {
    SlotDto {
        starts_at: start,
        ends_at: slot_end(start),
        capacity: office.windows,
        free: free_places(state, office, start),
    }
}

/// Whether a slot is still ahead of `now` (local) and within the booking horizon.
pub fn bookable(start: NaiveDateTime, now: NaiveDateTime) -> bool {
    start > now && start.date() <= now.date() + Days::new(HORIZON_DAYS)
}

/// The office's days from `from` to `to`, each with its slots still ahead of `now`.
pub fn days(
    state: &OfficeState,
    office: &Office,
    (from, to): (NaiveDate, NaiveDate),
    now: NaiveDateTime,
) -> Vec<SlotDayDto> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .map(|day| SlotDayDto {
            day,
            closed: closed_because(day).map(str::to_string),
            slots: office
                .slot_starts(day)
                .into_iter()
                .map(|t| day.and_time(t))
                .filter(|s| bookable(*s, now))
                .map(|s| slot_dto(state, office, s))
                .collect(),
        })
        .collect()
}

/// The next free slots after `after` (and after `now`), up to three, within the horizon.
pub fn next_free(
    state: &OfficeState,
    office: &Office,
    after: NaiveDateTime,
    now: NaiveDateTime,
) -> Vec<SlotDto> {
    let last = now.date() + Days::new(HORIZON_DAYS);
    after
        .date()
        .iter_days()
        .take_while(|d| *d <= last)
        .flat_map(|day| {
            office
                .slot_starts(day)
                .into_iter()
                .map(move |t| day.and_time(t))
        })
        .filter(|s| *s > after && bookable(*s, now))
        .map(|s| slot_dto(state, office, s))
        .filter(|s| s.free > 0)
        .take(OFFERED)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::office::world::OFFICES;

    #[test]
    fn the_calendar_has_full_and_free_slots_and_offers_the_next_free() {
        let state = OfficeState::default();
        let office = &OFFICES[1];
        let now: NaiveDateTime = "2026-12-02T08:00:00".parse().unwrap();
        let days = days(&state, office, (now.date(), now.date() + Days::new(6)), now);
        let slots: Vec<_> = days.iter().flat_map(|d| &d.slots).collect();
        let full = slots.iter().find(|s| s.free == 0).expect("a full slot");
        assert!(slots.iter().any(|s| s.free == 1));
        let next = next_free(&state, office, full.starts_at, now);
        assert_eq!(next.len(), 3);
        assert!(next
            .iter()
            .all(|s| s.free > 0 && s.starts_at > full.starts_at));
        // Saturday and Sunday have no slots and say why.
        let saturday = days
            .iter()
            .find(|d| d.day.to_string() == "2026-12-05")
            .unwrap();
        assert_eq!(
            (saturday.closed.as_deref(), saturday.slots.len()),
            (Some("Выходной"), 0)
        );
    }
}
