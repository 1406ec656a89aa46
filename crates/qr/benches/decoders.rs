//! Decoders compared on a folder of photos with their expected text (`N.png` + `N.txt`):
//! codes read byte-exact and median time per image, for ofis-qr, raw rqrr, rxing alone and
//! zbarimg.
//!
//! `cargo bench -p ofis-qr [-- FOLDER] [-- --attempts]`; the folder defaults to
//! `$OFIS_QR_CORPUS`, then `../shared/corpus/qr-photos` beside the repository. `--attempts`
//! also measures each attempt of the plan on its own. Run by `cargo test` (no `--bench`
//! argument), it reads three photos once, to prove it still works.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ofis_qr::{decode_image, decode_rqrr_only, decode_rxing_only, Decoded, DynamicImage};

/// One photo and the bytes its code must decode to.
struct Sample {
    path: PathBuf,
    image: DynamicImage,
    expected: Vec<u8>,
}

/// Count of byte-exact reads and the time of each image.
struct Score {
    name: String,
    decoded: usize,
    /// Photos where it read some code, exact or not.
    any: usize,
    times: Vec<Duration>,
    missed: Vec<PathBuf>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let full_run = args.iter().any(|a| a == "--bench");
    let folder = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("OFIS_QR_CORPUS").map(PathBuf::from))
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/qr-photos")
        });
    let mut samples = load_samples(&folder);
    if samples.is_empty() {
        println!("no photos with expected text in {}", folder.display());
        return;
    }
    if !full_run {
        samples.truncate(3);
        let score = measure_all(&[("ofis-qr", &decode_image)], &samples, 1).remove(0);
        println!(
            "decoders bench (smoke run): ofis-qr read {}/{} photos; `cargo bench -p ofis-qr` measures all",
            score.decoded,
            samples.len()
        );
        return;
    }
    let repeats = 5;
    println!(
        "corpus: {} ({} photos, byte-exact against the .txt; Rust decoders timed on the loaded \
         picture, best of {repeats} runs per photo, median over photos)",
        folder.display(),
        samples.len()
    );
    let scores = measure_all(
        &[
            ("ofis-qr", &decode_image),
            ("rqrr 0.11 (raw)", &decode_rqrr_only),
            ("rxing 0.9 (alone)", &decode_rxing_only),
        ],
        &samples,
        repeats,
    );
    println!();
    println!(
        "{:<34} {:>8} {:>9} {:>16}",
        "decoder", "exact", "any code", "median ms/image"
    );
    for score in &scores {
        print_row(score, samples.len(), "");
    }
    match measure_zbarimg(&samples) {
        Some(score) => print_row(
            &score,
            samples.len(),
            "  (subprocess: includes process start and file decoding)",
        ),
        None => println!("zbarimg: not installed"),
    }
    let file_score = measure_from_file(&samples, repeats);
    print_row(
        &file_score,
        samples.len(),
        "  (ofis-qr from file bytes, incl. PNG/JPEG decoding)",
    );
    println!();
    for score in [&scores[0], &scores[2]] {
        for path in &score.missed {
            println!("{} missed: {}", score.name, path.display());
        }
    }
    println!("decoder panics caught (rqrr): {}", ofis_qr::panics_caught());
    if args.iter().any(|a| a == "--attempts") {
        println!();
        println!("each attempt of the plan on its own:");
        let names: Vec<String> = ofis_qr::PLAN.iter().map(|a| format!("{a:?}")).collect();
        let runs: Vec<Box<DecodeFn>> = ofis_qr::PLAN
            .iter()
            .map(|&attempt| {
                Box::new(move |img: &DynamicImage| ofis_qr::decode_with_attempt(img, attempt))
                    as Box<DecodeFn>
            })
            .collect();
        let decoders: Vec<Decoder<'_>> = names
            .iter()
            .zip(&runs)
            .map(|(name, run)| (name.as_str(), run.as_ref()))
            .collect();
        for score in measure_all(&decoders, &samples, 1) {
            print_row(&score, samples.len(), "");
        }
    }
}

fn print_row(score: &Score, total: usize, note: &str) {
    println!(
        "{:<34} {:>8} {:>9} {:>16.3}{note}",
        score.name,
        format!("{}/{total}", score.decoded),
        score.any,
        median_ms(&score.times)
    );
}

/// Every `N.png`/`N.jpg` with an `N.txt` beside it, in this folder and below, in path order.
fn load_samples(folder: &Path) -> Vec<Sample> {
    let mut paths = Vec::new();
    collect_images(folder, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let expected = std::fs::read(path.with_extension("txt")).ok()?;
            let image = ofis_qr::load_image(&std::fs::read(&path).ok()?).ok()?;
            Some(Sample {
                path,
                image,
                expected,
            })
        })
        .collect()
}

fn collect_images(folder: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            collect_images(&path, out);
        } else if matches!(
            path.extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("png" | "jpg" | "jpeg")
        ) {
            out.push(path);
        }
    }
}

/// A read counts when one of the codes has exactly the expected bytes, as content bytes or as
/// the UTF-8 of its text (the .txt files hold UTF-8 for codes in Shift_JIS and the like).
fn matches(found: &[Decoded], expected: &[u8]) -> bool {
    found
        .iter()
        .any(|d| d.bytes == expected || d.text.as_bytes() == expected)
}

/// A way of decoding a loaded picture.
type DecodeFn = dyn Fn(&DynamicImage) -> Vec<Decoded>;

/// A named way of decoding a loaded picture.
type Decoder<'a> = (&'a str, &'a DecodeFn);

/// Runs the decoders in turn on each photo, `repeats` rounds, so that a slow spell of the
/// machine (other builds on 2 cores) hits them all alike; keeps each one's best time per photo.
fn measure_all(decoders: &[Decoder<'_>], samples: &[Sample], repeats: usize) -> Vec<Score> {
    let mut scores: Vec<Score> = decoders
        .iter()
        .map(|(name, _)| Score {
            name: (*name).to_owned(),
            decoded: 0,
            any: 0,
            times: Vec::new(),
            missed: Vec::new(),
        })
        .collect();
    for sample in samples {
        let mut best = vec![Duration::MAX; decoders.len()];
        let mut found = vec![Vec::new(); decoders.len()];
        for _ in 0..repeats.max(1) {
            for (i, (_, decode)) in decoders.iter().enumerate() {
                let start = Instant::now();
                found[i] = decode(&sample.image);
                best[i] = best[i].min(start.elapsed());
            }
        }
        for (i, score) in scores.iter_mut().enumerate() {
            score.times.push(best[i]);
            score.any += usize::from(!found[i].is_empty());
            if matches(&found[i], &sample.expected) {
                score.decoded += 1;
            } else {
                score.missed.push(sample.path.clone());
            }
        }
    }
    scores
}

fn measure_from_file(samples: &[Sample], repeats: usize) -> Score {
    let mut score = Score {
        name: "ofis-qr (file)".to_owned(),
        decoded: 0,
        any: 0,
        times: Vec::new(),
        missed: Vec::new(),
    };
    for sample in samples {
        let Ok(file) = std::fs::read(&sample.path) else {
            continue;
        };
        let mut runs = Vec::new();
        let mut found = Vec::new();
        for _ in 0..repeats {
            let start = Instant::now();
            found = ofis_qr::decode_image_bytes(&file).unwrap_or_default();
            runs.push(start.elapsed());
        }
        score
            .times
            .push(runs.iter().min().copied().unwrap_or_default());
        score.any += usize::from(!found.is_empty());
        if matches(&found, &sample.expected) {
            score.decoded += 1;
        }
    }
    score
}

/// `zbarimg --raw -q FILE` per photo; `None` when zbarimg is not installed.
fn measure_zbarimg(samples: &[Sample]) -> Option<Score> {
    Command::new("zbarimg").arg("--version").output().ok()?;
    let mut score = Score {
        name: "zbarimg".to_owned(),
        decoded: 0,
        any: 0,
        times: Vec::new(),
        missed: Vec::new(),
    };
    for sample in samples {
        let start = Instant::now();
        let output = Command::new("zbarimg")
            .args(["--raw", "-q"])
            .arg(&sample.path)
            .output();
        score.times.push(start.elapsed());
        let Ok(output) = output else { continue };
        // Each symbol's data is followed by a newline.
        let out = output.stdout;
        score.any += usize::from(!out.is_empty());
        let exact = out.strip_suffix(b"\n") == Some(&sample.expected[..])
            || out
                .split(|&b| b == b'\n')
                .any(|line| line == &sample.expected[..]);
        if exact {
            score.decoded += 1;
        }
    }
    Some(score)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn median_ms(times: &[Duration]) -> f64 {
    let mut sorted = times.to_vec();
    median(&mut sorted).as_secs_f64() * 1000.0
}
