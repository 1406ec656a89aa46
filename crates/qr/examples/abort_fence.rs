//! The photo path under `panic = "abort"` (the phones' store build), driven by
//! `tests/abort_fence.rs`, which builds this example with the `abort-check` profile.
//!
//! `abort_fence PHOTO`: a panicking job on a worker comes back as a failure, a photo is read,
//! and the process lives on to say so, until it has given up the most workers it may. `abort_fence --unfenced`: a panic outside any worker,
//! which must abort the process (proof that the build really aborts).

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_default();
    if !cfg!(panic = "abort") {
        eprintln!("built with unwinding: build with `--profile abort-check`");
        std::process::exit(2);
    }
    if arg == "--unfenced" {
        let _ = ofis_qr::isolated(|| ());
        panic!("outside any worker");
    }
    let crashed: Result<u32, ofis_qr::Crashed> = ofis_qr::isolated(|| {
        // rqrr 0.11's own assertion, on a degenerate perspective fit.
        let x = std::hint::black_box(f64::INFINITY);
        assert!(x <= i32::MAX as f64);
        7
    });
    println!("job: {crashed:?}");
    let photo = std::fs::read(&arg).expect("a photo's path");
    match ofis_qr::decode_image_bytes(&photo) {
        Ok(found) => println!("photo: {}", String::from_utf8_lossy(&found[0].bytes)),
        Err(e) => println!("photo: {e}"),
    }
    match ofis_qr::decode_image_bytes(b"\x89PNG\r\n\x1a\nnot really") {
        Ok(_) => println!("garbage: read"),
        Err(e) => println!("garbage: {}", e.message_ru()),
    }
    println!("after: {:?}", ofis_qr::isolated(|| 40 + 2));
    println!("panics met: {}", ofis_qr::panics_caught());
    // Each lost worker keeps its memory: past the limit, jobs are refused, not run.
    for _ in 1..ofis_qr::MAX_LOST_WORKERS {
        let _ = ofis_qr::isolated(|| -> u8 { panic!("again") });
    }
    println!("past the limit: {:?}", ofis_qr::isolated(|| 40 + 2));
}
