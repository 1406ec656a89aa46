//! One bar chart for every chart of the app (spending per month, a meter's consumption): columns
//! of stacked pieces, a label above each column and the month beneath, drawn as SVG.
//!
//! Geometry is computed in `Decimal` from the values' ratios and printed as SVG numbers; money
//! is never a float.

use dioxus::prelude::*;
use ofis_domain::Period;
use rust_decimal::{Decimal, RoundingStrategy};

/// The chart's drawing units; the SVG scales to the screen's width (fits 360 px phones).
const WIDTH: Decimal = Decimal::from_parts(340, 0, 0, false, 0);
const TOP: Decimal = Decimal::from_parts(18, 0, 0, false, 0);
const PLOT: Decimal = Decimal::from_parts(140, 0, 0, false, 0);
const HEIGHT: u32 = 184;
const MAX_BAR: Decimal = Decimal::from_parts(36, 0, 0, false, 0);

const MONTHS_SHORT: [&str; 12] = [
    "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
];

/// One piece of a column, bottom first: a non-negative value, its colour and its hover title.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub value: Decimal,
    pub color: &'static str,
    pub title: String,
}

/// One month's column: its pieces and the label above it (none for an empty month).
#[derive(Clone, Debug, PartialEq)]
pub struct BarColumn {
    pub period: Period,
    /// What is written beneath instead of the month's short name (a year: «2019»).
    pub caption: Option<String>,
    pub label: Option<String>,
    pub pieces: Vec<Piece>,
}

/// A piece placed on the drawing.
#[derive(Clone, Debug, PartialEq)]
struct Placed {
    x: Decimal,
    y: Decimal,
    width: Decimal,
    height: Decimal,
    color: &'static str,
    title: String,
}

/// A column placed on the drawing.
#[derive(Clone, Debug, PartialEq)]
struct PlacedColumn {
    centre: Decimal,
    top: Decimal,
    label: Option<String>,
    month: String,
    pieces: Vec<Placed>,
}

fn px(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// The short Russian name of a period's month: «ноя».
fn month_short(period: Period) -> &'static str {
    MONTHS_SHORT[(period.month() as usize + 11) % 12]
}

/// Where a label centred over a bar stays inside the drawing (about 6 units a character).
fn label_x(centre: Decimal, label: &str) -> Decimal {
    let half = Decimal::from(label.chars().count() * 3);
    centre.max(half).min(WIDTH - half)
}

/// Lays the columns out: heights are each value's share of the biggest column, which fills the
/// plot. Nothing to draw when every column is empty.
fn layout(columns: &[BarColumn]) -> Vec<PlacedColumn> {
    let sum = |c: &BarColumn| c.pieces.iter().map(|p| p.value).sum::<Decimal>();
    let peak = columns.iter().map(sum).max().unwrap_or_default();
    if columns.is_empty() || peak <= Decimal::ZERO {
        return Vec::new();
    }
    let slot = WIDTH / Decimal::from(columns.len());
    let bar = (slot * Decimal::new(6, 1)).min(MAX_BAR);
    let base = TOP + PLOT;
    columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let x = slot * Decimal::from(i) + (slot - bar) / Decimal::TWO;
            let mut below = Decimal::ZERO;
            let mut pieces = Vec::new();
            for piece in &column.pieces {
                // Cumulative edges, so rounding never leaves a gap between pieces.
                let bottom = base - px(below / peak * PLOT);
                below += piece.value;
                let upper = base - px(below / peak * PLOT);
                pieces.push(Placed {
                    x: px(x),
                    y: upper,
                    width: px(bar),
                    height: bottom - upper,
                    color: piece.color,
                    title: piece.title.clone(),
                });
            }
            PlacedColumn {
                centre: px(x + bar / Decimal::TWO),
                top: base - px(below / peak * PLOT),
                label: column.label.clone(),
                month: column
                    .caption
                    .clone()
                    .unwrap_or_else(|| month_short(column.period).to_string()),
                pieces,
            }
        })
        .collect()
}

/// The chart; renders nothing when there is nothing to draw (the caller says why).
#[component]
pub fn BarChart(id: String, aria_label: String, columns: Vec<BarColumn>) -> Element {
    let placed = layout(&columns);
    if placed.is_empty() {
        return rsx! {};
    }
    let label_y = TOP + PLOT + Decimal::from(16);
    rsx! {
        svg {
            id: "{id}",
            class: "bar-chart",
            xmlns: "http://www.w3.org/2000/svg",
            view_box: "0 0 {WIDTH} {HEIGHT}",
            role: "img",
            "aria-label": "{aria_label}",
            line { x1: "0", x2: "{WIDTH}", y1: "{TOP + PLOT}", y2: "{TOP + PLOT}", stroke: "#c9d1dc", stroke_width: "1" }
            for column in placed {
                g { class: "chart-month",
                    for piece in column.pieces {
                        rect { class: "bar-segment", x: "{piece.x}", y: "{piece.y}", width: "{piece.width}", height: "{piece.height}", fill: "{piece.color}",
                            title { "{piece.title}" }
                        }
                    }
                    if let Some(label) = column.label {
                        text { class: "bar-total", x: "{label_x(column.centre, &label)}", y: "{column.top - Decimal::from(4)}", text_anchor: "middle", "{label}" }
                    }
                    text { class: "bar-month", x: "{column.centre}", y: "{label_y}", text_anchor: "middle", "{column.month}" }
                }
            }
        }
    }
}

/// Whether the chart would draw anything.
pub fn has_bars(columns: &[BarColumn]) -> bool {
    !layout(columns).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn column(month: u32, values: &[&str]) -> BarColumn {
        BarColumn {
            period: Period::new(2026, month).unwrap(),
            caption: None,
            label: Some(values.join("+")),
            pieces: values
                .iter()
                .map(|v| Piece {
                    value: dec(v),
                    color: "#000",
                    title: (*v).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn heights_are_proportional_and_the_biggest_column_fills_the_plot() {
        let placed = layout(&[
            column(9, &[]),
            column(10, &["300"]),
            column(11, &["450", "150"]),
        ]);
        assert_eq!(placed.len(), 3);
        assert!(placed[0].pieces.is_empty(), "September: nothing");
        let height = |c: &PlacedColumn| c.pieces.iter().map(|p| p.height).sum::<Decimal>();
        assert_eq!(
            height(&placed[2]),
            PLOT,
            "the biggest column fills the plot"
        );
        assert_eq!(
            height(&placed[1]),
            PLOT / Decimal::TWO,
            "300 is half of 600"
        );
        assert_eq!(placed[2].top, TOP);
        assert_eq!(placed[2].month, "ноя");
        assert_eq!(placed[0].month, "сен");
        let right = placed[2].pieces[0].x + placed[2].pieces[0].width;
        assert!(right <= WIDTH, "fits the drawing");
        // Stacked without a gap: each piece starts where the one below ends.
        assert_eq!(
            placed[2].pieces[1].y + placed[2].pieces[1].height,
            placed[2].pieces[0].y
        );
    }

    #[test]
    fn nothing_to_draw_when_every_column_is_empty() {
        assert!(layout(&[]).is_empty());
        assert!(!has_bars(&[column(11, &["0"])]));
        assert!(has_bars(&[column(11, &["0.1"])]));
    }

    #[test]
    fn a_wide_label_over_the_last_bar_stays_inside() {
        assert_eq!(label_x(dec("311.67"), "1\u{a0}234\u{a0}567 ₽"), dec("307"));
        assert_eq!(label_x(dec("170"), "600 ₽"), dec("170"));
        assert_eq!(label_x(dec("5"), "600 ₽"), dec("15"));
    }

    #[test]
    fn months_read_in_russian() {
        let names: Vec<&str> = (1..=12)
            .map(|m| month_short(Period::new(2026, m).unwrap()))
            .collect();
        assert_eq!(names[0], "янв");
        assert_eq!(names[11], "дек");
    }
}
