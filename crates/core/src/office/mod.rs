//! «Абоненту»: the office's services — «Электронное заявление» (apply), and more.

mod applications;
mod applications_send;
mod applications_status;

pub use applications::{check_application, file_type, ChosenFile, FormErrors, ATTACHMENTS_FIELD};
pub use applications_send::{ApplicationOutcome, APPLICATION_QUEUED};
pub use applications_status::{
    status_label, ApplicationRow, MyApplications, RowStatus, APPLICATIONS_OFFLINE,
};
