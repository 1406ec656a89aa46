//! «Абоненту» on the wire: the subscriber office of АО «Система «Город» — «Предварительная
//! запись» (offices, topics, slots, bookings, the waitlist), «Электронное заявление» (kinds and
//! their forms, attachments, applications and their status), «Квитанция», «Копия чека
//! об оплате», «Информация по дому»,
//! «Электронная квитанция», «Жизненные ситуации».

mod applications;
mod booking;
mod documents;
mod ebill;
mod house;
pub mod paths;
mod situations;

pub use applications::*;
pub use booking::*;
pub use documents::*;
pub use ebill::*;
pub use house::*;
pub use situations::*;
