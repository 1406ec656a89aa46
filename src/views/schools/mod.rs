//! «Школы и Сады»: the children, «Школьное питание» and «Платные образовательные услуги».

mod attendance;
mod child;
mod history;
mod home;
mod limit;
mod meal_requests;
mod menu;
mod photo;
mod services;
mod top_up;

pub use attendance::AttendanceScreen;
pub use child::ChildScreen;
pub use history::MealHistoryScreen;
pub use home::SchoolsHome;
pub use limit::{MealLimitScreen, MealOutlookLine};
pub use meal_requests::MealRequestsScreen;
pub use menu::MenuScreen;
pub use photo::{ChildPhotoImg, PhotoScreen};
pub use services::PaidServicesScreen;
pub use top_up::TopUpScreen;
