package app.eventide.shell

import app.eventide.core.NotificationKind
import java.time.Instant
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/** The OS matches the core: same ids, same instants. */
private fun Fixture.assertOsMatchesCore() {
    assertEquals(
        desired().map { it.id to it.fireAt.at }.toSet(),
        alarms.pending.values.map { it.first.id to it.first.fireAt.at }.toSet(),
        "pending alarms = desired notifications",
    )
    assertEquals(alarms.pending.keys, Ledger.decode(ledger.text).map { it.id }.toSet(), "ledger = pending")
}

private fun Fixture.tonightsDoseId() = desired().first { it.kind == NotificationKind.DOSE }.id

val reconcileTests: List<Test> = listOf(
    "reboot: a fresh OS holding nothing, with the old ledger kept on disk, gets every alarm back" to {
        fixture {
            amitriptyline()
            controller.reconcile()
            val before = alarms.pending.keys.toSet()
            assertTrue(before.size >= 28, "two weeks scheduled: ${before.size}")
            alarms.reboot() // AlarmManager forgets every alarm; the ledger file survives
            controller.reconcile()
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
            controller.reconcile()
            assertEquals(before, alarms.pending.keys.toSet(), "every alarm is back after the force-stop")
            assertOsMatchesCore()
        }
    },
    "reconcile: the first run schedules every desired reminder; running again changes nothing" to {
        fixture {
            amitriptyline()
            val first = controller.reconcile()
            assertTrue(first.toSchedule.size >= 28, "two weeks of doses and check-ins: ${first.toSchedule.size}")
            assertOsMatchesCore()
            val calls = alarms.scheduleCalls + alarms.cancelCalls
            assertTrue(controller.reconcile().isNoop, "second run is a no-op")
            assertEquals(calls, alarms.scheduleCalls + alarms.cancelCalls, "no OS calls the second time")
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
            val calls = alarms.scheduleCalls
            controller.change { core.maintain(med.id, 35.0, null, emptyList(), it) }
            val doses = alarms.pending.values.map { it.first }.filter { it.kind == NotificationKind.DOSE }
            assertEquals(doses.size, alarms.scheduleCalls - calls, "only the dose alarms were redone")
            assertTrue(doses.all { "35 mg" in it.title }, doses.first().title)
            assertEquals(checkinsBefore, alarms.pending.filterValues { it.first.kind == NotificationKind.CHECKIN })
            assertOsMatchesCore()
        }
    },
    "reconcile: without the exact-alarm permission alarms go in inexact; granting it upgrades all of them" to {
        fixture {
            amitriptyline()
            exact = false
            controller.reconcile()
            assertTrue(alarms.pending.values.none { it.second }, "all inexact")
            exact = true // the user granted SCHEDULE_EXACT_ALARM
            val plan = controller.reconcile()
            assertEquals(alarms.pending.size, plan.toSchedule.size, "every alarm redone")
            assertTrue(alarms.pending.values.all { it.second }, "all exact")
            assertOsMatchesCore()
        }
    },
    "reconcile: if the OS refuses an exact alarm it is recorded as inexact and retried next time" to {
        fixture {
            amitriptyline()
            alarms.exactRefused = true // SecurityException: permission revoked between check and call
            controller.reconcile()
            assertTrue(Ledger.decode(ledger.text).none { it.exact })
            alarms.exactRefused = false
            controller.reconcile()
            assertTrue(Ledger.decode(ledger.text).all { it.exact })
        }
    },
    "reconcile: a damaged ledger is survived: everything wanted is scheduled again" to {
        fixture {
            amitriptyline()
            ledger.text = "garbage\nmore\tgarbage\n\u0000"
            controller.reconcile()
            assertOsMatchesCore()
        }
    },
    "reconcile: stale and duplicated ledger entries are cancelled" to {
        fixture {
            amitriptyline()
            val d = desired()
            val one = Reconciler.alarmFor(d.first(), true)
            val gone = ScheduledAlarm("dose:gone:0:2026-11-20", 7, Instant.parse("2026-11-20T21:00:00Z"), true, "x")
            val plan = Reconciler.plan(d, listOf(one, one, gone), true)
            assertEquals(listOf(one, gone), plan.toCancel)
            assertEquals(listOf(one), plan.kept)
            assertEquals(d.size - 1, plan.toSchedule.size)
            assertEquals(d.map { it.id }.toSet(), plan.ledgerAfter.map { it.id }.toSet())
        }
    },
    "reconcile: the two-week window rolls forward as days pass, and fired reminders leave the ledger" to {
        fixture {
            amitriptyline()
            controller.reconcile()
            val first = alarms.pending.keys.toSet()
            now = Instant.parse("2026-11-28T21:00:01Z") // three days on, just after a reminder fired
            val plan = controller.reconcile()
            assertTrue(plan.toCancel.all { it.fireAt <= now }, "only past alarms are dropped")
            assertTrue(plan.toSchedule.isNotEmpty(), "new days are added")
            assertTrue(alarms.pending.keys.none { it in first && alarms.pending.getValue(it).first.fireAt.at <= now })
            assertOsMatchesCore()
        }
    },
    "reconcile: if the core cannot answer, nothing is cancelled and the error is reported" to {
        fixture {
            amitriptyline()
            controller.reconcile()
            val pending = alarms.pending.toMap()
            val ledgerBefore = ledger.text
            core.close() // any failure of the core: a damaged file, a bug
            val error = controller.reconcileQuietly()
            assertTrue(error != null, "reported")
            assertEquals(pending, alarms.pending.toMap(), "alarms untouched")
            assertEquals(ledgerBefore, ledger.text, "ledger untouched")
        }
    },
    "ledger: the text format round-trips and skips bad lines" to {
        val a = ScheduledAlarm("dose:abc:0:2026-11-25", 12345, Instant.parse("2026-11-25T21:00:00Z"), true, "00ff")
        val b = ScheduledAlarm("checkin:2026-11-26", 0, Instant.parse("2026-11-26T08:00:00Z"), false, "abcd")
        assertEquals(listOf(a, b), Ledger.decode(Ledger.encode(listOf(a, b))))
        assertEquals(listOf(b), Ledger.decode("x\t1\n" + Ledger.encode(listOf(b)) + "dose\tNaN\t1\t1\tf\n"))
        assertEquals(emptyList(), Ledger.decode(""))
    },
)
