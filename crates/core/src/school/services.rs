//! «Платные образовательные услуги»: the child's services (кружки, продлёнка) with what is
//! charged, owed and paid; paying them through the one engine; requests to enrol or leave; and
//! attendance.

use chrono::NaiveDate;
use ofis_api::{AttendanceMark, ServiceRequestKind, ServiceRequestState, ServiceState};
use ofis_domain::{Bill, Money};
use tracing::instrument;

use crate::app::Ofis;
use crate::error::CoreError;
use crate::payment::PaymentTicket;

/// One paid service of the child's school, and where the child stands with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaidService {
    pub id: String,
    /// «Робототехника».
    pub name: String,
    /// «Пн, Ср 15:00».
    pub schedule: String,
    pub monthly_charge: Money,
    /// Charged and not covered by posted payments.
    pub owed: Money,
    /// Posted payments of the school year.
    pub paid: Money,
    /// Paid and not posted yet: the school posts payments monthly, on the 10th.
    pub processing: Money,
    /// Whether the child attends it.
    pub enrolled: bool,
}

/// The services and the bills that can be paid for them now.
#[derive(Clone, Debug, PartialEq)]
pub struct PaidServices {
    pub services: Vec<PaidService>,
    /// One bill per service with something left to pay this month.
    pub to_pay: Vec<Bill>,
}

/// A request to enrol in a service or to leave it, as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceRequest {
    pub id: String,
    pub service_name: String,
    /// «Запись» or «Отказ».
    pub what: &'static str,
    /// «На рассмотрении» or «Одобрена».
    pub state: &'static str,
    /// The school day it is (or will be) decided on.
    pub decided_on: NaiveDate,
}

/// Whether the child came to one lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attended {
    Present,
    Absent,
    /// Absent, with a «болеет» cancel for the day.
    Sick,
}

impl Attended {
    /// As the attendance list says it.
    pub fn label_ru(self) -> &'static str {
        match self {
            Attended::Present => "был",
            Attended::Absent => "не был",
            Attended::Sick => "болел",
        }
    }
}

/// One lesson of a service that took place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttendanceDay {
    pub day: NaiveDate,
    pub service_name: String,
    pub mark: Attended,
}

impl Ofis {
    /// The child's paid services, and the bills that can be paid for them now.
    #[instrument(skip(self))]
    pub async fn paid_services(&self, child_id: &str) -> Result<PaidServices, CoreError> {
        let gorod = &self.inner.gorod;
        let (services, bills) =
            tokio::try_join!(gorod.paid_services(child_id), gorod.service_bills(child_id))?;
        let to_pay = crate::finding::domain_bills(bills)?;
        let services = services
            .into_iter()
            .map(|s| PaidService {
                enrolled: s.state == ServiceState::Enrolled,
                id: s.id,
                name: s.name,
                schedule: s.schedule,
                monthly_charge: s.monthly_charge,
                owed: s.owed,
                paid: s.paid,
                processing: s.processing,
            })
            .collect();
        Ok(PaidServices { services, to_pay })
    }

    /// Pays the chosen bills of the child's services, as one order through the one engine.
    pub async fn pay_services(&self, bills: Vec<Bill>) -> Result<PaymentTicket, CoreError> {
        self.start_payment_of(bills).await
    }

    /// The child's requests to enrol in services or to leave them, newest first.
    #[instrument(skip(self))]
    pub async fn service_requests(&self, child_id: &str) -> Result<Vec<ServiceRequest>, CoreError> {
        let requests = self.inner.gorod.service_requests(child_id).await?;
        Ok(requests.into_iter().map(request_row).collect())
    }

    /// «Записаться» (`enrol`) or «Отказаться» from a service: a request the school decides on.
    #[instrument(skip(self))]
    pub async fn request_service(
        &self,
        child_id: &str,
        service_id: &str,
        enrol: bool,
    ) -> Result<ServiceRequest, CoreError> {
        let kind = if enrol {
            ServiceRequestKind::Enrol
        } else {
            ServiceRequestKind::Leave
        };
        let made = self
            .inner
            .gorod
            .request_service(child_id, service_id, kind)
            .await?;
        Ok(request_row(made))
    }

    /// «Посещаемость» from `from` to `to`, by day, oldest first.
    #[instrument(skip(self))]
    pub async fn attendance(
        &self,
        child_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<AttendanceDay>, CoreError> {
        if from > to {
            return Err(super::SchoolError::PeriodReversed.into());
        }
        let mut days: Vec<AttendanceDay> = self
            .inner
            .gorod
            .attendance(child_id, Some(from), Some(to))
            .await?
            .into_iter()
            .map(|a| AttendanceDay {
                day: a.day,
                service_name: a.service_name,
                mark: match a.mark {
                    AttendanceMark::Present => Attended::Present,
                    AttendanceMark::Absent => Attended::Absent,
                    AttendanceMark::Sick => Attended::Sick,
                },
            })
            .collect();
        days.sort_by(|a, b| (a.day, &a.service_name).cmp(&(b.day, &b.service_name)));
        Ok(days)
    }
}

fn request_row(r: ofis_api::ServiceRequestDto) -> ServiceRequest {
    ServiceRequest {
        id: r.id,
        service_name: r.service_name,
        what: match r.kind {
            ServiceRequestKind::Enrol => "Запись",
            ServiceRequestKind::Leave => "Отказ",
        },
        state: match r.state {
            ServiceRequestState::Pending => "На рассмотрении",
            ServiceRequestState::Approved => "Одобрена",
        },
        decided_on: r.decided_on,
    }
}
