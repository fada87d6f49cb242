//! The report's chart as inline SVG: the dose taken each night against the planned dose, the
//! nights not taken, the morning check-in strip and the pain trend, all on one night axis so
//! a column reads top to bottom as one night and the morning after it. Shapes and patterns,
//! not colour alone, tell the marks apart, so the chart survives greyscale printing.

use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::html::esc;
use super::{text, MedicationLog, Outcome, ReportData};
use crate::checkin::Feeling;
use crate::units::Micrograms;

const WIDTH: f64 = 1000.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 12.0;
const DOSE_TOP: f64 = 26.0;
const DOSE_BOTTOM: f64 = 206.0;
const MARKS_Y: f64 = 222.0;
const STRIP_TOP: f64 = 236.0;
const STRIP_HEIGHT: f64 = 20.0;
const PAIN_TOP: f64 = 278.0;
const PAIN_BOTTOM: f64 = 336.0;
const AXIS_Y: f64 = 356.0;
const HEIGHT: f64 = 366.0;
/// Narrower nights than this (in chart units) are drawn a week per column in the strip.
const MIN_NIGHT_WIDTH: f64 = 3.5;

/// One night of one medicine, summed over the day's doses.
#[derive(Debug, Clone, Default)]
pub struct Night {
    /// The night.
    pub date: NaiveDate,
    /// Planned amount, summed over the day's doses.
    pub planned: Micrograms,
    /// Amount taken, summed over the day's doses.
    pub taken: Micrograms,
    /// Some dose that night was taken late.
    pub late: bool,
    /// Doses missed that night.
    pub missed: u32,
    /// Doses skipped that night.
    pub skipped: u32,
}

/// The nights `data.from..=data.to` for `log`, one entry each.
pub fn nights(data: &ReportData, log: &MedicationLog) -> Vec<Night> {
    let mut out: Vec<Night> = data
        .from
        .iter_days()
        .take_while(|d| *d <= data.to)
        .map(|date| Night {
            date,
            ..Night::default()
        })
        .collect();
    for d in &log.doses {
        let Some(n) = usize::try_from((d.night - data.from).num_days())
            .ok()
            .and_then(|i| out.get_mut(i))
        else {
            continue;
        };
        n.planned = Micrograms(n.planned.0.saturating_add(d.planned.0));
        match d.outcome {
            Outcome::Taken { amount, late, .. } => {
                n.taken = Micrograms(n.taken.0.saturating_add(amount.0));
                n.late |= late;
            }
            Outcome::Skipped { .. } => n.skipped += 1,
            Outcome::Missed => n.missed += 1,
            Outcome::Open => {}
        }
    }
    out
}

/// A step on the mg axis that gives at most five grid lines.
fn grid_step(max: Micrograms) -> u32 {
    [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
        .into_iter()
        .map(|mg| mg * 1000)
        .find(|step| max.0.div_ceil(*step) <= 5)
        .unwrap_or(1_000_000)
}

/// The chart for one medicine, with a title and description for screen readers;
/// `table_id` names the table that carries the same figures.
pub fn svg(
    data: &ReportData,
    log: &MedicationLog,
    nights: &[Night],
    n: usize,
    table_id: &str,
) -> String {
    let count = nights.len().max(1) as f64;
    let plot = WIDTH - LEFT - RIGHT;
    let w = plot / count;
    let x = |i: usize| LEFT + w * i as f64;
    let top = nights
        .iter()
        .map(|n| n.planned.max(n.taken))
        .max()
        .unwrap_or_default();
    let step = grid_step(top.max(Micrograms(1)));
    let max = Micrograms(top.0.div_ceil(step).max(1) * step);
    let y =
        |m: Micrograms| DOSE_BOTTOM - (DOSE_BOTTOM - DOSE_TOP) * f64::from(m.0) / f64::from(max.0);

    let name = esc(&log.medication.name);
    let mut s = String::with_capacity(nights.len() * 260 + 4000);
    let _ = write!(
        s,
        r#"<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart{n}-title chart{n}-desc" aria-describedby="{table_id}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="13">"#
    );
    let _ = write!(
        s,
        r#"<title id="chart{n}-title">{name}: dose taken each night against the plan, with morning check-ins and pain</title>"#
    );
    let _ = write!(
        s,
        r#"<desc id="chart{n}-desc">{}</desc>"#,
        esc(&describe(log, nights))
    );
    // Pattern ids are per chart: ids are unique in the whole page.
    let _ = write!(
        s,
        concat!(
            r##"<defs><pattern id="hatch{n}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">"##,
            r##"<rect width="6" height="6" fill="#f1dea0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#6b5300" stroke-width="2.4"/></pattern>"##,
            r##"<pattern id="late{n}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">"##,
            r##"<rect width="5" height="5" fill="#c9d6ea"/><line x1="0" y1="0" x2="0" y2="5" stroke="#2d4f86" stroke-width="2"/></pattern></defs>"##
        ),
        n = n
    );

    // Grid and the mg axis.
    let mut g = 0;
    while g <= max.0 {
        let gy = y(Micrograms(g));
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{gy:.1}" x2="{:.1}" y2="{gy:.1}" stroke="#d0d0d0"/>"##,
            WIDTH - RIGHT
        );
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#333">{}</text>"##,
            LEFT - 6.0,
            gy + 4.0,
            Micrograms(g)
        );
        g += step;
    }
    let row_label = |s: &mut String, label: &str, ly: f64| {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{ly:.1}" text-anchor="end" fill="#1a1a1a" font-weight="600">{label}</text>"##,
            LEFT - 6.0
        );
    };
    row_label(&mut s, "Not taken", MARKS_Y + 4.0);
    row_label(&mut s, "Morning", STRIP_TOP + 14.0);
    let _ = write!(
        s,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#1a1a1a" font-weight="600">Pain</text>"##,
        LEFT - 22.0,
        (PAIN_TOP + PAIN_BOTTOM) / 2.0 + 4.0
    );

    // Taken doses: one column per night; late ones hatched.
    let bar = if w < MIN_NIGHT_WIDTH {
        w + 0.05
    } else {
        w * 0.72
    };
    for (i, night) in nights.iter().enumerate() {
        if night.taken.is_zero() {
            continue;
        }
        let top = y(night.taken);
        let late = format!("url(#late{n})");
        let fill = if night.late { late.as_str() } else { TAKEN };
        let _ = write!(
            s,
            r#"<rect x="{:.2}" y="{top:.1}" width="{bar:.2}" height="{:.1}" fill="{fill}"/>"#,
            x(i) + (w - bar) / 2.0,
            DOSE_BOTTOM - top
        );
    }

    // The plan: a dashed step line, broken where nothing is planned; labels where it changes.
    let mut path = String::new();
    let mut prev: Option<Micrograms> = None;
    let mut last_label = f64::MIN;
    let mut labels = String::new();
    for (i, night) in nights.iter().enumerate() {
        let planned = (!night.planned.is_zero()).then_some(night.planned);
        match (prev, planned) {
            (_, None) => {}
            (None, Some(p)) => {
                let _ = write!(path, "M{:.2} {:.1}H{:.2}", x(i), y(p), x(i + 1));
            }
            (Some(q), Some(p)) if p == q => {
                let _ = write!(path, "H{:.2}", x(i + 1));
            }
            (Some(_), Some(p)) => {
                let _ = write!(path, "V{:.1}H{:.2}", y(p), x(i + 1));
            }
        }
        if planned.is_some() && planned != prev && x(i) - last_label > 44.0 {
            if let Some(p) = planned {
                let lx = (x(i) + 2.0).min(WIDTH - RIGHT - 40.0);
                // A white halo first, so the label reads over grid lines and bars.
                let ly = y(p) - 6.0;
                let _ = write!(
                    labels,
                    r##"<text x="{lx:.1}" y="{ly:.1}" font-size="12" fill="#fff" stroke="#fff" stroke-width="3" aria-hidden="true">{p}</text><text x="{lx:.1}" y="{ly:.1}" font-size="12" fill="#1a1a1a">{p}</text>"##
                );
                last_label = x(i);
            }
        }
        prev = planned;
    }
    let _ = write!(
        s,
        r##"<path d="{path}" fill="none" stroke="#1a1a1a" stroke-width="2.2" stroke-dasharray="7 4"/>"##
    );
    s.push_str(&labels);
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" y1="{DOSE_BOTTOM}" x2="{:.1}" y2="{DOSE_BOTTOM}" stroke="#1a1a1a"/>"##,
        WIDTH - RIGHT
    );

    // Missed (×) and skipped (○) nights, on their own row under the axis.
    let r = (w * 0.35).clamp(2.5, 6.0);
    for (i, night) in nights.iter().enumerate() {
        let cx = x(i) + w / 2.0;
        if night.missed > 0 {
            let _ = write!(
                s,
                r##"<path d="M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}" stroke="#a1001b" stroke-width="2"/>"##,
                cx - r,
                MARKS_Y - r,
                cx + r,
                MARKS_Y + r,
                cx - r,
                MARKS_Y + r,
                cx + r,
                MARKS_Y - r
            );
        } else if night.skipped > 0 {
            let _ = write!(
                s,
                r##"<circle cx="{cx:.1}" cy="{MARKS_Y}" r="{r:.1}" fill="#fff" stroke="#1a1a1a" stroke-width="1.6"/>"##
            );
        }
    }

    // The morning strip and the pain line: the answers given the morning after each night;
    // when a night is too narrow to see, one column per week (shares of each answer, stacked)
    // and the week's mean pain.
    let bucket = if w >= MIN_NIGHT_WIDTH { 1 } else { 7 };
    let mut pain_path = String::new();
    let mut pen_down = false;
    let pain_y = |p: f64| PAIN_BOTTOM - (PAIN_BOTTOM - PAIN_TOP) * p / 10.0;
    for (b, chunk) in nights.chunks(bucket).enumerate() {
        let i = b * bucket;
        let answers: Vec<&crate::checkin::CheckIn> = chunk
            .iter()
            .filter_map(|n| data.checkin_on(morning_after(n.date)))
            .collect();
        let (x0, cw) = (x(i), w * chunk.len() as f64);
        if bucket == 1 {
            if let Some(c) = answers.first() {
                let (fill, ink) = feeling_style(c.feeling, n);
                let _ = write!(
                    s,
                    r##"<rect x="{x0:.2}" y="{STRIP_TOP}" width="{cw:.2}" height="{STRIP_HEIGHT}" fill="{fill}" stroke="#fff" stroke-width="{:.2}"/>"##,
                    (w * 0.08).min(1.0)
                );
                if w >= 11.0 {
                    let _ = write!(
                        s,
                        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11" font-weight="700" fill="{ink}">{}</text>"##,
                        x0 + cw / 2.0,
                        STRIP_TOP + 14.0,
                        text::feeling_letter(c.feeling)
                    );
                }
            }
        } else if !answers.is_empty() {
            // Stacked shares, fine at the top, slept badly at the bottom.
            let mut y0 = STRIP_TOP;
            for feeling in Feeling::ALL {
                let count = answers.iter().filter(|c| c.feeling == feeling).count();
                if count == 0 {
                    continue;
                }
                let h = STRIP_HEIGHT * count as f64 / answers.len() as f64;
                let _ = write!(
                    s,
                    r#"<rect x="{x0:.2}" y="{y0:.2}" width="{cw:.2}" height="{h:.2}" fill="{}"/>"#,
                    feeling_style(feeling, n).0
                );
                y0 += h;
            }
        }
        let pains: Vec<f64> = answers
            .iter()
            .filter_map(|c| c.pain)
            .map(f64::from)
            .collect();
        if pains.is_empty() {
            pen_down = false;
            continue;
        }
        let mean = pains.iter().sum::<f64>() / pains.len() as f64;
        let cx = x0 + cw / 2.0;
        let _ = write!(
            pain_path,
            "{}{cx:.2} {:.1}",
            if pen_down { "L" } else { "M" },
            pain_y(mean)
        );
        pen_down = true;
        if bucket == 1 && w >= 5.0 {
            let _ = write!(
                s,
                r##"<circle cx="{cx:.1}" cy="{:.1}" r="2.2" fill="#1a1a1a"/>"##,
                pain_y(mean)
            );
        }
    }
    if bucket > 1 {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#333" font-size="10">weekly</text>"##,
            LEFT - 6.0,
            STRIP_TOP + STRIP_HEIGHT + 9.0
        );
    }
    for p in [0u8, 5, 10] {
        let py = pain_y(f64::from(p));
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{py:.1}" x2="{:.1}" y2="{py:.1}" stroke="#e0e0e0"/>"##,
            WIDTH - RIGHT
        );
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#333" font-size="11">{p}</text>"##,
            LEFT - 6.0,
            py + 4.0
        );
    }
    let _ = write!(
        s,
        r##"<path d="{pain_path}" fill="none" stroke="#1a1a1a" stroke-width="1.6"/>"##
    );

    // Night axis: ticks and dates, spaced for the length of the range.
    let len = nights.len();
    let mut last_tick = f64::MIN;
    for (i, night) in nights.iter().enumerate() {
        let d = night.date;
        let label = if len <= 62 {
            (d.weekday() == Weekday::Mon || i == 0).then(|| d.format("%-d %b").to_string())
        } else if len <= 400 {
            (d.day() == 1).then(|| {
                if d.month() == 1 {
                    d.format("%b %Y").to_string()
                } else {
                    d.format("%b").to_string()
                }
            })
        } else {
            (d.day() == 1 && d.month() == 1).then(|| d.format("%Y").to_string())
        };
        if let Some(label) =
            label.filter(|_| x(i) - last_tick > 44.0 && x(i) < WIDTH - RIGHT - 28.0)
        {
            let tx = x(i);
            last_tick = tx;
            let _ = write!(
                s,
                r##"<line x1="{tx:.1}" y1="{DOSE_TOP}" x2="{tx:.1}" y2="{:.1}" stroke="#bdbdbd" stroke-dasharray="2 3"/>"##,
                AXIS_Y - 12.0
            );
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{AXIS_Y}" fill="#1a1a1a" font-size="12">{label}</text>"##,
                tx + 2.0
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// The fill of a dose taken on time.
const TAKEN: &str = "#5b7fb8";

/// Fill and letter colour of a check-in answer in chart `n`: light, hatched, dark (distinct
/// in greyscale).
fn feeling_style(feeling: Feeling, n: usize) -> (String, &'static str) {
    match feeling {
        Feeling::Fine => ("#d3e8d0".into(), "#1a1a1a"),
        Feeling::Groggy => (format!("url(#hatch{n})"), "#1a1a1a"),
        Feeling::SleptBadly => ("#27335c".into(), "#ffffff"),
    }
}

/// The chart's key: small swatches drawn with the chart's own fills and patterns.
pub fn legend(n: usize) -> String {
    let swatch = |fill: &str| {
        format!(
            r##"<svg class="key" width="16" height="11" viewBox="0 0 16 11" aria-hidden="true"><rect x="0.5" y="0.5" width="15" height="10" fill="{fill}" stroke="#1a1a1a"/></svg>"##
        )
    };
    let mut items = vec![
        (
            r##"<svg class="key" width="22" height="11" viewBox="0 0 22 11" aria-hidden="true"><path d="M0 5.5H22" stroke="#1a1a1a" stroke-width="2.2" stroke-dasharray="7 4"/></svg>"##.to_string(),
            "Planned dose",
        ),
        (swatch(TAKEN), "Taken"),
        (swatch(&format!("url(#late{n})")), "Taken late (over 2 h)"),
        (
            r##"<svg class="key" width="11" height="11" viewBox="0 0 11 11" aria-hidden="true"><path d="M1.5 1.5L9.5 9.5M1.5 9.5L9.5 1.5" stroke="#a1001b" stroke-width="2"/></svg>"##.to_string(),
            "Missed",
        ),
        (
            r##"<svg class="key" width="11" height="11" viewBox="0 0 11 11" aria-hidden="true"><circle cx="5.5" cy="5.5" r="4" fill="#fff" stroke="#1a1a1a" stroke-width="1.6"/></svg>"##.to_string(),
            "Skipped",
        ),
    ];
    for (feeling, label) in [
        (Feeling::Fine, "F: fine"),
        (Feeling::Groggy, "G: groggy"),
        (Feeling::SleptBadly, "B: slept badly"),
    ] {
        items.push((swatch(&feeling_style(feeling, n).0), label));
    }
    items.push((
        r##"<svg class="key" width="22" height="11" viewBox="0 0 22 11" aria-hidden="true"><path d="M0 8L7 4L14 6L22 2" fill="none" stroke="#1a1a1a" stroke-width="1.6"/></svg>"##.to_string(),
        "Pain, 0 (none) to 10 (worst)",
    ));
    let mut out = String::from(r#"<ul class="legend">"#);
    for (key, label) in items {
        let _ = write!(out, "<li>{key}{label}</li>");
    }
    out.push_str("</ul>");
    out
}

/// One paragraph a screen reader reads for the chart.
fn describe(log: &MedicationLog, nights: &[Night]) -> String {
    let planned: Vec<Micrograms> = nights
        .iter()
        .map(|n| n.planned)
        .filter(|p| !p.is_zero())
        .collect();
    let first = planned.first().copied().unwrap_or_default();
    let last = planned.last().copied().unwrap_or_default();
    let taken = nights.iter().filter(|n| !n.taken.is_zero()).count();
    let missed: u32 = nights.iter().map(|n| n.missed).sum();
    let skipped: u32 = nights.iter().map(|n| n.skipped).sum();
    format!(
        "{}: planned dose {} over {}; taken on {}, missed {missed}, skipped {skipped}. The same figures are in the week-by-week table.",
        log.medication.name,
        if first == last { format!("{first} throughout") } else { format!("from {first} to {last}") },
        crate::words::nights(i64::try_from(nights.len()).unwrap_or(i64::MAX)),
        crate::words::nights(i64::try_from(taken).unwrap_or(i64::MAX))
    )
}

/// The nights of week `index` (0-based, seven nights each from the first night).
pub fn week(nights: &[Night], index: usize) -> &[Night] {
    let start = index * 7;
    nights
        .get(start..(start + 7).min(nights.len()))
        .unwrap_or_default()
}

/// The first and last night of `nights`, as "3 Nov – 9 Nov".
pub fn span(nights: &[Night]) -> String {
    match (nights.first(), nights.last()) {
        (Some(a), Some(b)) if a.date == b.date => a.date.format("%-d %b").to_string(),
        (Some(a), Some(b)) => format!(
            "{} – {}",
            a.date.format("%-d %b"),
            b.date.format("%-d %b %Y")
        ),
        _ => String::new(),
    }
}

/// The morning after `night`.
pub fn morning_after(night: NaiveDate) -> NaiveDate {
    night + Duration::days(1)
}
