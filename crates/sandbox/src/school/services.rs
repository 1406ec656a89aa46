//! Paid education services: who is enrolled in which month, what was charged, paid, posted.
//! Payments through orders stay "processing" until the monthly posting: the 10th of the month
//! after the payment (the manual warns it can take a month).

use chrono::NaiveDate;
use ofis_api::{PaidServiceDto, ServiceRequestKind, ServiceRequestState, ServiceState};
use ofis_domain::{Money, Period};

use super::world::{Child, Service, SERVICES};
use super::{school_year_start, total, SchoolState};

/// The day of the month payments of the month before are posted.
pub const POSTING_DAY: u32 = 10;

/// A payment of a service through an order.
#[derive(Clone, Debug)]
pub(crate) struct ServicePayment {
    pub child: &'static str,
    pub service: &'static str,
    pub amount: Money,
    pub paid_on: NaiveDate,
    pub order_id: String,
}

impl ServicePayment {
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "child": self.child, "service": self.service, "amount": self.amount,
            "paid_on": self.paid_on, "order_id": self.order_id,
        })
    }

    /// The day the monthly posting takes it in.
    pub fn posts_on(&self) -> NaiveDate {
        let next = Period::of(self.paid_on).next();
        NaiveDate::from_ymd_opt(next.year(), next.month(), POSTING_DAY).unwrap_or(self.paid_on)
    }
}

/// The approved requests of a child for a service, as (decided on, enrol?), in order.
fn approved(
    school: &SchoolState,
    child: &Child,
    service: &Service,
    today: NaiveDate,
) -> Vec<(NaiveDate, bool)> {
    school
        .service_requests
        .iter()
        .filter(|(c, r)| c == child.id && r.service_id == service.id && r.decided_on <= today)
        .map(|(_, r)| (r.decided_on, r.kind == ServiceRequestKind::Enrol))
        .collect()
}

/// Whether the child is charged for a service in a month: enrolled from the month an enrolment
/// is approved, charged through the month a leave is approved.
fn enrolled_in(
    child: &Child,
    service: &Service,
    decisions: &[(NaiveDate, bool)],
    p: Period,
) -> bool {
    let mut on = child.services.contains(&service.id);
    for &(day, enrol) in decisions {
        let decided = Period::of(day);
        if enrol && decided <= p {
            on = true;
        } else if !enrol && decided < p {
            on = false;
        }
    }
    on
}

/// Where a request made today would stand, and the state of a request by its decision day.
pub(crate) fn request_state(decided_on: NaiveDate, today: NaiveDate) -> ServiceRequestState {
    if decided_on <= today {
        ServiceRequestState::Approved
    } else {
        ServiceRequestState::Pending
    }
}

/// Whether the child attends the service today (after every approved request).
pub(crate) fn enrolled_now(
    school: &SchoolState,
    child: &Child,
    service: &Service,
    today: NaiveDate,
) -> bool {
    approved(school, child, service, today)
        .last()
        .map_or(child.services.contains(&service.id), |&(_, enrol)| enrol)
}

/// Whether the child was charged for the service in the month of `day`.
pub(crate) fn enrolled_on(
    school: &SchoolState,
    child: &Child,
    service: &Service,
    day: NaiveDate,
    today: NaiveDate,
) -> bool {
    enrolled_in(
        child,
        service,
        &approved(school, child, service, today),
        Period::of(day),
    )
}

/// One service as the parent sees it today.
pub(crate) fn account(
    school: &SchoolState,
    child: &Child,
    service: &Service,
    today: NaiveDate,
) -> PaidServiceDto {
    let decisions = approved(school, child, service, today);
    let current = Period::of(today);
    let months: Vec<Period> =
        std::iter::successors(Some(Period::of(school_year_start(today))), |p| {
            Some(p.next())
        })
        .take_while(|p| *p <= current)
        .collect();
    let charged = |p: &Period| enrolled_in(child, service, &decisions, *p);
    let charges = total(
        months
            .iter()
            .filter(|p| charged(p))
            .map(|_| service.monthly_charge),
    );
    // Months before the sandbox started were paid at the bank, but for the last one of a
    // service in arrears.
    let last_paid = if child.in_arrears.contains(&service.id) {
        school.seed_period.previous()
    } else {
        school.seed_period
    };
    let seeded = total(
        months
            .iter()
            .filter(|p| **p < last_paid && child.services.contains(&service.id))
            .map(|_| service.monthly_charge),
    );
    let mine = school
        .service_payments
        .iter()
        .filter(|p| p.child == child.id && p.service == service.id);
    let (posted, processing): (Vec<&ServicePayment>, Vec<&ServicePayment>) =
        mine.partition(|p| p.posts_on() <= today);
    let paid = seeded + total(posted.iter().map(|p| p.amount));
    PaidServiceDto {
        id: service.id.to_string(),
        name: service.name.to_string(),
        schedule: service.schedule.to_string(),
        monthly_charge: service.monthly_charge,
        owed: charges - paid,
        paid,
        processing: total(processing.iter().map(|p| p.amount)),
        state: if enrolled_now(school, child, service, today) {
            ServiceState::Enrolled
        } else {
            ServiceState::NotEnrolled
        },
    }
}

/// Every service of the school, for a child.
pub(crate) fn accounts(
    school: &SchoolState,
    child: &Child,
    today: NaiveDate,
) -> Vec<PaidServiceDto> {
    SERVICES
        .iter()
        .map(|s| account(school, child, s, today))
        .collect()
}

/// Whether a child has (or had this year) any paid service.
pub(crate) fn has_services(school: &SchoolState, child: &Child) -> bool {
    !child.services.is_empty() || school.service_requests.iter().any(|(c, _)| c == child.id)
}
