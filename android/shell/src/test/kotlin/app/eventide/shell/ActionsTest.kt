package app.eventide.shell

import app.eventide.core.CheckInAnswer
import app.eventide.core.DoseStatus
import app.eventide.core.Feeling
import app.eventide.core.LoggedAction
import app.eventide.core.NotificationAction
import app.eventide.core.NotificationKind
import app.eventide.core.Symptom
import app.eventide.core.urgentNotificationId
import java.time.Instant
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue

val actionTests: List<Test> = listOf(
    "actions: Taken on tonight's reminder records once, however often it is tapped" to {
        fixture {
            amitriptyline()
            controller.reconcile()
            val n = desired().first { it.kind == NotificationKind.DOSE }
            assertEquals(listOf("taken", "snooze", "skip"), n.actions.map { it.code })
            now = Instant.parse("2026-11-25T21:02:00Z")
            val first = controller.actions.onButton(n.id, n.numericId, "taken", now)
            assertIs<ButtonResult.Done>(first)
            assertTrue("taken" in first.message, first.message)
            assertEquals(n.numericId, first.numericId)
            val again = controller.actions.onButton(n.id, n.numericId, "taken", now.plusSeconds(5))
            assertIs<ButtonResult.Done>(again)
            assertTrue("nothing changed" in again.message, again.message)
            assertEquals(1, core.doseLog("2026-11-25", "2026-11-25").count { it.action is LoggedAction.Taken })
            assertIs<DoseStatus.Taken>(core.today(now).doses.single().status)
            assertFalse(n.id in alarms.pending, "reconciled after the tap")
        }
    },
    "actions: Skip after Taken is refused with the core's reason; nothing is recorded" to {
        fixture {
            amitriptyline()
            val n = desired().first { it.kind == NotificationKind.DOSE }
            now = Instant.parse("2026-11-25T21:02:00Z")
            controller.actions.onButton(n.id, n.numericId, "taken", now)
            val skip = controller.actions.onButton(n.id, n.numericId, "skip", now)
            assertIs<ButtonResult.Refused>(skip)
            assertTrue("already recorded as taken" in skip.message, skip.message)
            assertEquals(1, core.doseLog("2026-11-25", "2026-11-25").size)
        }
    },
    "actions: Snooze from the notification brings the reminder back in 30 minutes" to {
        fixture {
            amitriptyline()
            val n = desired().first { it.kind == NotificationKind.DOSE }
            now = Instant.parse("2026-11-25T21:01:00Z")
            val r = controller.actions.onButton(n.id, n.numericId, "snooze", now)
            assertIs<ButtonResult.Done>(r)
            assertTrue("21:31" in r.message, r.message)
            assertEquals(Instant.parse("2026-11-25T21:31:00Z"), alarms.pending.getValue(n.id).first.fireAt.at)
        }
    },
    "actions: Slept badly on the morning check-in saves it and the Tonight prompt goes away" to {
        fixture {
            amitriptyline()
            now = Instant.parse("2026-11-25T21:30:00Z")
            val n = desired().first { it.kind == NotificationKind.CHECKIN }
            assertEquals(listOf("fine", "groggy", "slept-badly"), n.actions.map { it.code })
            now = n.fireAt.at.plusSeconds(60)
            val r = controller.actions.onButton(n.id, n.numericId, "slept-badly", now)
            assertIs<ButtonResult.Done>(r)
            val today = core.today(now)
            assertEquals(Feeling.SLEPT_BADLY, today.checkin.answer?.feeling)
            assertEquals(null, TonightMapper().map(today).checkin)
        }
    },
    "actions: a check-in answer from the notification brings back what needs help now, at any hour" to {
        fixture {
            amitriptyline()
            // 05:30, before the morning's check-in notification would even fire: details saved in the app.
            now = Instant.parse("2026-11-26T05:30:00Z")
            controller.change { core.checkIn(CheckInAnswer(Feeling.SLEPT_BADLY, null, listOf(Symptom.EYE_PAIN), null), null, it) }
            val r = controller.actions.onButton("checkin:2026-11-26", 1, "fine", now.plusSeconds(60))
            assertIs<ButtonResult.Done>(r)
            val card = r.urgent.single()
            assertTrue(card.getHelpNow, card.title)
            assertEquals(listOf("111", "999"), card.calls.map { it.number })
            assertTrue(card.text.contains("eye pain"), card.text)
            // A dose button carries none.
            val dose = desired().first { it.kind == NotificationKind.DOSE }
            val taken = controller.actions.onButton(dose.id, dose.numericId, "taken", Instant.parse("2026-11-26T21:02:00Z"))
            assertIs<ButtonResult.Done>(taken)
            assertEquals(emptyList(), taken.urgent)
        }
    },
    "actions: an unknown button or a foreign id is refused, never thrown" to {
        fixture {
            amitriptyline()
            val n = desired().first()
            assertIs<ButtonResult.Refused>(controller.actions.onButton(n.id, n.numericId, "explode", now))
            // A check-in button on a dose reminder is not one of its buttons (the core says so).
            val dose = desired().first { it.kind == NotificationKind.DOSE }
            assertIs<ButtonResult.Refused>(controller.actions.onButton(dose.id, dose.numericId, "groggy", now))
            val foreign = controller.actions.onButton("nonsense:1", 1, "taken", now)
            assertIs<ButtonResult.Refused>(foreign)
            assertTrue(foreign.message.isNotBlank() && "field=" !in foreign.message, foreign.message)
        }
    },
    "actions: a late-delivered reminder for a dose snoozed meanwhile waits for the snooze (the core decides)" to {
        fixture {
            amitriptyline()
            val dose = desired().first { it.kind == NotificationKind.DOSE }
            now = Instant.parse("2026-11-25T21:01:00Z")
            controller.actions.onButton(dose.id, dose.numericId, "snooze", now)
            now = Instant.parse("2026-11-25T21:10:00Z") // the old 21:00 alarm arrives late (inexact, Doze)
            assertEquals(emptyList(), sync.toShow(listOf(dose.id), now))
            now = Instant.parse("2026-11-25T21:31:00Z") // the snoozed one
            assertEquals(listOf(dose.id), sync.toShow(listOf(dose.id), now))
        }
    },
    "actions: a tap on the notification body opens the screen the core names" to {
        assertEquals(Screen.TONIGHT, screenFor("dose:00000000-0000-0000-0000-00000000002a:0:2026-11-25"))
        assertEquals(Screen.CHECK_IN, screenFor("checkin:2026-11-26"))
        assertEquals(Screen.SUGGESTIONS, screenFor("review:2027-02-25"))
        assertEquals(Screen.TONIGHT, screenFor(urgentNotificationId("get_help_now:eye_pain")), "help now is drawn first on Tonight")
        assertEquals(Screen.TONIGHT, screenFor("not ours"))
    },
    "actions: a reminder firing after the dose was recorded in the app is not shown; shown ones are withdrawn" to {
        fixture {
            val med = amitriptyline()
            val dose = desired().first { it.kind == NotificationKind.DOSE }
            now = Instant.parse("2026-11-25T21:00:00Z")
            assertEquals(listOf(dose.id), sync.toShow(listOf(dose.id), now))
            alarms.shade += dose.id
            controller.reconcile()
            assertTrue(dose.id in alarms.shade, "still due: kept on screen")
            val card = core.today(now).doses.single()
            controller.change { pressCard(core, card.key, NotificationAction.TAKEN, it) }
            assertFalse(dose.id in alarms.shade, "recorded in the app: the core's plan withdrew it")
            assertEquals(emptyList(), sync.toShow(listOf(dose.id), now))
            assertTrue(core.doseLog("2026-11-25", "2026-11-25").single().action is LoggedAction.Taken)
            // The morning question, answered in the app before its alarm.
            now = Instant.parse("2026-11-26T07:30:00Z")
            val checkin = desired().first { it.kind == NotificationKind.CHECKIN }
            controller.change { core.checkIn(CheckInAnswer(Feeling.FINE, null, emptyList(), null), null, it) }
            assertFalse(checkin.id in alarms.pending, "its alarm was cancelled too")
            assertEquals(emptyList(), sync.toShow(listOf(checkin.id), Instant.parse("2026-11-26T08:00:00Z")))
            assertTrue(med.id.isNotEmpty())
        }
    },
)
