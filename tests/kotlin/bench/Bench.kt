// The Kotlin half of the FFI benchmark (scripts/bench-ffi.sh): the same fixture and the same
// operations as bindings/ffi/examples/bench_rust.rs — `today`, recording a dose, and the same
// tap again (no write) — called
// through the generated bindings on the JVM. Prints medians in µs and how many times the core
// asked the Kotlin zone per `today`.
//
// Usage: BenchKt DIR [ITERATIONS]
package app.eventide.bench

import app.eventide.core.CheckInAnswer
import app.eventide.core.DeviceZone
import app.eventide.core.Eventide
import app.eventide.core.Feeling
import app.eventide.core.Ingredient
import app.eventide.core.NewMedication
import app.eventide.core.NotificationAction
import app.eventide.core.maxReviewNoteChars
import app.eventide.core.recogniseIngredient
import app.eventide.core.Slot
import app.eventide.core.UniffiRustCallStatus
import app.eventide.core.Weekday
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import java.util.concurrent.atomic.AtomicLong

/** The phone's zone as the Android shell implements it: java.time's rules. */
class JavaZone(id: String) : DeviceZone {
    private val rules = ZoneId.of(id).rules
    val calls = AtomicLong()
    override fun offsetSecondsAt(instant: Instant): Int {
        calls.incrementAndGet()
        return rules.getOffset(instant).totalSeconds
    }

    override fun nextTransitionAfter(instant: Instant): Instant? {
        calls.incrementAndGet()
        return rules.nextTransition(instant)?.instant
    }
}

const val NOW = "2026-11-25T21:05:00Z"
const val FIRST = "2026-01-01T12:00:00Z"

fun fixture(app: Eventide): String {
    val med = app.addMedication(
        NewMedication("Amitriptyline", Ingredient.AMITRIPTYLINE, listOf(10.0, 25.0), false, listOf(), Slot.Evening(90.toUShort())),
        Instant.parse(FIRST),
    )
    app.setBedtime("22:30", listOf())
    app.setBedtime("23:30", listOf(Weekday.FRIDAY, Weekday.SATURDAY))
    app.titrate(med.id, 10.0, 10.0, 7u, 50.0, null, listOf(), Instant.parse(FIRST))
    for (day in 19..25) {
        app.checkIn(CheckInAnswer(Feeling.SLEPT_BADLY, 3.toUByte(), listOf(), null), null, Instant.parse("2026-11-${day}T08:20:00Z"))
    }
    return med.id
}

/** Calls made before timing, so that the JIT has compiled what is timed. */
const val WARM_UP = 20_000

fun median(samples: LongArray): Double {
    samples.sort()
    return samples[samples.size / 2] / 1000.0
}

inline fun time(n: Int, f: (Int) -> Any?): LongArray = LongArray(n) { i ->
    val start = System.nanoTime()
    f(i)
    System.nanoTime() - start
}

fun main(args: Array<String>) {
    val dir = File(args.getOrNull(0) ?: error("usage: BenchKt DIR [ITERATIONS]")).apply { mkdirs() }
    val iterations = args.getOrNull(1)?.toInt() ?: 300
    require(iterations <= 300) { "at most 300 iterations (one past night per recorded dose)" }
    val db = File(dir, "kotlin.db").apply { delete() }
    val zone = JavaZone("Europe/London")
    val app = Eventide(db.path, zone)
    val med = fixture(app)
    val now = Instant.parse(NOW)
    // Cold: the first calls after opening, while the JVM still interprets the bindings and
    // JNA's marshalling (a phone's first screens after launch are in the same state).
    val todayCold = median(time(iterations) { app.today(now) })
    // Warm: after enough calls for the JIT to compile the hot paths, as ART's JIT and
    // profile-guided compilation do for an app in use. These are the figures to compare.
    repeat(WARM_UP) { app.today(now) }
    val before = zone.calls.get()
    val today = median(time(iterations * 3) { app.today(now) })
    val callsPerToday = (zone.calls.get() - before).toDouble() / (iterations * 3)
    val lastNight = LocalDate.parse("2026-11-24")
    val take = median(time(iterations) { k ->
        // Each past night's dose, recorded with the time it was taken (inside its window).
        val out = app.take(med, lastNight.minusDays(k.toLong()).toString(), null, now, "22:00")
        check(out.recorded) { "night ${lastNight.minusDays(k.toLong())} was not recorded: ${out.message}" }
    })
    repeat(WARM_UP) { app.take(med, lastNight.toString(), null, now, "22:00") }
    val again = median(time(iterations) { app.take(med, lastNight.toString(), null, now, "22:00") })
    // The same tap as a card or notification button makes it: the dose's key and the button.
    val key = "dose:$med:0:$lastNight"
    repeat(WARM_UP) { app.handleAction(key, NotificationAction.TAKEN, now) }
    val tapKey = median(time(iterations * 3) { app.handleAction(key, NotificationAction.TAKEN, now) })
    // Where a call's time goes: the crossing itself, an object method, one string argument,
    // a small record back (each buffer in or out is a JNA structure round trip), and the
    // call-status structure the generated code allocates for every crossing.
    repeat(WARM_UP) {
        maxReviewNoteChars(); app.zoneChanged(); recogniseIngredient("Elavil"); app.daySettings()
        UniffiRustCallStatus.ByValue()
    }
    val bare = median(time(iterations * 3) { maxReviewNoteChars() })
    val method = median(time(iterations * 3) { app.zoneChanged() })
    val stringArg = median(time(iterations * 3) { recogniseIngredient("Elavil") })
    val recordBack = median(time(iterations * 3) { app.daySettings() })
    val status = median(time(iterations * 3) { UniffiRustCallStatus.ByValue() })
    // The plain Kotlin cost of one zone answer, for reference (the core asks none per today).
    val t0 = System.nanoTime()
    repeat(100_000) { zone.offsetSecondsAt(now.plusSeconds(it.toLong())) }
    val zoneKotlinNs = (System.nanoTime() - t0) / 100_000.0
    println("kotlin today_us=%.1f take_us=%.1f again_us=%.1f tap_key_us=%.1f zone_questions_per_today=%.1f zone_kotlin_ns=%.0f".format(today, take, again, tapKey, callsPerToday, zoneKotlinNs))
    println("kotlin-cold today_us=%.1f".format(todayCold))
    println("kotlin-profile bare_us=%.1f method_us=%.1f string_arg_us=%.1f record_back_us=%.1f status_alloc_us=%.1f".format(bare, method, stringArg, recordBack, status))
    app.close()
}
