//! One simulated user: their medicines and plan, their habits, and the months of things that
//! happen to their phone. Everything is drawn from the run's seed.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::rng::Rng;

/// How often the user opens the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opens {
    /// Most days, once or twice.
    Daily,
    /// Every few days.
    Sometimes,
    /// Only to set it up: after that, notification buttons at most.
    Never,
}

/// The user's habits.
#[derive(Debug, Clone)]
pub struct Profile {
    pub opens: Opens,
    /// Answers a dose reminder with its buttons.
    pub answers_by_button: f64,
    /// Otherwise opens the app to record the dose.
    pub answers_in_app: f64,
    /// On an evening open, records the dose before its reminder.
    pub takes_early: f64,
    /// Of button answers: snooze, skip (the rest is Taken).
    pub snoozes: f64,
    pub skips: f64,
    /// Answers the morning check-in with its buttons.
    pub checkin_buttons: f64,
    /// Minutes before answering.
    pub delay_minutes: (i64, i64),
    /// iOS: Background App Refresh is on, and how often the OS grants a requested refresh.
    pub background_refresh: bool,
    pub refresh_granted: f64,
}

/// Something that happens to the phone at an instant, outside the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Happening {
    Reboot,
    /// Android: Settings › Force stop (the user reopens the app a little later).
    ForceStop,
    /// The OS kills the idle process (Android) — alarms stay.
    ProcessDeath,
    /// Android 12+: the user withdraws or grants "Alarms & reminders".
    RevokeExact,
    GrantExact,
    /// A new version of the app is installed.
    Update,
    /// The phone lands in another zone.
    Travel(Tz),
    /// iOS: the user swipes the app away (no background refresh until it is opened).
    ForceQuit,
    /// The user opens the app (their habit).
    Open,
    /// The user changes bedtime or plan in the app.
    ChangeSomething,
}

/// A medicine the user adds on day one.
#[derive(Debug, Clone)]
pub struct MedicineSetup {
    pub name: &'static str,
    pub evening_lead: Option<u16>,
    pub morning_at: Option<NaiveTime>,
    /// "maintain", "titrate" or "taper".
    pub plan: &'static str,
}

/// One run: the user, their medicines and the timeline.
pub struct Scenario {
    pub start: DateTime<Utc>,
    pub home: Tz,
    pub bedtime: NaiveTime,
    pub medicines: Vec<MedicineSetup>,
    pub profile: Profile,
    pub happenings: Vec<(DateTime<Utc>, Happening)>,
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// An instant on `day` (days after `start`) at a random local hour between `from` and `to`.
fn some_time(rng: &mut Rng, start: DateTime<Utc>, day: i64, from: i64, to: i64) -> DateTime<Utc> {
    start + Duration::days(day) + Duration::minutes(rng.between(from * 60, to * 60))
}

impl Scenario {
    pub fn draw(rng: &mut Rng, days: i64, ios: bool) -> Scenario {
        let first = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or(NaiveDate::MIN);
        let day0 = first + Duration::days(rng.between(0, 540));
        let home = chrono_tz::Europe::London;
        // Midday in London on day one: the user installs the app and sets it up.
        let start = home
            .from_local_datetime(&day0.and_time(time(12, 0)))
            .earliest()
            .map_or_else(Utc::now, |t| t.with_timezone(&Utc));
        let bedtime = time(rng.between(21, 23) as u32, rng.pick(&[0, 15, 30, 45]));
        let lead = rng.pick(&[60u16, 75, 90, 105, 120]);
        let mut medicines = vec![MedicineSetup {
            name: "Amitriptyline",
            evening_lead: Some(lead),
            morning_at: None,
            plan: rng.pick(&["maintain", "maintain", "titrate", "taper"]),
        }];
        if rng.chance(0.25) {
            // A second evening medicine: due at the same instant or at another one.
            let same = rng.chance(0.5);
            medicines.push(MedicineSetup {
                name: "Nortriptyline",
                evening_lead: Some(if same { lead } else { rng.pick(&[60u16, 120]) }),
                morning_at: None,
                plan: "maintain",
            });
        }
        if rng.chance(0.2) {
            medicines.push(MedicineSetup {
                name: "Duloxetine",
                evening_lead: None,
                morning_at: Some(time(rng.between(7, 9) as u32, 0)),
                plan: "maintain",
            });
        }
        let opens = *[Opens::Daily, Opens::Daily, Opens::Sometimes, Opens::Never]
            .get(rng.between(0, 3) as usize)
            .unwrap_or(&Opens::Daily);
        let profile = Profile {
            opens,
            answers_by_button: rng.pick(&[0.0, 0.3, 0.6, 0.9]),
            answers_in_app: if opens == Opens::Never {
                0.0
            } else {
                rng.pick(&[0.2, 0.5, 0.9])
            },
            takes_early: if opens == Opens::Daily { 0.3 } else { 0.0 },
            snoozes: 0.12,
            skips: 0.05,
            checkin_buttons: rng.pick(&[0.0, 0.5, 0.9]),
            delay_minutes: (1, rng.pick(&[20, 60, 100])),
            background_refresh: ios && rng.chance(0.6),
            refresh_granted: rng.pick(&[0.0, 0.3, 0.7]),
        };
        let mut happenings = Vec::new();
        for day in 0..days {
            let at = |rng: &mut Rng, from: i64, to: i64| some_time(rng, start, day, from, to);
            match opens {
                Opens::Daily => {
                    if rng.chance(0.9) {
                        let t = at(rng, -5, -1);
                        happenings.push((t, Happening::Open));
                    }
                    if rng.chance(0.6) {
                        // Evening, around the reminder: sometimes records the dose early.
                        let t = at(rng, 6, 11);
                        happenings.push((t, Happening::Open));
                    }
                }
                Opens::Sometimes => {
                    if rng.chance(0.25) {
                        let t = at(rng, -3, 11);
                        happenings.push((t, Happening::Open));
                    }
                }
                Opens::Never => {}
            }
            if opens != Opens::Never && rng.chance(0.04) {
                let t = at(rng, -4, 10);
                happenings.push((t, Happening::ChangeSomething));
            }
            if day > 0 && rng.chance(1.0 / 20.0) {
                let t = at(rng, -12, 12);
                happenings.push((t, Happening::Reboot));
            }
            if day > 0 && rng.chance(1.0 / 30.0) {
                let t = at(rng, -12, 12);
                happenings.push((t, Happening::Update));
            }
            if ios {
                if rng.chance(0.05) {
                    let t = at(rng, -12, 12);
                    happenings.push((t, Happening::ForceQuit));
                }
            } else {
                if day > 0 && rng.chance(1.0 / 45.0) {
                    let t = at(rng, -12, 12);
                    happenings.push((t, Happening::ForceStop));
                }
                for _ in 0..rng.between(1, 4) {
                    let t = at(rng, -12, 12);
                    happenings.push((t, Happening::ProcessDeath));
                }
            }
        }
        if !ios && rng.chance(0.3) {
            let off = rng.between(1, days.max(2) - 1);
            let t = some_time(rng, start, off, -12, 12);
            happenings.push((t, Happening::RevokeExact));
            if rng.chance(0.6) {
                let on = rng.between(off, days.max(2));
                let t = some_time(rng, start, on, -12, 12) + Duration::hours(1);
                happenings.push((t, Happening::GrantExact));
            }
        }
        if rng.chance(0.35) && days > 6 {
            // London → New York → Tokyo (→ London), landing at any hour.
            let mut day = rng.between(2, days / 3);
            for tz in [chrono_tz::America::New_York, chrono_tz::Asia::Tokyo, home] {
                if day >= days {
                    break;
                }
                let t = some_time(rng, start, day, -12, 12);
                happenings.push((t, Happening::Travel(tz)));
                day += rng.between(3, 20);
            }
        }
        happenings.sort_by_key(|(t, _)| *t);
        Scenario {
            start,
            home,
            bedtime,
            medicines,
            profile,
            happenings,
        }
    }
}
