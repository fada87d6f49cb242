package app.eventide.shell

import app.eventide.core.EventideInterface
import app.eventide.core.InternalException
import app.eventide.core.NotificationKind
import app.eventide.core.ReconcileInput
import app.eventide.core.ReminderPlan
import app.eventide.core.Wake
import java.time.Instant
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/** The OS matches the core: every desired notification of the window is pending, at its instant. */
private fun Fixture.assertOsMatchesCore() {
    assertEquals(
        desired().map { it.id to it.fireAt.at }.toSet(),
        alarms.pending.values.map { it.first.id to it.first.fireAt.at }.toSet(),
        "pending alarms = desired notifications",
    )
}

private fun Fixture.tonightsDoseId() = desired().first { it.kind == NotificationKind.DOSE }.id

/** The AlarmReceiver's work when the alarm with [key] fires: post what the core says, reconcile. */
private fun Fixture.fire(key: String) {
    val (alarm, _) = alarms.alarms.remove(key) ?: error("no alarm $key")
    sync.toShow(alarm.notices.map { it.id }, now).forEach { alarms.shade += it }
    controller.reconcile(Wake.ALARM_FIRED)
}

/** A core whose reminder planning hits a Rust panic (uniffi's InternalException). */
private class PanickingCore(inner: EventideInterface) : EventideInterface by inner {
    override fun planReminders(input: ReconcileInput, now: Instant): ReminderPlan =
        throw InternalException("panicked at core/src/reminders/android.rs")
}

val reconcileTests: List<Test> = listOf(
    "reboot: a fresh OS holding nothing, with the old ledger kept on disk, gets every alarm back" to {
        fixture {
            amitriptyline()
            controller.reconcile()
            val before = alarms.pending.keys.toSet()
            assertTrue(before.size >= 28, "two weeks scheduled: ${before.size}")
            alarms.reboot() // AlarmManager forgets every alarm; the ledger file survives
            controller.reconcile(Wake.BOOTED)
            assertEquals(before, alarms.pending.keys.toSet(), "every alarm is back after the reboot")
            assertOsMatchesCore()
        }
    },
    "force-stop: a fresh OS holding nothing, with the old ledger, gets every alarm back when the user opens the app" to {
        fixture {
            amitriptyline()
            controller.reconcile()
            val before = alarms.pending.keys.toSet()
            alarms.forceStop() // Settings > Force stop: alarms cancelled, the process killed
            controller.reconcile(Wake.APP_OPENED)
            assertEquals(before, alarms.pending.keys.toSet(), "every alarm is back after the force-stop")
            assertOsMatchesCore()
        }
    },
    "reboot: a broadcast that arrives before BOOT_COMPLETED (time set) already sets everything again" to {
        fixture {
            amitriptyline()
            controller.reconcile()
            alarms.reboot()
            controller.reconcile(Wake.CLOCK_CHANGED)
            assertOsMatchesCore()
        }
    },
    "reconcile: the first run sets every desired reminder exact, each with an inexact backstop; running again changes nothing" to {
        fixture {
            amitriptyline()
            val first = controller.reconcile()
            assertEquals(28, first.schedule.count { it.exact }, "two weeks of doses and check-ins")
            assertEquals(28, first.schedule.count { !it.exact && it.key.startsWith("late:") })
            assertOsMatchesCore()
            val calls = alarms.scheduleCalls + alarms.cancelCalls
            val again = controller.reconcile(Wake.ALARM_FIRED)
            assertTrue(again.cancel.isEmpty() && again.schedule.isEmpty(), again.reason)
            assertEquals(calls, alarms.scheduleCalls + alarms.cancelCalls, "no OS calls the second time")
        }
    },
    "reconcile: an alarm firing in a new process trusts the ledger (a force-stopped app gets no alarms)" to {
        fixture {
            amitriptyline()
            controller.reconcile()
            alarms.processStart += 5_000 // the idle process was killed; the alarm starts a new one
            now = Instant.parse("2026-11-26T08:00:00Z")
            val calls = alarms.scheduleCalls
            fire(alarms.alarms.keys.first { it.startsWith("at:") && alarms.alarms.getValue(it).first.at == now })
            assertTrue(alarms.scheduleCalls - calls <= 4, "only the window's new instants and their backstops: ${alarms.scheduleCalls - calls}")
        }
    },
    "reconcile: taking tonight's dose early in the app cancels tonight's reminder and only that" to {
        fixture {
            val med = amitriptyline()
            controller.reconcile()
            val tonight = tonightsDoseId()
            now = Instant.parse("2026-11-25T20:45:00Z")
            val before = alarms.pending.keys.toSet()
            controller.change { core.take(med.id, null, null, it) }
            assertFalse(tonight in alarms.pending, "tonight's reminder is gone")
            assertEquals(before - tonight, alarms.pending.keys.toSet())
            assertOsMatchesCore()
        }
    },
    "reconcile: a dose taken in the app takes its shown notification off the screen" to {
        fixture {
            val med = amitriptyline()
            controller.reconcile()
            now = Instant.parse("2026-11-25T21:00:00Z")
            fire(alarms.alarms.keys.first { it.startsWith("at:") })
            val tonight = tonightsDoseId().let { alarms.shade.single() }
            now = Instant.parse("2026-11-25T21:10:00Z")
            controller.change { core.take(med.id, null, null, it) }
            assertFalse(tonight in alarms.shade, "withdrawn")
        }
    },
    "reconcile: a snooze after the reminder fired schedules it again 30 minutes later" to {
        fixture {
            val med = amitriptyline()
            controller.reconcile()
            val tonight = tonightsDoseId()
            now = Instant.parse("2026-11-25T21:03:00Z") // the 21:00 alarm has fired
            controller.change { core.snooze(med.id, null, 30u, it) }
            val again = alarms.pending.getValue(tonight).first
            assertEquals(Instant.parse("2026-11-25T21:33:00Z"), again.fireAt.at)
            assertOsMatchesCore()
        }
    },
    "reconcile: a new dose re-does the dose alarms (new text) and leaves the check-ins alone" to {
        fixture {
            val med = amitriptyline(25.0)
            controller.reconcile()
            val checkinsBefore = alarms.pending.filterValues { it.first.kind == NotificationKind.CHECKIN }
            val plan = controller.change { core.maintain(med.id, 35.0, null, emptyList(), it) }.let { controller.reconcile(Wake.CHANGED) }
            val doses = alarms.pending.values.map { it.first }.filter { it.kind == NotificationKind.DOSE }
            assertTrue(doses.all { "35 mg" in it.title }, doses.first().title)
            assertTrue(plan.schedule.isEmpty(), "the change's own reconcile already did it")
            assertEquals(checkinsBefore, alarms.pending.filterValues { it.first.kind == NotificationKind.CHECKIN })
            assertOsMatchesCore()
        }
    },
    "reconcile: without the exact-alarm permission alarms go in inexact; granting it upgrades all of them" to {
        fixture {
            amitriptyline()
            alarms.exactAllowed = false
            controller.reconcile()
            assertTrue(alarms.pending.values.none { it.second }, "all inexact")
            alarms.exactAllowed = true // SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED
            controller.reconcile(Wake.EXACT_ALARMS_CHANGED)
            assertTrue(alarms.pending.values.all { it.second }, "all exact")
            assertOsMatchesCore()
        }
    },
    "reconcile: withdrawing the exact-alarm permission deletes the exact alarms silently; the backstop brings everything back" to {
        fixture {
            amitriptyline()
            controller.reconcile()
            alarms.revokeExact() // no broadcast is sent
            assertTrue(alarms.pending.isEmpty(), "only the inexact backstops are left")
            now = Instant.parse("2026-11-25T21:25:00Z") // tonight's backstop fires, up to an hour late
            fire(alarms.alarms.keys.first { it.startsWith("late:") })
            assertEquals(1, alarms.shade.size, "tonight's reminder shown, late")
            assertOsMatchesCore()
            assertTrue(alarms.pending.values.none { it.second }, "the rest set again inexact")
        }
    },
    "reconcile: if the OS refuses an exact alarm it is recorded as inexact and retried next time" to {
        fixture {
            amitriptyline()
            alarms.exactRefused = true // SecurityException: permission revoked between check and call
            controller.reconcile()
            assertTrue(alarms.pending.values.none { it.second })
            alarms.exactRefused = false
            controller.reconcile(Wake.ALARM_FIRED)
            assertTrue(alarms.pending.values.all { it.second })
        }
    },
    "reconcile: a damaged or old-format ledger is survived: everything wanted is set again" to {
        fixture {
            amitriptyline()
            ledger.text = "dose:abc:0:2026-11-25\t12345\t1764104400\t1\t00ff\ngarbage\n\u0000"
            controller.reconcile(Wake.ALARM_FIRED)
            assertOsMatchesCore()
        }
    },
    "reconcile: the two-week window rolls forward as days pass" to {
        fixture {
            amitriptyline()
            controller.reconcile()
            now = Instant.parse("2026-11-28T21:00:01Z") // three days on, just after a reminder fired
            val plan = controller.reconcile(Wake.ALARM_FIRED)
            assertTrue(plan.schedule.isNotEmpty(), "new days are added")
            assertOsMatchesCore()
        }
    },
    "reconcile: if the core cannot answer, or panics, nothing is cancelled and the error is reported" to {
        fixture {
            amitriptyline()
            controller.reconcile()
            val pending = alarms.alarms.toMap()
            val ledgerBefore = ledger.text
            val panicking = Controller(PanickingCore(core), ReminderSync(PanickingCore(core), alarms, ledger, alarms, alarms)) { now }
            assertTrue(panicking.reconcileQuietly(Wake.BOOTED) is InternalException, "a Rust panic is reported, not thrown")
            assertEquals(pending, alarms.alarms.toMap(), "alarms untouched")
            core.close() // any failure of the core: a damaged file, a bug
            assertTrue(controller.reconcileQuietly() != null, "reported")
            assertEquals(pending, alarms.alarms.toMap(), "alarms untouched")
            assertEquals(ledgerBefore, ledger.text, "ledger untouched")
            assertEquals(listOf("x"), sync.toShow(listOf("x"), now), "an alarm still posts when the core cannot say")
        }
    },
    "system events: each broadcast the manifest lists tells the core what happened" to {
        assertEquals(Wake.BOOTED, SystemEvents.wake("android.intent.action.BOOT_COMPLETED"))
        assertEquals(Wake.APP_UPDATED, SystemEvents.wake("android.intent.action.MY_PACKAGE_REPLACED"))
        assertEquals(Wake.EXACT_ALARMS_CHANGED, SystemEvents.wake("android.app.action.SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED"))
        assertEquals(null, SystemEvents.wake("android.intent.action.SCREEN_ON"))
    },
)
