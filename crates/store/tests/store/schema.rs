//! What the schema itself promises, checked on the file.

use crate::support::TestDb;

#[test]
fn no_table_or_column_is_named_for_card_data() {
    let db = TestDb::new();
    drop(db.open());
    let raw = db.raw();
    let mut stmt = raw
        .prepare(
            "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p
             WHERE m.type = 'table'",
        )
        .unwrap();
    let columns: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(columns.len() > 20, "the query sees the schema: {columns:?}");
    for (table, column) in &columns {
        for name in [table, column] {
            let name = name.to_lowercase();
            for banned in ["pan", "card", "cvc", "cvv", "expir"] {
                assert!(
                    !name.contains(banned),
                    "{table}.{column} looks like card data"
                );
            }
        }
    }
}

#[test]
fn money_columns_refuse_floats_and_loose_text() {
    let db = TestDb::new();
    drop(db.open());
    let raw = db.raw();
    let insert = |amount: rusqlite::types::Value| {
        raw.execute(
            "INSERT INTO selection_line (position, bill_id, bill_json, amount) VALUES (0, 'b', '{}', ?1)",
            [amount],
        )
    };
    use rusqlite::types::Value;
    assert!(insert(Value::Real(12.5)).is_err(), "a float");
    assert!(insert(Value::Integer(12)).is_err(), "an integer");
    assert!(
        insert(Value::Text("1 234,50".into())).is_err(),
        "display text"
    );
    assert!(
        insert(Value::Text("12.5".into())).is_err(),
        "one decimal place"
    );
    assert!(insert(Value::Text("-1.00".into())).is_err(), "a negative");
    insert(Value::Text("1234.50".into())).expect("the codec's form");
}

#[test]
fn outbox_refuses_a_paid_order_the_server_never_created() {
    let db = TestDb::new();
    drop(db.open());
    let err = db.raw().execute(
        "INSERT INTO outbox_order (idempotency_key, created_at, total, state) VALUES ('k', 't', '1.00', 'paid')",
        [],
    );
    assert!(err.is_err());
}
