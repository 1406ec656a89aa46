//! Reusable pieces of the screens.

mod field;
mod line_item;
mod tab_bar;

pub use field::Field;
pub use line_item::LineItem;
pub use tab_bar::TabBar;
