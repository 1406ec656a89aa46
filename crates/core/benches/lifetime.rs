//! Ten years of use (issue 17, item 2): 5 addresses, 100 000 receipts, 20 meters × 120
//! readings, 200 payments waiting for their outcome. Prints medians of the hot paths, the start
//! against the same общий счёт with no history, the database's size and how long it took to make.
//!
//! `cargo bench --workspace --bench lifetime [-- --out DIR]` (DIR keeps the filled database; a
//! database already there is used again instead of generating one).
//! Under `cargo test --all-targets` it runs on a tiny volume, twice, as a smoke test.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use ofis_core::{
    CoreConfig, MemorySecrets, MeterCard, MeterHistory, Ofis, SystemClock, HISTORY_PAGE,
};
use ofis_store::lifetime::{account, fill_history, fill_selection, meter_id, Volume};
use ofis_store::{QueueState, Store};

/// Nothing listens here: the bench measures this device, the server "down".
const NO_SERVER: &str = "http://127.0.0.1:9";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bench = args.iter().any(|a| a == "--bench");
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let (volume, runs) = if bench {
        (Volume::LIFETIME, 15)
    } else {
        (Volume::TINY, 2)
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(measure(volume, runs, out));
}

async fn measure(volume: Volume, runs: usize, out: Option<PathBuf>) {
    let temp = tempfile::tempdir().expect("tempdir");
    let empty = temp.path().join("empty");
    let full = out.unwrap_or_else(|| temp.path().join("lifetime"));
    let now = Utc::now();
    make(&empty, |s| fill_selection(s, now));
    let started = Instant::now();
    if full.join("ofis.sqlite").exists() {
        println!("  reusing the database in {}", full.display());
    } else {
        make(&full, |s| {
            fill_selection(s, now)?;
            fill_history(s, volume, now, 2026)
        });
    }
    let generated = started.elapsed();
    let size = db_size(&full);
    println!(
        "lifetime: {} receipts, {} meters × {} readings, {} queued payments; {runs} runs, medians",
        volume.receipts, volume.meters, volume.readings_per_meter, volume.queued
    );
    println!(
        "  generated in {generated:.1?}; database {:.1} MB",
        size as f64 / 1e6
    );

    // The start is short and the machine busy: more runs, alternating, for a steadier median.
    let (mut with_history, mut without) = (Vec::new(), Vec::new());
    for _ in 0..runs * 5 {
        without.push(start(&empty).await);
        with_history.push(start(&full).await);
    }
    let (a, b) = (median(&mut with_history), median(&mut without));
    println!(
        "  open + first snapshot of «Мои платежи»: {a:.2?} vs {b:.2?} with no history: ratio {:.2} (goal ≤ 1.10)",
        a.as_secs_f64() / b.as_secs_f64()
    );

    for (name, dir) in [("no history", &empty), ("lifetime", &full)] {
        let db = dir.join("ofis.sqlite");
        report(
            &format!("  of which: open the store ({name})"),
            runs,
            || async {
                Store::open(&db).expect("store");
            },
        )
        .await;
        let store = Store::open(&db).expect("store");
        let ids: Vec<_> = store
            .load_combined()
            .expect("selection")
            .lines()
            .iter()
            .map(|l| l.bill.id.clone())
            .collect();
        report(
            &format!("  of which: paid among the 25 bills ({name})"),
            runs,
            || async {
                store.paid_among(&ids).expect("paid");
            },
        )
        .await;
        report(
            &format!("  of which: the readings queue, open and 30 recent ({name})"),
            runs,
            || async {
                store.reading_queue_recent(30).expect("queue");
            },
        )
        .await;
    }

    let ofis = open(&full).await;
    let first = ofis.history_page(None, HISTORY_PAGE).await.expect("page");
    assert_eq!(
        first.entries.len(),
        HISTORY_PAGE as usize,
        "a full first page"
    );
    let next = first.next.clone().expect("more pages");
    report(
        "«История», first page (goal ≤ 10 ms)",
        runs,
        || async {
            ofis.history_page(None, HISTORY_PAGE).await.expect("page");
        },
    )
    .await;
    report("«История», next page", runs, || async {
        let page = ofis.history_page(Some(next.clone()), HISTORY_PAGE).await;
        assert_eq!(page.expect("page").entries.len(), HISTORY_PAGE as usize);
    })
    .await;
    for months in [6, 120] {
        report(
            &format!("spending chart, {months} months (goal ≤ 20 ms)"),
            runs,
            || async {
                let chart = ofis.spending_by_month(months).await.expect("spending");
                assert_eq!(chart.len(), months as usize);
            },
        )
        .await;
    }
    let store = Store::open(&full.join("ofis.sqlite")).expect("store");
    report("one meter's history chart", runs, || async {
        let history = meter_history(&store, volume.readings_per_meter);
        assert_eq!(history.readings.len(), volume.readings_per_meter as usize);
    })
    .await;
    for query in ["электро".to_string(), account(2, 1)] {
        let found = ofis.search_receipts(&query).await.expect("search").len();
        assert!(found > 0, "{query} finds receipts");
        report(
            &format!("search «{query}» ({found} shown)"),
            runs,
            || async {
                ofis.search_receipts(&query).await.expect("search");
            },
        )
        .await;
    }
}

/// A data folder with a database filled by `fill`.
fn make(dir: &Path, fill: impl FnOnce(&mut Store) -> Result<(), ofis_store::StoreError>) {
    std::fs::create_dir_all(dir).expect("data dir");
    let mut store = Store::open(&dir.join("ofis.sqlite")).expect("store");
    fill(&mut store).expect("filled");
}

fn db_size(dir: &Path) -> u64 {
    ["ofis.sqlite", "ofis.sqlite-wal"]
        .iter()
        .filter_map(|f| std::fs::metadata(dir.join(f)).ok())
        .map(|m| m.len())
        .sum()
}

async fn open(dir: &Path) -> Ofis {
    let config = CoreConfig {
        server_url: NO_SERVER.to_string(),
        data_dir: dir.to_path_buf(),
        client: Default::default(),
        gateways: Default::default(),
    };
    Ofis::open(
        config,
        Arc::new(MemorySecrets::default()),
        Arc::new(SystemClock),
    )
    .await
    .expect("open")
}

/// How long a start is given, untimed, to finish what it began in the background.
const SETTLE: Duration = Duration::from_millis(20);

/// One start, timed: the app opened on `dir` to its first snapshot of «Мои платежи». Then,
/// untimed, what it began in the background (the readings queue, read just after the snapshot)
/// is let finish and the store close, so that no run is timed over the last one's leftovers.
async fn start(dir: &Path) -> Duration {
    let started = Instant::now();
    let ofis = open(dir).await;
    let snapshot = ofis.snapshot();
    let took = started.elapsed();
    assert_eq!(snapshot.combined.lines().len(), 25, "the saved общий счёт");
    drop(ofis);
    tokio::time::sleep(SETTLE).await;
    took
}

/// One meter's accepted readings from SQLite, as its chart is drawn.
fn meter_history(store: &Store, count: u32) -> MeterHistory {
    let id = meter_id(3);
    let dto: ofis_api::MeterDto = serde_json::from_value(serde_json::json!({
        "id": id.as_str(), "account": account(3, 0), "provider_id": "prov-0",
        "provider_name": "ЭнергосбыТ Плюс", "service": "electricity", "kind": "electricity",
        "serial": "1234567", "integer_digits": 6, "fraction_digits": 1,
        "max_monthly_consumption": "100000", "window_from": 15, "window_to": 25,
        "payment_requires_readings": false, "billed_by_gorod": true, "unit": "кВт·ч"
    }))
    .expect("meter");
    let readings: Vec<ofis_api::ReadingDto> = store
        .meter_sent_readings(&id)
        .expect("readings")
        .into_iter()
        .map(|e| ofis_api::ReadingDto {
            id: match e.state {
                QueueState::Sent { server_reading_id } => server_reading_id,
                other => panic!("{other:?}"),
            },
            meter_id: id.as_str().to_string(),
            value: e.reading.value,
            date: ofis_domain::tz::local_date(e.reading.queued_at),
            source: ofis_api::ReadingSource::WithoutPayment,
        })
        .collect();
    assert_eq!(readings.len(), count as usize);
    MeterHistory::of(&MeterCard::new(&dto, Utc::now().date_naive()), &readings)
}

async fn time<F: Future<Output = ()>>(f: impl FnOnce() -> F) -> (Duration, ()) {
    let started = Instant::now();
    f().await;
    (started.elapsed(), ())
}

async fn report<F: Future<Output = ()>>(what: &str, runs: usize, f: impl Fn() -> F) {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        times.push(time(&f).await.0);
    }
    println!("  {what}: {:.2?}", median(&mut times));
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}
