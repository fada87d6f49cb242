// Reminder plans (issue 13) through the generated bindings against the real library: what an
// Android shell sends (wake, ledger, boot count, process start, exact permission, shown tags)
// and gets back (alarms to cancel and set, the ledger to store), a restart emptying the OS
// whatever the ledger says, what a fired alarm shows, iOS's wall-clock window, and the
// lock-screen words.
package app.eventide.tests

import app.eventide.core.AndroidFacts
import app.eventide.core.Eventide
import app.eventide.core.OsFacts
import app.eventide.core.PendingRequest
import app.eventide.core.ReconcileInput
import app.eventide.core.ReminderCategory
import app.eventide.core.ReminderPlan
import app.eventide.core.ScheduleOutcome
import app.eventide.core.Wake
import app.eventide.core.reminderCategories
import app.eventide.core.reminderHorizonDays
import app.eventide.core.settleReminderLedger

private fun android(boot: Long?, process: Long, exact: Boolean = true) = OsFacts.Android(AndroidFacts(boot, process, exact))

/** The ledger a shell stores once every alarm of [plan] went in as asked. */
private fun stored(plan: ReminderPlan) = settleReminderLedger(plan.ledger, plan.schedule.map { ScheduleOutcome(it.key, true, it.exact) })

private fun readyApp(): Eventide {
    val app = Eventide(freshDb("reminders"), LONDON)
    setBedtimes(app)
    val med = app.addMedication(amitriptyline(), utc("2026-11-23T12:00"))
    app.maintain(med.id, 25.0, null, listOf(), utc("2026-11-23T12:00"))
    return app
}

fun reminderTests(suite: Suite) {
    suite.test("reminders: an Android plan sets two weeks of exact alarms with inexact backstops; the same facts again change nothing") {
        val app = readyApp()
        val now = utc("2026-11-23T14:00")
        val first = app.planReminders(ReconcileInput(Wake.APP_OPENED, "", android(12, 900), listOf()), now)
        val exact = first.schedule.filter { it.exact }
        checkEq(28, exact.size, "fourteen evenings and fourteen mornings")
        checkEq(exact.size, first.schedule.count { it.key.startsWith("late:") }, "one backstop each")
        check(exact.first().at == expectedReminder(LONDON, java.time.LocalDate.parse("2026-11-23"))) { "tonight first: ${exact.first().at}" }
        check(exact.all { it.wallClock == null }) { "Android alarms are instants" }
        val again = app.planReminders(ReconcileInput(Wake.ALARM_FIRED, stored(first), android(12, 901), listOf()), now)
        check(again.cancel.isEmpty() && again.schedule.isEmpty()) { "a new process woken by an alarm trusts the ledger: ${again.reason}" }
        app.close()
    }
    suite.test("reminders: after a restart the OS holds nothing, whatever the stored ledger says") {
        val app = readyApp()
        val now = utc("2026-11-23T14:00")
        val first = app.planReminders(ReconcileInput(Wake.APP_OPENED, "", android(12, 900), listOf()), now)
        val afterBoot = app.planReminders(ReconcileInput(Wake.BOOTED, stored(first), android(13, 40), listOf()), now)
        checkEq(first.schedule.map { it.key }, afterBoot.schedule.map { it.key }, "every alarm set again")
        check("restarted" in afterBoot.reason) { afterBoot.reason }
        app.close()
    }
    suite.test("reminders: an alarm shows only what is due and unanswered, and a taken dose leaves the screen") {
        val app = readyApp()
        val med = app.medications().single()
        val night = "2026-11-23"
        val id = doseId(med.id, night)
        val due = expectedReminder(LONDON, java.time.LocalDate.parse(night))
        checkEq(listOf(id), app.remindersToShow(listOf(id), listOf(), due), "shown when due")
        checkEq(listOf<String>(), app.remindersToShow(listOf(id), listOf(id), due.plusSeconds(60)), "never twice")
        app.take(med.id, night, null, due.plusSeconds(600))
        checkEq(listOf<String>(), app.remindersToShow(listOf(id), listOf(), due.plusSeconds(660)), "not after it was taken")
        val plan = app.planReminders(ReconcileInput(Wake.CHANGED, "", android(12, 900), listOf(id)), due.plusSeconds(700))
        checkEq(listOf(id), plan.withdraw, "withdrawn from the shade")
        app.close()
    }
    suite.test("reminders: an iOS window of wall-clock requests, at most 64, the last saying the app keeps them coming") {
        val app = readyApp()
        val now = utc("2026-11-23T14:00")
        val plan = app.planReminders(ReconcileInput(Wake.APP_OPENED, "", OsFacts.Ios(listOf()), listOf()), now)
        check(plan.schedule.size <= 64) { "${plan.schedule.size} requests" }
        check(plan.schedule.all { it.wallClock != null }) { "doses and check-ins follow the wall clock" }
        val tonight = plan.schedule.first()
        checkEq(21, tonight.wallClock!!.hour.toInt(), "21:00 on the phone's clock")
        check("Open Eventide" in plan.schedule.last().notices.single().body) { plan.schedule.last().notices.single().body }
        check(plan.refreshAfter != null) { "a background refresh is asked for" }
        checkEq("", plan.ledger, "iOS keeps no ledger")
        val pending = plan.schedule.map { PendingRequest(it.key, it.fingerprint) }
        val again = app.planReminders(ReconcileInput(Wake.BACKGROUND_REFRESH, "", OsFacts.Ios(pending), listOf()), now)
        check(again.cancel.isEmpty() && again.schedule.isEmpty()) { "nothing to change" }
        checkEq(reminderHorizonDays(), 60u, "the horizon")
        app.close()
    }
    suite.test("reminders: a locked phone shows 'Evening medicine', not the medicine or dose, until the user chooses details") {
        val app = readyApp()
        val now = utc("2026-11-23T14:00")
        checkEq(false, app.lockScreenDetails(), "private by default")
        val notice = app.planReminders(ReconcileInput(Wake.APP_OPENED, "", android(12, 900), listOf()), now).schedule.first().notices.single()
        checkEq(ReminderCategory.EVENING_DOSE, notice.category, "category")
        checkEq("Evening medicine", notice.lockedTitle, "locked title")
        check("Amitriptyline" !in notice.lockedTitle + notice.lockedBody && "mg" !in notice.lockedBody) { notice.lockedBody }
        checkEq(false, notice.showDetailsWhenLocked, "private")
        app.setLockScreenDetails(true)
        val open = app.planReminders(ReconcileInput(Wake.APP_OPENED, "", android(12, 900), listOf()), now).schedule.first().notices.single()
        checkEq(true, open.showDetailsWhenLocked, "the user's choice")
        val categories = reminderCategories(false)
        checkEq("Evening medicine", categories.single { it.category == ReminderCategory.EVENING_DOSE }.hiddenPreviewsPlaceholder, "iOS placeholder")
        app.close()
    }
}
