use super::*;

fn q(id: &str, question: &str, answer: &str) -> FaqQuestion {
    FaqQuestion {
        id: id.into(),
        category_id: "c".into(),
        category_title: "К".into(),
        question: question.into(),
        answer: answer.into(),
        sections: vec![HelpSection::Payments],
    }
}

fn fixture() -> Vec<FaqQuestion> {
    vec![
        q(
            "sign-in",
            "Как войти в приложение?",
            "Введите номер телефона и код из СМС.",
        ),
        q(
            "pay",
            "Как оплатить общий счёт?",
            "Проверьте сумму и нажмите «Оплатить» внизу списка.",
        ),
        q(
            "paid-not-shown",
            "Я оплатил, а оплата не видна",
            "Информация о платежах обновляется не сразу.",
        ),
        q(
            "readings",
            "Как передать показания счётчиков?",
            "Введите показание в поле «конечное».",
        ),
        q(
            "zero",
            "Можно ли передать показание «0»?",
            "С оплатой нельзя: введите 0,1.",
        ),
        q(
            "delete",
            "Как удалить услугу из общего счёта?",
            "Нажмите на счёт и выберите «удалить».",
        ),
        q(
            "top-up",
            "Как пополнить счёт ребёнка?",
            "В «Школы и Сады» нажмите «Пополнить».",
        ),
    ]
}

#[test]
fn word_forms_share_a_stem() {
    let table: &[(&[&str], &str)] = &[
        (
            &[
                "оплатил",
                "оплата",
                "оплатить",
                "оплатите",
                "оплатила",
                "оплаты",
                "оплатой",
            ],
            "оплат",
        ),
        (
            &[
                "показания",
                "показание",
                "показаний",
                "показаниями",
                "показать",
            ],
            "показ",
        ),
        (&["счётчик", "счетчики", "счётчика", "счетчиков"], "счетчик"),
        (&["удалить", "удалил", "удаление", "удалите"], "удал"),
        (
            &["пополнить", "пополнение", "пополнил", "пополните"],
            "пополн",
        ),
        (&["квитанция", "квитанции", "квитанцию"], "квитанц"),
        (&["ИПУ", "сад"], ""),
    ];
    for (forms, expected) in table {
        for form in *forms {
            let want = if expected.is_empty() {
                form.to_lowercase()
            } else {
                expected.to_string()
            };
            assert_eq!(stem(form), want, "stem of «{form}»");
        }
    }
}

#[test]
fn stop_words_and_repeats_are_dropped() {
    assert_eq!(stems("Как оплатить, если я оплатил?"), vec!["оплат"]);
    assert_eq!(stems("не платить"), vec!["не", "плат"]);
}

#[test]
fn ranking_table_puts_the_expected_question_first() {
    let questions = fixture();
    let table = [
        ("оплатил, не видно", "paid-not-shown"),
        ("оплатил", "paid-not-shown"),
        ("оплатить", "pay"),
        ("оплата не видна", "paid-not-shown"),
        ("оплатите общий счет", "pay"),
        ("показание 0", "zero"),
        ("передать показания", "readings"),
        ("удаление услуги", "delete"),
        ("пополнение ребенку", "top-up"),
        ("вход по смс", "sign-in"),
        ("конечное", "readings"),
        ("пополн", "top-up"),
    ];
    for (query, expected) in table {
        let hits = rank(&questions, query);
        assert_eq!(
            hits.first().map(|h| h.question.id.as_str()),
            Some(expected),
            "top question for «{query}»: {hits:?}"
        );
    }
}

#[test]
fn word_forms_find_the_same_questions() {
    let questions = fixture();
    let ids = |query: &str| {
        let mut ids: Vec<String> = rank(&questions, query)
            .into_iter()
            .map(|h| h.question.id.clone())
            .collect();
        ids.sort();
        ids
    };
    let expected = ids("оплата");
    assert!(
        expected.contains(&"pay".to_string()) && expected.contains(&"paid-not-shown".to_string())
    );
    for form in ["оплатил", "оплатить", "оплатите", "Оплатила"] {
        assert_eq!(ids(form), expected, "«{form}»");
    }
}

#[test]
fn a_query_that_matches_nothing_finds_nothing() {
    assert!(rank(&fixture(), "трамвай").is_empty());
    assert!(rank(&fixture(), "").is_empty());
}

#[test]
fn a_word_in_the_question_outweighs_one_in_the_answer() {
    let questions = vec![q("a", "Про сумму", "оплата"), q("b", "Оплата", "про сумму")];
    let hits = rank(&questions, "оплата ");
    assert_eq!(hits[0].question.id, "b");
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn sections_round_trip_through_their_slugs() {
    for s in HelpSection::ALL {
        assert_eq!(HelpSection::from_slug(s.slug()), Some(s));
    }
    assert_eq!(HelpSection::from_slug("nope"), None);
}
