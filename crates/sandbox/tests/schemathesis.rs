//! schemathesis against the sandbox's own OpenAPI document: every operation of `/openapi.json`,
//! signed in, with the demo town's real ids mixed into the generated data, must never answer 5xx
//! and must answer only what the document says (status codes, content types, headers, bodies).
//!
//! schemathesis is pinned in `scripts/schemathesis-requirements.txt` and installed into
//! `target/schemathesis-venv` by `scripts/schemathesis-env` (which `scripts/test` runs first);
//! `SCHEMATHESIS=/path/to/schemathesis` points at another install. The sandbox controls and
//! maintenance mode are not in the document and so not tested here; nothing of the document is
//! left out.

mod common;
mod schemathesis_config;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{Harness, PHONE};
use gorod_sandbox::test_cards::SUCCESS_VISA;
use schemathesis_config::Config;
use serde_json::Value;

/// All bills are posted by the 10th: every operation has real data to find.
const TODAY: &str = "2026-11-12";
/// Fixed, so that a failure reproduces (`st replay` and the same seed).
const SEED: &str = "20261112";
/// Test cases per operation and phase: about 1 500 requests, under a minute on two cores.
const EXAMPLES_PER_OPERATION: &str = "50";
/// `positive_data_acceptance` is left out on purpose: the document types a phone, an SMS code or
/// an idempotency key as a plain string, and the sandbox refuses most strings with a documented
/// 422 (the rules are the domain's, not expressible as a JSON schema).
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
                      response_headers_conformance,response_schema_conformance,\
                      negative_data_rejection,missing_required_header,unsupported_method,\
                      ignored_auth,use_after_free,ensure_resource_availability";
/// How often a parameter that names a town thing takes a real id rather than a generated string.
const REAL_ID_PROBABILITY: f64 = 0.75;
/// The whole run is killed after this long (it takes a minute or two on two idle cores).
const RUN_LIMIT: Duration = Duration::from_secs(600);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_documented_operation_answers_as_documented() {
    let started = Instant::now();
    let schemathesis = installed_schemathesis();
    let harness = Harness::start(TODAY).await;

    // Something for the id-taking operations to find: a paid order with its receipt, and one
    // still awaiting payment.
    let token = harness.sign_in(PHONE).await;
    let paid = harness.order_all_bills(&token, "schemathesis-paid").await;
    harness.pay(&paid, SUCCESS_VISA).await;
    let receipt = harness.order(&token, &paid.id).await.receipt;
    let receipt = receipt.expect("a paid order has its receipt").id;
    let unpaid = harness.order_all_bills(&token, "schemathesis-unpaid").await;
    let meal_request = harness.meal_request(&token, "ch-maria", "2026-11-20").await;
    // Signing out revokes the token it is called with: it gets a session of its own, so the
    // other operations keep theirs.
    let sign_out_token = harness.sign_in(PHONE).await;

    let work = tempfile::tempdir().expect("temp dir");
    let config = Config {
        token,
        sign_out_token,
        gateway_secret: harness.sandbox.state.gateway_secret(),
        orders: vec![paid.id.clone(), unpaid.id.clone()],
        receipts: vec![receipt],
        payments: vec![paid.payment.payment_id, unpaid.payment.payment_id],
        meal_requests: vec![meal_request],
    };
    let config_path = work.path().join("schemathesis.toml");
    std::fs::write(&config_path, config.toml()).expect("config written");
    let report_path = work.path().join("report.json");
    let schema_url = harness.api(ofis_api::paths::OPENAPI);
    let args = command_line(&config_path, &schema_url, &report_path);

    say(&format!("$ {} {}", schemathesis.display(), args.join(" ")));
    let output = run(&schemathesis, &args, work.path()).await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let transcript = format!(
        "$ {} {}\n{stdout}\n{stderr}",
        schemathesis.display(),
        args.join(" ")
    );
    let report: Value = std::fs::read_to_string(&report_path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| panic!("schemathesis wrote no JSON report:\n{transcript}"));
    let figures = Figures::of(&report);
    say(&format!(
        "schemathesis {}: {} operations tested of {}, {} test cases generated, {} with failures, \
         {} errors, exit code {:?}, {:.1} s (whole test {:.1} s)",
        report["schemathesis_version"].as_str().unwrap_or("?"),
        figures.tested,
        figures.total,
        figures.generated,
        figures.with_failures,
        figures.errors,
        output.status.code(),
        report["running_time"].as_f64().unwrap_or(0.0),
        started.elapsed().as_secs_f64(),
    ));

    assert!(
        output.status.success() && figures.with_failures == 0 && figures.errors == 0,
        "schemathesis found failures:\n{transcript}"
    );
    let documented = operations_in_document(&harness).await;
    assert_eq!(
        figures.total, documented,
        "schemathesis saw the whole document"
    );
    assert_eq!(
        figures.tested, documented,
        "every operation of the document is tested:\n{transcript}"
    );
    // A run whose token was revoked midway would pass on 401s alone: every operation must have
    // got past the sign-in check.
    let unauthenticated = &report["warnings"]["missing_auth"];
    assert!(
        unauthenticated.as_array().is_some_and(Vec::is_empty),
        "operations that only ever answered 401: {unauthenticated}\n{transcript}"
    );
    harness.sandbox.shutdown().await;
}

/// The schemathesis of `scripts/schemathesis-env`, or of `$SCHEMATHESIS`; fails if absent.
fn installed_schemathesis() -> PathBuf {
    let path = std::env::var_os("SCHEMATHESIS").map_or_else(
        || {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../target/schemathesis-venv/bin/schemathesis")
        },
        PathBuf::from,
    );
    assert!(
        path.is_file(),
        "schemathesis is not installed at {}: run scripts/schemathesis-env (scripts/test does)",
        path.display()
    );
    path
}

/// `schemathesis run` with the checks, the seed and the volume; data and headers are in the config.
fn command_line(config: &Path, schema_url: &str, report: &Path) -> Vec<String> {
    [
        "--no-color",
        "--config-file",
        &config.display().to_string(),
        "run",
        schema_url,
        "--checks",
        CHECKS,
        "--max-examples",
        EXAMPLES_PER_OPERATION,
        "--seed",
        SEED,
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--request-timeout",
        "10",
        "--report",
        "json",
        "--report-json-path",
        &report.display().to_string(),
    ]
    .map(str::to_string)
    .to_vec()
}

/// Runs the command to its end (or kills it after [`RUN_LIMIT`]) off the runtime's threads, so
/// the sandbox keeps answering meanwhile.
async fn run(program: &Path, args: &[String], dir: &Path) -> Output {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    tokio::task::spawn_blocking(move || {
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("schemathesis does not start: {e}"));
        let deadline = Instant::now() + RUN_LIMIT;
        while child.try_wait().expect("child status").is_none() {
            if Instant::now() > deadline {
                let _ = child.kill();
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        child.wait_with_output().expect("schemathesis output")
    })
    .await
    .expect("runner thread")
}

/// The figures of a run, from schemathesis' JSON report.
struct Figures {
    total: u64,
    tested: u64,
    generated: u64,
    with_failures: u64,
    errors: u64,
}

impl Figures {
    fn of(report: &Value) -> Figures {
        let number = |value: &Value| value.as_u64().unwrap_or(0);
        Figures {
            total: number(&report["operations"]["total"]),
            tested: number(&report["operations"]["tested"]),
            generated: number(&report["test_cases"]["generated"]),
            with_failures: number(&report["test_cases"]["with_failures"]),
            errors: report["errors"].as_array().map_or(0, |e| e.len() as u64),
        }
    }
}

/// How many operations the served document has, counted without schemathesis.
async fn operations_in_document(harness: &Harness) -> u64 {
    let url = harness.api(ofis_api::paths::OPENAPI);
    let doc: Value = common::ok_json(harness.get(&url, None).await).await;
    let paths = doc["paths"].as_object().expect("the document has paths");
    paths
        .values()
        .filter_map(Value::as_object)
        .map(|item| item.len() as u64)
        .sum()
}

/// Writes a line past the test harness' capture, so the figures show in a normal `cargo test`.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}
