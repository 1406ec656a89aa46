//! «Школы и Сады»: the children, «Школьное питание» and «Платные образовательные услуги».

mod child;
mod home;

pub use child::ChildScreen;
pub use home::SchoolsHome;
