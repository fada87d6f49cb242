package app.eventide.shell

import app.eventide.core.DesiredNotification
import java.security.MessageDigest
import java.time.Instant

/**
 * One alarm the shell has handed to the OS. Android cannot list pending alarms, so the shell
 * keeps these in a small ledger (see [Ledger]) to know what to cancel later.
 *
 * [fingerprint] covers everything the alarm carries (time, title, body, buttons), so a dose
 * that changed from 30 mg to 40 mg is rescheduled even though its id and time did not change.
 * [exact] records whether it went in as an exact alarm, so granting the exact-alarm
 * permission later upgrades every inexact one.
 */
data class ScheduledAlarm(
    val id: String,
    val numericId: Int,
    val fireAt: Instant,
    val exact: Boolean,
    val fingerprint: String,
)

/** What reconciling decided: cancel these, schedule those, leave the rest alone. */
data class ReconcilePlan(
    val toCancel: List<ScheduledAlarm>,
    val toSchedule: List<Pair<DesiredNotification, ScheduledAlarm>>,
    val kept: List<ScheduledAlarm>,
) {
    /** The ledger once the plan has been carried out. */
    val ledgerAfter: List<ScheduledAlarm> get() = kept + toSchedule.map { it.second }

    /** True when the OS already matches the core. */
    val isNoop: Boolean get() = toCancel.isEmpty() && toSchedule.isEmpty()
}

/**
 * Desired state versus scheduled state: the single rule every reconcile uses (after a change
 * in the app, a notification button, boot, an app update, a clock or zone change, or the
 * exact-alarm permission changing). Running it twice in a row plans nothing the second time.
 */
object Reconciler {
    /** SHA-256 (shortened) of what an alarm shows and when: changes whenever the alarm must be redone. */
    fun fingerprint(n: DesiredNotification): String {
        val text = buildString {
            append(n.id).append('\n').append(n.fireAt.at.epochSecond).append('\n')
            append(n.kind.name).append('\n').append(n.title).append('\n').append(n.body).append('\n')
            n.actions.forEach { append(it.action.name).append('=').append(it.label).append(';') }
        }
        val digest = MessageDigest.getInstance("SHA-256").digest(text.toByteArray(Charsets.UTF_8))
        return digest.take(8).joinToString("") { "%02x".format(it) }
    }

    /** The alarm that would deliver [n], with [exact] saying which kind of alarm it will be. */
    fun alarmFor(n: DesiredNotification, exact: Boolean) =
        ScheduledAlarm(n.id, n.numericId, n.fireAt.at, exact, fingerprint(n))

    /**
     * Plans the change from [scheduled] (the ledger) to [desired] (the core's list).
     * An alarm is kept only if the same id is still wanted with the same fingerprint and the
     * same exactness; duplicates in the ledger are cancelled.
     */
    fun plan(desired: List<DesiredNotification>, scheduled: List<ScheduledAlarm>, exactAllowed: Boolean): ReconcilePlan {
        val wanted = LinkedHashMap<String, ScheduledAlarm>()
        val sources = HashMap<String, DesiredNotification>()
        for (n in desired) {
            if (n.id !in wanted) {
                wanted[n.id] = alarmFor(n, exactAllowed)
                sources[n.id] = n
            }
        }
        val toCancel = mutableListOf<ScheduledAlarm>()
        val kept = mutableListOf<ScheduledAlarm>()
        val seen = HashSet<String>()
        for (s in scheduled) {
            if (s.id in seen || wanted[s.id] != s) toCancel += s else kept += s
            seen += s.id
        }
        val keptIds = kept.mapTo(HashSet()) { it.id }
        val toSchedule = wanted.values.filter { it.id !in keptIds }.map { sources.getValue(it.id) to it }
        return ReconcilePlan(toCancel, toSchedule, kept)
    }
}

/**
 * The ledger's file format: one alarm per line, tab separated
 * (`id`, `numericId`, `fireAt` epoch seconds, `exact` 1/0, `fingerprint`). Plain text so a
 * bug report can include it. Unreadable lines are skipped: the reconcile after reading a
 * damaged ledger re-schedules everything wanted (scheduling the same alarm again replaces it).
 */
object Ledger {
    /** The text to save. */
    fun encode(alarms: List<ScheduledAlarm>): String =
        alarms.joinToString("") { "${it.id}\t${it.numericId}\t${it.fireAt.epochSecond}\t${if (it.exact) 1 else 0}\t${it.fingerprint}\n" }

    /** Reads [encode]'s text back, skipping lines that do not parse. */
    fun decode(text: String): List<ScheduledAlarm> = text.lineSequence().mapNotNull { line ->
        val f = line.split('\t')
        if (f.size != 5 || f[0].isEmpty()) return@mapNotNull null
        val numeric = f[1].toIntOrNull() ?: return@mapNotNull null
        val seconds = f[2].toLongOrNull() ?: return@mapNotNull null
        val exact = when (f[3]) { "1" -> true; "0" -> false; else -> return@mapNotNull null }
        ScheduledAlarm(f[0], numeric, Instant.ofEpochSecond(seconds), exact, f[4])
    }.toList()
}
