//! The refill reminder: a daytime notification some days before supplies run out.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::forecast::{forecasts, SupplyForecast};
use super::REFILL_TIME;
use crate::companion::Snapshot;
use crate::error::Result;
use crate::notify::{self, DesiredNotification, NotificationKind};
use crate::store::Tables;
use crate::zone::{resolve_local, to_local, ZoneRules};

/// The day the refill reminder comes for supplies that run out on `runs_out_on`: `days_before`
/// days earlier, but never before the last stock event (a count that shows only three days
/// left reminds the next morning, not never). None when that would be after they run out.
pub(crate) fn day(
    runs_out_on: NaiveDate,
    last_stock_event: DateTime<FixedOffset>,
    days_before: u32,
) -> Option<NaiveDate> {
    let wanted = super::shift(runs_out_on, -i64::from(days_before));
    let recorded = last_stock_event.naive_local();
    let first_possible = if recorded.time() < REFILL_TIME {
        recorded.date()
    } else {
        super::shift(recorded.date(), 1)
    };
    Some(wanted.max(first_possible)).filter(|d| *d <= runs_out_on)
}

/// "refill:{medication}:{runs-out night}": the id of a refill reminder.
pub(crate) fn id(medication_id: uuid::Uuid, runs_out_on: NaiveDate) -> String {
    format!(
        "{}:{medication_id}:{runs_out_on}",
        NotificationKind::Refill.code()
    )
}

/// The refill reminders that fire on days `..=last`: one per medicine whose supplies run out,
/// id `refill:{medication}:{runs-out night}`, at [`REFILL_TIME`] on its day. `known` are the
/// default forecasts when the caller already has them.
pub(crate) fn notifications(
    t: &Tables<'_>,
    snap: &Snapshot,
    zone: &dyn ZoneRules,
    now: DateTime<Utc>,
    last: NaiveDate,
    known: Option<&[SupplyForecast]>,
) -> Result<Vec<DesiredNotification>> {
    let worked_out;
    let list = match known {
        Some(list) => list,
        None => {
            worked_out = forecasts(t, snap, zone, None, now)?;
            &worked_out
        }
    };
    let mut out = Vec::new();
    for f in list.iter().filter(|f| f.tracked) {
        let (Some(runs_out), Some(on)) = (f.runs_out_on, f.refill_on) else {
            continue;
        };
        if on > last {
            continue;
        }
        let fire_at = resolve_local(zone, on.and_time(REFILL_TIME));
        let id = id(f.medication_id, runs_out);
        out.push(DesiredNotification {
            numeric_id: notify::numeric_id(&id),
            id,
            kind: NotificationKind::Refill,
            fire_at,
            fire_at_local: to_local(zone, fire_at),
            title: format!(
                "{} runs out on {}",
                f.medication_name,
                runs_out.format("%a %-d %b")
            ),
            body: format!("{} {}", f.status_line, f.ask_for_text),
            medication_id: Some(f.medication_id),
            medication_name: Some(f.medication_name.clone()),
            date: runs_out,
            actions: vec![],
            category: notify::Category::Refill,
            // 10:00 on the phone's clock, wherever the phone is on that day.
            wall_clock: Some(to_local(zone, fire_at).naive_local()),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn at(m: u32, day: u32, h: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(0)
            .unwrap()
            .with_ymd_and_hms(2026, m, day, h, 0, 0)
            .unwrap()
    }

    #[test]
    fn a_week_before_or_the_first_morning_after_the_count() {
        assert_eq!(day(d(1, 29), at(1, 5, 12), 7), Some(d(1, 22)));
        // Only three days left when counted at noon: the next morning.
        assert_eq!(day(d(1, 8), at(1, 5, 12), 7), Some(d(1, 6)));
        // Counted before ten: the same morning.
        assert_eq!(day(d(1, 8), at(1, 5, 9), 7), Some(d(1, 5)));
        // Already out by the time it could come: the screen says so instead.
        assert_eq!(day(d(1, 5), at(1, 5, 12), 7), None);
    }
}
