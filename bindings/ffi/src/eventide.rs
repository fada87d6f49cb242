//! The one object a shell holds for the app's lifetime. Every method takes the current
//! instant from the caller, returns `Result<_, EventideError>`, and may be called from any
//! thread: the core serialises access to the database behind one lock, and each write is one
//! transaction.

use crate::time::Timestamp;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use eventide_core::companion::Companion;
use eventide_core::medication::NewMedication as CoreNewMedication;
use eventide_core::plan::PlanKind;
use eventide_core::zone::ZoneRules;
use uuid::Uuid;

use crate::error::EventideError;
use crate::model::{
    action_outcome, dose_outcome, micrograms, titration, today, ActionOutcome, CheckIn,
    CheckInAnswer, DaySettings, DesiredNotification, DoseLogEntry, DoseOutcome, Medication,
    NewMedication, NotificationAction, PlanVersion, PlanView, Suggestion, TaperMethod, Today,
    Weekday,
};
use crate::time::{instant, parse_clock, parse_date, parse_opt_date};
use crate::zone::{DeviceZone, ShellZone};

type Res<T> = Result<T, EventideError>;

/// Eventide's core behind one handle: open it once with the database path and the device's
/// zone, keep it for the app's lifetime, call it from any thread.
#[derive(uniffi::Object)]
pub struct Eventide {
    companion: Companion,
    /// The shell's zone, when it comes from the shell (not in Rust benchmarks and tests).
    shell_zone: Option<Arc<ShellZone>>,
}

/// Reads a medication id given by the shell.
pub(crate) fn medication_id(id: &str) -> Res<Uuid> {
    Uuid::parse_str(id.trim()).map_err(|_| {
        EventideError::invalid("medication_id", format!("\"{id}\" is not a medication id"))
    })
}

impl Eventide {
    /// The core facade, for the modules that add their own exported methods (report, backup).
    pub fn companion(&self) -> &Companion {
        &self.companion
    }

    /// The device zone as the core sees it.
    pub(crate) fn zone(&self) -> Arc<dyn ZoneRules> {
        self.companion.zone_rules()
    }

    /// Opens with a zone implemented in Rust (the benchmark and Rust tests).
    pub fn open_with_rules(db_path: &str, zone: Arc<dyn ZoneRules>) -> Res<Eventide> {
        if db_path.trim().is_empty() {
            return Err(EventideError::invalid(
                "db_path",
                "give the path of the database file",
            ));
        }
        Ok(Eventide {
            companion: Companion::open(Path::new(db_path), zone)?,
            shell_zone: None,
        })
    }

    /// Reads the caller's `now` and learns the shell's zone offsets around it (see zone.rs),
    /// so the core's many offset questions are answered without crossing the boundary.
    pub(crate) fn begin(&self, now: Timestamp) -> Res<DateTime<Utc>> {
        let now = instant("now", now)?;
        if let Some(zone) = &self.shell_zone {
            zone.prepare(now);
        }
        Ok(now)
    }
}

#[uniffi::export]
impl Eventide {
    /// Opens (or creates) the database at `db_path`, a file in the app's private storage.
    /// `zone` answers for the phone's time zone. A damaged, foreign or newer database is
    /// refused with a typed error and left untouched.
    #[uniffi::constructor]
    pub fn new(db_path: String, zone: Arc<dyn DeviceZone>) -> Res<Self> {
        let shell_zone = Arc::new(ShellZone::new(zone));
        let mut app = Eventide::open_with_rules(&db_path, shell_zone.clone())?;
        app.shell_zone = Some(shell_zone);
        Ok(app)
    }

    /// Tells the core the phone's time zone or clock may have changed: the offsets it keeps
    /// from earlier calls are learned again on the next call. Call it from the zone and clock
    /// change events (Android `ACTION_TIMEZONE_CHANGED` and `ACTION_TIME_CHANGED`, iOS
    /// `NSSystemTimeZoneDidChange` and the significant time change) and whenever the app wakes
    /// (launch, coming to the front, a notification button, a background refresh), before
    /// reconciling reminders. Without it a change is still followed within an hour.
    pub fn zone_changed(&self) {
        if let Some(zone) = &self.shell_zone {
            zone.forget();
        }
    }

    // ----- screens -----

    /// Everything the home screen shows at `now`.
    pub fn today(&self, now: Timestamp) -> Res<Today> {
        let now = self.begin(now)?;
        Ok(today(&self.companion.today(now)?, self.zone().as_ref()))
    }

    /// The notifications that should be pending at `now` for the next `days` days (1–30),
    /// soonest first, at most 60. Reconcile the OS with this list after every change, at boot,
    /// on a time-zone change and after an update: add the missing, cancel the rest.
    /// Reminders are always worked out in the zone the phone is in now: this call learns the
    /// zone afresh (as [`Eventide::zone_changed`] does) before anything else.
    pub fn desired_notifications(
        &self,
        now: Timestamp,
        days: u32,
    ) -> Res<Vec<DesiredNotification>> {
        self.zone_changed();
        let now = self.begin(now)?;
        Ok(self
            .companion
            .desired_notifications(now, days)?
            .iter()
            .map(DesiredNotification::from)
            .collect())
    }

    /// Handles a notification button: `id` is the notification's id, `action` the button.
    /// Tapping the same button twice records once.
    pub fn handle_action(
        &self,
        id: String,
        action: NotificationAction,
        now: Timestamp,
    ) -> Res<ActionOutcome> {
        let now = self.begin(now)?;
        let outcome = self.companion.handle_action(&id, action.into(), now)?;
        let urgent = match outcome {
            eventide_core::companion::ActionOutcome::Checkin(_) => {
                self.companion.urgent_suggestions(now)?
            }
            eventide_core::companion::ActionOutcome::Dose(_) => Vec::new(),
        };
        Ok(action_outcome(&outcome, self.zone().as_ref(), &urgent))
    }

    // ----- medications and settings -----

    /// Adds a medicine the user holds.
    pub fn add_medication(&self, medication: NewMedication, now: Timestamp) -> Res<Medication> {
        let now = self.begin(now)?;
        let new = CoreNewMedication::try_from(medication)?;
        Ok(Medication::from(&self.companion.add_medication(new, now)?))
    }

    /// Every medicine, in the order added.
    pub fn medications(&self) -> Res<Vec<Medication>> {
        Ok(self
            .companion
            .medications()?
            .iter()
            .map(Medication::from)
            .collect())
    }

    /// Bedtimes and the check-in time.
    pub fn day_settings(&self) -> Res<DaySettings> {
        Ok(DaySettings::from(&self.companion.day_settings()?))
    }

    /// Sets the bedtime ("HH:MM") for the given evenings, or the default for every evening
    /// without its own when `weekdays` is empty.
    pub fn set_bedtime(&self, time: String, weekdays: Vec<Weekday>) -> Res<DaySettings> {
        let time = parse_clock("bedtime", &time)?;
        let days: Vec<chrono::Weekday> = weekdays.into_iter().map(chrono::Weekday::from).collect();
        Ok(DaySettings::from(&self.companion.set_bedtime(time, &days)?))
    }

    /// Sets when the morning check-in is asked ("HH:MM", 04:00–12:00).
    pub fn set_checkin_time(&self, time: String) -> Res<DaySettings> {
        let time = parse_clock("checkin-time", &time)?;
        Ok(DaySettings::from(&self.companion.set_checkin_time(time)?))
    }

    /// Sets how long before bedtime an evening medicine is reminded (60–120 minutes).
    pub fn set_lead(&self, medication_id: String, lead_minutes: u16) -> Res<Medication> {
        let id = self::medication_id(&medication_id)?;
        Ok(Medication::from(
            &self.companion.set_lead(id, lead_minutes)?,
        ))
    }

    /// Sets until when an evening medicine's dose can still be taken, in minutes after that
    /// night's bedtime (0–240; default 120). After it a forgotten dose is no longer offered.
    /// Other medicines are refused (`InvalidInput` on `latest`).
    pub fn set_latest_time(
        &self,
        medication_id: String,
        minutes_after_bedtime: u16,
    ) -> Res<Medication> {
        let id = self::medication_id(&medication_id)?;
        Ok(Medication::from(
            &self.companion.set_latest_time(id, minutes_after_bedtime)?,
        ))
    }

    // ----- plans -----

    /// Starts a titration: from `start_mg`, up by `step_mg` every `every_days` nights to
    /// `target_mg`, each step only once the user chooses to step up (`confirm_tolerable`). `starts_on`
    /// ("YYYY-MM-DD") defaults to tonight. Unusual plans fail with `NeedsConfirmation`: show
    /// the warnings and call again with them in `confirmed_warnings`.
    #[allow(clippy::too_many_arguments)]
    pub fn titrate(
        &self,
        medication_id: String,
        start_mg: f64,
        step_mg: f64,
        every_days: u32,
        target_mg: f64,
        starts_on: Option<String>,
        confirmed_warnings: Vec<String>,
        now: Timestamp,
    ) -> Res<PlanView> {
        let kind = titration(start_mg, step_mg, every_days, target_mg)?;
        self.set_plan(&medication_id, kind, starts_on, confirmed_warnings, now)
    }

    /// Stays on one dose (`dose_mg`) from `starts_on` (default tonight).
    pub fn maintain(
        &self,
        medication_id: String,
        dose_mg: f64,
        starts_on: Option<String>,
        confirmed_warnings: Vec<String>,
        now: Timestamp,
    ) -> Res<PlanView> {
        let kind = PlanKind::Maintenance {
            dose: micrograms("dose", dose_mg)?,
        };
        self.set_plan(&medication_id, kind, starts_on, confirmed_warnings, now)
    }

    /// Starts a taper tonight, from `from_mg` or (when null) tonight's planned dose, lowering
    /// by `method` every `every_days` nights down to 0. Steps are rounded to doses the user can
    /// take with what they hold.
    pub fn taper(
        &self,
        medication_id: String,
        method: TaperMethod,
        every_days: u32,
        from_mg: Option<f64>,
        confirmed_warnings: Vec<String>,
        now: Timestamp,
    ) -> Res<PlanView> {
        let id = self::medication_id(&medication_id)?;
        let method = method.to_core()?;
        let from = from_mg.map(|mg| micrograms("from", mg)).transpose()?;
        let now = self.begin(now)?;
        Ok(PlanView::from(&self.companion.start_taper(
            id,
            method,
            every_days,
            from,
            &confirmed_warnings,
            now,
        )?))
    }

    /// Holds the current step `days` (1–90) nights longer; later steps shift by as much.
    pub fn hold_step(&self, medication_id: String, days: u32, now: Timestamp) -> Res<PlanView> {
        let id = self::medication_id(&medication_id)?;
        let now = self.begin(now)?;
        Ok(PlanView::from(&self.companion.hold_step(id, days, now)?))
    }

    /// Records that side effects of the current titration step are tolerable, so the next
    /// step-up goes ahead when due. Confirming twice changes nothing.
    pub fn confirm_tolerable(&self, medication_id: String, now: Timestamp) -> Res<PlanView> {
        let id = self::medication_id(&medication_id)?;
        let now = self.begin(now)?;
        Ok(PlanView::from(&self.companion.confirm_tolerable(id, now)?))
    }

    /// The step-up prompt's "Stay on this dose and ask my prescriber": the dose stays, the
    /// choice is kept in the plan's log and a question for the prescriber is raised. Twice in one
    /// step records once; "Step up as planned" is `confirm_tolerable`. `Conflict` when the plan
    /// is not a titration or is already at its target.
    pub fn stay_on_dose(&self, medication_id: String, now: Timestamp) -> Res<PlanView> {
        let id = self::medication_id(&medication_id)?;
        let now = self.begin(now)?;
        Ok(PlanView::from(&self.companion.stay_on_dose(id, now)?))
    }

    /// Where a medicine's plan stands at `now`.
    pub fn plan_view(&self, medication_id: String, now: Timestamp) -> Res<PlanView> {
        let id = self::medication_id(&medication_id)?;
        let now = self.begin(now)?;
        Ok(PlanView::from(&self.companion.plan_view(id, now)?))
    }

    /// Every saved plan version of a medicine, oldest first.
    pub fn plan_history(&self, medication_id: String) -> Res<Vec<PlanVersion>> {
        let id = self::medication_id(&medication_id)?;
        Ok(self
            .companion
            .plan_history(id)?
            .iter()
            .map(PlanVersion::from)
            .collect())
    }

    // ----- doses -----

    /// Records the dose as taken. `night` ("YYYY-MM-DD") and `slot_index` name the dose (a
    /// card's or a notification's); without them it is the dose open now (from 2 hours before
    /// it is due until its latest time), or `WhichDose` asks when two are open. `at` ("HH:MM")
    /// records a dose taken earlier at that time, which must be before its latest time; a tap
    /// after the latest time records nothing (`Conflict` with the missed-dose guidance).
    /// Recording it again changes nothing (`recorded` is false).
    #[uniffi::method(default(at = None))]
    pub fn take(
        &self,
        medication_id: String,
        night: Option<String>,
        slot_index: Option<u32>,
        now: Timestamp,
        at: Option<String>,
    ) -> Res<DoseOutcome> {
        let id = self::medication_id(&medication_id)?;
        let night = parse_opt_date("night", night)?;
        let at = at.map(|t| parse_clock("at", &t)).transpose()?;
        let now = self.begin(now)?;
        let outcome = self.companion.take_at(id, night, slot_index, at, now)?;
        Ok(dose_outcome(&outcome, self.zone().as_ref()))
    }

    /// Records the dose as skipped on purpose (refused once it is recorded as taken).
    pub fn skip(
        &self,
        medication_id: String,
        night: Option<String>,
        slot_index: Option<u32>,
        now: Timestamp,
    ) -> Res<DoseOutcome> {
        let id = self::medication_id(&medication_id)?;
        let night = parse_opt_date("night", night)?;
        let now = self.begin(now)?;
        let outcome = self.companion.skip(id, night, slot_index, now)?;
        Ok(dose_outcome(&outcome, self.zone().as_ref()))
    }

    /// Moves a dose's reminder `minutes` (1–240) later: never earlier than it already is
    /// (`recorded` false when it stays), never past 10 minutes before the latest time.
    /// `night` ("YYYY-MM-DD", a card's) names the dose; without it, the dose open now.
    #[uniffi::method(default(night = None))]
    pub fn snooze(
        &self,
        medication_id: String,
        slot_index: Option<u32>,
        minutes: u32,
        now: Timestamp,
        night: Option<String>,
    ) -> Res<DoseOutcome> {
        let id = self::medication_id(&medication_id)?;
        let night = parse_opt_date("night", night)?;
        let now = self.begin(now)?;
        let outcome = self
            .companion
            .snooze_dose(id, night, slot_index, minutes, now)?;
        Ok(dose_outcome(&outcome, self.zone().as_ref()))
    }

    /// The dose log of nights `first`..=`last` ("YYYY-MM-DD"), for history screens.
    pub fn dose_log(&self, first: String, last: String) -> Res<Vec<DoseLogEntry>> {
        let (first, last) = (parse_date("first", &first)?, parse_date("last", &last)?);
        Ok(self
            .companion
            .dose_events(first, last)?
            .iter()
            .map(DoseLogEntry::from)
            .collect())
    }

    // ----- check-ins and suggestions -----

    /// Saves the morning check-in (default: this morning; `morning` "YYYY-MM-DD" for one up
    /// to 31 mornings back). Answering again replaces the whole answer: a symptom left out is
    /// removed, a null pain or note clears it. (A notification's one-tap answer, through
    /// `handle_action`, changes only the feeling.)
    pub fn check_in(
        &self,
        answer: CheckInAnswer,
        morning: Option<String>,
        now: Timestamp,
    ) -> Res<CheckIn> {
        let morning = parse_opt_date("morning", morning)?;
        let now = self.begin(now)?;
        Ok(CheckIn::from(&self.companion.check_in(
            answer.into(),
            morning,
            now,
        )?))
    }

    /// Check-ins of mornings `first`..=`last` ("YYYY-MM-DD").
    pub fn checkins(&self, first: String, last: String) -> Res<Vec<CheckIn>> {
        let (first, last) = (parse_date("first", &first)?, parse_date("last", &last)?);
        Ok(self
            .companion
            .checkins(first, last)?
            .iter()
            .map(CheckIn::from)
            .collect())
    }

    /// The "get help now" suggestions showing at `now` (severity `GetHelpNow`), most pressing
    /// first: after saving a check-in from the app, show these at once with their `calls`.
    pub fn urgent_suggestions(&self, now: Timestamp) -> Res<Vec<Suggestion>> {
        let now = self.begin(now)?;
        Ok(self
            .companion
            .urgent_suggestions(now)?
            .iter()
            .map(Suggestion::from)
            .collect())
    }

    /// Hides a suggestion for good (by its `id`).
    pub fn dismiss_suggestion(&self, id: String, now: Timestamp) -> Res<()> {
        let now = self.begin(now)?;
        Ok(self.companion.dismiss_suggestion(&id, now)?)
    }

    // Report export, backup/restore, reviews and supplies are separate `#[uniffi::export]
    // impl Eventide` blocks in report.rs, backup.rs, review.rs and supplies.rs, using
    // `Eventide::companion()`.
}

impl Eventide {
    fn set_plan(
        &self,
        medication_id: &str,
        kind: PlanKind,
        starts_on: Option<String>,
        confirmed_warnings: Vec<String>,
        now: Timestamp,
    ) -> Res<PlanView> {
        let id = self::medication_id(medication_id)?;
        let starts_on = parse_opt_date("starts_on", starts_on)?;
        let now = self.begin(now)?;
        Ok(PlanView::from(&self.companion.set_plan(
            id,
            kind,
            starts_on,
            &confirmed_warnings,
            now,
        )?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eventide_core::zone::FixedZone;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn the_handle_can_be_shared_between_threads() {
        assert_send_sync::<Eventide>();
    }

    #[test]
    fn ids_and_paths_from_the_shell_are_checked_before_anything_is_opened_or_written() {
        assert!(matches!(
            Eventide::open_with_rules(" ", Arc::new(FixedZone(0))),
            Err(EventideError::InvalidInput { field, .. }) if field == "db_path"
        ));
        let dir = std::env::temp_dir().join(format!("eventide-ffi-test-{}", std::process::id()));
        let app =
            Eventide::open_with_rules(&dir.join("t.db").to_string_lossy(), Arc::new(FixedZone(0)))
                .unwrap();
        let err = app
            .plan_view("42".into(), Timestamp::from(std::time::SystemTime::now()))
            .unwrap_err();
        assert!(
            matches!(err, EventideError::InvalidInput { ref field, .. } if field == "medication_id"),
            "{err}"
        );
        assert!(app.medications().unwrap().is_empty());
        let _ = std::fs::remove_dir_all(dir);
    }
}
