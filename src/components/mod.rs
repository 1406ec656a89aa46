//! Reusable pieces of the screens.

mod act;
mod back_button;
mod bar_chart;
mod field;
mod fiscal_qr;
mod found_bills;
mod help_button;
mod history_button;
mod line_item;
mod live_search;
mod maintenance;
mod meter_field;
mod period;
mod photo_file;
mod receipt_body;
mod screen_focus;
mod spending_chart;
mod tab_bar;

pub use act::{use_act, Act};
pub use back_button::BackButton;
pub use bar_chart::{has_bars, BarChart, BarColumn, Piece};
pub use field::Field;
pub use fiscal_qr::FiscalQr;
pub use found_bills::FoundBills;
pub use help_button::HelpButton;
pub use history_button::HistoryButton;
pub use line_item::LineItem;
pub use live_search::{use_live_search, LiveSearch, SearchInput};
pub use maintenance::{Maintenance, MaintenanceBanner};
pub use meter_field::{confirm_toggle, typed_entries, MeterField};
pub use period::{PeriodButton, PeriodPicker};
pub use photo_file::read_chosen_photo;
pub use receipt_body::KeptReceipt;
pub use screen_focus::use_screen_focus;
pub use spending_chart::SpendingChart;
pub use tab_bar::TabBar;
