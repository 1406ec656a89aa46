//! Grey-level pictures and the transformations tried when a code does not read at once.

/// An 8-bit grey picture, row after row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Luma {
    pub data: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

impl Luma {
    /// Wraps `width × height` grey bytes.
    pub fn new(data: Vec<u8>, width: u32, height: u32) -> Self {
        debug_assert_eq!(data.len(), width as usize * height as usize);
        Luma {
            data,
            width,
            height,
        }
    }

    fn w(&self) -> usize {
        self.width as usize
    }

    fn h(&self) -> usize {
        self.height as usize
    }

    /// The longer side, in pixels.
    pub fn max_side(&self) -> u32 {
        self.width.max(self.height)
    }

    /// Averages `factor × factor` blocks: shrinks a camera photo without aliasing the modules.
    pub fn shrink(&self, factor: u32) -> Luma {
        let f = factor.max(1) as usize;
        if f == 1 {
            return self.clone();
        }
        let (nw, nh) = (self.w() / f, self.h() / f);
        if nw == 0 || nh == 0 {
            return self.clone();
        }
        let mut out = vec![0u8; nw * nh];
        let mut sums = vec![0u32; nw];
        for oy in 0..nh {
            sums.iter_mut().for_each(|s| *s = 0);
            for y in oy * f..oy * f + f {
                let row = &self.data[y * self.w()..y * self.w() + nw * f];
                for (ox, block) in row.chunks_exact(f).enumerate() {
                    sums[ox] += block.iter().map(|&p| u32::from(p)).sum::<u32>();
                }
            }
            let area = (f * f) as u32;
            for (ox, s) in sums.iter().enumerate() {
                out[oy * nw + ox] = (s / area) as u8;
            }
        }
        Luma::new(out, nw as u32, nh as u32)
    }

    /// The smallest integer shrink factor that brings the longer side to at most `max_side`.
    pub fn shrink_to(&self, max_side: u32) -> Luma {
        self.shrink(self.max_side().div_ceil(max_side.max(1)))
    }

    /// Doubles both sides with bilinear interpolation: tiny codes get modules wide enough for
    /// the binarizers' blocks.
    pub fn double(&self) -> Luma {
        let (w, h) = (self.w(), self.h());
        let (nw, nh) = (w * 2, h * 2);
        let mut out = vec![0u8; nw * nh];
        let at = |x: usize, y: usize| f32::from(self.data[y.min(h - 1) * w + x.min(w - 1)]);
        for oy in 0..nh {
            let sy = ((oy as f32 + 0.5) / 2.0 - 0.5).max(0.0);
            let (y0, fy) = (sy as usize, sy.fract());
            for ox in 0..nw {
                let sx = ((ox as f32 + 0.5) / 2.0 - 0.5).max(0.0);
                let (x0, fx) = (sx as usize, sx.fract());
                let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1, y0) * fx;
                let bottom = at(x0, y0 + 1) * (1.0 - fx) + at(x0 + 1, y0 + 1) * fx;
                out[oy * nw + ox] = (top * (1.0 - fy) + bottom * fy).round() as u8;
            }
        }
        Luma::new(out, nw as u32, nh as u32)
    }

    /// Dark becomes light: codes printed light on dark.
    pub fn inverted(&self) -> Luma {
        Luma::new(
            self.data.iter().map(|&p| 255 - p).collect(),
            self.width,
            self.height,
        )
    }

    /// Turns the picture a quarter clockwise.
    pub fn rotated_90(&self) -> Luma {
        let (w, h) = (self.w(), self.h());
        let mut out = vec![0u8; w * h];
        for y in 0..h {
            for x in 0..w {
                out[x * h + (h - 1 - y)] = self.data[y * w + x];
            }
        }
        Luma::new(out, self.height, self.width)
    }

    /// Mean over a `(2r+1)²` window, edges clamped: softens noise, halftone and JPEG blocks.
    pub fn box_blur(&self, r: usize) -> Luma {
        let integral = Integral::new(self);
        let (w, h) = (self.w(), self.h());
        let mut out = vec![0u8; w * h];
        for y in 0..h {
            for x in 0..w {
                out[y * w + x] = integral.mean(x, y, r) as u8;
            }
        }
        Luma::new(out, self.width, self.height)
    }

    /// Black and white by one threshold chosen from the histogram (Otsu): even light with
    /// a smudged code.
    pub fn otsu(&self) -> Luma {
        let mut hist = [0u64; 256];
        for &p in &self.data {
            hist[p as usize] += 1;
        }
        let total = self.data.len() as f64;
        let sum_all: f64 = hist
            .iter()
            .enumerate()
            .map(|(i, &c)| i as f64 * c as f64)
            .sum();
        let (mut weight_bg, mut sum_bg, mut best, mut threshold) = (0.0, 0.0, 0.0, 128u8);
        for (i, &count) in hist.iter().enumerate() {
            weight_bg += count as f64;
            if weight_bg == 0.0 {
                continue;
            }
            let weight_fg = total - weight_bg;
            if weight_fg == 0.0 {
                break;
            }
            sum_bg += i as f64 * count as f64;
            let mean_bg = sum_bg / weight_bg;
            let mean_fg = (sum_all - sum_bg) / weight_fg;
            let between = weight_bg * weight_fg * (mean_bg - mean_fg).powi(2);
            if between > best {
                best = between;
                threshold = i as u8;
            }
        }
        self.map(|p| if p <= threshold { 0 } else { 255 })
    }

    /// Black and white against the mean of a window around each pixel, `window` pixels wide:
    /// uneven light, shadows across the paper, glare.
    pub fn local_mean(&self, window: usize, bias: i32) -> Luma {
        let integral = Integral::new(self);
        let (w, h) = (self.w(), self.h());
        let r = window / 2;
        let mut out = vec![0u8; w * h];
        for y in 0..h {
            for x in 0..w {
                let mean = integral.mean(x, y, r) as i32;
                out[y * w + x] = if i32::from(self.data[y * w + x]) < mean - bias {
                    0
                } else {
                    255
                };
            }
        }
        Luma::new(out, self.width, self.height)
    }

    /// The grey level below which `percent` of the pixels lie.
    pub fn percentile(&self, percent: usize) -> u8 {
        let mut hist = [0usize; 256];
        for &p in &self.data {
            hist[p as usize] += 1;
        }
        let wanted = self.data.len() * percent.min(100) / 100;
        let mut seen = 0;
        for (level, &count) in hist.iter().enumerate() {
            seen += count;
            if seen > wanted {
                return level as u8;
            }
        }
        255
    }

    /// Black where darker than `fraction` of the way from ink (5th percentile) to paper (95th):
    /// 0.8 calls everything that is not paper-white ink (pictures inside designer codes),
    /// 0.35 only what is nearly black (grey print, glare).
    pub fn between_ink_and_paper(&self, fraction: f32) -> Luma {
        let ink = f32::from(self.percentile(5));
        let paper = f32::from(self.percentile(95));
        self.threshold((ink + (paper - ink) * fraction).round() as u8)
    }

    /// Black where darker than `level`, white elsewhere.
    pub fn threshold(&self, level: u8) -> Luma {
        self.map(|p| if p < level { 0 } else { 255 })
    }

    /// A white margin `border` pixels wide all round: codes cropped to their edge lack the
    /// quiet zone the finders look for.
    pub fn padded(&self, border: u32) -> Luma {
        let (w, b) = (self.w(), border as usize);
        let nw = w + 2 * b;
        let nh = self.h() + 2 * b;
        let mut out = vec![255u8; nw * nh];
        for (y, row) in self.data.chunks_exact(w).enumerate() {
            out[(y + b) * nw + b..(y + b) * nw + b + w].copy_from_slice(row);
        }
        Luma::new(out, nw as u32, nh as u32)
    }

    /// Stretches the grey levels between the 1st and the 99th percentile to the full range.
    pub fn stretched(&self) -> Luma {
        let mut hist = [0usize; 256];
        for &p in &self.data {
            hist[p as usize] += 1;
        }
        let cut = self.data.len() / 100;
        let percentile = |order: &mut dyn Iterator<Item = usize>| {
            let mut seen = 0;
            for i in order {
                seen += hist[i];
                if seen > cut {
                    return i;
                }
            }
            0
        };
        let lo = percentile(&mut (0..256));
        let hi = percentile(&mut (0..256).rev());
        if hi <= lo + 1 {
            return self.clone();
        }
        let span = (hi - lo) as f32;
        self.map(|p| ((f32::from(p) - lo as f32) * 255.0 / span).clamp(0.0, 255.0) as u8)
    }

    fn map(&self, f: impl Fn(u8) -> u8) -> Luma {
        Luma::new(
            self.data.iter().map(|&p| f(p)).collect(),
            self.width,
            self.height,
        )
    }
}

/// Summed-area table for window means in constant time.
struct Integral {
    sums: Vec<u64>,
    w: usize,
    h: usize,
}

impl Integral {
    fn new(img: &Luma) -> Self {
        let (w, h) = (img.width as usize, img.height as usize);
        let mut sums = vec![0u64; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut row = 0u64;
            for x in 0..w {
                row += u64::from(img.data[y * w + x]);
                sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + row;
            }
        }
        Integral { sums, w, h }
    }

    fn mean(&self, x: usize, y: usize, r: usize) -> u64 {
        let (x0, y0) = (x.saturating_sub(r), y.saturating_sub(r));
        let (x1, y1) = ((x + r + 1).min(self.w), (y + r + 1).min(self.h));
        let s = |x: usize, y: usize| self.sums[y * (self.w + 1) + x];
        let total = s(x1, y1) + s(x0, y0) - s(x1, y0) - s(x0, y1);
        total / ((x1 - x0) * (y1 - y0)) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ramp(w: u32, h: u32) -> Luma {
        Luma::new((0..w * h).map(|i| (i % 256) as u8).collect(), w, h)
    }

    #[test]
    fn shrink_averages_blocks_and_keeps_whole_blocks_only() {
        let img = Luma::new(vec![0, 255, 9, 0, 255, 9], 3, 2);
        let small = img.shrink(2);
        assert_eq!((small.width, small.height, small.data), (1, 1, vec![127]));
    }

    #[test]
    fn shrink_to_never_exceeds_the_asked_side() {
        let small = ramp(1000, 700).shrink_to(300);
        assert!(small.max_side() <= 300, "{}", small.max_side());
    }

    #[test]
    fn four_quarter_turns_give_the_picture_back() {
        let img = ramp(7, 3);
        let back = img.rotated_90().rotated_90().rotated_90().rotated_90();
        assert_eq!(back, img);
        assert_eq!((img.rotated_90().width, img.rotated_90().height), (3, 7));
    }

    #[test]
    fn otsu_splits_two_grey_levels() {
        let img = Luma::new(vec![40, 40, 200, 200, 60, 180], 3, 2);
        assert_eq!(img.otsu().data, vec![0, 0, 255, 255, 0, 255]);
    }

    #[test]
    fn near_white_counts_as_ink_at_high_fraction() {
        let img = Luma::new(vec![0, 200, 255, 255, 255, 255, 255, 255, 255, 255], 5, 2);
        assert_eq!(img.between_ink_and_paper(0.8).data[..3], [0, 0, 255]);
        assert_eq!(img.between_ink_and_paper(0.35).data[..3], [0, 255, 255]);
    }

    #[test]
    fn padding_adds_a_white_frame() {
        let img = Luma::new(vec![0; 4], 2, 2).padded(1);
        assert_eq!((img.width, img.height), (4, 4));
        assert_eq!(img.data.iter().filter(|&&p| p == 0).count(), 4);
        assert_eq!(img.data[0], 255);
    }

    #[test]
    fn double_keeps_flat_areas_flat() {
        let img = Luma::new(vec![77; 12], 4, 3);
        let big = img.double();
        assert_eq!((big.width, big.height), (8, 6));
        assert!(big.data.iter().all(|&p| p == 77));
    }
}
