//! The instructions each section's «?» opens: the manual's steps, in the words of this app.

use ofis_domain::help::{FaqQuestion, HelpSection};

use super::FaqEntry;

/// A section's help: what to do, step by step, and the questions about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionHelp {
    pub title: &'static str,
    /// Each how-to with its steps.
    pub guides: Vec<Guide>,
    pub questions: Vec<FaqEntry>,
    /// Said when the questions are the copy kept on the device.
    pub offline: Option<&'static str>,
}

/// One how-to: a title and its numbered steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guide {
    pub title: &'static str,
    pub steps: &'static [&'static str],
}

const PAYMENTS: &[Guide] = &[
    Guide { title: "Сформировать общий счёт", steps: &[
        "Нажмите «+» в правом верхнем углу и выберите «Поиск по адресу» или «QR-код».",
        "Введите адрес или сфотографируйте QR-код с квитанции: все счета адреса войдут в общий счёт.",
        "Проверьте, все ли услуги вошли, и общую сумму к оплате. Выбор сохранится на следующий месяц.",
    ] },
    Guide { title: "Изменить общий счёт", steps: &[
        "Нажмите на счёт: «не платить» обнулит сумму, «удалить» уберёт счёт после «подтвердить».",
        "Нажмите на сумму, чтобы заплатить больше или меньше выставленной.",
        "Чтобы добавить услугу, нажмите «+» → «Поиск по лицевому счёту» или «Поиск по названию услуги».",
    ] },
    Guide { title: "Оплатить с показаниями счётчиков", steps: &[
        "Нажмите на счёт услуги со счётчиком и выберите «оплатить».",
        "Введите текущее показание в поле «конечное» (не «0»: например, «0,1»).",
        "Нажмите «Сохранить» и повторите для других счётчиков.",
        "Нажмите «Оплатить» внизу списка и введите данные карты.",
    ] },
];

const SUBSCRIBER: &[Guide] = &[Guide {
    title: "Передать показания без оплаты",
    steps: &[
        "Проверьте, что вверху выбран нужный адрес.",
        "Откройте «Подать показания ИПУ» и выберите счётчик.",
        "Введите показание и нажмите «Отправить». Лучше всего — с 15 по 25 число.",
    ],
}, Guide {
    title: "Узнать об отключениях в доме и перерасчёте",
    steps: &[
        "Выберите вверху адрес и откройте «Информация по дому»: акты о недопоставке, общедомовые счётчики, телефоны управляющей компании и аварийной службы.",
        "Действующий акт виден и в «Мои платежи» рядом со счётом за эту услугу, с оценкой перерасчёта.",
        "«Жизненные ситуации» подскажут, что сделать при переезде, покупке квартиры или долгом отсутствии, и откроют нужную услугу.",
    ],
}];

const SCHOOLS: &[Guide] = &[Guide { title: "Школьное питание", steps: &[
    "Выберите ребёнка: откроется его карточка с балансом и лимитом.",
    "«Пополнить» — введите сумму и оплатите картой; пока столовая не зачислит деньги, платёж «В обработке».",
    "«История операций», «Меню», «Лимит питания», «Заявки по питанию» — в карточке ребёнка; период истории меняется кнопкой «часы».",
] }];

const TRANSPORT: &[Guide] = &[Guide {
    title: "Пополнение транспортной карты",
    steps: &[
        "Раздел появится в следующей версии приложения.",
        "Понадобится номер карты — 19 знаков на её оборотной стороне.",
    ],
}];

/// The help of `section`, linking the questions tagged with it.
pub(super) fn help(
    section: HelpSection,
    questions: &[FaqQuestion],
    offline: Option<&'static str>,
) -> SectionHelp {
    let guides = match section {
        HelpSection::Payments => PAYMENTS,
        HelpSection::Subscriber => SUBSCRIBER,
        HelpSection::Schools => SCHOOLS,
        HelpSection::Transport => TRANSPORT,
    };
    SectionHelp {
        title: section.title(),
        guides: guides.to_vec(),
        questions: questions
            .iter()
            .filter(|q| q.sections.contains(&section))
            .map(FaqEntry::from)
            .collect(),
        offline,
    }
}
