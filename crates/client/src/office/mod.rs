//! «Абоненту» calls of the Город API: «Предварительная запись» ([`booking`]), «Электронное
//! заявление» ([`applications`]), «Квитанция» and «Копия чека об оплате» ([`documents`]),
//! «Электронная квитанция» ([`ebill`]), «Информация по дому» ([`house`]), «Жизненные ситуации»
//! ([`situations`]).

mod applications;
mod booking;
mod documents;
mod ebill;
mod house;
mod situations;

pub use booking::BookingOutcome;
