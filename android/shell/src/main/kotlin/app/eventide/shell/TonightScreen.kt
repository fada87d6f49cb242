package app.eventide.shell

import app.eventide.core.DoseCard
import app.eventide.core.DoseStatus
import app.eventide.core.PhoneTime
import app.eventide.core.Today
import java.time.LocalDate
import java.time.format.DateTimeFormatter
import java.util.Locale

/** The buttons a dose row can show; each maps to one core call (take / snooze / skip). */
enum class DoseButton { TAKEN, SNOOZE, SKIP }

/**
 * One dose on the Tonight screen, ready to draw. Every sentence comes from the core; the
 * shell only arranges them. [spoken] is the TalkBack description of the whole row, read in
 * the order the eye reads it: medicine and dose, what to take, when, status.
 */
data class DoseRow(
    val key: String,
    val medicationId: String,
    val slotIndex: UInt,
    val night: String,
    val title: String,
    val take: String,
    val measurable: Boolean,
    val reminder: String,
    val status: String,
    /** The core's missed-dose guidance for an evening dose past its latest time, or null. */
    val guidance: String?,
    val buttons: List<DoseButton>,
    val spoken: String,
)

/** The morning question, shown on Tonight until it is answered. */
data class CheckinPrompt(val morning: String, val label: String)

/** Everything the Tonight screen draws. */
data class TonightState(
    val heading: String,
    val doses: List<DoseRow>,
    val checkin: CheckinPrompt?,
    val nextReminder: String?,
    val suggestionCount: Int,
    val emptyMessage: String?,
)

/** Dates and times as the user reads them; the core already gives local "HH:MM". */
class Dates(private val locale: Locale = Locale.getDefault()) {
    private val day = DateTimeFormatter.ofPattern("EEE d MMM", locale)

    /** "2026-11-25" → "Wed 25 Nov"; text that is not a date is shown as it is. */
    fun day(isoDate: String): String =
        try { LocalDate.parse(isoDate).format(day) } catch (e: RuntimeException) { isoDate }

    /** A phone time as "Wed 25 Nov 21:00". */
    fun at(t: PhoneTime): String = "${day(t.localDate)} ${t.localTime}"
}

/** Maps the core's [Today] to [TonightState]. */
class TonightMapper(private val dates: Dates = Dates()) {
    /** The whole screen: doses, the morning question if unanswered, the next reminder. */
    fun map(today: Today): TonightState {
        val doses = today.doses.map(::row)
        val checkin = today.checkin.takeIf { it.answer == null }?.let {
            CheckinPrompt(it.morning, "How was your night? (${dates.day(it.morning)})")
        }
        val next = today.nextNotification?.let { "Next reminder: ${dates.at(it.fireAt)} — ${it.title}" }
        return TonightState(
            heading = "${today.nightLabel} · ${dates.day(today.night)}",
            doses = doses,
            checkin = checkin,
            nextReminder = next,
            suggestionCount = today.suggestions.size,
            emptyMessage = if (doses.isEmpty()) "No doses tonight. Add a medicine in Plan." else null,
        )
    }

    /** One dose card: what to take (the core's breakdown, or why it cannot be made), when, status, buttons. */
    fun row(card: DoseCard): DoseRow {
        val take = card.breakdown?.text ?: card.breakdownProblem ?: card.doseText
        val status = statusText(card)
        val reminder = "Reminder ${card.reminderAt.localTime}"
        val title = "${card.medicationName} ${card.doseText}"
        return DoseRow(
            key = card.key,
            medicationId = card.medicationId,
            slotIndex = card.slotIndex,
            night = card.night,
            title = title,
            take = take,
            measurable = card.breakdown != null,
            reminder = reminder,
            status = status,
            guidance = card.guidance,
            buttons = buttonsFor(card),
            spoken = "$title, ${card.slotLabel}. Take $take. $reminder. $status." + (card.guidance?.let { " $it" } ?: ""),
        )
    }

    private fun statusText(card: DoseCard): String = when (val s = card.status) {
        is DoseStatus.Snoozed -> "Snoozed until ${s.until.localTime}"
        is DoseStatus.Taken -> "${card.statusWord.replaceFirstChar { it.uppercase() }} at ${s.at.localTime}"
        is DoseStatus.Skipped -> "Skipped at ${s.at.localTime}"
        else -> card.statusWord.replaceFirstChar { it.uppercase() }
    }

    /**
     * Only buttons the core will accept: nothing once taken; Snooze only while the reminder is
     * live; Taken only when there is a dose to take (a taper's last step is 0 mg).
     */
    private fun buttonsFor(card: DoseCard): List<DoseButton> {
        val canTake = card.doseMg > 0.0
        return when (card.status) {
            is DoseStatus.Taken -> emptyList()
            DoseStatus.Due, is DoseStatus.Snoozed -> listOfNotNull(DoseButton.TAKEN.takeIf { canTake }, DoseButton.SNOOZE, DoseButton.SKIP)
            DoseStatus.Upcoming, DoseStatus.Missed -> listOfNotNull(DoseButton.TAKEN.takeIf { canTake }, DoseButton.SKIP)
            is DoseStatus.Skipped -> listOfNotNull(DoseButton.TAKEN.takeIf { canTake })
        }
    }
}
