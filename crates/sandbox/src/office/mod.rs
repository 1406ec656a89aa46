//! «Абоненту» in the sandbox: the subscriber office of АО «Система «Город».
//!
//! «Предварительная запись»: the offices and topics of [`world`], a slot calendar from the
//! sandbox clock ([`calendar`]: working hours, lunch, holidays, each slot's capacity, places
//! already taken by other residents derived from the office and the slot alone), bookings with
//! cancel and reschedule ([`api_booking`]), the `.ics` of a booking ([`ics`]) and the waitlist
//! for an earlier slot ([`api_waitlist`]).
//!
//! «Электронное заявление»: the kinds and their forms ([`forms`]), attachments, applications
//! whose status moves with the sandbox clock ([`api_applications`]).
//!
//! «Квитанция» ([`bill_document`]) with its duplicate by e-mail; «Копия чека об оплате»
//! ([`payments`]): payments from every channel and a receipt copy by e-mail.
//!
//! «Информация по дому» ([`house`]): under-supply acts, common-house meters, organisations.
//!
//! «Электронная квитанция» ([`ebill`]): the e-mail bill and its cut-off day.
//!
//! «Жизненные ситуации» ([`situations`]): steps linked to the services above.

pub(crate) mod api_applications;
pub(crate) mod api_booking;
pub(crate) mod api_waitlist;
pub(crate) mod bill_document;
pub(crate) mod calendar;
pub(crate) mod ebill;
pub(crate) mod forms;
pub(crate) mod house;
pub(crate) mod ics;
pub(crate) mod payments;
pub(crate) mod situations;
pub mod world;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use ofis_api::{ApplicationDto, AttachmentDto, WaitlistEntryDto};

/// One booking made through the API.
#[derive(Clone, Debug)]
pub(crate) struct Booking {
    pub owner: String,
    pub id: String,
    pub office: &'static world::Office,
    pub topic: &'static world::Topic,
    pub starts_at: NaiveDateTime,
    pub cancelled: bool,
    pub created_at: DateTime<Utc>,
}

/// A file uploaded for an application (its bytes are not kept).
#[derive(Clone, Debug)]
pub(crate) struct StoredAttachment {
    pub owner: String,
    pub dto: AttachmentDto,
    /// Whether an application carries it already.
    pub used: bool,
}

/// An application sent, with the decision the office will give.
#[derive(Clone, Debug)]
pub(crate) struct Application {
    pub owner: String,
    pub submitted_on: NaiveDate,
    /// `Ok(answer)`: done; `Err(answer)`: refused.
    pub decision: Result<String, String>,
    /// As sent (status and history are derived from the clock).
    pub dto: ApplicationDto,
}

/// What the subscriber office remembers.
#[derive(Default)]
pub(crate) struct OfficeState {
    /// Bookings, oldest first.
    pub bookings: Vec<Booking>,
    /// `(phone, Idempotency-Key)` → (the request it answered, the booking id).
    pub booking_keys: HashMap<(String, String), (String, String)>,
    /// Waitlist entries by owner, oldest first.
    pub waitlist: Vec<(String, WaitlistEntryDto)>,
    /// Files uploaded for applications, oldest first.
    pub attachments: Vec<StoredAttachment>,
    /// Applications, oldest first.
    pub applications: Vec<Application>,
    /// `(phone, Idempotency-Key)` → (the request it answered, the application id).
    pub application_keys: HashMap<(String, String), (String, String)>,
    /// «Электронная квитанция» by account number.
    pub ebill: HashMap<String, ebill::EBillSetting>,
    /// The last number used in an id.
    pub last_id: u64,
}

impl OfficeState {
    /// A fresh id: `prefix-N`.
    pub fn next_id(&mut self, prefix: &str) -> String {
        self.last_id += 1;
        format!("{prefix}-{}", self.last_id)
    }

    /// Every record, as JSON (attachments by size only: their bytes are not kept).
    pub fn records_json(&self) -> serde_json::Value {
        let OfficeState {
            bookings,
            booking_keys,
            waitlist,
            attachments,
            applications,
            application_keys,
            ebill,
            last_id,
        } = self;
        let sorted_keys = |keys: &HashMap<(String, String), (String, String)>| {
            let mut keys: Vec<_> = keys.iter().collect();
            keys.sort();
            serde_json::json!(keys)
        };
        serde_json::json!({
            "bookings": bookings.iter().map(|b| serde_json::json!({
                "id": b.id, "owner": b.owner, "office": b.office.id, "topic": b.topic.id,
                "starts_at": b.starts_at, "cancelled": b.cancelled, "created_at": b.created_at,
            })).collect::<Vec<_>>(),
            "booking_keys": sorted_keys(booking_keys),
            "waitlist": waitlist,
            "attachments": attachments.iter().map(|a| (&a.owner, &a.dto, a.used)).collect::<Vec<_>>(),
            "applications": applications.iter().map(|a| serde_json::json!({
                "owner": a.owner, "submitted_on": a.submitted_on, "decision": a.decision,
                "dto": a.dto,
            })).collect::<Vec<_>>(),
            "application_keys": sorted_keys(application_keys),
            "ebill": ebill.iter().collect::<std::collections::BTreeMap<_, _>>(),
            "last_id": last_id,
        })
    }
}
