//! `eventide`: the Eventide core in a terminal — the desktop companion, the demo story, and
//! the tool scripts and tests drive. Every command takes `--now` so time can be simulated.

/// Prints a line on stdout. When the reader has gone (`eventide … | head`), the rest of the
/// output is dropped quietly instead of the program panicking on the closed pipe.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod args;
mod backup;
mod demo;
mod render;
mod zone;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc, Weekday};
use clap::error::ErrorKind;
use clap::Parser;
use eventide_core::checkin::{CheckInAnswer, Feeling, Symptom};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{check_latest, NewMedication, Slot, DEFAULT_LEAD_MINUTES};
use eventide_core::notify::NotificationAction;
use eventide_core::plan::{PlanKind, TaperMethod};
use eventide_core::report::{ReportFormat, ReportRequest};
use eventide_core::schedule::{parse_time, parse_times};
use eventide_core::units::Micrograms;
use eventide_core::{Companion, Error, Result};

use args::{
    BedtimeCommand, CheckinTimeCommand, Cli, Command, MedCommand, PlanCommand, ReviewCommand,
    SlotArg, SuggestionsCommand,
};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            e.exit()
        }
        Err(e) => {
            // One sentence, like every other error; the usage is one `--help` away.
            let text = e.to_string();
            let first = text
                .lines()
                .next()
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ");
            eprintln!("error: {first} (see eventide --help)");
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::WhichDose { question, choices }) => {
            // The core's question, and how to answer it here.
            let answers: Vec<String> = choices
                .iter()
                .map(|c| {
                    format!(
                        "--night {} --slot {} for {}",
                        c.night,
                        c.slot_index + 1,
                        c.label
                    )
                })
                .collect();
            eprintln!("error: {question} Give {}.", answers.join(", or "));
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    // Everything that can be checked without the database is checked first, so a bad
    // option never creates or touches a file.
    let tz = zone::resolve(cli.zone.as_deref())?;
    let now = match cli.now.as_deref() {
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map_err(|_| {
                Error::invalid(
                    "now",
                    format!("\"{text}\" is not an RFC 3339 time such as 2026-03-27T12:00:00Z"),
                )
            })?
            .with_timezone(&Utc),
        None => Utc::now(),
    };
    let out = render::Output { json: cli.json };

    if let Command::Demo = cli.command {
        let path = match cli.db {
            Some(p) => {
                if p.exists() {
                    return Err(Error::Conflict {
                        reason: format!(
                            "{} already exists; the demo only writes into a new database",
                            p.display()
                        ),
                    });
                }
                p
            }
            None => {
                let p = default_dir()?.join("demo.db");
                remove_demo(&p)?;
                p
            }
        };
        let app = Companion::open(&path, Arc::new(tz))?;
        demo::seed(&app, now)?;
        if !cli.json {
            say!("Demo story written to {}\n", path.display());
        }
        return out.today(&app.today(now)?);
    }

    let path = match cli.db {
        Some(p) => p,
        None => default_dir()?.join("eventide.db"),
    };
    match &cli.command {
        // A bad backup file never creates or touches a database.
        Command::Restore { file, .. } => backup::check_before_opening(file)?,
        // A mistyped --db is not backed up as an empty database.
        Command::Backup { .. } => backup::check_database_exists(&path)?,
        _ => {}
    }
    let app = Companion::open(&path, Arc::new(tz))?;
    match cli.command {
        Command::Demo => Ok(()),
        Command::Med { command } => match command {
            MedCommand::Add {
                name,
                ingredient,
                tablet,
                liquid,
                can_halve,
                slot,
                lead,
                latest,
                time,
                times,
                dose,
            } => {
                let kind = match (slot, &time, &times) {
                    (Some(kind), _, _) => kind,
                    (None, Some(_), Some(_)) => {
                        return Err(Error::invalid(
                            "times",
                            "give --time for a morning medicine or --times for several times a day, not both",
                        ))
                    }
                    (None, _, Some(_)) => SlotArg::Times,
                    (None, Some(_), None) => SlotArg::Morning,
                    (None, None, None) => SlotArg::Evening,
                };
                let only = |given: bool, option: &str, for_slot: &str| {
                    if given {
                        Err(Error::invalid(
                            option.trim_start_matches('-'),
                            format!(
                                "{option} is only for {for_slot} medicines (--slot {for_slot})"
                            ),
                        ))
                    } else {
                        Ok(())
                    }
                };
                let evening = matches!(kind, SlotArg::Evening);
                only(lead.is_some() && !evening, "--lead", "evening")?;
                only(latest.is_some() && !evening, "--latest", "evening")?;
                only(
                    time.is_some() && !matches!(kind, SlotArg::Morning),
                    "--time",
                    "morning",
                )?;
                only(
                    times.is_some() && !matches!(kind, SlotArg::Times),
                    "--times",
                    "times",
                )?;
                let slot = match kind {
                    SlotArg::Evening => Slot::Evening {
                        lead_minutes: lead.unwrap_or(DEFAULT_LEAD_MINUTES),
                    },
                    SlotArg::Morning => Slot::Morning {
                        time: parse_time("time", time.as_deref().unwrap_or("08:00"))?,
                    },
                    SlotArg::Times => {
                        let list = times.ok_or_else(|| {
                            Error::invalid(
                                "times",
                                "give the times of day, e.g. --times 08:00,14:00,22:00",
                            )
                        })?;
                        Slot::Times {
                            times: parse_times("times", &list)?,
                        }
                    }
                };
                if let Some(minutes) = latest {
                    check_latest(minutes)?;
                }
                // Check the dose before anything is written, so a bad dose adds nothing.
                let dose = dose.map(|mg| Micrograms::from_mg("dose", mg)).transpose()?;
                let ingredient = ingredient.as_deref().map(Ingredient::parse).transpose()?;
                let new = NewMedication {
                    name,
                    ingredient,
                    tablet_mg: tablet,
                    can_halve,
                    liquid_mg_per_5ml: liquid,
                    slot,
                };
                let med = new.clone().validate(uuid_placeholder(), now)?;
                if let Some(d) = dose {
                    eventide_core::breakdown::breakdown(&med, d)?;
                }
                let mut med = app.add_medication(new, now)?;
                if let Some(minutes) = latest {
                    med = app.set_latest_time(med.id, minutes)?;
                }
                if let Some(d) = dose {
                    app.set_plan(med.id, PlanKind::Maintenance { dose: d }, None, &[], now)?;
                }
                out.medication(&med)
            }
            MedCommand::List => out.medications(&app.medications()?),
            MedCommand::Lead { med, minutes } => {
                let m = app.find_medication(&med)?;
                out.medication(&app.set_lead(m.id, minutes)?)
            }
            MedCommand::Latest { med, minutes } => {
                let m = app.find_medication(&med)?;
                out.medication(&app.set_latest_time(m.id, minutes)?)
            }
        },
        Command::Bedtime {
            command: BedtimeCommand::Set { time, days },
        } => {
            let time = parse_time("bedtime", &time)?;
            let days = parse_days(days.as_deref())?;
            out.settings(&app.set_bedtime(time, &days)?)
        }
        Command::CheckinTime {
            command: CheckinTimeCommand::Set { time },
        } => out.settings(&app.set_checkin_time(parse_time("checkin-time", &time)?)?),
        Command::Settings => out.settings(&app.day_settings()?),
        Command::Plan { command } => plan(&app, &out, command, now),
        Command::Today => out.today(&app.today(now)?),
        Command::Reminders { days } => out.reminders(&app.desired_notifications(now, days)?),
        Command::Take {
            med,
            night,
            slot,
            at,
        } => {
            let m = app.find_medication(&med)?;
            let at = at.as_deref().map(|t| parse_time("at", t)).transpose()?;
            out.dose(&app.take_at(
                m.id,
                parse_night(night.as_deref())?,
                slot.map(|s| s - 1),
                at,
                now,
            )?)
        }
        Command::Skip { med, night, slot } => {
            let m = app.find_medication(&med)?;
            out.dose(&app.skip(
                m.id,
                parse_night(night.as_deref())?,
                slot.map(|s| s - 1),
                now,
            )?)
        }
        Command::Snooze {
            med,
            minutes,
            night,
            slot,
        } => {
            let m = app.find_medication(&med)?;
            out.dose(&app.snooze_dose(
                m.id,
                parse_night(night.as_deref())?,
                slot.map(|s| s - 1),
                minutes,
                now,
            )?)
        }
        Command::Tap { id, action } => {
            let outcome = app.handle_action(&id, NotificationAction::parse(&action)?, now)?;
            match outcome {
                eventide_core::ActionOutcome::Checkin(c) => {
                    out.checkin(&c, &app.urgent_suggestions(now)?)
                }
                other => out.action(&other),
            }
        }
        Command::Checkin {
            answer,
            pain,
            effect,
            note,
            morning,
        } => {
            let answer = CheckInAnswer {
                feeling: Some(Feeling::parse(&answer)?),
                pain,
                effects: effect
                    .iter()
                    .map(|e| Symptom::parse(e))
                    .collect::<Result<_>>()?,
                note,
            };
            let saved = app.check_in(answer, parse_night(morning.as_deref())?, now)?;
            out.checkin(&saved, &app.urgent_suggestions(now)?)
        }
        Command::Suggestions { command: None } => out.suggestions(&app.suggestions(now)?),
        Command::Suggestions {
            command: Some(SuggestionsCommand::Dismiss { kind }),
        } => {
            let hidden = app.dismiss_suggestion_kind(&kind, now)?;
            out.done(&format!(
                "{} suggestion(s) of kind {kind} hidden until their evidence grows.",
                hidden.len()
            ))
        }
        Command::Review { command } => match command {
            ReviewCommand::Record { on, note } => {
                let r = app.record_review(parse_night(on.as_deref())?, note, now)?;
                out.done(&format!("Review on {} recorded.", r.on))
            }
            ReviewCommand::Interval { months } => {
                out.reviews(&app.set_review_interval(months)?, &app.reviews()?)
            }
            ReviewCommand::Show => out.reviews(&app.review_status()?, &app.reviews()?),
        },
        Command::Dismiss { id } => {
            app.dismiss_suggestion(&id, now)?;
            out.done(&format!("Suggestion {id} dismissed."))
        }
        Command::Report {
            format,
            out: file,
            from,
            to,
            patient,
        } => {
            let format = ReportFormat::parse(&format)?;
            let request = ReportRequest {
                from: parse_night(from.as_deref())?,
                to: parse_night(to.as_deref())?,
                patient_name: patient,
            };
            match file.filter(|f| f.as_os_str() != "-") {
                Some(path) => {
                    app.write_report(format, &request, &path, now)?;
                    out.done(&format!(
                        "Report ({}) written to {}.",
                        format.code(),
                        path.display()
                    ))
                }
                None => {
                    use std::io::Write as _;
                    let bytes = app.export_report(format, &request, now)?;
                    std::io::stdout()
                        .write_all(&bytes)
                        .map_err(|e| Error::Storage {
                            detail: format!("could not print the report: {e}"),
                        })
                }
            }
        }
        Command::Backup { out: file } => backup::write(&app, &out, &file, now),
        Command::Restore { file, replace } => {
            backup::restore(&app, &out, &file, replace, &path, now)
        }
    }
}

fn plan(
    app: &Companion,
    out: &render::Output,
    command: PlanCommand,
    now: DateTime<Utc>,
) -> Result<()> {
    match command {
        PlanCommand::Titrate {
            med,
            start,
            step,
            every,
            target,
            from,
            confirm,
        } => {
            let m = app.find_medication(&med)?;
            let kind = PlanKind::Titration {
                start: Micrograms::from_mg("start", start)?,
                step: Micrograms::from_mg("step", step)?,
                every_days: every,
                target: match target {
                    Some(t) => Micrograms::from_mg("target", t)?,
                    None => {
                        return Err(Error::invalid(
                            "target",
                            "give the target dose your prescriber wrote, e.g. --target 50 (Eventide never picks one)",
                        ))
                    }
                },
            };
            let view = with_confirmation(confirm, |ok| {
                app.set_plan(m.id, kind.clone(), parse_night(from.as_deref())?, ok, now)
            })?;
            out.plan(&view)
        }
        PlanCommand::Maintain {
            med,
            dose,
            from,
            confirm,
        } => {
            let m = app.find_medication(&med)?;
            let kind = PlanKind::Maintenance {
                dose: Micrograms::from_mg("dose", dose)?,
            };
            let view = with_confirmation(confirm, |ok| {
                app.set_plan(m.id, kind.clone(), parse_night(from.as_deref())?, ok, now)
            })?;
            out.plan(&view)
        }
        PlanCommand::Taper {
            med,
            step,
            percent,
            every,
            from_mg,
            confirm,
        } => {
            let m = app.find_medication(&med)?;
            let method = match (step, percent) {
                (Some(s), None) => TaperMethod::Linear {
                    step: Micrograms::from_mg("step", s)?,
                },
                (None, Some(p)) => TaperMethod::Proportional { percent: p },
                _ => {
                    return Err(Error::invalid(
                        "step",
                        "give either --step MG or --percent P",
                    ))
                }
            };
            let from = from_mg
                .map(|f| Micrograms::from_mg("from", f))
                .transpose()?;
            let view = with_confirmation(confirm, |ok| {
                app.start_taper(m.id, method.clone(), every, from, ok, now)
            })?;
            out.plan(&view)
        }
        PlanCommand::Hold { med, days } => {
            let m = app.find_medication(&med)?;
            out.plan(&app.hold_step(m.id, days, now)?)
        }
        PlanCommand::Confirm { med } => {
            let m = app.find_medication(&med)?;
            out.plan(&app.confirm_tolerable(m.id, now)?)
        }
        PlanCommand::Stay { med } => {
            let m = app.find_medication(&med)?;
            out.plan(&app.stay_on_dose(m.id, now)?)
        }
        PlanCommand::Show { med } => {
            let m = app.find_medication(&med)?;
            out.plan(&app.plan_view(m.id, now)?)
        }
    }
}

/// Runs `save`; when it asks for confirmation and the user passed `--confirm`, confirms the
/// warnings it named and runs it again. Without `--confirm` the warnings become the error.
fn with_confirmation<T>(confirm: bool, save: impl Fn(&[String]) -> Result<T>) -> Result<T> {
    match save(&[]) {
        Err(Error::NeedsConfirmation { warnings }) if confirm => save(&warnings),
        Err(Error::NeedsConfirmation { warnings }) => Err(Error::NeedsConfirmation {
            warnings: warnings
                .into_iter()
                .map(|w| format!("{w} (add --confirm to save anyway)"))
                .collect(),
        }),
        other => other,
    }
}

/// An id only used to validate input before the real insert (which makes its own id).
fn uuid_placeholder() -> uuid::Uuid {
    uuid::Uuid::nil()
}

fn parse_night(text: Option<&str>) -> Result<Option<NaiveDate>> {
    text.map(|t| {
        NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").map_err(|_| {
            Error::invalid("night", format!("\"{t}\" is not a date such as 2026-03-27"))
        })
    })
    .transpose()
}

fn parse_days(text: Option<&str>) -> Result<Vec<Weekday>> {
    let Some(text) = text else { return Ok(vec![]) };
    let mut out = Vec::new();
    for part in text.split(',') {
        let p = part.trim().to_ascii_lowercase();
        let day = match p.as_str() {
            "weekdays" => {
                out.extend([
                    Weekday::Mon,
                    Weekday::Tue,
                    Weekday::Wed,
                    Weekday::Thu,
                    Weekday::Fri,
                ]);
                continue;
            }
            "weekend" | "weekends" => {
                out.extend([Weekday::Sat, Weekday::Sun]);
                continue;
            }
            _ => p.parse::<Weekday>().map_err(|_| {
                Error::invalid(
                    "days",
                    format!("\"{part}\" is not a day; use mon,tue,wed,thu,fri,sat,sun"),
                )
            })?,
        };
        out.push(day);
    }
    Ok(out)
}

/// Where the companion keeps its database: `$XDG_DATA_HOME/eventide` or `~/.local/share/eventide`.
fn default_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join("eventide"));
    }
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .ok_or_else(|| Error::invalid("db", "no home folder is set; pass --db PATH"))?;
    Ok(PathBuf::from(home).join(".local/share/eventide"))
}

/// The default demo database is rewritten on every run; never touch any other file.
fn remove_demo(path: &Path) -> Result<()> {
    for p in [
        path.to_path_buf(),
        eventide_core::store::wal_path(path),
        PathBuf::from(format!("{}-shm", path.display())),
    ] {
        if p.exists() {
            std::fs::remove_file(&p).map_err(|e| Error::Storage {
                detail: format!("could not replace the demo database {}: {e}", p.display()),
            })?;
        }
    }
    Ok(())
}
