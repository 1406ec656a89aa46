//! «Вопрос-ответ» and the help of each section.

mod faq;
mod question;
mod section;

pub use faq::FaqScreen;
pub use question::FaqQuestionScreen;
pub use section::SectionHelpScreen;
