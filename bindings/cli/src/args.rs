//! The command line: every command and option, with the help text users see.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Eventide: bedtime-medicine reminders, titration and taper plans, dose log and morning
/// check-ins — the same core as the phone app, in a terminal.
#[derive(Debug, Parser)]
#[command(name = "eventide", version, about, long_about = None)]
pub struct Cli {
    /// The database file [default: ~/.local/share/eventide/eventide.db; the demo uses demo.db there]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The time zone, as an IANA name such as Europe/London [default: the system zone]
    #[arg(long, global = true, value_name = "IANA")]
    pub zone: Option<String>,
    /// Pretend it is this moment (RFC 3339, e.g. 2026-03-27T12:00:00Z) [default: now]
    #[arg(long, global = true, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a realistic story (four weeks of a 10 → 50 mg amitriptyline titration with missed
    /// doses, check-ins and a falling pain score; tonight's step-up is yours to choose) into a
    /// fresh database and show today's screen
    Demo,
    /// Add and list medications
    Med {
        #[command(subcommand)]
        command: MedCommand,
    },
    /// Bedtimes: `bedtime set 22:30`, `bedtime set 23:30 --days fri,sat`
    Bedtime {
        #[command(subcommand)]
        command: BedtimeCommand,
    },
    /// The morning check-in time: `checkin-time set 08:00`
    CheckinTime {
        #[command(subcommand)]
        command: CheckinTimeCommand,
    },
    /// Show bedtimes and the check-in time
    Settings,
    /// Titration, maintenance and taper plans
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
    /// Today's screen: tonight's doses, plan steps, this morning's check-in, suggestions
    Today,
    /// The notifications that should be pending now (at most 60, soonest first)
    Reminders {
        /// How many days ahead (1–30)
        #[arg(long, default_value_t = 2)]
        days: u32,
    },
    /// Record a dose as taken (a second time changes nothing). Without --night, the dose
    /// that can be recorded now (from 2 hours before it is due until its latest time); when
    /// two are open, Eventide asks which
    Take {
        /// Medication name
        med: String,
        /// The night (or day) of the dose, YYYY-MM-DD [default: the dose open now]
        #[arg(long)]
        night: Option<String>,
        /// For medicines taken several times a day: which dose (1 = first)
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        slot: Option<u32>,
        /// When you really took it, HH:MM (for a dose recorded afterwards; it must be before
        /// the dose's latest time) [default: now]
        #[arg(long, value_name = "HH:MM")]
        at: Option<String>,
    },
    /// Record a dose as skipped on purpose
    Skip {
        /// Medication name
        med: String,
        /// The night (or day) of the dose, YYYY-MM-DD [default: the dose open now, else the
        /// next one tonight]
        #[arg(long)]
        night: Option<String>,
        /// For medicines taken several times a day: which dose (1 = first)
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        slot: Option<u32>,
    },
    /// Move the reminder of the dose due now later (never earlier than it is, never past
    /// 10 minutes before the dose's latest time)
    Snooze {
        /// Medication name
        med: String,
        /// Minutes (1–240)
        #[arg(long, default_value_t = eventide_core::doselog::DEFAULT_SNOOZE_MINUTES)]
        minutes: u32,
        /// The night (or day) of the dose, YYYY-MM-DD [default: the dose open now]
        #[arg(long)]
        night: Option<String>,
        /// For medicines taken several times a day: which dose (1 = first)
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        slot: Option<u32>,
    },
    /// Answer a notification button, as the phone does: `tap dose:…:0:2026-03-27 taken`
    Tap {
        /// The notification id (from `reminders`)
        id: String,
        /// taken, snooze, skip, fine, groggy or slept-badly
        action: String,
    },
    /// Answer the morning check-in: fine, groggy or slept-badly. Answering again replaces the
    /// whole answer (leave out a symptom to remove it)
    Checkin {
        /// fine, groggy or slept-badly
        answer: String,
        /// Pain from 0 (none) to 10 (worst)
        #[arg(long)]
        pain: Option<u8>,
        /// A side effect or withdrawal symptom (repeatable): dizziness, drowsiness, dry-mouth,
        /// nausea, constipation, tinnitus, tremor, headache, malaise, sweating, blurred-vision,
        /// palpitations, weight-gain, irritability, anxiety, vivid-dreams, flu-like,
        /// tingling, brain-fog; and those that need help now: fainting, eye-pain, yellow-skin,
        /// confusion, cannot-pass-urine, seizure, chest-pain, allergic-reaction,
        /// self-harm-thoughts (who to call is shown at once)
        #[arg(long)]
        effect: Vec<String>,
        /// A note (up to 500 characters)
        #[arg(long)]
        note: Option<String>,
        /// An earlier morning, YYYY-MM-DD, up to 31 mornings back [default: this morning]
        #[arg(long)]
        morning: Option<String>,
    },
    /// Questions worth asking your prescriber, with the evidence behind each;
    /// `suggestions dismiss KIND` hides one until its evidence grows
    Suggestions {
        #[command(subcommand)]
        command: Option<SuggestionsCommand>,
    },
    /// Reviews with your prescriber: `review record`, `review interval 3`, `review show`
    Review {
        #[command(subcommand)]
        command: ReviewCommand,
    },
    /// Hide a suggestion until its evidence grows (its id is shown with --json)
    Dismiss {
        /// The suggestion id
        id: String,
    },
    /// Write the log for a clinician: a one-page HTML report, a CSV of every event, an HL7
    /// FHIR R4 Bundle (JSON), or the printable plan calendar of the coming nights (plan)
    Report {
        /// html, csv, fhir or plan
        #[arg(long, default_value = "html")]
        format: String,
        /// The file to write; `-` prints to the terminal [default: -]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// First night, YYYY-MM-DD [default: the start of the log; for plan, tonight]
        #[arg(long)]
        from: Option<String>,
        /// Last night, YYYY-MM-DD [default: tonight; for plan, four weeks on (eight when the
        /// plan changes in weeks five to eight), at most 13 weeks]
        #[arg(long)]
        to: Option<String>,
        /// A name to print on the report (used for this file only, never stored)
        #[arg(long)]
        patient: Option<String>,
    },
    /// Supplies: what you hold of each strength, when it runs out on the plan, what to ask for.
    /// `stock set MED --tablets 10=56`, `stock add MED --tablets 10=28` (a prescription
    /// collected), `stock show [MED] [--until DATE]`
    Stock {
        #[command(subcommand)]
        command: StockCommand,
    },
    /// Write everything (medicines, settings, plans, dose log, check-ins, stock) to one backup file,
    /// encrypted with a passphrase (a standard age file: `age -d` opens it too). Without
    /// --passphrase-file or --no-encryption the passphrase is asked for twice on the terminal.
    /// `backup inspect FILE` says whether a backup is encrypted and what it holds
    #[command(
        args_conflicts_with_subcommands = true,
        subcommand_negates_reqs = true,
        subcommand_help_heading = "Inspecting a backup"
    )]
    Backup {
        #[command(subcommand)]
        command: Option<BackupCommand>,
        /// The backup file to write (replaced whole, never left half-written)
        #[arg(long, value_name = "FILE", required = true)]
        out: Option<PathBuf>,
        /// Read the passphrase from this file (one final line break is not part of it) instead
        /// of asking; at least 12 characters
        #[arg(long, value_name = "P", conflicts_with = "no_encryption")]
        passphrase_file: Option<PathBuf>,
        /// Write a plain, unencrypted backup: anyone who gets the file can read your history
        #[arg(long)]
        no_encryption: bool,
    },
    /// Restore a backup (encrypted or plain) into an empty database; a wrong passphrase, a
    /// damaged or edited file is refused and nothing changes
    Restore {
        /// The backup file
        file: PathBuf,
        /// Read the passphrase of an encrypted backup from this file instead of asking on
        /// the terminal
        #[arg(long, value_name = "P")]
        passphrase_file: Option<PathBuf>,
        /// Replace the data already here; it is first saved next to the database, and
        /// restoring that copy undoes this
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Say whether a backup file is encrypted (no passphrase needed) and, for a plain file or
    /// with --passphrase-file, check it whole and say what it holds; changes nothing
    Inspect {
        /// The backup file
        file: PathBuf,
        /// The passphrase of an encrypted backup, to check it and list what it holds
        #[arg(long, value_name = "P")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum BedtimeCommand {
    /// Set the bedtime for every evening, or for some evenings with --days
    Set {
        /// 24-hour time, HH:MM; 00:30 means half past midnight after that evening (a morning
        /// time must come before the check-in time: 10:30 is refused, meaning 22:30)
        time: String,
        /// Comma-separated evenings (mon,tue,…, or weekdays / weekend) [default: every evening]
        #[arg(long)]
        days: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CheckinTimeCommand {
    /// Set when the morning check-in is asked (also when the app's day rolls over)
    Set {
        /// 24-hour time between 04:00 and 12:00
        time: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum MedCommand {
    /// Add a medication with the strengths you hold
    Add {
        /// Its name, e.g. Amitriptyline
        name: String,
        /// What it is: amitriptyline, nortriptyline, duloxetine, gabapentin, pregabalin or other.
        /// Required: the dose checks follow it, never the name (a name Eventide recognises is
        /// offered when this is missing)
        #[arg(long)]
        ingredient: Option<String>,
        /// A tablet strength in mg (repeatable: --tablet 10 --tablet 25)
        #[arg(long, allow_negative_numbers = true)]
        tablet: Vec<f64>,
        /// An oral solution strength in mg per 5 ml (repeatable)
        #[arg(long, allow_negative_numbers = true)]
        liquid: Vec<f64>,
        /// You can split tablets in half
        #[arg(long)]
        can_halve: bool,
        /// When it is taken [default: times with --times, morning with --time, else evening]
        #[arg(long, value_enum)]
        slot: Option<SlotArg>,
        /// Evening only: minutes before bedtime (60–120) [default: 90]
        #[arg(long)]
        lead: Option<u16>,
        /// Evening only: the latest a dose can still be taken, in minutes after bedtime
        /// (0–240) [default: 120]
        #[arg(long)]
        latest: Option<u16>,
        /// Morning only: the time, HH:MM [default: 08:00]
        #[arg(long)]
        time: Option<String>,
        /// Several times a day: comma-separated times, e.g. 08:00,14:00,22:00
        #[arg(long)]
        times: Option<String>,
        /// Also start a steady (maintenance) plan at this dose in mg
        #[arg(long, allow_negative_numbers = true)]
        dose: Option<f64>,
    },
    /// List medications
    List,
    /// Change how long before bedtime an evening medicine is reminded (60–120 minutes)
    Lead {
        /// Medication name
        med: String,
        /// Minutes before bedtime
        minutes: u16,
    },
    /// Change until when an evening dose can still be taken, in minutes after that night's
    /// bedtime (0–240; default 120). After it a forgotten dose is not offered any more
    Latest {
        /// Medication name
        med: String,
        /// Minutes after bedtime
        minutes: u16,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SlotArg {
    /// Before bed (reminder = bedtime − lead)
    Evening,
    /// Once in the morning at --time
    Morning,
    /// At fixed --times every day
    Times,
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Build up: start, step every N days up to the target your prescriber gave; when each
    /// step-up is due you choose: `plan confirm` (step up as planned) or `plan stay` (stay on
    /// this dose and ask your prescriber)
    Titrate {
        /// Medication name
        med: String,
        /// First dose, mg
        #[arg(long, allow_negative_numbers = true)]
        start: f64,
        /// How much each step adds, mg
        #[arg(long, allow_negative_numbers = true)]
        step: f64,
        /// Nights per step
        #[arg(long)]
        every: u32,
        /// Last dose, mg: the target your prescriber gave (required; Eventide never picks one)
        #[arg(long, allow_negative_numbers = true)]
        target: Option<f64>,
        /// First night, YYYY-MM-DD [default: tonight]
        #[arg(long)]
        from: Option<String>,
        /// Save even though the plan is unusual (the warnings are kept in the log)
        #[arg(long)]
        confirm: bool,
    },
    /// Stay on one dose
    Maintain {
        /// Medication name
        med: String,
        /// The dose, mg
        #[arg(long, allow_negative_numbers = true)]
        dose: f64,
        /// First night, YYYY-MM-DD [default: tonight]
        #[arg(long)]
        from: Option<String>,
        /// Save even though the plan is unusual (the warnings are kept in the log)
        #[arg(long)]
        confirm: bool,
    },
    /// Come down to 0 from tonight's dose: by --step mg or --percent of the current dose every N days.
    /// Shows the whole taper first (each step's cut, the end date and length, what an oral
    /// solution or half tablets would give); an unusual one is saved only with --confirm
    Taper {
        /// Medication name
        med: String,
        /// How much each step takes off, mg (linear)
        #[arg(long, conflicts_with = "percent", allow_negative_numbers = true)]
        step: Option<f64>,
        /// How much each step takes off, in percent of the current dose (proportional: smaller
        /// cuts as the dose falls, down to the medicine's small final dose before 0)
        #[arg(long)]
        percent: Option<u32>,
        /// Nights per step
        #[arg(long)]
        every: u32,
        /// Start from this dose, mg [default: tonight's dose]
        #[arg(long, allow_negative_numbers = true)]
        from_mg: Option<f64>,
        /// Save even though the plan is unusual (the warnings are kept in the log)
        #[arg(long)]
        confirm: bool,
    },
    /// Stay on the current step longer (e.g. withdrawal symptoms); later steps shift
    Hold {
        /// Medication name
        med: String,
        /// Extra nights
        #[arg(long, default_value_t = eventide_core::forms::DEFAULT_HOLD_NIGHTS)]
        days: u32,
    },
    /// Step up as planned: side effects of the current step are bearable and the pain is not
    /// yet noticeably better, so the next step-up may go ahead
    Confirm {
        /// Medication name
        med: String,
    },
    /// Stay on this dose and ask your prescriber before the next step-up (the dose stays; the
    /// choice is kept in the log and a question for your prescriber is listed)
    Stay {
        /// Medication name
        med: String,
    },
    /// Show the plan: steps, the current one, the next change
    Show {
        /// Medication name
        med: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SuggestionsCommand {
    /// Hide the suggestions of one kind (e.g. ask_about_morning_dosing) until their evidence grows
    Dismiss {
        /// The kind, as shown by `suggestions --json`
        kind: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Record a review with your prescriber (the review reminder restarts from it)
    Record {
        /// The day it took place, YYYY-MM-DD [default: today]
        #[arg(long)]
        on: Option<String>,
        /// What was agreed (up to 500 characters)
        #[arg(long)]
        note: Option<String>,
    },
    /// How often reviews are due: 3 or 6 months
    Interval {
        /// Months between reviews (3 or 6)
        months: u32,
    },
    /// When the next review is due, and the reviews recorded
    Show,
}

/// What is held of one medicine, as typed: `--tablets 10=56` (or `10=2x28`: two packs of 28,
/// which also records the pack size) and `--ml 150` (or `10=150` for one of several solutions).
#[derive(Debug, clap::Args)]
pub struct StockAmounts {
    /// Medication name
    pub med: String,
    /// Tablets of one strength: STRENGTH=COUNT (10=56) or STRENGTH=PACKSxSIZE (10=2x28);
    /// repeatable
    #[arg(long, value_name = "MG=COUNT")]
    pub tablets: Vec<String>,
    /// Oral solution in ml: ML (150), PACKSxSIZE (1x150) or, for one of several solutions,
    /// STRENGTH=ML (10=150); repeatable
    #[arg(long, value_name = "ML")]
    pub ml: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum StockCommand {
    /// Record what you hold now (a count); strengths you do not name keep what they had
    Set(StockAmounts),
    /// Record a prescription collected: the amounts are added to what you hold
    Add(StockAmounts),
    /// Correct the count: what you really hold now, when the app's figure is wrong
    Correct(StockAmounts),
    /// What you hold, the night it runs out on the plan, and what to ask for
    Show {
        /// Medication name [default: every medicine]
        med: Option<String>,
        /// Count what the plan needs up to this night, YYYY-MM-DD [default: the next review
        /// or four weeks, whichever comes first]
        #[arg(long)]
        until: Option<String>,
    },
    /// Every count, supply and correction, oldest first
    History {
        /// Medication name [default: every medicine]
        med: Option<String>,
    },
    /// How many days before supplies run out the refill reminder comes (1–28, default 7)
    Remind {
        /// Days before
        days: u32,
    },
}
