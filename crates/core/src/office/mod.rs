//! «Абоненту»: the services of the subscriber office of АО «Система «Город» as view models the
//! screens render — «Предварительная запись», «Электронное заявление», «Квитанция», «Копия чека
//! об оплате», «Электронная квитанция», «Информация по дому», «Жизненные ситуации».

mod application_kind;
mod applications;
mod applications_send;
mod applications_status;
mod booking;
mod booking_remind;
mod booking_view;
mod documents;
mod documents_payments;
mod ebill;
mod house;
mod house_acts;
mod situations;

pub use application_kind::{ApplicationKind, FieldInput, FormField};
pub use applications::{check_application, file_type, ChosenFile, FormErrors, ATTACHMENTS_FIELD};
pub use applications_send::{ApplicationOutcome, APPLICATION_QUEUED};
pub use applications_status::{
    status_label, ApplicationRow, ApplicationStage, MyApplications, RowStatus, APPLICATIONS_OFFLINE,
};
pub use booking_view::{
    Booking, BookingAnswer, BookingForm, BookingOffice, BookingTopic, FreeSlot, MyBookings,
    SlotDay, WaitlistRow,
};
pub use documents::{bill_periods, BillView, BillViewLine, DocsError, GorodAccount, PeriodChoice};
pub use documents_payments::{PaymentRow, PaymentSearch};
pub use ebill::{first_e_bill_period, EBillView};
pub use house::{ActRow, HouseInfo, HouseMeter, HouseMeterRow, Organisation};
pub use house_acts::{acts_beside_bill, ActEstimate, BillAct};
pub use situations::{step_path, Situation, SituationStep, StepLink};
