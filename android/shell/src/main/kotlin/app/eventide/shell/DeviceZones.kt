package app.eventide.shell

import app.eventide.core.DeviceZone
import java.time.Instant
import java.time.ZoneId
import java.time.ZoneOffset

/**
 * The core's [DeviceZone] answered with java.time, the phone's own always-current zone rules.
 *
 * The core asks for the offset and when it next changes ([nextTransitionAfter]) a few times
 * per call. The zone is looked up on every call rather than captured once, so when the user travels
 * (Android sends `TIMEZONE_CHANGED` and updates the process default zone) the very next
 * core call already works in the new zone; the shell then reconciles reminders.
 * The core calls this from any thread, often, and it must never throw: an unreadable zone
 * falls back to UTC, which the core also uses for impossible answers.
 */
class JavaTimeZone(private val currentZone: () -> ZoneId = { ZoneId.systemDefault() }) : DeviceZone {
    override fun offsetSecondsAt(instant: Instant): Int =
        try {
            currentZone().rules.getOffset(instant).totalSeconds
        } catch (e: RuntimeException) {
            ZoneOffset.UTC.totalSeconds
        }

    /** The next DST (or other) change after [instant]; null for a zone that never changes again. */
    override fun nextTransitionAfter(instant: Instant): Instant? =
        try {
            currentZone().rules.nextTransition(instant)?.instant
        } catch (e: RuntimeException) {
            null
        }
}
