//! The app process the crash harness kills: it does what the app does on start and on
//! «Оплатить» (open, sign in, add the demo address, reconcile, pay), with the card of one
//! scenario, and prints its outcome on a `WORKER-DONE` line when it gets through.

use std::path::PathBuf;
use std::time::Duration;

use gorod_sandbox::{test_cards, SMS_CODE, THREE_DS_CODE};
use ofis_core::{CoreError, Ofis, PayScope, PaymentStep};
use ofis_domain::CombinedError;

use crate::common::app::{self, DEMO_ADDRESS, PHONE};

pub const WORKER_FLAG: &str = "OFIS_CRASH_WORKER";
pub const WORKER_URL: &str = "OFIS_CRASH_URL";
pub const WORKER_DIR: &str = "OFIS_CRASH_DIR";
pub const WORKER_SEED: &str = "OFIS_CRASH_SEED";
pub const WORKER_SCENARIO: &str = "OFIS_CRASH_SCENARIO";
/// Starts of the flow a worker makes before giving up (each retry is what a person would do).
const ATTEMPTS: usize = 12;

/// splitmix64: a small seeded generator, so a failing run can be replayed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// How the bank treats the card a worker pays with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scenario {
    /// The card pays.
    Success,
    /// The bank declines.
    Decline,
    /// Not enough money on the card.
    InsufficientFunds,
    /// 3-D Secure, the right code typed.
    ThreeDsPassed,
    /// 3-D Secure, and the person walks away from the code screen.
    ThreeDsAbandoned,
}

impl Scenario {
    pub const ALL: [Scenario; 5] = [
        Scenario::Success,
        Scenario::Decline,
        Scenario::InsufficientFunds,
        Scenario::ThreeDsPassed,
        Scenario::ThreeDsAbandoned,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Scenario::Success => "success",
            Scenario::Decline => "decline",
            Scenario::InsufficientFunds => "insufficient-funds",
            Scenario::ThreeDsPassed => "3ds-passed",
            Scenario::ThreeDsAbandoned => "3ds-abandoned",
        }
    }

    pub fn parse(name: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.name() == name)
    }

    fn card(self) -> &'static str {
        match self {
            Scenario::Success => test_cards::SUCCESS_VISA,
            Scenario::Decline => test_cards::DECLINE,
            Scenario::InsufficientFunds => test_cards::INSUFFICIENT_FUNDS,
            Scenario::ThreeDsPassed | Scenario::ThreeDsAbandoned => test_cards::THREE_DS,
        }
    }
}

/// The worker's body: runs when the harness re-executes the test binary with [`WORKER_FLAG`].
pub fn run_from_env() {
    let url = std::env::var(WORKER_URL).expect("sandbox url");
    let dir = PathBuf::from(std::env::var(WORKER_DIR).expect("data dir"));
    let seed: u64 = std::env::var(WORKER_SEED)
        .expect("seed")
        .parse()
        .expect("numeric seed");
    let scenario = Scenario::parse(&std::env::var(WORKER_SCENARIO).expect("scenario"))
        .expect("known scenario");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let outcome = runtime.block_on(work(url, dir, Rng(seed), scenario));
    println!("WORKER-DONE {outcome}");
}

/// Small random pauses between the steps spread the kill points over the flow.
async fn jitter(rng: &mut Rng) {
    let ms = rng.below(4);
    if ms > 0 {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}

/// One start of the app, to the end of the payment. Transient errors (a lost answer, or the
/// server still busy with a request of the process killed just before) are retried like a user
/// would.
async fn work(url: String, dir: PathBuf, mut rng: Rng, scenario: Scenario) -> String {
    let ofis = app::open(&url, &dir).await;
    let mut errors = Vec::new();
    for _ in 0..ATTEMPTS {
        match attempt(&ofis, &mut rng, scenario).await {
            Ok(outcome) => {
                return format!("{outcome} retries={} errors={errors:?}", errors.len());
            }
            Err(e) => {
                eprintln!("worker: {e}");
                errors.push(e);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    panic!("the worker never got through: {errors:?}");
}

async fn signed_in_with_address(ofis: &Ofis, rng: &mut Rng) -> Result<(), String> {
    let e = |what: &'static str| move |err: CoreError| format!("{what}: {err}");
    if !ofis.is_signed_in() {
        ofis.request_code(PHONE).await.map_err(e("request_code"))?;
        jitter(rng).await;
        ofis.sign_in(PHONE, SMS_CODE).await.map_err(e("sign_in"))?;
        jitter(rng).await;
    }
    if ofis.snapshot().addresses.is_empty() {
        let mut found = ofis
            .suggest_addresses(DEMO_ADDRESS)
            .await
            .map_err(e("suggest"))?;
        if found.is_empty() {
            return Err("no address suggested".into());
        }
        jitter(rng).await;
        ofis.add_address(found.remove(0))
            .await
            .map_err(e("add_address"))?;
        jitter(rng).await;
    }
    Ok(())
}

async fn attempt(ofis: &Ofis, rng: &mut Rng, scenario: Scenario) -> Result<&'static str, String> {
    let e = |what: &'static str| move |err: CoreError| format!("{what}: {err}");
    jitter(rng).await;
    signed_in_with_address(ofis, rng).await?;
    if ofis.snapshot().total().is_zero() {
        ofis.reconcile().await.map_err(e("reconcile"))?;
        return Ok("nothing-due");
    }
    // What the app does on start; «Оплатить» is pressed after it, or while it still runs. The
    // app itself must ask about bills it finds paid (this person says no) and never start a
    // second payment of them.
    let started = if rng.below(2) == 0 {
        ofis.reconcile().await.map_err(e("reconcile"))?;
        jitter(rng).await;
        ofis.start_payment(PayScope::All).await
    } else {
        let (settled, started) = tokio::join!(ofis.reconcile(), ofis.start_payment(PayScope::All));
        settled.map_err(e("reconcile"))?;
        started
    };
    let ticket = match started {
        Ok(ticket) => ticket,
        Err(CoreError::AlreadyPaid(_)) => return Ok("already-paid-declined-to-repay"),
        Err(CoreError::Combined(CombinedError::NothingToPay)) => return Ok("nothing-due"),
        Err(err) => return Err(e("start_payment")(err)),
    };
    jitter(rng).await;
    let step = ofis
        .submit_card(&ticket.key, scenario.card(), "12/30", "123")
        .await
        .map_err(e("submit_card"))?;
    let step = match (step, scenario) {
        (PaymentStep::Challenge, Scenario::ThreeDsAbandoned) => return Ok("3ds-abandoned"),
        (PaymentStep::Challenge, Scenario::ThreeDsPassed) => {
            jitter(rng).await;
            ofis.confirm_3ds(&ticket.key, THREE_DS_CODE)
                .await
                .map_err(e("confirm_3ds"))?
        }
        (step, _) => step,
    };
    match step {
        PaymentStep::Paid(_) => Ok("paid"),
        PaymentStep::Declined(_) => Ok("declined"),
        PaymentStep::Challenge => Err("the bank asked for a code again".into()),
    }
}
