// Eight threads calling one Eventide at once: every write lands exactly once, reads never see
// half a write, and a notification tapped on all threads at the same moment records once.
package app.eventide.tests

import app.eventide.core.ActionOutcome
import app.eventide.core.Eventide
import app.eventide.core.Feeling
import app.eventide.core.LoggedAction
import app.eventide.core.NotificationAction
import java.time.LocalDate
import java.util.Collections
import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread

private const val THREADS = 8
private const val NIGHTS = 10L

fun threadTests(suite: Suite) {
    suite.test("8 threads at once corrupt nothing") { eightThreads() }
}

private fun eightThreads() {
    val path = freshDb("threads")
    val app = Eventide(path, LONDON)
    val start = utc("2026-12-01T12:00")
    val shared = app.addMedication(amitriptyline().copy(name = "Shared"), start)
    app.maintain(shared.id, 10.0, null, listOf(), start)
    val sharedDose = doseId(shared.id, "2026-12-01")

    val ready = CountDownLatch(THREADS)
    val go = CountDownLatch(1)
    val recordedShared = AtomicInteger()
    val failures = Collections.synchronizedList(mutableListOf<Throwable>())
    val medIds = Collections.synchronizedMap(mutableMapOf<Int, String>())

    val workers = (0 until THREADS).map { i ->
        thread(name = "eventide-$i") {
            try {
                ready.countDown()
                go.await()
                // Everyone taps Taken on the same notification at the same moment.
                val tap = app.handleAction(sharedDose, NotificationAction.TAKEN, utc("2026-12-01T21:10"))
                if ((tap as ActionOutcome.Dose).outcome.recorded) recordedShared.incrementAndGet()

                val med = app.addMedication(amitriptyline().copy(name = "Medicine $i"), start)
                medIds[i] = med.id
                app.maintain(med.id, 25.0, null, listOf(), start)
                for (k in 0 until NIGHTS) {
                    val night = LocalDate.parse("2026-12-01").plusDays(k)
                    val at = utc("${night}T21:05")
                    val out = if (k % 2 == 0L) app.take(med.id, null, null, at) else app.skip(med.id, null, null, at)
                    check(out.recorded) { "thread $i night $night: ${out.message}" }
                    // Reads interleaved with everyone's writes.
                    val today = app.today(at)
                    check(today.doses.all { it.doseMg == 25.0 || it.doseMg == 10.0 }) { "a dose card with a torn amount: ${today.doses}" }
                    app.desiredNotifications(at, 3u)
                }
                // One check-in per thread, each on its own morning.
                val morning = LocalDate.parse("2026-12-02").plusDays(i.toLong())
                app.checkIn(answer(Feeling.GROGGY, pain = i), null, utc("${morning}T09:00"))
            } catch (e: Throwable) {
                failures += AssertionError("thread $i: $e", e)
            }
        }
    }
    ready.await()
    go.countDown()
    workers.forEach { it.join(120_000) }
    check(workers.none { it.isAlive }) { "a thread did not finish within two minutes" }
    if (failures.isNotEmpty()) throw failures[0]

    checkEq(1, recordedShared.get(), "threads whose tap recorded the shared dose")
    val reopened = Eventide(path, LONDON)
    val log = reopened.doseLog("2026-12-01", "2026-12-10")
    checkEq(1, log.count { it.medicationId == shared.id && it.action is LoggedAction.Taken }, "shared dose taken entries")
    checkEq(THREADS + 1, reopened.medications().size, "medications after the run")
    for ((i, id) in medIds) {
        val mine = log.filter { it.medicationId == id }
        checkEq(NIGHTS.toInt(), mine.size, "log entries of thread $i")
        checkEq((NIGHTS / 2).toInt(), mine.count { it.action is LoggedAction.Taken }, "taken entries of thread $i")
        checkEq(mine.map { it.night }.toSet().size, mine.size, "one entry per night for thread $i")
    }
    val checkins = reopened.checkins("2026-12-02", "2026-12-09")
    checkEq(THREADS, checkins.size, "check-ins from the threads")
    checkEq((0 until THREADS).map { it.toUByte() }, checkins.map { it.pain }, "each thread's check-in kept its own answer")
    reopened.close()
    app.close()
}
