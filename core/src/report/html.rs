//! The report page: one self-contained HTML file (inline CSS and SVG, no scripts, fonts or
//! links to anywhere) that reads at a glance on a screen and prints to clean A4 or Letter
//! pages. The first page carries the summary and the chart; tables follow, and the
//! night-by-night log starts on a new page. Every chart has a table with the same figures.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::chart::{self, Night};
use super::{text, Adherence, MedicationLog, Outcome, ReportData};
use crate::breakdown::{breakdown, holding};
use crate::checkin::{Feeling, Symptom};
use crate::medication::Slot;
use crate::plan::PlanEventKind;
use crate::units::Micrograms;

const CSS: &str = r#"
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0}
main{max-width:1040px;margin:0 auto;padding:24px}
h1{font-size:1.6em;margin:0 0 .15em}
h2{font-size:1.25em;margin:1.5em 0 .45em;padding-bottom:.15em;border-bottom:2px solid #1a1a1a}
h3{font-size:1.05em;margin:1.1em 0 .35em}
p{margin:.35em 0}
.meta{color:#3d3d3d}
.small{font-size:.85em;color:#3d3d3d}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(118px,1fr));gap:8px;margin:.5em 0}
.tile{border:1px solid #6e6e6e;border-radius:6px;padding:6px 10px}
.tile dt{font-size:.78em;color:#3d3d3d;text-transform:uppercase;letter-spacing:.03em}
.tile dd{margin:0;font-size:1.1em;font-weight:700}
figure{margin:.5em 0}
svg{width:100%;height:auto;display:block}
figcaption{font-size:.85em;color:#2b2b2b}
.legend svg.key{display:inline-block;vertical-align:-1px;margin-right:5px}
svg.key{width:auto}
.legend{display:flex;flex-wrap:wrap;gap:4px 18px;margin:.3em 0 0;padding:0;list-style:none}
table{border-collapse:collapse;width:100%;font-size:.86em;margin:.4em 0 1em}
caption{text-align:left;font-weight:700;padding:.2em 0 .3em}
th,td{border:1px solid #8c8c8c;padding:3px 6px;text-align:left;vertical-align:top}
thead th{background:#e9e9e9}
.num{text-align:right;font-variant-numeric:tabular-nums}
.question{border-left:4px solid #1a1a1a;padding:2px 12px;margin:.7em 0}
.question p.q{font-weight:700}
ul{margin:.3em 0;padding-left:1.3em}
footer{margin-top:2em;font-size:.8em;color:#3d3d3d;border-top:1px solid #8c8c8c;padding-top:.5em}
@page{margin:12mm}
@media print{
 body{font-size:10pt}
 main{max-width:none;padding:0}
 h2,h3{break-after:avoid}
 .tiles{grid-template-columns:repeat(7,1fr);gap:4px}
 .tile{padding:3px 6px}
 .tile dd{font-size:1em}
 figure,.tiles,.keep,.question{break-inside:avoid}
 thead{display:table-header-group}
 tr{break-inside:avoid}
 .appendix{break-before:page}
}
"#;

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

fn short_day(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

/// Renders the page.
pub fn render(data: &ReportData) -> String {
    let per_med: Vec<(&MedicationLog, Vec<Night>)> = data
        .medications
        .iter()
        .map(|m| (m, chart::nights(data, m)))
        .collect();
    let mut h = String::with_capacity(
        64 * 1024 + per_med.iter().map(|(_, n)| n.len() * 900).sum::<usize>(),
    );
    let names: Vec<&str> = data
        .medications
        .iter()
        .map(|m| m.medication.name.as_str())
        .collect();
    let period = format!("{} to {}", day(data.from), day(data.to));
    let _ = write!(
        h,
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{} – {} – {}</title><style>{CSS}</style></head><body><main>"#,
        text::TITLE,
        esc(&names.join(", ")),
        esc(&period)
    );

    // Who and what.
    let _ = write!(
        h,
        "<header><h1>{}: {}</h1>",
        text::TITLE,
        esc(&names.join(", "))
    );
    if let Some(name) = &data.patient_name {
        let _ = write!(
            h,
            r#"<p class="meta"><strong>Name:</strong> {}</p>"#,
            esc(name)
        );
    }
    let _ = write!(
        h,
        r#"<p class="meta"><strong>Period:</strong> nights of {} ({}). <strong>Made:</strong> {}.</p>"#,
        esc(&period),
        crate::words::nights((data.to - data.from).num_days() + 1),
        data.generated_at.format("%a %-d %b %Y %H:%M (UTC%:z)")
    );
    for (log, _) in &per_med {
        let med = &log.medication;
        let _ = write!(
            h,
            r#"<p class="meta"><strong>{}:</strong> holds {}; taken {}.</p>"#,
            esc(&med.name),
            esc(&holding(med)),
            esc(&slot_words(&med.slot, data))
        );
    }
    let _ = write!(h, r#"<p class="small">{}</p></header>"#, text::PROVENANCE);

    for (n, (log, nights)) in per_med.iter().enumerate() {
        med_section(&mut h, data, log, nights, n);
    }
    symptoms_section(&mut h, data);
    questions_section(&mut h, data);
    notes_section(&mut h, data);

    h.push_str(r#"<section class="appendix" aria-labelledby="nightly"><h2 id="nightly">Night by night</h2>"#);
    for (log, _) in &per_med {
        nightly_table(&mut h, data, log);
    }
    h.push_str("</section>");
    let _ = write!(
        h,
        "<footer><p>{} {}</p></footer></main></body></html>",
        text::ADHERENCE_RULES,
        text::CHECKIN_RULES
    );
    h
}

fn slot_words(slot: &Slot, data: &ReportData) -> String {
    match slot {
        Slot::Evening { lead_minutes } => {
            let b = &data.settings.bedtimes;
            let mut special: Vec<String> = Vec::new();
            for (i, t) in b.by_weekday.iter().enumerate() {
                if let (Some(t), Some(day)) =
                    (t, ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].get(i))
                {
                    special.push(format!("{day} {}", t.format("%H:%M")));
                }
            }
            let extra = if special.is_empty() {
                String::new()
            } else {
                format!(" ({})", special.join(", "))
            };
            format!(
                "in the evening, reminded {lead_minutes} minutes before bedtime; bedtime {}{extra}",
                b.default.format("%H:%M")
            )
        }
        Slot::Morning { time } => format!("in the morning at {}", time.format("%H:%M")),
        Slot::Times { times } => {
            let list: Vec<String> = times
                .iter()
                .map(|t| t.format("%H:%M").to_string())
                .collect();
            format!("{} times a day at {}", times.len(), list.join(", "))
        }
    }
}

fn med_section(h: &mut String, data: &ReportData, log: &MedicationLog, nights: &[Night], n: usize) {
    let med = &log.medication;
    let name = esc(&med.name);
    let adherence = Adherence::of(&log.doses);
    let table_id = format!("weeks{n}");
    let _ = write!(
        h,
        r#"<section aria-labelledby="med{n}"><h2 id="med{n}">{name}</h2>"#
    );

    // At a glance.
    // The day's total: fixed-time medicines take the planned amount at each time.
    let per_day = u32::try_from(med.slot.doses_per_day()).unwrap_or(1);
    let current = Micrograms(log.planned_on(log.today).0.saturating_mul(per_day));
    let current_plan = log
        .plans
        .iter()
        .rev()
        .find(|p| p.plan.starts_on <= log.today)
        .or(log.plans.last());
    let taken = adherence.on_time + adherence.late;
    let _ = write!(h, r#"<dl class="tiles" aria-label="{name} at a glance">"#);
    let when = if matches!(med.slot, Slot::Evening { .. }) {
        "Planned tonight"
    } else {
        "Planned today"
    };
    tile(h, when, &current.to_string());
    if let Some(p) = current_plan {
        tile(
            h,
            if p.plan.kind.is_taper() {
                "Plan (taper)"
            } else {
                "Plan"
            },
            &format!(
                "v{} from {}",
                p.plan.version,
                p.plan.starts_on.format("%-d %b %Y")
            ),
        );
    }
    tile(
        h,
        "Doses taken",
        &format!(
            "{taken} of {} ({}%)",
            adherence.total(),
            adherence.percent(taken)
        ),
    );
    tile(h, "Late", &adherence.late.to_string());
    tile(h, "Missed", &adherence.missed.to_string());
    tile(h, "Skipped", &adherence.skipped.to_string());
    let this_morning = data.generated_at.date_naive();
    let mornings = nights
        .iter()
        .map(|n| chart::morning_after(n.date))
        .filter(|m| *m <= this_morning);
    let (answered, asked) = mornings.fold((0, 0), |(a, t), m| {
        (a + usize::from(data.checkin_on(m).is_some()), t + 1)
    });
    tile(h, "Mornings answered", &format!("{answered} of {asked}"));
    h.push_str("</dl>");

    // The chart and its key.
    let _ = write!(
        h,
        r#"<figure>{}"#,
        chart::svg(data, log, nights, n, &table_id)
    );
    let _ = write!(
        h,
        r#"<figcaption>{}<p>{}</p></figcaption></figure>"#,
        chart::legend(n),
        text::CHECKIN_RULES
    );

    // Adherence.
    let _ = write!(
        h,
        r#"<table class="keep"><caption>{name}: doses by outcome</caption><thead><tr><th scope="col">Outcome</th><th scope="col" class="num">Doses</th><th scope="col" class="num">Share</th></tr></thead><tbody>"#
    );
    for (label, count) in [
        ("Taken on time", adherence.on_time),
        ("Taken late", adherence.late),
        ("Missed", adherence.missed),
        ("Skipped", adherence.skipped),
    ] {
        let _ = write!(
            h,
            r#"<tr><th scope="row">{label}</th><td class="num">{count}</td><td class="num">{}%</td></tr>"#,
            adherence.percent(count)
        );
    }
    let _ = write!(
        h,
        r#"<tr><th scope="row">All settled doses</th><td class="num">{}</td><td class="num">100%</td></tr></tbody></table><p class="small">{}</p>"#,
        adherence.total(),
        text::ADHERENCE_RULES
    );

    weeks_table(h, data, log, nights, &table_id);
    plan_tables(h, log);
    h.push_str("</section>");
}

fn tile(h: &mut String, label: &str, value: &str) {
    let _ = write!(
        h,
        r#"<div class="tile"><dt>{label}</dt><dd>{}</dd></div>"#,
        esc(value)
    );
}

fn weeks_table(h: &mut String, data: &ReportData, log: &MedicationLog, nights: &[Night], id: &str) {
    let _ = write!(
        h,
        r#"<table id="{id}"><caption>{}: week by week (the chart's figures)</caption><thead><tr><th scope="col">Week</th><th scope="col">Planned</th><th scope="col" class="num">Taken</th><th scope="col" class="num">Late</th><th scope="col" class="num">Missed</th><th scope="col" class="num">Skipped</th><th scope="col">Mornings</th><th scope="col">Pain</th><th scope="col">Symptoms (mornings)</th></tr></thead><tbody>"#,
        esc(&log.medication.name)
    );
    let weeks = nights.len().div_ceil(7);
    for w in 0..weeks {
        let week = chart::week(nights, w);
        let mut planned: Vec<Micrograms> = Vec::new();
        for n in week.iter().filter(|n| !n.planned.is_zero()) {
            if planned.last() != Some(&n.planned) {
                planned.push(n.planned);
            }
        }
        let planned_text = if planned.is_empty() {
            "—".to_string()
        } else {
            planned
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join(" → ")
        };
        let taken = week.iter().filter(|n| !n.taken.is_zero()).count();
        let late = week.iter().filter(|n| n.late).count();
        let missed: u32 = week.iter().map(|n| n.missed).sum();
        let skipped: u32 = week.iter().map(|n| n.skipped).sum();
        let mut feelings = [0u32; 3];
        let mut pains: Vec<u8> = Vec::new();
        let mut symptoms: BTreeMap<Symptom, u32> = BTreeMap::new();
        for n in week {
            if let Some(c) = data.checkin_on(chart::morning_after(n.date)) {
                if let Some(slot) = Feeling::ALL
                    .iter()
                    .position(|f| *f == c.feeling)
                    .and_then(|i| feelings.get_mut(i))
                {
                    *slot += 1;
                }
                pains.extend(c.pain);
                for s in &c.effects {
                    *symptoms.entry(*s).or_default() += 1;
                }
            }
        }
        let mornings = Feeling::ALL
            .iter()
            .zip(feelings)
            .filter(|(_, count)| *count > 0)
            .map(|(f, count)| format!("{} {count}", f.label()))
            .collect::<Vec<_>>()
            .join(", ");
        let pain = match (pains.iter().min(), pains.iter().max()) {
            (Some(lo), Some(hi)) => {
                let mean = pains.iter().map(|p| f64::from(*p)).sum::<f64>() / pains.len() as f64;
                if lo == hi {
                    format!("{lo}")
                } else {
                    format!("{mean:.1} ({lo}–{hi})")
                }
            }
            _ => "—".into(),
        };
        let symptoms_text = symptoms
            .iter()
            .map(|(s, c)| format!("{} ×{c}", s.label()))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(
            h,
            r#"<tr><th scope="row">{} <span class="small">{}</span></th><td>{}</td><td class="num">{taken}</td><td class="num">{late}</td><td class="num">{missed}</td><td class="num">{skipped}</td><td>{}</td><td>{pain}</td><td>{}</td></tr>"#,
            w + 1,
            esc(&chart::span(week)),
            esc(&planned_text),
            if mornings.is_empty() {
                "—".to_string()
            } else {
                esc(&mornings)
            },
            if symptoms_text.is_empty() {
                "—".to_string()
            } else {
                esc(&symptoms_text)
            }
        );
    }
    h.push_str("</tbody></table>");
}

fn plan_tables(h: &mut String, log: &MedicationLog) {
    let med = &log.medication;
    let name = esc(&med.name);
    if log.plans.is_empty() {
        let _ = write!(h, "<p>No plan has been set for {name}.</p>");
        return;
    }
    let _ = write!(
        h,
        r#"<h3>Plan and its history</h3><table class="keep"><caption>{name}: plan versions</caption><thead><tr><th scope="col">Version</th><th scope="col">From night</th><th scope="col">Plan</th><th scope="col">Saved</th><th scope="col">Warnings confirmed</th></tr></thead><tbody>"#
    );
    for p in &log.plans {
        let warnings = if p.plan.confirmed_warnings.is_empty() {
            "—".to_string()
        } else {
            esc(&p.plan.confirmed_warnings.join("; "))
        };
        let until = p
            .superseded_on
            .map(|d| format!(" (until {})", short_day(d)))
            .unwrap_or_default();
        let _ = write!(
            h,
            r#"<tr><th scope="row">{}</th><td>{}{}</td><td>{}</td><td>{}</td><td>{warnings}</td></tr>"#,
            p.plan.version,
            day(p.plan.starts_on),
            esc(&until),
            esc(&p.plan.kind.describe()),
            p.plan.created_at.format("%-d %b %Y")
        );
    }
    h.push_str("</tbody></table>");

    let _ = write!(
        h,
        r#"<table><caption>{name}: steps</caption><thead><tr><th scope="col">Plan</th><th scope="col">Step</th><th scope="col">Nights</th><th scope="col" class="num">Dose</th><th scope="col">Made up of</th><th scope="col">Status</th></tr></thead><tbody>"#
    );
    for p in &log.plans {
        for s in &p.steps {
            let nights = match s.until {
                Some(u) => format!(
                    "{} – {}",
                    short_day(s.from),
                    short_day(u.pred_opt().unwrap_or(u).max(s.from))
                ),
                None => format!("from {}", short_day(s.from)),
            };
            let made_of = if s.dose.is_zero() {
                "nothing".to_string()
            } else {
                breakdown(med, s.dose)
                    .map(|b| b.to_string())
                    .unwrap_or_else(|e| e.to_string())
            };
            let status = if s.from > log.today {
                if s.projected {
                    "ahead, if side effects are confirmed tolerable"
                } else {
                    "ahead"
                }
            } else if s.until.is_some_and(|u| u <= log.today) {
                "done"
            } else if s.awaiting_confirmation {
                "current; step-up due, waiting for confirmation"
            } else {
                "current"
            };
            let _ = write!(
                h,
                r#"<tr><td>v{}</td><th scope="row">{}</th><td>{}</td><td class="num">{}</td><td>{}</td><td>{status}</td></tr>"#,
                p.plan.version,
                s.index + 1,
                esc(&nights),
                s.dose,
                esc(&made_of)
            );
        }
    }
    h.push_str("</tbody></table>");

    let mut events: Vec<(NaiveDate, String)> = Vec::new();
    for p in &log.plans {
        for e in &p.events {
            let what = match e.kind {
                PlanEventKind::Hold { days } => {
                    format!("Step held for {} more", crate::words::nights(days))
                }
                PlanEventKind::Tolerable => {
                    "Side effects of the current step confirmed tolerable".to_string()
                }
                PlanEventKind::Stay => {
                    "Chose to stay on this dose and ask the prescriber before stepping up"
                        .to_string()
                }
            };
            events.push((e.night, what));
        }
    }
    if !events.is_empty() {
        events.sort();
        h.push_str("<h3>Along the plan</h3><ul>");
        for (night, what) in events {
            let _ = write!(h, "<li>{}: {}</li>", short_day(night), esc(&what));
        }
        h.push_str("</ul>");
    }
}

fn symptoms_section(h: &mut String, data: &ReportData) {
    h.push_str(r#"<section aria-labelledby="symptoms"><h2 id="symptoms">Side effects and withdrawal symptoms</h2>"#);
    let mut seen: BTreeMap<Symptom, (u32, NaiveDate, NaiveDate)> = BTreeMap::new();
    for c in &data.checkins {
        for s in &c.effects {
            let e = seen.entry(*s).or_insert((0, c.morning, c.morning));
            e.0 += 1;
            e.1 = e.1.min(c.morning);
            e.2 = e.2.max(c.morning);
        }
    }
    if seen.is_empty() {
        h.push_str(
            "<p>No side effects or withdrawal symptoms were reported in this period.</p></section>",
        );
        return;
    }
    h.push_str(r#"<table class="keep"><caption>Symptoms reported at the morning check-in (week by week in each medicine's table)</caption><thead><tr><th scope="col">Symptom</th><th scope="col">Usually read as</th><th scope="col" class="num">Mornings</th><th scope="col">First</th><th scope="col">Last</th></tr></thead><tbody>"#);
    for (s, (count, first, last)) in &seen {
        let _ = write!(
            h,
            r#"<tr><th scope="row">{}</th><td>{}</td><td class="num">{count}</td><td>{}</td><td>{}</td></tr>"#,
            esc(s.label()),
            esc(&text::symptom_reading(*s)),
            short_day(*first),
            short_day(*last)
        );
    }
    h.push_str("</tbody></table></section>");
}

fn questions_section(h: &mut String, data: &ReportData) {
    let _ = write!(
        h,
        r#"<section aria-labelledby="questions"><h2 id="questions">Questions the app raised</h2><p class="small">{} As of {}.</p>"#,
        text::QUESTIONS_INTRO,
        data.generated_at.format("%-d %b %Y")
    );
    if data.questions.is_empty() {
        let _ = write!(h, "<p>{}</p>", text::NO_QUESTIONS);
    }
    for q in &data.questions {
        let _ = write!(
            h,
            r#"<div class="question"><h3>{}</h3><p class="q">“{}”</p>"#,
            esc(&q.title),
            esc(&q.question)
        );
        if !q.evidence.is_empty() {
            h.push_str(r#"<p class="small">What the app saw:</p><ul>"#);
            for e in &q.evidence {
                let _ = write!(h, "<li>{}</li>", esc(e));
            }
            h.push_str("</ul>");
        }
        h.push_str("</div>");
    }
    h.push_str("</section>");
}

fn notes_section(h: &mut String, data: &ReportData) {
    h.push_str(r#"<section aria-labelledby="notes"><h2 id="notes">Notes</h2>"#);
    let notes: Vec<_> = data
        .checkins
        .iter()
        .filter_map(|c| c.note.as_ref().map(|n| (c.morning, n)))
        .collect();
    if notes.is_empty() {
        h.push_str("<p>No notes in this period.</p>");
    } else {
        h.push_str("<ul>");
        for (morning, note) in notes {
            let _ = write!(
                h,
                "<li><strong>{} (morning):</strong> {}</li>",
                short_day(morning),
                esc(note).replace('\n', "<br>")
            );
        }
        h.push_str("</ul>");
    }
    h.push_str("</section>");
}

fn nightly_table(h: &mut String, data: &ReportData, log: &MedicationLog) {
    let name = esc(&log.medication.name);
    let several = log.medication.slot.doses_per_day() > 1;
    let _ = write!(
        h,
        r#"<table><caption>{name}: every dose and the morning after</caption><thead><tr><th scope="col">Night</th>{}<th scope="col" class="num">Planned</th><th scope="col">Outcome</th><th scope="col">Reminder</th><th scope="col">Recorded</th><th scope="col">Next morning</th><th scope="col" class="num">Pain</th><th scope="col">Symptoms</th></tr></thead><tbody>"#,
        if several {
            r#"<th scope="col">Dose</th>"#
        } else {
            ""
        }
    );
    for d in &log.doses {
        let (outcome, recorded) = match &d.outcome {
            Outcome::Taken { at, amount, late } => (
                format!("Taken {amount}{}", if *late { " (late)" } else { "" }),
                at.format("%H:%M").to_string(),
            ),
            Outcome::Skipped { at } => ("Skipped".to_string(), at.format("%H:%M").to_string()),
            Outcome::Missed => ("Missed".to_string(), "—".to_string()),
            Outcome::Open => ("Not yet due or open".to_string(), "—".to_string()),
        };
        let c = data.checkin_on(chart::morning_after(d.night));
        let _ = write!(
            h,
            r#"<tr><th scope="row">{}</th>{}<td class="num">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td>{}</td></tr>"#,
            short_day(d.night),
            if several {
                format!("<td>{}</td>", d.slot_index + 1)
            } else {
                String::new()
            },
            d.planned,
            esc(&outcome),
            d.due.format("%H:%M"),
            recorded,
            c.map(|c| c.feeling.label()).unwrap_or("—"),
            c.and_then(|c| c.pain)
                .map(|p| p.to_string())
                .unwrap_or_else(|| "—".into()),
            c.map(|c| esc(&c
                .effects
                .iter()
                .map(|e| e.label())
                .collect::<Vec<_>>()
                .join(", ")))
                .unwrap_or_default()
        );
    }
    h.push_str("</tbody></table>");
}
