//! How results are printed: readable text by default, JSON with `--json`.

use chrono::{DateTime, FixedOffset, NaiveDate};
use eventide_core::checkin::CheckIn;
use eventide_core::medication::{Medication, Slot};
use eventide_core::notify::DesiredNotification;
use eventide_core::review::{Review, ReviewStatus};
use eventide_core::schedule::DaySettings;
use eventide_core::suggest::{Severity, Suggestion};
use eventide_core::view::{DoseOutcome, PlanPreview, PlanView, StepUpAction, StepView, Today};
use eventide_core::{ActionOutcome, Error, Result};
use serde::Serialize;
use serde_json::{json, Value};

/// Where and how to print.
pub struct Output {
    /// JSON instead of text.
    pub json: bool,
}

pub(crate) fn print_json<T: Serialize>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Storage {
        detail: format!("could not print JSON: {e}"),
    })?;
    say!("{text}");
    Ok(())
}

pub(crate) fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

/// " 5.   30 mg  −5 mg (−14.3%), more than the 10% asked  Mon 27 Jul – Sun 9 Aug: 3 × 10 mg"
/// (the step's nights as the core words them for both phones).
fn step_line(s: &StepView) -> String {
    let projected = if s.projected { " (if confirmed)" } else { "" };
    let change = if s.change.is_empty() {
        String::new()
    } else {
        format!("{}  ", s.change)
    };
    format!(
        "{:>2}. {:>7}  {change}{}{projected}: {}",
        s.number,
        s.dose.to_string(),
        s.dates,
        s.take
    )
}

fn clock(t: DateTime<FixedOffset>) -> String {
    t.format("%H:%M").to_string()
}

impl Output {
    /// The home screen.
    pub fn today(&self, t: &Today) -> Result<()> {
        if self.json {
            return print_json(t);
        }
        say!(
            "Eventide — {}",
            t.now_local.format("%A %-d %B %Y, %H:%M (UTC%:z)")
        );
        say!();
        if t.doses.is_empty() {
            say!("No doses planned. Add a medication with a plan: eventide med add --help");
        } else {
            say!(
                "Doses for {} ({})",
                t.night_label().to_lowercase(),
                day(t.night)
            );
            for d in &t.doses {
                let take = match (&d.breakdown, &d.breakdown_problem) {
                    (Some(b), _) => b.to_string(),
                    (None, Some(p)) => p.clone(),
                    (None, None) => String::new(),
                };
                say!(
                    "  {} {} ({}) — take {}",
                    d.medication_name,
                    d.dose,
                    d.slot_label,
                    take
                );
                say!("      {} · {}", d.reminder_text, d.status_text);
                if let Some(g) = &d.guidance {
                    say!("      {g}");
                }
            }
        }
        for p in &t.plans {
            say!();
            say!(
                "Plan for {} (v{}): {}",
                p.medication_name,
                p.version,
                p.description
            );
            if p.current_step == 0 {
                say!("  Not started yet. {}", p.status_line);
            } else {
                say!(
                    "  Step {} of {}: {} {}. {}",
                    p.current_step,
                    p.steps.len(),
                    p.current_dose,
                    p.dose_when,
                    p.status_line
                );
            }
            print_step_up_choice(p, "  ");
        }
        for s in t.supplies.iter().filter(|s| s.tracked) {
            say!("  Supplies of {}: {}", s.medication_name, s.status_line);
        }
        say!();
        match &t.checkin.answer {
            Some(c) => say!("Morning check-in ({}): {}", day(c.morning), checkin_summary(c)),
            None => say!("Morning check-in ({}): not answered yet — eventide checkin fine|groggy|slept-badly", day(t.checkin.morning)),
        }
        if !t.suggestions.is_empty() {
            say!();
            say!("Questions you might ask your prescriber");
            for s in &t.suggestions {
                print_suggestion(s);
            }
        }
        if let Some(n) = &t.next_notification {
            say!();
            say!(
                "Next reminder: {} {} — {}",
                day(n.fire_at_local.date_naive()),
                clock(n.fire_at_local),
                n.title
            );
        }
        Ok(())
    }

    /// The desired notification set.
    pub fn reminders(&self, list: &[DesiredNotification]) -> Result<()> {
        if self.json {
            let items: Vec<Value> = list
                .iter()
                .map(|n| {
                    json!({
                        "id": n.id,
                        "numeric_id": n.numeric_id,
                        "kind": n.kind.code(),
                        "fire_at": n.fire_at_local.to_rfc3339(),
                        "fire_at_utc": n.fire_at.to_rfc3339(),
                        "medication": n.medication_name,
                        "medication_id": n.medication_id,
                        "date": n.date,
                        "title": n.title,
                        "body": n.body,
                        "actions": n.actions.iter().map(|a| a.code()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            return print_json(&items);
        }
        if list.is_empty() {
            say!("No reminders pending.");
        }
        for n in list {
            let actions: Vec<&str> = n.actions.iter().map(|a| a.label()).collect();
            say!(
                "{}  {:<8} {} — {}  [{}]",
                n.fire_at_local.format("%a %-d %b %H:%M %:z"),
                n.kind.code(),
                n.title,
                n.body,
                actions.join(" / ")
            );
            say!("    id {}", n.id);
        }
        Ok(())
    }

    /// A medication.
    pub fn medication(&self, m: &Medication) -> Result<()> {
        if self.json {
            return print_json(m);
        }
        let what = if m.ingredient.label().eq_ignore_ascii_case(&m.name) {
            String::new()
        } else {
            format!(" ({})", m.ingredient.code())
        };
        let latest = match m.slot {
            Slot::Evening { .. } => format!(
                "; taken until {} min after bedtime",
                m.latest_after_bedtime_minutes
            ),
            _ => String::new(),
        };
        say!(
            "{}{what} — {} ({}{latest})",
            m.name,
            eventide_core::breakdown::holding(m),
            slot_text(&m.slot)
        );
        Ok(())
    }

    /// All medications.
    pub fn medications(&self, meds: &[Medication]) -> Result<()> {
        if self.json {
            return print_json(&meds);
        }
        if meds.is_empty() {
            say!("No medications yet.");
        }
        for m in meds {
            self.medication(m)?;
        }
        Ok(())
    }

    /// Bedtimes and check-in time.
    pub fn settings(&self, s: &DaySettings) -> Result<()> {
        if self.json {
            return print_json(s);
        }
        say!(
            "Bedtime {} on other evenings",
            s.bedtimes.default.format("%H:%M")
        );
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        for (name, time) in names.iter().zip(s.bedtimes.by_weekday.iter()) {
            if let Some(t) = time {
                say!("  {name} evenings: {}", t.format("%H:%M"));
            }
        }
        say!("Morning check-in at {}", s.checkin_time.format("%H:%M"));
        Ok(())
    }

    /// A plan: every step with the change into it, a taper's end and length, how it is
    /// rounded, what it was saved despite, and what forms the user does not hold would give.
    pub fn plan(&self, p: &PlanView) -> Result<()> {
        if self.json {
            return print_json(p);
        }
        say!(
            "{} plan v{}: {}",
            p.medication_name,
            p.version,
            p.description
        );
        for s in &p.steps {
            let marker = if s.number == p.current_step {
                "→"
            } else {
                " "
            };
            say!("  {marker} {}", step_line(s));
        }
        if let Some(v) = &p.next_version {
            say!(
                "Plan version {} ({}) takes over from {}.",
                v.version,
                v.description,
                day(v.starts_on)
            );
        }
        for line in [&p.end_line, &p.rounding_note, &p.status_line] {
            if !line.is_empty() {
                say!("{line}");
            }
        }
        print_step_up_choice(p, "");
        for w in &p.confirmed_warnings {
            say!("Saved after you confirmed: {w}");
        }
        for f in &p.other_forms {
            say!();
            say!("{} ({}): {}", f.label, f.holding, f.summary);
            for s in &f.steps {
                say!("    {}", step_line(s));
            }
        }
        Ok(())
    }

    /// A plan not yet saved, and what saving it would ask to confirm.
    pub fn plan_preview(&self, p: &PlanPreview) -> Result<()> {
        if self.json {
            return print_json(p);
        }
        say!("Not saved yet. This is the plan as it would be:");
        self.plan(&p.plan)?;
        if !p.warnings.is_empty() {
            say!();
            say!("To save it, confirm each of these (add --confirm):");
            for w in &p.warnings {
                say!("  - {}", w.text);
            }
        }
        Ok(())
    }

    /// The result of take / skip / snooze.
    pub fn dose(&self, o: &DoseOutcome) -> Result<()> {
        if self.json {
            return print_json(o);
        }
        say!("{}", o.message);
        Ok(())
    }

    /// The result of a notification tap.
    pub fn action(&self, a: &ActionOutcome) -> Result<()> {
        match a {
            ActionOutcome::Dose(o) => self.dose(o),
            ActionOutcome::Checkin(c) => self.checkin(c, &[]),
        }
    }

    /// A saved check-in, and straight after it anything that needs help now (with `--json`,
    /// the check-in's fields and `urgent`: the list of those suggestions).
    pub fn checkin(&self, c: &CheckIn, urgent: &[Suggestion]) -> Result<()> {
        if self.json {
            let mut value = serde_json::to_value(c).map_err(|e| Error::Storage {
                detail: format!("could not print JSON: {e}"),
            })?;
            if let Some(obj) = value.as_object_mut() {
                obj.insert("urgent".into(), json!(urgent));
            }
            return print_json(&value);
        }
        say!(
            "Check-in for {} saved: {}",
            c.morning.format("%a %-d %b %Y"),
            checkin_summary(c)
        );
        for s in urgent {
            say!();
            print_suggestion(s);
        }
        Ok(())
    }

    /// A plain confirmation.
    pub fn done(&self, message: &str) -> Result<()> {
        if self.json {
            return print_json(&json!({ "ok": true, "message": message }));
        }
        say!("{message}");
        Ok(())
    }
}

/// Suggestions and reviews (`eventide suggestions`, `eventide review`).
impl Output {
    /// The active suggestions: JSON objects with `kind`, `severity`, `evidence`, `text`, …
    pub fn suggestions(&self, list: &[Suggestion]) -> Result<()> {
        if self.json {
            return print_json(&list);
        }
        if list.is_empty() {
            say!("Nothing to raise with your prescriber right now.");
        }
        for s in list {
            print_suggestion(s);
        }
        Ok(())
    }

    /// Where the review cycle stands, and the reviews recorded.
    pub fn reviews(&self, status: &ReviewStatus, reviews: &[Review]) -> Result<()> {
        if self.json {
            return print_json(&json!({ "status": status, "reviews": reviews }));
        }
        say!("Reviews every {} months", status.interval_months);
        match status.due_on {
            Some(d) => say!("Next review due {}", day(d)),
            None => say!("No plan yet, so no review is due"),
        }
        for r in reviews {
            say!(
                "  {}{}",
                day(r.on),
                r.note
                    .as_deref()
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default()
            );
        }
        Ok(())
    }
}

fn severity_label(s: Severity) -> String {
    match s {
        // Shouted: it must not read like the rest of the list.
        Severity::GetHelpNow => eventide_core::catalogue::severity_label(s).to_uppercase(),
        _ => eventide_core::catalogue::severity_label(s).to_lowercase(),
    }
}

fn print_suggestion(s: &Suggestion) {
    say!("  • [{}] {}", severity_label(s.severity), s.text);
    for c in &s.calls {
        say!("      {} — dial {}", c.label, c.number);
    }
    for e in &s.evidence {
        say!("      - {e}");
    }
    say!("      Why: {}", s.basis);
    say!(
        "      (dismiss: eventide suggestions dismiss {})",
        s.kind.code()
    );
}

/// The step-up prompt: both choices with equal weight, each with the command that makes it.
fn print_step_up_choice(p: &PlanView, indent: &str) {
    let Some(choice) = &p.step_up_choice else {
        return;
    };
    say!("{indent}{}", choice.prompt);
    for o in &choice.options {
        let command = match o.action {
            StepUpAction::StepUpAsPlanned => "confirm",
            StepUpAction::StayAndAsk => "stay",
        };
        say!(
            "{indent}  - {} ({}): eventide plan {command} {}",
            o.label,
            o.detail,
            p.medication_name
        );
    }
}

fn slot_text(slot: &Slot) -> String {
    match slot {
        Slot::Evening { lead_minutes } => format!("evening, {lead_minutes} min before bedtime"),
        Slot::Morning { time } => format!("morning at {}", time.format("%H:%M")),
        Slot::Times { times } => {
            let t: Vec<String> = times
                .iter()
                .map(|t| t.format("%H:%M").to_string())
                .collect();
            format!("at {}", t.join(", "))
        }
    }
}

fn checkin_summary(c: &CheckIn) -> String {
    let mut parts = vec![c.feeling.label().to_lowercase()];
    if let Some(p) = c.pain {
        parts.push(format!("pain {p}/10"));
    }
    if !c.effects.is_empty() {
        let e: Vec<String> = c.effects.iter().map(|e| e.label().to_lowercase()).collect();
        parts.push(e.join(", "));
    }
    if let Some(n) = &c.note {
        parts.push(format!("\"{n}\""));
    }
    parts.join(", ")
}
