//! The plan calendar: one self-contained HTML page, A4, for the fridge or the pharmacist. For
//! each medicine: how it is taken, the steps ahead, and a calendar of the coming nights — the
//! dose and what to take (tablets and ml), the nights a step changes marked, a box to tick —
//! and, when its stock is recorded, what is held, when it runs out and what to ask for.
//!
//! Same visual language as the clinician's report (its stylesheet, its table rules) and the
//! same promises: no scripts, no links, nothing loaded, valid HTML5. By default it covers four
//! weeks from tonight, or eight when a step changes in weeks five to eight, so that it prints
//! on one page per medicine; a chosen range may be up to [`MAX_CALENDAR_NIGHTS`].

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

use super::html::{esc, open_page};
use super::{text, ReportData, ReportRequest};
use crate::breakdown::holding;
use crate::companion::Snapshot;
use crate::error::{Error, Result};
use crate::medication::{Medication, Slot};
use crate::plan::{self, Horizon, Plan};
use crate::schedule::{self, DaySettings};
use crate::supplies::{self, shift, NightUse, SupplyForecast};
use crate::zone::to_local;
use crate::Companion;

/// Nights the calendar covers by default.
pub const DEFAULT_CALENDAR_NIGHTS: i64 = 28;
/// Nights it grows to when the plan changes within them after the first four weeks.
pub const LONG_CALENDAR_NIGHTS: i64 = 56;
/// Most nights a chosen range may cover (13 weeks: two printed pages a medicine).
pub const MAX_CALENDAR_NIGHTS: i64 = 91;

/// What the calendar shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    /// When it was made, in phone time.
    pub generated_at: DateTime<FixedOffset>,
    /// The name typed for this print, if any (never stored).
    pub patient_name: Option<String>,
    /// First night.
    pub from: NaiveDate,
    /// Last night.
    pub to: NaiveDate,
    /// Bedtimes, for the line on how each medicine is taken.
    pub settings: DaySettings,
    /// Each medicine with a plan.
    pub medications: Vec<MedicationCalendar>,
}

/// One medicine's part of the calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct MedicationCalendar {
    /// The medicine.
    pub medication: Medication,
    /// The plan version in force on the first night (or the next one to start).
    pub plan: Option<Plan>,
    /// Each night from `from` to `to`.
    pub nights: Vec<NightUse>,
    /// Its supplies, when the stock is recorded.
    pub supply: Option<SupplyForecast>,
}

impl Companion {
    /// The plan calendar over the request's nights (default: from tonight, see the module).
    pub fn plan_calendar(&self, request: &ReportRequest, now: DateTime<Utc>) -> Result<Calendar> {
        let patient_name = request
            .patient_name
            .as_deref()
            .map(super::validate_patient_name)
            .transpose()?
            .flatten();
        for (field, date) in [("from", request.from), ("to", request.to)] {
            if let Some(d) =
                date.filter(|d| !(super::EARLIEST_YEAR..=super::LATEST_YEAR).contains(&d.year()))
            {
                return Err(Error::invalid(
                    field,
                    format!(
                        "{d} is outside the years {}–{} a calendar can cover",
                        super::EARLIEST_YEAR,
                        super::LATEST_YEAR
                    ),
                ));
            }
        }
        let zone = self.zone_rules();
        let zone = zone.as_ref();
        self.with_store(|store| {
            let t = store.read();
            let snap = Snapshot::load(&t)?;
            let tonight = schedule::night_of(&snap.settings, zone, now);
            let from = request.from.unwrap_or(tonight);
            let to = match request.to {
                Some(to) => to,
                None => default_end(&snap, from, tonight),
            };
            check_range(from, to)?;
            let mut medications = Vec::new();
            for med in &snap.meds {
                let plans = snap.plans_of(med.id);
                if plans.is_empty() {
                    continue;
                }
                let (supply, nights) =
                    supplies::calendar_nights(&t, &snap, zone, med, from, to, now)?;
                medications.push(MedicationCalendar {
                    medication: med.clone(),
                    plan: plan_shown(&plans, from),
                    nights,
                    supply,
                });
            }
            Ok(Calendar {
                generated_at: to_local(zone, now),
                patient_name,
                from,
                to,
                settings: snap.settings.clone(),
                medications,
            })
        })
    }
}

/// Four weeks, or eight when a step changes in weeks five to eight.
fn default_end(snap: &Snapshot, from: NaiveDate, today: NaiveDate) -> NaiveDate {
    let short = shift(from, DEFAULT_CALENDAR_NIGHTS - 1);
    let long = shift(from, LONG_CALENDAR_NIGHTS - 1);
    let changes_later = snap.meds.iter().any(|med| {
        snap.plans_of(med.id).iter().any(|p| {
            (p.starts_on > short && p.starts_on <= long)
                || plan::steps(p, med, &snap.plan_events, today, Horizon::Projected)
                    .iter()
                    .any(|s| s.from > short && s.from <= long)
        })
    });
    if changes_later {
        long
    } else {
        short
    }
}

fn check_range(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if to < from {
        return Err(Error::invalid(
            "from",
            format!("the calendar starts on {from}, after it ends on {to}"),
        ));
    }
    if (to - from).num_days() + 1 > MAX_CALENDAR_NIGHTS {
        return Err(Error::invalid(
            "to",
            format!(
                "a plan calendar covers at most {MAX_CALENDAR_NIGHTS} nights (13 weeks), so that it prints on two pages a medicine"
            ),
        ));
    }
    Ok(())
}

/// The version in force on `night`, or the next one to start.
fn plan_shown(plans: &[Plan], night: NaiveDate) -> Option<Plan> {
    plan::plan_on(plans, night)
        .or_else(|| {
            plans
                .iter()
                .filter(|p| p.starts_on > night)
                .min_by_key(|p| p.starts_on)
        })
        .cloned()
}

impl Calendar {
    /// The calendar of a log's last nights (at most [`MAX_CALENDAR_NIGHTS`]), from its plan
    /// steps alone: what `render` draws when handed a clinician's log. The calendar that looks
    /// ahead, with supplies, is [`Companion::plan_calendar`].
    pub fn from_log(data: &ReportData) -> Calendar {
        let from = data.from.max(shift(data.to, -(MAX_CALENDAR_NIGHTS - 1)));
        let medications = data
            .medications
            .iter()
            .filter(|m| !m.plans.is_empty())
            .map(|log| {
                let mut previous = None;
                let nights = from
                    .iter_days()
                    .take_while(|d| *d <= data.to)
                    .map(|night| {
                        let dose = log.planned_on(night);
                        let take = crate::breakdown::breakdown(&log.medication, dose)
                            .ok()
                            .filter(|_| !dose.is_zero());
                        let step_starts = previous.is_some_and(|p| p != dose);
                        previous = Some(dose);
                        NightUse {
                            night,
                            dose,
                            take,
                            problem: None,
                            step_starts,
                            projected: false,
                            runs_out: false,
                        }
                    })
                    .collect();
                let plans: Vec<Plan> = log.plans.iter().map(|p| p.plan.clone()).collect();
                MedicationCalendar {
                    medication: log.medication.clone(),
                    plan: plan_shown(&plans, from),
                    nights,
                    supply: None,
                }
            })
            .collect();
        Calendar {
            generated_at: data.generated_at,
            patient_name: data.patient_name.clone(),
            from,
            to: data.to,
            settings: data.settings.clone(),
            medications,
        }
    }
}

const CALENDAR_CSS: &str = r#"
table.cal{table-layout:fixed}
table.cal td{height:5.2em;padding:3px 4px}
table.cal td.off{background:#f3f3f3}
table.cal .day{display:block;font-weight:700}
table.cal .dose{display:block}
table.cal .take{display:block;font-size:.92em}
table.cal .note{display:block;font-size:.85em;font-style:italic}
table.cal td.step{border-top:3px solid #1a1a1a}
table.cal td.out{border:2px dashed #1a1a1a}
table.cal .tick{float:right;width:1em;height:1em;border:1px solid #1a1a1a;border-radius:2px;margin-left:2px}
.supply{border:1px solid #6e6e6e;border-radius:6px;padding:6px 10px;margin:.6em 0}
@page{size:A4;margin:12mm}
@media print{
 table.cal{break-inside:avoid;font-size:8.5pt}
 table.cal td{height:4.6em}
 .medication+.medication{break-before:page}
}
"#;

/// Renders the calendar page.
pub fn render(c: &Calendar) -> String {
    let mut h = String::with_capacity(32 * 1024);
    let names: Vec<&str> = c
        .medications
        .iter()
        .map(|m| m.medication.name.as_str())
        .collect();
    let period = format!("{} to {}", long_day(c.from), long_day(c.to));
    let subject = if names.is_empty() {
        "no plan yet".to_string()
    } else {
        names.join(", ")
    };
    open_page(
        &mut h,
        text::CALENDAR_TITLE,
        &subject,
        &period,
        CALENDAR_CSS,
        c.patient_name.as_deref(),
    );
    let _ = write!(
        h,
        r#"<p class="meta"><strong>Nights:</strong> {} ({} nights). <strong>Made:</strong> {}.</p><p class="small">{}</p></header>"#,
        esc(&period),
        (c.to - c.from).num_days() + 1,
        c.generated_at.format("%a %-d %b %Y %H:%M"),
        text::CALENDAR_PROVENANCE
    );
    if c.medications.is_empty() {
        let _ = write!(h, "<p>{}</p>", text::CALENDAR_NO_PLAN);
    }
    for (n, m) in c.medications.iter().enumerate() {
        medication(&mut h, c, m, n);
    }
    let _ = write!(
        h,
        "<footer><p>{}</p></footer></main></body></html>",
        text::CALENDAR_FOOTER
    );
    h
}

fn long_day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

fn short_day(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

fn taken_how(med: &Medication, settings: &DaySettings) -> String {
    match &med.slot {
        Slot::Evening { lead_minutes } => format!(
            "in the evening, {lead_minutes} minutes before bedtime (bedtime {})",
            settings.bedtimes.default.format("%H:%M")
        ),
        Slot::Morning { time } => format!("in the morning at {}", time.format("%H:%M")),
        Slot::Times { times } => {
            let list: Vec<String> = times
                .iter()
                .map(|t| t.format("%H:%M").to_string())
                .collect();
            format!("{} times a day, at {}", times.len(), list.join(", "))
        }
    }
}

fn what_to_take(n: &NightUse) -> String {
    match (&n.take, &n.problem) {
        _ if n.dose.is_zero() => "nothing".to_string(),
        (Some(b), _) => b.to_string(),
        (None, Some(p)) => p.clone(),
        (None, None) => "cannot be made from what is held".to_string(),
    }
}

fn medication(h: &mut String, c: &Calendar, m: &MedicationCalendar, n: usize) {
    let med = &m.medication;
    let name = esc(&med.name);
    let several = med.slot.doses_per_day() > 1;
    let _ = write!(
        h,
        r#"<section class="medication" aria-labelledby="cal{n}"><h2 id="cal{n}">{name}</h2><p class="meta">Holds {}; taken {}.</p>"#,
        esc(&holding(med)),
        esc(&taken_how(med, &c.settings))
    );
    if let Some(p) = &m.plan {
        let _ = write!(
            h,
            r#"<p class="meta"><strong>Plan (version {}):</strong> {}.</p>"#,
            p.version,
            esc(&p.kind.describe())
        );
    }

    // The runs of nights with the same dose taken the same way (a dose changes, or the
    // supplies of one strength run out and another makes it).
    let mut steps: Vec<(NaiveDate, NaiveDate, &NightUse)> = Vec::new();
    for night in &m.nights {
        match steps.last_mut() {
            Some((_, end, first))
                if first.dose == night.dose
                    && what_to_take(first) == what_to_take(night)
                    && !night.runs_out =>
            {
                *end = night.night
            }
            _ => steps.push((night.night, night.night, night)),
        }
    }
    let _ = write!(
        h,
        r#"<table class="keep"><caption>{name}: steps from {} to {}</caption><thead><tr><th scope="col">Nights</th><th scope="col" class="num">Dose{}</th><th scope="col">What to take</th></tr></thead><tbody>"#,
        short_day(c.from),
        short_day(c.to),
        if several { " each time" } else { "" }
    );
    for (first, last, night) in &steps {
        let nights = if first == last {
            short_day(*first)
        } else {
            format!("{} – {}", short_day(*first), short_day(*last))
        };
        let mut note = String::new();
        if night.runs_out {
            note.push_str(&format!(" ({})", text::CALENDAR_RUNS_OUT.to_lowercase()));
        }
        if night.projected {
            note.push_str(&format!(" {}", text::CALENDAR_PROJECTED));
        }
        let _ = write!(
            h,
            r#"<tr><th scope="row">{}</th><td class="num">{}</td><td>{}{}</td></tr>"#,
            esc(&nights),
            night.dose,
            esc(&what_to_take(night)),
            esc(&note)
        );
    }
    h.push_str("</tbody></table>");

    // The calendar: one row a week, Monday first.
    let _ = write!(
        h,
        r#"<table class="cal"><caption>{name}: {} — tick {} once taken</caption><thead><tr>"#,
        if several {
            "day by day"
        } else {
            "night by night"
        },
        if several { "each dose" } else { "each night" }
    );
    for d in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] {
        let _ = write!(h, r#"<th scope="col">{d}</th>"#);
    }
    h.push_str("</tr></thead><tbody>");
    let monday = shift(c.from, -i64::from(c.from.weekday().num_days_from_monday()));
    let mut week_start = monday;
    while week_start <= c.to && week_start < NaiveDate::MAX {
        h.push_str("<tr>");
        for day in week_start.iter_days().take(7) {
            match m.nights.iter().find(|x| x.night == day) {
                None => h.push_str(r#"<td class="off"></td>"#),
                Some(night) => cell(h, night, day == c.from, med.slot.doses_per_day()),
            }
        }
        h.push_str("</tr>");
        week_start = shift(week_start, 7);
    }
    h.push_str("</tbody></table>");
    let mut notes = vec![text::CALENDAR_KEY.to_string()];
    if m.nights.iter().any(|x| x.projected) {
        notes.push(format!("* {}", text::CALENDAR_PROJECTED_NOTE));
    }
    let _ = write!(h, r#"<p class="small">{}</p>"#, esc(&notes.join(" ")));

    if let Some(s) = &m.supply {
        let _ = write!(
            h,
            r#"<div class="supply"><h3>Supplies</h3><p><strong>Held:</strong> {}.</p><p>{}</p><p>{}</p></div>"#,
            esc(&s.held_text),
            esc(&s.status_line),
            esc(&s.ask_for_text)
        );
    }
    h.push_str("</section>");
}

fn cell(h: &mut String, night: &NightUse, first: bool, doses: usize) {
    let mut classes = Vec::new();
    if night.step_starts {
        classes.push("step");
    }
    if night.runs_out {
        classes.push("out");
    }
    let day = if first || night.night.day() == 1 {
        night.night.format("%-d %b").to_string()
    } else {
        night.night.format("%-d").to_string()
    };
    // A box to tick for each dose of the day (none once the plan's dose is 0).
    let ticks = if night.dose.is_zero() { 0 } else { doses };
    let _ = write!(
        h,
        r#"<td{}>{}<span class="day">{}</span>"#,
        if classes.is_empty() {
            String::new()
        } else {
            format!(r#" class="{}""#, classes.join(" "))
        },
        r#"<span class="tick" aria-hidden="true"></span>"#.repeat(ticks),
        esc(&day)
    );
    if night.dose.is_zero() {
        let _ = write!(
            h,
            r#"<span class="dose">0 mg</span><span class="take">{}</span>"#,
            text::CALENDAR_NOTHING
        );
    } else {
        let _ = write!(
            h,
            r#"<span class="dose">{}{}</span><span class="take">{}</span>"#,
            night.dose,
            if night.projected { "*" } else { "" },
            esc(&what_to_take(night))
        );
    }
    if night.step_starts {
        let _ = write!(
            h,
            r#"<span class="note">{}</span>"#,
            text::CALENDAR_NEW_STEP
        );
    }
    if night.runs_out {
        let _ = write!(
            h,
            r#"<span class="note">{}</span>"#,
            text::CALENDAR_RUNS_OUT
        );
    }
    h.push_str("</td>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingredient::Ingredient;
    use crate::medication::NewMedication;
    use crate::plan::{PlanKind, TaperMethod};
    use crate::report::ReportFormat;
    use crate::supplies::StockLine;
    use crate::units::{Micrograms, TenthsMl};
    use chrono::TimeZone;
    use std::sync::Arc;

    fn noon(m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, m, d, 12, 0, 0).unwrap()
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    /// A companion holding amitriptyline as these tablets and solutions, taken at bedtime.
    fn holding(tablets: &[f64], liquids: &[f64]) -> (Companion, Medication) {
        let app = Companion::in_memory(Arc::new(crate::zone::FixedZone(0))).unwrap();
        let med = app
            .add_medication(
                NewMedication {
                    name: "Amitriptyline".into(),
                    ingredient: Some(Ingredient::Amitriptyline),
                    tablet_mg: tablets.to_vec(),
                    can_halve: false,
                    liquid_mg_per_5ml: liquids.to_vec(),
                    slot: Slot::Evening { lead_minutes: 90 },
                },
                noon(1, 1),
            )
            .unwrap();
        (app, med)
    }

    /// A taper from 20 mg by 5 mg a fortnight from 5 Jan, 10 mg tablets and solution.
    fn tapering() -> (Companion, Medication) {
        let (app, med) = holding(&[10.0], &[10.0]);
        let kind = PlanKind::Taper {
            from: Micrograms::mg(20),
            method: TaperMethod::Linear {
                step: Micrograms::mg(5),
            },
            every_days: 14,
        };
        let saved = match app.set_plan(med.id, kind.clone(), None, &[], noon(1, 5)) {
            Err(Error::NeedsConfirmation { warnings }) => {
                app.set_plan(med.id, kind, None, &warnings, noon(1, 5))
            }
            other => other,
        };
        saved.unwrap();
        (app, med)
    }

    fn page(app: &Companion, request: &ReportRequest) -> String {
        String::from_utf8(
            app.export_report(ReportFormat::Plan, request, noon(1, 5))
                .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn the_coming_nights_show_each_dose_and_what_to_take_with_step_changes_marked() {
        let (app, med) = tapering();
        app.set_stock(
            med.id,
            &[
                StockLine::tablets(Micrograms::mg(10), 56),
                StockLine::solution(Micrograms::mg(10), TenthsMl(200)),
            ],
            noon(1, 5),
        )
        .unwrap();
        let c = app
            .plan_calendar(&ReportRequest::default(), noon(1, 5))
            .unwrap();
        // The taper changes in weeks five to eight, so the calendar covers eight weeks.
        assert_eq!((c.from, c.to), (day(1, 5), day(3, 1)));
        let nights = &c.medications[0].nights;
        assert_eq!(nights.len(), 56);
        let on = |d: NaiveDate| nights.iter().find(|n| n.night == d).unwrap();
        assert_eq!(what_to_take(on(day(1, 5))), "2 × 10 mg");
        assert!(on(day(1, 19)).step_starts);
        assert_eq!(
            what_to_take(on(day(1, 19))),
            "1 × 10 mg + 2.5 ml of 10 mg/5 ml"
        );
        // 20 ml of solution make eight nights of 15 mg: out on 27 Jan.
        assert!(on(day(1, 27)).runs_out);
        assert_eq!(what_to_take(on(day(2, 16))), "2.5 ml of 10 mg/5 ml");
        let html = page(&app, &ReportRequest::default());
        assert!(html.contains(r#"<td class="step"><span class="tick" aria-hidden="true"></span><span class="day">19</span><span class="dose">15 mg</span><span class="take">1 × 10 mg + 2.5 ml of 10 mg/5 ml</span><span class="note">New dose</span></td>"#), "{html}");
        assert!(html.contains(r#"<td class="out">"#));
        assert!(html.contains("Supplies run out"));
        assert!(html.contains("Enough until Mon 26 Jan; runs out on Tue 27 Jan."));
    }

    #[test]
    fn the_page_is_self_contained_and_escapes_the_name_typed() {
        let (app, _) = tapering();
        let request = ReportRequest {
            patient_name: Some("<b>Jo</b> O'Neil".into()),
            ..Default::default()
        };
        let html = page(&app, &request);
        assert!(html.starts_with("<!DOCTYPE html>"));
        let lower = html.to_ascii_lowercase();
        for banned in [
            "http://", "https://", "<script", "<link", "<img", "src=", "href=",
        ] {
            assert!(!lower.contains(banned), "found {banned}");
        }
        assert!(html.contains("&lt;b&gt;Jo&lt;/b&gt; O&#39;Neil"));
        assert_eq!(html.matches("<h1>").count(), 1);
        assert!(html.contains("@page{size:A4"));
        // Untracked stock: no supplies box.
        assert!(!html.contains("<h3>Supplies</h3>"));
    }

    #[test]
    fn a_chosen_range_is_kept_to_two_pages_a_medicine() {
        let (app, _) = tapering();
        let four = ReportRequest {
            from: Some(day(1, 12)),
            to: Some(day(2, 8)),
            ..Default::default()
        };
        let c = app.plan_calendar(&four, noon(1, 5)).unwrap();
        assert_eq!(c.medications[0].nights.len(), 28);
        for (from, to, field) in [(day(1, 5), day(5, 1), "to"), (day(2, 5), day(1, 5), "from")] {
            let bad = ReportRequest {
                from: Some(from),
                to: Some(to),
                ..Default::default()
            };
            assert!(matches!(
                app.export_report(ReportFormat::Plan, &bad, noon(1, 5)),
                Err(Error::InvalidInput { field: ref f, .. }) if f == field
            ));
        }
        assert_eq!(ReportFormat::parse(" plan ").unwrap(), ReportFormat::Plan);
        assert_eq!(ReportFormat::Plan.file_extension(), "html");
    }

    #[test]
    fn a_steady_plan_gets_four_weeks_and_a_log_gets_its_last_nights() {
        let (app, med) = holding(&[10.0, 25.0], &[]);
        app.set_plan(
            med.id,
            PlanKind::Maintenance {
                dose: Micrograms::mg(35),
            },
            None,
            &[],
            noon(1, 5),
        )
        .unwrap();
        let c = app
            .plan_calendar(&ReportRequest::default(), noon(1, 5))
            .unwrap();
        assert_eq!(c.to, day(2, 1));
        assert!(c.medications[0]
            .nights
            .iter()
            .all(|n| what_to_take(n) == "1 × 25 mg + 1 × 10 mg" && !n.step_starts));
        // The same page drawn from a clinician's log: its nights, from the plan's steps.
        let data = app
            .report_data(&ReportRequest::default(), noon(1, 20))
            .unwrap();
        let html = String::from_utf8(crate::report::render(&data, ReportFormat::Plan)).unwrap();
        assert!(html.contains("Plan calendar: Amitriptyline"));
        assert!(html.contains("1 × 25 mg + 1 × 10 mg"));
    }
}
