package app.eventide.shell

import app.eventide.core.NotificationKind
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime
import java.time.ZoneId
import java.time.ZoneOffset
import java.time.ZonedDateTime
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/** Dose reminders of the next [days] days, checked one by one against java.time. */
private fun Fixture.assertEveningRemindersAt(local: LocalTime, days: UInt, expectedCount: Int) {
    val doses = desired(days).filter { it.kind == NotificationKind.DOSE }
    assertEquals(expectedCount, doses.size, "tonight and one reminder a night after")
    for (n in doses) {
        val expected = ZonedDateTime.of(LocalDate.parse(n.date), local, zone)
        assertEquals(expected.toInstant(), n.fireAt.at, "night ${n.date} in $zone")
        assertEquals(local.toString(), n.fireAt.localTime, "wall clock on ${n.date}")
        assertEquals(expected.offset.totalSeconds, n.fireAt.offsetSeconds, "offset on ${n.date}")
    }
}

val zoneTests: List<Test> = listOf(
    "zone: answers java.time's offset, and UTC if the zone cannot be read" to {
        val london = JavaTimeZone { ZoneId.of("Europe/London") }
        assertEquals(0, london.offsetSecondsAt(Instant.parse("2026-03-29T00:59:59Z")))
        assertEquals(3600, london.offsetSecondsAt(Instant.parse("2026-03-29T01:00:00Z")))
        assertEquals(37800, JavaTimeZone { ZoneId.of("Australia/Lord_Howe") }.offsetSecondsAt(Instant.parse("2026-07-01T00:00:00Z")))
        assertEquals(0, JavaTimeZone { throw IllegalStateException("no zone") }.offsetSecondsAt(Instant.EPOCH))
    },
    "zone: the next change is java.time's next transition; none for a fixed zone" to {
        val london = JavaTimeZone { ZoneId.of("Europe/London") }
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), london.nextTransitionAfter(Instant.parse("2026-01-01T00:00:00Z")))
        assertEquals(Instant.parse("2026-10-25T01:00:00Z"), london.nextTransitionAfter(Instant.parse("2026-03-29T01:00:00Z")))
        assertEquals(null, JavaTimeZone { ZoneId.of("Asia/Tokyo") }.nextTransitionAfter(Instant.parse("2026-01-01T00:00:00Z")))
        assertEquals(null, JavaTimeZone { ZoneOffset.ofHours(5) }.nextTransitionAfter(Instant.EPOCH))
        assertEquals(null, JavaTimeZone { throw IllegalStateException("no zone") }.nextTransitionAfter(Instant.EPOCH))
    },
    "zone: the 21:00 reminder stays at 21:00 across London's spring and autumn changes" to {
        fixture("Europe/London", "2026-03-25T12:00:00Z") {
            amitriptyline(leadMinutes = 120, bedtime = "23:00")
            assertEveningRemindersAt(LocalTime.of(21, 0), 7u, 8) // over 29 March (GMT → BST)
            now = Instant.parse("2026-10-21T12:00:00Z")
            assertEveningRemindersAt(LocalTime.of(21, 0), 7u, 8) // over 25 October (BST → GMT)
        }
    },
    "zone: New York and Lord Howe (a 30-minute change) agree with java.time" to {
        fixture("America/New_York", "2026-03-05T17:00:00Z") {
            amitriptyline(leadMinutes = 90, bedtime = "22:30")
            assertEveningRemindersAt(LocalTime.of(21, 0), 7u, 8) // over 8 March
            now = Instant.parse("2026-10-29T17:00:00Z")
            assertEveningRemindersAt(LocalTime.of(21, 0), 7u, 8) // over 1 November
        }
        fixture("Australia/Lord_Howe", "2026-04-01T02:00:00Z") {
            amitriptyline(leadMinutes = 60, bedtime = "22:00")
            assertEveningRemindersAt(LocalTime.of(21, 0), 7u, 8) // over 5 April (+11 → +10:30)
            now = Instant.parse("2026-10-01T02:00:00Z")
            assertEveningRemindersAt(LocalTime.of(21, 0), 7u, 8) // over 4 October
        }
    },
    "zone: a reminder in the spring-forward gap moves later, one in the repeated hour fires once, as java.time" to {
        fixture("Europe/London", "2026-03-26T12:00:00Z") {
            amitriptyline(leadMinutes = 60, bedtime = "02:30") // reminder 01:30, which 29 March skips
            val gap = desired(7u).filter { it.kind == NotificationKind.DOSE }.map { it.fireAt }
            val expected = ZonedDateTime.of(LocalDate.of(2026, 3, 29), LocalTime.of(1, 30), zone)
            assertEquals(Instant.parse("2026-03-29T01:30:00Z"), expected.toInstant(), "java.time: 02:30 BST")
            assertTrue(gap.any { it.at == expected.toInstant() && it.localTime == "02:30" }, "core: $gap")
            now = Instant.parse("2026-10-22T12:00:00Z")
            val repeated = desired(7u).filter { it.kind == NotificationKind.DOSE && it.fireAt.localDate == "2026-10-25" }
            assertEquals(1, repeated.size, "01:30 happens twice on 25 October; one reminder")
            assertEquals(ZonedDateTime.of(LocalDate.of(2026, 10, 25), LocalTime.of(1, 30), zone).toInstant(), repeated.single().fireAt.at)
            assertEquals(Instant.parse("2026-10-25T00:30:00Z"), repeated.single().fireAt.at, "the earlier, BST one")
        }
    },
    "zone: travelling London → New York moves every reminder to New York's 21:00 on the next reconcile" to {
        fixture("Europe/London", "2026-11-25T14:00:00Z") {
            amitriptyline()
            controller.reconcile()
            val before = alarms.pending.values.filter { it.first.kind == NotificationKind.DOSE }
            assertTrue(before.all { it.first.fireAt.localTime == "21:00" && it.first.fireAt.offsetSeconds == 0 })
            zone = ZoneId.of("America/New_York") // TIMEZONE_CHANGED
            val plan = controller.reconcile(app.eventide.core.Wake.ZONE_CHANGED)
            assertTrue(plan.cancel.size >= before.size, "old-zone alarms cancelled: ${plan.cancel.size}")
            val after = alarms.pending.values.map { it.first }.filter { it.kind == NotificationKind.DOSE }
            assertTrue(after.isNotEmpty())
            for (n in after) {
                assertEquals(ZonedDateTime.of(LocalDate.parse(n.date), LocalTime.of(21, 0), zone).toInstant(), n.fireAt.at)
                assertEquals(-5 * 3600, n.fireAt.offsetSeconds)
            }
            assertEquals(desired().map { it.id to it.fireAt.at }.toSet(), alarms.pending.values.map { it.first.id to it.first.fireAt.at }.toSet())
        }
    },
)
