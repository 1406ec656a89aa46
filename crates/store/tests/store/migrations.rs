//! The open discipline: pragmas, schema built or upgraded in one transaction, newer refused.

use ofis_domain::{BillId, CombinedBill};
use ofis_store::{Migration, OutboxOrder, Store, StoreError, MIGRATIONS, SCHEMA_VERSION};
use rusqlite::Connection;

use crate::support::{at, bill, TestDb};

fn user_version(conn: &Connection) -> i64 {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

fn table_exists(conn: &Connection, name: &str) -> bool {
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get::<_, i64>(0),
    )
    .unwrap()
        == 1
}

fn one_line_selection() -> CombinedBill {
    let mut cb = CombinedBill::new();
    cb.add(bill("b1", Some("12"), "123.45")).unwrap();
    cb
}

#[test]
fn fresh_database_gets_the_latest_schema_in_wal_mode() {
    let db = TestDb::new();
    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let raw = db.raw();
    assert_eq!(user_version(&raw), i64::from(SCHEMA_VERSION));
    for table in [
        "selection_line",
        "saved_address",
        "bill_cache",
        "outbox_order",
        "outbox_line",
        "receipt",
        "setting",
    ] {
        assert!(table_exists(&raw, table), "{table}");
    }
    let mode: String = raw
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn reopening_is_idempotent_and_keeps_data() {
    let db = TestDb::new();
    db.open().save_combined(&one_line_selection()).unwrap();
    for _ in 0..3 {
        let store = db.open();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(store.load_combined().unwrap(), one_line_selection());
    }
    // Two app instances at once: the second open finds nothing to do and does not block.
    let first = db.open();
    let second = db.open();
    assert_eq!(
        second.load_combined().unwrap(),
        first.load_combined().unwrap()
    );
}

#[test]
fn failed_sql_upgrade_rolls_back_and_keeps_the_old_data() {
    let db = TestDb::new();
    // A database at version 1, so the broken second step below has something to do.
    Store::open_with_migrations(&db.path(), &MIGRATIONS[..1])
        .unwrap()
        .save_combined(&one_line_selection())
        .unwrap();

    let broken = [
        MIGRATIONS[0],
        Migration::sql(
            "half done",
            "CREATE TABLE half_done (x TEXT); INSERT INTO no_such_table VALUES (1);",
        ),
    ];
    let err = Store::open_with_migrations(&db.path(), &broken).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Migration {
                version: 2,
                name: "half done",
                ..
            }
        ),
        "{err:?}"
    );

    let raw = db.raw();
    assert_eq!(user_version(&raw), 1, "version unchanged");
    assert!(
        !table_exists(&raw, "half_done"),
        "the failed step's first statement was rolled back"
    );
    drop(raw);
    assert_eq!(db.open().load_combined().unwrap(), one_line_selection());
}

#[test]
fn failed_code_upgrade_rolls_back_the_data_it_already_changed() {
    let db = TestDb::new();
    // A database at version 1, so the broken second step below has something to do.
    Store::open_with_migrations(&db.path(), &MIGRATIONS[..1])
        .unwrap()
        .save_combined(&one_line_selection())
        .unwrap();

    fn destroys_then_fails(conn: &Connection) -> Result<(), StoreError> {
        conn.execute("DELETE FROM selection_line", [])?;
        Err(StoreError::Corrupt("cannot re-encode a bill".into()))
    }
    let broken = [
        MIGRATIONS[0],
        Migration::code("re-encode bills", destroys_then_fails),
    ];
    let err = Store::open_with_migrations(&db.path(), &broken).unwrap_err();
    assert!(
        matches!(err, StoreError::Migration { version: 2, .. }),
        "{err:?}"
    );

    assert_eq!(user_version(&db.raw()), 1);
    assert_eq!(db.open().load_combined().unwrap(), one_line_selection());
}

#[test]
fn older_database_is_upgraded_step_by_step_without_rerunning_old_steps() {
    let db = TestDb::new();
    // Re-running this step would fail: the table exists. So success proves it ran once.
    let v1 = Migration::sql("notes", "CREATE TABLE note (body TEXT NOT NULL) STRICT;");
    Store::open_with_migrations(&db.path(), &[v1]).unwrap();
    db.raw()
        .execute("INSERT INTO note (body) VALUES ('оплатить воду')", [])
        .unwrap();

    fn add_length(conn: &Connection) -> Result<(), StoreError> {
        conn.execute_batch("ALTER TABLE note ADD COLUMN length INTEGER")?;
        conn.execute("UPDATE note SET length = length(body)", [])?;
        Ok(())
    }
    let v3 = [
        v1,
        Migration::code("note length", add_length),
        Migration::sql("index", "CREATE INDEX note_len ON note (length);"),
    ];
    let store = Store::open_with_migrations(&db.path(), &v3).unwrap();
    assert_eq!(store.schema_version().unwrap(), 3);
    let length: i64 = db
        .raw()
        .query_row("SELECT length FROM note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(length, "оплатить воду".chars().count() as i64);
}

#[test]
fn newer_database_is_refused_not_wiped() {
    let db = TestDb::new();
    db.open().save_combined(&one_line_selection()).unwrap();
    let newer = SCHEMA_VERSION + 1;
    {
        // As a newer app might leave it: a rollback journal instead of WAL, so even switching
        // the journal mode would show in the file's bytes.
        let raw = db.raw();
        raw.pragma_update(None, "user_version", newer).unwrap();
        let mode: String = raw
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
    }
    let before = std::fs::read(db.path()).unwrap();

    let err = Store::open(&db.path()).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found, supported } if found == newer && supported == SCHEMA_VERSION),
        "{err:?}"
    );

    assert_eq!(
        std::fs::read(db.path()).unwrap(),
        before,
        "the file is byte for byte as it was"
    );
    let raw = db.raw();
    assert_eq!(user_version(&raw), i64::from(newer));
    let lines: i64 = raw
        .query_row("SELECT count(*) FROM selection_line", [], |r| r.get(0))
        .unwrap();
    assert_eq!(lines, 1);
}

#[test]
fn file_that_is_not_a_database_is_refused_not_wiped() {
    let db = TestDb::new();
    let garbage = b"these are somebody's bytes, not a database".repeat(100);
    std::fs::write(db.path(), &garbage).unwrap();
    assert!(matches!(
        Store::open(&db.path()),
        Err(StoreError::Sqlite(_))
    ));
    assert_eq!(std::fs::read(db.path()).unwrap(), garbage);
}

#[test]
fn integrity_and_foreign_keys_check_out_after_open() {
    let db = TestDb::new();
    let store = db.open();
    store.integrity_check().unwrap();
    let raw = db.raw();
    let result: String = raw
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(result, "ok");
    let fk_problems: i64 = raw
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk_problems, 0);
}

#[test]
fn store_can_move_to_a_blocking_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<Store>();
    let db = TestDb::new();
    let store = db.open();
    let version = std::thread::spawn(move || store.schema_version().unwrap())
        .join()
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
}

#[test]
fn bills_paid_before_the_upgrade_are_known_paid_after_it() {
    const PAID: &str = "3f0c2a7e-1b1d-4c55-9a43-5d0f6a1b2c01";
    const DECLINED: &str = "3f0c2a7e-1b1d-4c55-9a43-5d0f6a1b2c02";
    let db = TestDb::new();
    let before = &MIGRATIONS[..MIGRATIONS.len() - 1];
    assert_eq!(MIGRATIONS.last().unwrap().name, "paid bills at hand");
    let mut cb = CombinedBill::new();
    cb.add(bill("water", Some("12"), "123.45")).unwrap();
    cb.add(bill("power", Some("12"), "10.00")).unwrap();
    let lines = cb.freeze().unwrap().lines().to_vec();
    {
        let mut old = Store::open_with_migrations(&db.path(), before).unwrap();
        old.save_combined(&cb).unwrap();
        for (key, line) in [(PAID, &lines[0]), (DECLINED, &lines[1])] {
            let order = OutboxOrder::prepared(key.into(), at(5, 9), vec![line.clone()]);
            old.outbox_insert(&order).unwrap();
            old.outbox_mark_created(key, &format!("ord-{key}"), "pay", "http://127.0.0.1:9/gw")
                .unwrap();
        }
        // The old build recorded outcomes without the derived table.
        let raw = db.raw();
        let set = "UPDATE outbox_order SET state = ?2, failure = ?3 WHERE idempotency_key = ?1";
        for (key, state, failure) in [(PAID, "paid", None), (DECLINED, "declined", Some("нет"))]
        {
            let changed = raw
                .execute(set, rusqlite::params![key, state, failure])
                .unwrap();
            assert_eq!(changed, 1, "{key}");
        }
    }
    let store = db.open();
    let paid = store
        .paid_among(&[BillId::from("water"), BillId::from("power")])
        .unwrap();
    assert_eq!(
        paid.into_iter().collect::<Vec<_>>(),
        [BillId::from("water")]
    );
    let (saved, marked) = store.load_selection().unwrap();
    assert_eq!(saved.lines().len(), 2, "the общий счёт kept");
    assert_eq!(
        marked.into_iter().collect::<Vec<_>>(),
        [BillId::from("water")]
    );
}
