package app.eventide.shell

import app.eventide.core.EventideInterface
import app.eventide.core.OsFacts
import app.eventide.core.ReconcileInput
import app.eventide.core.ReminderPlan
import app.eventide.core.ScheduleOutcome
import app.eventide.core.Wake
import app.eventide.core.settleReminderLedger
import java.time.Instant

/**
 * The executor of the core's reminder plans: every trigger — a change in the app, a
 * notification button, an alarm firing, boot, app update, clock or zone change, the
 * exact-alarm permission — calls [reconcile] with what woke the app. The core decides (from
 * the ledger, the boot count, the process start and the exact-alarm permission) what the OS
 * holds and what to cancel and schedule; this class only carries the plan out:
 *
 * 1. write `ledgerBefore` (never claims an alarm the plan is about to change),
 * 2. cancel, then schedule (recording whether each went in exact),
 * 3. write the settled ledger, and take answered notifications off the screen.
 *
 * If the core throws (any exception, including uniffi's `InternalException` for a Rust bug),
 * nothing is touched: the alarms and the ledger stay as they were.
 */
class ReminderSync(
    private val core: EventideInterface,
    private val alarms: AlarmPort,
    private val ledger: LedgerStore,
    private val shade: ShadePort,
    private val os: OsFactsPort,
) {
    /** Reconciles at [now] after [wake]; throws what the core threw, having touched nothing. */
    @Synchronized
    fun reconcile(wake: Wake, now: Instant): ReminderPlan {
        val input = ReconcileInput(wake, ledger.read(), OsFacts.Android(os.facts()), shade.shown())
        val plan = core.planReminders(input, now)
        if (plan.cancel.isNotEmpty() || plan.schedule.isNotEmpty()) ledger.write(plan.ledgerBefore)
        plan.cancel.forEach(alarms::cancel)
        val outcomes = plan.schedule.map { ScheduleOutcome(it.key, true, alarms.schedule(it)) }
        ledger.write(settleReminderLedger(plan.ledger, outcomes))
        plan.withdraw.forEach(shade::withdraw)
        return plan
    }

    /**
     * The notifications an alarm that just fired should post: the core's answer (due,
     * unanswered, not already on screen), or — if the core cannot answer — every one not
     * already on screen: a needless reminder is better than a missing one.
     */
    fun toShow(ids: List<String>, now: Instant): List<String> {
        val shown = shade.shown()
        return try {
            core.remindersToShow(ids, shown, now)
        } catch (e: Exception) {
            ids.filter { it !in shown }
        }
    }
}
