//! «Школы и Сады»: the children, «Школьное питание» and «Платные образовательные услуги».

mod attendance;
mod child;
mod home;
mod services;

pub use attendance::AttendanceScreen;
pub use child::ChildScreen;
pub use home::SchoolsHome;
pub use services::PaidServicesScreen;
