// A small test runner for the Kotlin suite: each test is a named function; failures print
// their assertion message and the run ends with "N passed, N failed" (and a non-zero exit
// when any failed). Also the device zone every test uses: java.time's own zone rules, as
// the Android shell will implement DeviceZone.
package app.eventide.tests

import app.eventide.core.DeviceZone
import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime
import java.time.ZoneId
import java.time.ZonedDateTime
import java.util.concurrent.atomic.AtomicLong

/** DeviceZone backed by java.time, counting how often the core asks. */
class JavaZone(id: String) : DeviceZone {
    val zoneId: ZoneId = ZoneId.of(id)
    private val rules = zoneId.rules
    val calls = AtomicLong()
    override fun offsetSecondsAt(instant: Instant): Int {
        calls.incrementAndGet()
        return rules.getOffset(instant).totalSeconds
    }

    override fun nextTransitionAfter(instant: Instant): Instant? {
        calls.incrementAndGet()
        return rules.nextTransition(instant)?.instant
    }

    /** The instant of a wall-clock time in this zone, by java.time's rule for gaps and overlaps. */
    fun at(date: String, time: String): Instant =
        ZonedDateTime.of(LocalDate.parse(date), LocalTime.parse(time), zoneId).toInstant()
}

val LONDON = JavaZone("Europe/London")

/** A fresh database path in its own temporary directory. */
fun freshDb(name: String): String {
    val dir: Path = Files.createTempDirectory("eventide-kt-")
    dir.toFile().deleteOnExit()
    return dir.resolve("$name.db").toString()
}

/** Runs `block` and returns the exception of type T it must throw, with a clear message if not. */
inline fun <reified T : Throwable> expectThrows(what: String, block: () -> Unit): T {
    try {
        block()
    } catch (e: Throwable) {
        if (e is T) return e
        throw AssertionError("$what: expected ${T::class.simpleName} but got ${e::class.qualifiedName}: $e", e)
    }
    throw AssertionError("$what: expected ${T::class.simpleName} but nothing was thrown")
}

fun check(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

fun <T> checkEq(expected: T, actual: T, what: String) {
    if (expected != actual) throw AssertionError("$what: expected <$expected> but was <$actual>")
}

class Suite {
    private val tests = mutableListOf<Pair<String, () -> Unit>>()
    fun test(name: String, body: () -> Unit) {
        tests += name to body
    }

    fun run(): Int {
        var passed = 0
        var failed = 0
        for ((name, body) in tests) {
            val started = System.nanoTime()
            try {
                body()
                passed++
                println("ok   $name (${(System.nanoTime() - started) / 1_000_000} ms)")
            } catch (e: Throwable) {
                failed++
                println("FAIL $name")
                println("     $e")
                e.stackTrace.take(6).forEach { println("       at $it") }
            }
        }
        println()
        println("kotlin: $passed passed, $failed failed")
        return failed
    }
}

fun main() {
    val suite = Suite()
    storyTests(suite)
    errorTests(suite)
    threadTests(suite)
    sharingTests(suite)
    secondPassTests(suite)
    recordsTests(suite)
    taperTests(suite)
    suppliesTests(suite)
    reminderTests(suite)
    val failed = suite.run()
    kotlin.system.exitProcess(if (failed == 0) 0 else 1)
}
