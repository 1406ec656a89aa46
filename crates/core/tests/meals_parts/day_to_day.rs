//! The day-to-day of «Школьное питание»: the daily limit, meal requests before and after the
//! cut-off, the menu of a day, and the child's photo.

use chrono::NaiveDate;
use ofis_core::{CoreError, SchoolError};
use ofis_domain::Money;

use super::{day, dec, message, parent, ARTEM, MARIA};

#[tokio::test]
async fn the_limit_is_checked_here_then_kept_by_the_server() {
    let (sandbox, _dir, ofis) = parent().await;
    let shown = ofis.meal_limit(MARIA).await.unwrap();
    assert_eq!(shown.daily_limit, Some(Money::from_whole_roubles(300)));
    assert_eq!(shown.summary, "Лимит на день: 300,00 ₽");

    for (typed, expected) in [("0", "больше нуля"), ("20000", "не может быть больше")]
    {
        let e = ofis.set_meal_limit(MARIA, typed).await.unwrap_err();
        assert!(
            matches!(e, CoreError::School(SchoolError::Limit(_))),
            "{e:?}"
        );
        assert!(message(&e).contains(expected), "{}", message(&e));
    }
    let set = ofis.set_meal_limit(MARIA, "150,50").await.unwrap();
    assert_eq!(set.daily_limit, Some(Money::parse_input("150,50").unwrap()));
    let card = ofis.child(MARIA).await.unwrap();
    assert_eq!(
        card.daily_limit, set.daily_limit,
        "the card shows the new limit"
    );

    let lifted = ofis.set_meal_limit(MARIA, " ").await.unwrap();
    assert_eq!(lifted.daily_limit, None);
    assert_eq!(lifted.summary, "Лимит питания не установлен");
    assert_eq!(ofis.meal_limit(MARIA).await.unwrap().daily_limit, None);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn meal_requests_are_taken_before_the_cut_off_and_refused_after_it_naming_it() {
    let (sandbox, _dir, ofis) = parent().await;
    // Friday's cut-off is 10:00 on Thursday: open on the demo date (Wednesday).
    let ordered = ofis.order_meals(MARIA, day(27)).await.unwrap();
    assert_eq!(ordered.message, "Заявка принята: 27.11.2026");
    let rows = ofis.meal_requests(MARIA).await.unwrap();
    let row = rows.iter().find(|r| r.day == day(27)).expect("the request");
    assert_eq!(
        (row.what.as_str(), row.state.as_str()),
        ("Питание заказано", "Действует")
    );
    assert_eq!(row.day_text, "пт, 27.11.2026");
    assert!(row.can_withdraw, "{row:?}");
    assert_eq!(row.cut_off, "Изменить можно до 10:00 26.11.2026");

    ofis.withdraw_meal_request(MARIA, &row.id).await.unwrap();
    let rows = ofis.meal_requests(MARIA).await.unwrap();
    let withdrawn = rows.iter().find(|r| r.id == row.id).unwrap();
    assert_eq!(withdrawn.state, "Отозвана");
    assert!(!withdrawn.can_withdraw);
    ofis.cancel_meals(MARIA, day(27)).await.unwrap();

    // Today's cut-off was 10:00 yesterday: refused, naming it.
    let late = ofis.order_meals(MARIA, day(25)).await.unwrap_err();
    assert_eq!(
        message(&late),
        "Заявку на 25.11.2026 нужно было подать до 10:00 24.11.2026"
    );

    // «Болеет» over Friday and the next Monday: both still open.
    let sick = ofis.report_sick(ARTEM, day(27), day(30)).await.unwrap();
    assert_eq!(sick.message, "Заявка принята: 27.11.2026, 30.11.2026");
    let rows = ofis.meal_requests(ARTEM).await.unwrap();
    assert_eq!(
        rows.iter().filter(|r| r.what == "Болеет").count(),
        2,
        "{rows:?}"
    );
    let reversed = ofis.report_sick(ARTEM, day(30), day(27)).await;
    assert!(matches!(
        reversed,
        Err(CoreError::School(SchoolError::PeriodReversed))
    ));
    let past = ofis.report_sick(ARTEM, day(23), day(25)).await.unwrap_err();
    assert!(
        message(&past).contains("нужно было подать до"),
        "{}",
        message(&past)
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_menu_of_a_school_day_has_prices_allergens_and_kcal() {
    let (sandbox, _dir, ofis) = parent().await;
    let days: Vec<NaiveDate> = ofis.menu_days().iter().map(|d| d.day).collect();
    assert_eq!(days, [day(25), day(26), day(27), day(30), dec(1), dec(2)]);
    assert_eq!(ofis.menu_days()[0].label, "Сегодня");

    let menu = ofis.day_menu(MARIA, day(27)).await.unwrap();
    assert_eq!(menu.title, "пт, 27.11.2026");
    let dishes: Vec<_> = menu.sections.iter().flat_map(|s| &s.dishes).collect();
    assert!(!dishes.is_empty());
    assert!(dishes.iter().all(|d| !d.price.is_zero()));
    assert!(dishes.iter().any(|d| d
        .allergens
        .as_deref()
        .is_some_and(|a| a.starts_with("Аллергены: "))));
    assert!(dishes
        .iter()
        .any(|d| d.kcal.as_deref().is_some_and(|k| k.ends_with(" ккал"))));
    assert!(
        dishes.iter().any(|d| d.blocked),
        "Мария's stop-list marks dishes"
    );
    let saturday = ofis.day_menu(MARIA, day(28)).await.unwrap();
    assert!(saturday.sections.is_empty());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_photo_is_resized_here_uploaded_and_shown() {
    let (sandbox, _dir, ofis) = parent().await;
    assert_eq!(ofis.child_photo(ARTEM).await.unwrap(), None);
    let picture = image::RgbImage::from_fn(1600, 1200, |x, y| {
        image::Rgb([
            (x * 7 % 256) as u8,
            (y * 13 % 256) as u8,
            ((x ^ y) % 256) as u8,
        ])
    });
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    assert!(
        png.len() > ofis_core::PHOTO_MAX_BYTES,
        "bigger than the server takes"
    );
    ofis.upload_child_photo(ARTEM, png).await.unwrap();

    let photo = ofis.child_photo(ARTEM).await.unwrap().expect("the photo");
    assert_eq!(photo.content_type, "image/jpeg");
    assert!(photo.bytes.len() <= ofis_core::PHOTO_MAX_BYTES);
    let back = image::load_from_memory(&photo.bytes).unwrap();
    assert_eq!((back.width(), back.height()), (640, 480));
    assert!(ofis.child(ARTEM).await.unwrap().has_photo);
    let garbage = ofis.upload_child_photo(ARTEM, b"GIF89a".to_vec()).await;
    assert!(matches!(
        garbage,
        Err(CoreError::School(SchoolError::PhotoUnreadable(_)))
    ));
    sandbox.shutdown().await;
}
