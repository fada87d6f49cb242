//! One run: a fresh core on an in-memory database, a simulated phone, and the user's months,
//! event by event. The phone (Android or iOS rules) owns the app's executor, which calls the
//! real core exactly as the shells do.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveTime, Utc};
use eventide_core::medication::{NewMedication, Slot};
use eventide_core::notify::{parse_id, NotificationAction, NotificationTarget};
use eventide_core::plan::{PlanKind, TaperMethod};
use eventide_core::units::Micrograms;
use eventide_core::Companion;

use crate::checker::{Checker, Tally};
use crate::phone_zone::PhoneZone;
use crate::rng::Rng;
use crate::scenario::{Happening, Opens, Scenario};

/// Something the OS does a little after a happening (a broadcast, a background task).
#[derive(Debug, Clone, PartialEq)]
pub enum OsEvent {
    /// Android: deliver this broadcast to the app (boot completed, time set, …).
    Broadcast(eventide_core::reminders::Wake),
    /// Android: the user opens the app again after a force-stop.
    Reopen,
}

#[derive(Debug, Clone, PartialEq)]
enum Event {
    Tick,
    Happen(Happening),
    Os(OsEvent),
    Button(String, NotificationAction),
    InApp(String, NotificationAction),
}

/// A simulated phone: its OS rules and the app's executor on top.
pub trait Phone {
    /// The next instant the OS delivers something by itself.
    fn next_fire(&self) -> Option<DateTime<Utc>>;
    /// Delivers what is due at `now`; shown notifications go to the checker.
    fn fire(&mut self, now: DateTime<Utc>, checker: &mut Checker) -> Vec<String>;
    /// Something outside the app happens; returns what the OS does after it, and when.
    fn happen(
        &mut self,
        h: &Happening,
        now: DateTime<Utc>,
        rng: &mut Rng,
        checker: &mut Checker,
    ) -> Vec<(DateTime<Utc>, OsEvent)>;
    /// A delayed OS event.
    fn os_event(
        &mut self,
        e: &OsEvent,
        now: DateTime<Utc>,
        rng: &mut Rng,
        checker: &mut Checker,
    ) -> Vec<(DateTime<Utc>, OsEvent)>;
    /// The user opens the app.
    fn open(
        &mut self,
        now: DateTime<Utc>,
        rng: &mut Rng,
        checker: &mut Checker,
    ) -> Vec<(DateTime<Utc>, OsEvent)>;
    /// The user changes something in the open app.
    fn change(
        &mut self,
        now: DateTime<Utc>,
        f: &mut dyn FnMut(&Companion),
        rng: &mut Rng,
        checker: &mut Checker,
    ) -> Vec<(DateTime<Utc>, OsEvent)>;
    /// The user taps a button on a shown notification; `None` if it is not on screen,
    /// otherwise whether the core recorded it.
    fn answer(
        &mut self,
        id: &str,
        action: NotificationAction,
        now: DateTime<Utc>,
        rng: &mut Rng,
        checker: &mut Checker,
    ) -> (Option<bool>, Vec<(DateTime<Utc>, OsEvent)>);
    /// Ids of the app's notifications on screen.
    fn shown(&self) -> Vec<String>;
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// Sets the user up on day one, in the app (each step reconciles, as in the shells).
fn set_up(phone: &mut dyn Phone, s: &Scenario, rng: &mut Rng, checker: &mut Checker) {
    let now = s.start;
    phone.open(now, rng, checker);
    let bedtime = s.bedtime;
    phone.change(
        now,
        &mut |core| {
            let _ = core.set_bedtime(bedtime, &[]);
        },
        rng,
        checker,
    );
    for m in &s.medicines {
        let med = m.clone();
        phone.change(
            now,
            &mut |core| {
                let slot = match (med.evening_lead, med.morning_at) {
                    (Some(lead), _) => Slot::Evening { lead_minutes: lead },
                    (None, Some(at)) => Slot::Morning { time: at },
                    (None, None) => Slot::Morning { time: time(8, 0) },
                };
                let Ok(added) = core.add_medication(
                    NewMedication {
                        name: med.name.into(),
                        ingredient: eventide_core::ingredient::recognise(med.name),
                        tablet_mg: vec![10.0, 25.0, 50.0],
                        can_halve: false,
                        liquid_mg_per_5ml: vec![],
                        slot,
                    },
                    now,
                ) else {
                    return;
                };
                let kind = match med.plan {
                    "titrate" => PlanKind::Titration {
                        start: Micrograms::mg(10),
                        step: Micrograms::mg(10),
                        every_days: 7,
                        target: Micrograms::mg(50),
                    },
                    "taper" => PlanKind::Taper {
                        from: Micrograms::mg(50),
                        method: TaperMethod::Linear {
                            step: Micrograms::mg(10),
                        },
                        every_days: 7,
                    },
                    _ => PlanKind::Maintenance {
                        dose: Micrograms::mg(25),
                    },
                };
                let warnings = match core.set_plan(added.id, kind.clone(), None, &[], now) {
                    Err(eventide_core::Error::NeedsConfirmation { warnings }) => warnings,
                    _ => return,
                };
                let _ = core.set_plan(added.id, kind, None, &warnings, now);
            },
            rng,
            checker,
        );
    }
}

/// Runs one user's `days` days on `phone` and judges them.
pub fn run(
    seed: u64,
    days: i64,
    ios: bool,
    make: &dyn Fn(Arc<Companion>, PhoneZone, u64) -> Box<dyn Phone>,
) -> (Tally, Vec<String>) {
    let mut rng = Rng::new(seed);
    let s = Scenario::draw(&mut rng, days, ios);
    let zone = PhoneZone::new(s.home);
    let Ok(core) = Companion::in_memory(Arc::new(zone.clone())) else {
        return (Tally::default(), vec!["the core did not open".into()]);
    };
    let core = Arc::new(core);
    let mut phone = make(core.clone(), zone.clone(), rng.next_u64());
    let mut checker = Checker::new(ios);
    set_up(phone.as_mut(), &s, &mut rng, &mut checker);

    let end = s.start + Duration::days(days);
    let mut queue: BinaryHeap<Reverse<(DateTime<Utc>, u64, usize)>> = BinaryHeap::new();
    let mut events: Vec<Event> = Vec::new();
    let push = |queue: &mut BinaryHeap<_>, events: &mut Vec<Event>, at: DateTime<Utc>, e: Event| {
        events.push(e);
        let n = events.len() - 1;
        queue.push(Reverse((at, n as u64, n)));
    };
    let mut tick = s.start;
    while tick < end {
        tick += Duration::hours(8);
        push(&mut queue, &mut events, tick, Event::Tick);
    }
    for (at, h) in &s.happenings {
        if *at > s.start && *at < end {
            push(&mut queue, &mut events, *at, Event::Happen(h.clone()));
        }
    }

    let mut clock = s.start;
    loop {
        let next_event = queue.peek().map(|Reverse((at, _, _))| *at);
        let next_fire = phone
            .next_fire()
            .filter(|t| *t > clock - Duration::seconds(1));
        let fire_first = match (next_fire, next_event) {
            (Some(f), Some(e)) => f <= e,
            (Some(_), None) => true,
            (None, _) => false,
        };
        let at = if fire_first { next_fire } else { next_event };
        let Some(at) = at.filter(|t| *t <= end) else {
            break;
        };
        let at = at.max(clock);
        checker.observe(&core, clock, at);
        clock = at;
        let mut follow: Vec<(DateTime<Utc>, Event)> = Vec::new();
        if fire_first {
            if trace() {
                eprintln!("{clock} fire");
            }
            for id in phone.fire(clock, &mut checker) {
                react(&s, &mut rng, &id, clock, &mut follow);
            }
        } else {
            let Some(Reverse((_, _, n))) = queue.pop() else {
                break;
            };
            let event = events[n].clone();
            if trace() && event != Event::Tick {
                eprintln!("{clock} {event:?}");
            }
            let os = match event {
                Event::Tick => vec![],
                Event::Happen(Happening::Travel(tz)) => {
                    zone.set(tz);
                    checker.zone_switched(clock);
                    phone.happen(&Happening::Travel(tz), clock, &mut rng, &mut checker)
                }
                Event::Happen(Happening::Open) => {
                    open(phone.as_mut(), &core, &s, clock, &mut rng, &mut checker)
                }
                Event::Happen(Happening::ChangeSomething) => {
                    let mut os = phone.open(clock, &mut rng, &mut checker);
                    let which = rng.between(0, 2);
                    let minutes = rng.pick(&[-30i64, -15, 15, 30]);
                    let dose = rng.pick(&[10u32, 25, 35, 50]);
                    os.extend(phone.change(
                        clock,
                        &mut |c| change(c, which, minutes, dose, clock),
                        &mut rng,
                        &mut checker,
                    ));
                    os
                }
                Event::Happen(h) => phone.happen(&h, clock, &mut rng, &mut checker),
                Event::Os(e) => phone.os_event(&e, clock, &mut rng, &mut checker),
                Event::Button(id, action) => {
                    let (recorded, os) = phone.answer(&id, action, clock, &mut rng, &mut checker);
                    if recorded == Some(true) && answers(action) && phone.shown().contains(&id) {
                        checker.left_on_screen(&id);
                    }
                    os
                }
                Event::InApp(id, action) => {
                    let mut os = phone.open(clock, &mut rng, &mut checker);
                    let mut ok = false;
                    os.extend(phone.change(
                        clock,
                        &mut |c| {
                            ok = c.handle_action(&id, action, clock).is_ok_and(|o| match o {
                                eventide_core::ActionOutcome::Dose(d) => d.recorded,
                                eventide_core::ActionOutcome::Checkin(_) => true,
                            });
                        },
                        &mut rng,
                        &mut checker,
                    ));
                    if ok && answers(action) && phone.shown().contains(&id) {
                        checker.left_on_screen(&id);
                    }
                    os
                }
            };
            follow.extend(os.into_iter().map(|(t, e)| (t, Event::Os(e))));
        }
        for (t, e) in follow {
            push(&mut queue, &mut events, t.max(clock), e);
        }
    }
    let days = u64::try_from(days).unwrap_or(0);
    checker.judge(&core, days)
}

/// `PHONESIM_TRACE=1`: print every event and plan (to replay one seed).
pub fn trace() -> bool {
    std::env::var_os("PHONESIM_TRACE").is_some()
}

/// Taken and Skip answer the question; Snooze puts it off.
fn answers(action: NotificationAction) -> bool {
    matches!(action, NotificationAction::Taken | NotificationAction::Skip)
}

/// The user opens the app; in the evening they may record the coming dose early.
fn open(
    phone: &mut dyn Phone,
    core: &Companion,
    s: &Scenario,
    now: DateTime<Utc>,
    rng: &mut Rng,
    checker: &mut Checker,
) -> Vec<(DateTime<Utc>, OsEvent)> {
    let mut os = phone.open(now, rng, checker);
    if !rng.chance(s.profile.takes_early) {
        return os;
    }
    let Ok(today) = core.today(now) else {
        return os;
    };
    for card in today.doses {
        let due = card.reminder_at.with_timezone(&Utc);
        if card.status == eventide_core::doselog::DoseStatus::Upcoming
            && due > now
            && due - now <= Duration::minutes(90)
        {
            let (med, night, slot) = (card.medication_id, card.night, card.slot_index);
            os.extend(phone.change(
                now,
                &mut |c| {
                    let _ = c.take(med, Some(night), Some(slot), now);
                },
                rng,
                checker,
            ));
        }
    }
    os
}

/// A change made in the app: bedtime, a new steady dose, or the lead of an evening medicine.
fn change(core: &Companion, which: i64, minutes: i64, dose: u32, now: DateTime<Utc>) {
    let Ok(meds) = core.medications() else { return };
    let Some(med) = meds.first() else { return };
    match which {
        0 => {
            if let Ok(settings) = core.day_settings() {
                let bed = settings.bedtimes.default + Duration::minutes(minutes);
                let bed = if bed < time(21, 0) && bed > time(12, 0) {
                    time(21, 0)
                } else {
                    bed
                };
                let _ = core.set_bedtime(bed, &[]);
            }
        }
        1 => {
            let kind = PlanKind::Maintenance {
                dose: Micrograms::mg(dose),
            };
            let warnings = match core.set_plan(med.id, kind.clone(), None, &[], now) {
                Err(eventide_core::Error::NeedsConfirmation { warnings }) => warnings,
                _ => return,
            };
            let _ = core.set_plan(med.id, kind, None, &warnings, now);
        }
        _ => {
            let _ = core.confirm_tolerable(med.id, now);
        }
    }
}

/// What the user does about a notification just shown: a button, the app, or nothing.
fn react(
    s: &Scenario,
    rng: &mut Rng,
    id: &str,
    now: DateTime<Utc>,
    out: &mut Vec<(DateTime<Utc>, Event)>,
) {
    let p = &s.profile;
    let delay = Duration::minutes(rng.between(p.delay_minutes.0, p.delay_minutes.1));
    let at = now + delay;
    match parse_id(id) {
        Ok(NotificationTarget::Dose { .. }) => {
            let action = if rng.chance(p.snoozes) {
                NotificationAction::Snooze
            } else if rng.chance(p.skips) {
                NotificationAction::Skip
            } else {
                NotificationAction::Taken
            };
            if rng.chance(p.answers_by_button) {
                out.push((at, Event::Button(id.to_string(), action)));
            } else if p.opens != Opens::Never && rng.chance(p.answers_in_app) {
                out.push((at, Event::InApp(id.to_string(), action)));
            }
        }
        Ok(NotificationTarget::Checkin { .. }) if rng.chance(p.checkin_buttons) => {
            let action = rng.pick(&[
                NotificationAction::Fine,
                NotificationAction::Groggy,
                NotificationAction::SleptBadly,
            ]);
            out.push((at, Event::Button(id.to_string(), action)));
        }
        _ => {}
    }
}
