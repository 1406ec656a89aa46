//! The order of attempts: the quick common case first, harder views only when it fails.

use std::borrow::Cow;

use crate::engines::{rqrr, rxing, Threshold};
use crate::luma::Luma;
use crate::Decoded;

/// Camera photos are shrunk to this longer side before the first attempt: modules of a bill's
/// QR code stay several pixels wide, and decoding takes milliseconds instead of seconds.
pub const WORK_SIDE: u32 = 1600;

/// The "full resolution" retry stops here: a 100 MP photo is read at this longer side.
const FULL_SIDE: u32 = 4000;

/// Pictures smaller than this are also tried at double size.
const SMALL_SIDE: u32 = 400;

/// Which decoder, with which binarizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// rxing with its hybrid (local block) binarizer.
    RxingHybrid,
    /// rxing with its global histogram binarizer.
    RxingGlobal,
    /// rqrr with its own adaptive threshold.
    Rqrr,
}

/// How the picture is prepared before the decoder sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The working copy (the photo shrunk to [`WORK_SIDE`]).
    Work,
    /// The photo at full resolution (up to 4000 px), when the working copy is shrunk.
    Full,
    /// Half size: blur, noise and very large modules.
    Half,
    /// Double size, for small pictures: tiny modules.
    Double,
    /// Everything not paper-white is ink: designer codes with pictures in the modules.
    NotPaper,
    /// Only near-black is ink: grey print, glare.
    NearBlack,
    /// Against the mean of a window around each pixel: shadows and uneven light.
    LocalMean,
    /// One histogram threshold (Otsu).
    Otsu,
    /// A 3×3 mean first: halftone, noise, JPEG blocks.
    Blurred,
    /// Levels stretched between the 1st and 99th percentile: washed-out, low-contrast photos.
    Stretched,
    /// A white frame added: codes cropped to their edge, no quiet zone.
    Padded,
    /// Light on dark turned dark on light.
    Inverted,
    /// A quarter turn: row-scanning finders see the code from another side.
    Rotated,
}

/// One decoder on one view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt(pub Engine, pub View);

impl Attempt {
    /// Runs this attempt on the full picture and its working copy; empty when the view does
    /// not apply (no full resolution beyond the working copy, no doubling of large pictures).
    pub fn run(self, full: &Luma, work: &Luma) -> Vec<Decoded> {
        let view = match self.1 {
            View::Work => None,
            View::Full if full.max_side() > work.max_side() => Some(full.shrink_to(FULL_SIDE)),
            View::Full => return Vec::new(),
            View::Half => Some(work.shrink(2)),
            View::Double if work.max_side() < SMALL_SIDE => Some(work.double()),
            View::Double => return Vec::new(),
            View::NotPaper => Some(work.between_ink_and_paper(0.8)),
            View::NearBlack => Some(work.between_ink_and_paper(0.35)),
            View::LocalMean => {
                let window = (work.max_side() / 8).clamp(15, 101) as usize | 1;
                Some(work.local_mean(window, 5))
            }
            View::Otsu => Some(work.otsu()),
            View::Blurred => Some(work.box_blur(1)),
            View::Stretched => Some(work.stretched()),
            View::Padded => Some(work.padded(work.max_side() / 10 + 4)),
            View::Inverted => Some(work.inverted()),
            View::Rotated => Some(work.rotated_90()),
        };
        let img = view.as_ref().unwrap_or(work);
        match self.0 {
            Engine::RxingHybrid => rxing(img, Threshold::Hybrid),
            Engine::RxingGlobal => rxing(img, Threshold::Global),
            Engine::Rqrr => rqrr(img),
        }
    }
}

use Engine::{Rqrr, RxingGlobal, RxingHybrid};

/// The attempts in the order they are tried until one finds a code. rxing (ZXing's detector)
/// reads most photos on its own in well under a millisecond, so it goes first; rqrr (quirc's
/// detector, ten times slower) is the second opinion on the same pixels; then views that fix one
/// kind of trouble each, cheapest and likeliest first.
pub const PLAN: &[Attempt] = &[
    Attempt(RxingHybrid, View::Work),
    Attempt(RxingGlobal, View::Work),
    Attempt(Rqrr, View::Work),
    Attempt(RxingHybrid, View::Full),
    Attempt(RxingHybrid, View::NotPaper),
    Attempt(RxingHybrid, View::NearBlack),
    Attempt(RxingHybrid, View::LocalMean),
    Attempt(RxingHybrid, View::Half),
    Attempt(RxingHybrid, View::Double),
    Attempt(RxingHybrid, View::Blurred),
    Attempt(RxingHybrid, View::Stretched),
    Attempt(RxingHybrid, View::Padded),
    Attempt(RxingHybrid, View::Inverted),
    Attempt(RxingHybrid, View::Rotated),
    Attempt(Rqrr, View::Full),
    Attempt(Rqrr, View::NotPaper),
    Attempt(Rqrr, View::LocalMean),
    Attempt(Rqrr, View::Otsu),
    Attempt(Rqrr, View::Half),
    Attempt(Rqrr, View::Double),
    Attempt(Rqrr, View::Blurred),
    Attempt(Rqrr, View::Inverted),
];

/// Runs the plan on a grey picture: every distinct code of the first attempt that finds any.
pub fn decode_luma(full: &Luma) -> Vec<Decoded> {
    let work = working_copy(full);
    PLAN.iter()
        .map(|attempt| dedup(attempt.run(full, &work)))
        .find(|found| !found.is_empty())
        .unwrap_or_default()
}

/// The picture shrunk to at most [`WORK_SIDE`].
pub fn working_copy(full: &Luma) -> Cow<'_, Luma> {
    if full.max_side() > WORK_SIDE {
        Cow::Owned(full.shrink_to(WORK_SIDE))
    } else {
        Cow::Borrowed(full)
    }
}

fn dedup(mut found: Vec<Decoded>) -> Vec<Decoded> {
    let mut seen = std::collections::HashSet::new();
    found.retain(|d| seen.insert(d.bytes.clone()));
    found
}
