import Foundation
import EventideCore

/// The two conversions between what iOS holds and the core's reminder plan; the decisions
/// themselves (the window of at most 64 requests, which are floating, what to remove, which
/// delivered notifications to withdraw, when to ask for a background refresh) are the core's
/// (`planReminders`). Mirrors `ReminderSync` in android/shell, which does the same with
/// AlarmManager and a ledger.
public enum Reconciler {
    /// What the core plans from on iOS: the wake, the requests actually pending (with the
    /// fingerprints kept in their `userInfo`) and the ids on screen. iOS keeps no ledger.
    public static func input(wake: Wake, pending: [PendingRequest], delivered: [String]) -> ReconcileInput {
        ReconcileInput(wake: wake, ledger: "", os: .ios(pending: pending), shown: delivered)
    }

    /// The requests to add, in the plan's order (soonest first).
    public static func requests(_ plan: ReminderPlan, calendar: Calendar = .current) -> [ReminderRequest] {
        plan.schedule.compactMap { ReminderRequest($0, calendar: calendar) }
    }
}
