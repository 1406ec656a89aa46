//! Hunts decoder panics over the corpus's photos (`../shared/corpus/qr-photos`): every attempt
//! of the plan and both raw decoders, on each photo and, with `--variants`, on eight altered
//! copies of it (turned, mirrored, scaled, cropped). Prints each distinct panic (place and
//! message) with the photos that raised it, and the count.
//!
//! `cargo run --profile release-plain -p ofis-qr --example panic_hunt -- --variants`

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use image::imageops::FilterType;
use image::DynamicImage;

/// Each distinct panic ("file:line message") and where it happened.
static SEEN: Mutex<BTreeMap<String, Vec<String>>> = Mutex::new(BTreeMap::new());

thread_local! {
    static CURRENT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn main() {
    // ofis-qr's own hook first, so that ours sees every fenced panic before it is silenced.
    let _ = ofis_qr::decode_rqrr_only(&DynamicImage::new_luma8(2, 2));
    let fenced = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let photo = CURRENT.with(|c| c.borrow().clone());
        let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
        seen.entry(format!("{place} {message}"))
            .or_default()
            .push(photo);
        drop(seen);
        fenced(info);
    }));
    let with_variants = std::env::args().any(|a| a == "--variants");
    let photos = photos();
    let mut runs = 0;
    for path in &photos {
        let img = ofis_qr::load_image(&std::fs::read(path).expect("a corpus photo")).unwrap();
        let copies = if with_variants {
            variants(&img)
        } else {
            vec![("as is", img)]
        };
        for (name, copy) in &copies {
            CURRENT.with(|c| *c.borrow_mut() = format!("{} {name}", path.display()));
            for attempt in ofis_qr::PLAN {
                ofis_qr::decode_with_attempt(copy, *attempt);
            }
            ofis_qr::decode_rqrr_only(copy);
            ofis_qr::decode_rxing_only(copy);
            runs += ofis_qr::PLAN.len() + 2;
        }
    }
    let seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    println!(
        "{} photos, {runs} decoder runs: {} panics of {} kinds",
        photos.len(),
        ofis_qr::panics_caught(),
        seen.len()
    );
    for (panic, at) in seen.iter() {
        println!(
            "{panic} ×{}: {}",
            at.len(),
            at[..at.len().min(4)].join(" | ")
        );
    }
}

fn photos() -> Vec<PathBuf> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/qr-photos");
    let mut found = Vec::new();
    for set in std::fs::read_dir(&corpus).expect("the corpus beside the repository") {
        for entry in std::fs::read_dir(set.unwrap().path()).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "png" || e == "jpg") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn variants(img: &DynamicImage) -> Vec<(&'static str, DynamicImage)> {
    let (w, h) = (img.width(), img.height());
    let scaled = |s: f32| {
        let side = |v: u32| ((v as f32 * s) as u32).max(1);
        img.resize_exact(side(w), side(h), FilterType::Triangle)
    };
    vec![
        ("as is", img.clone()),
        ("turned 90°", img.rotate90()),
        ("turned 180°", img.rotate180()),
        ("mirrored", img.fliph()),
        ("at 0.5", scaled(0.5)),
        ("at 0.73", scaled(0.73)),
        ("at 1.37", scaled(1.37)),
        (
            "cropped off-centre",
            img.crop_imm(w / 7, h / 9, w * 3 / 4, h * 2 / 3),
        ),
        (
            "cropped to the middle",
            img.crop_imm(w / 3, h / 4, w / 2, h / 2),
        ),
    ]
}
