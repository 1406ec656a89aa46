//! «Вопрос-ответ», «Написать» and the help of each section.

mod chat;
mod chat_parts;
mod faq;
mod question;
mod section;

pub use chat::SupportChatScreen;
pub use faq::FaqScreen;
pub use question::FaqQuestionScreen;
pub use section::SectionHelpScreen;
