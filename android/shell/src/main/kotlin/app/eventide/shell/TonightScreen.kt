package app.eventide.shell

import app.eventide.core.CardButton
import app.eventide.core.DoseCard
import app.eventide.core.PhoneTime
import app.eventide.core.Today
import java.time.LocalDate
import java.time.format.DateTimeFormatter
import java.util.Locale

/**
 * One dose on the Tonight screen, ready to draw. Every sentence and every button comes from the
 * core (the card's status line and buttons, the same as on iOS); the shell only arranges them.
 * [spoken] is the TalkBack description of the whole row, read in the order the eye reads it:
 * medicine and dose, what to take, when, status. A button is answered by [pressCard] with the
 * row's [key] and the button's action, the same call as a notification's button.
 */
data class DoseRow(
    val key: String,
    val title: String,
    val take: String,
    val measurable: Boolean,
    val reminder: String,
    val status: String,
    /** The core's missed-dose guidance for an evening dose past its latest time, or null. */
    val guidance: String?,
    /** The core's buttons, in order: label, what TalkBack says, enabled, primary. */
    val buttons: List<CardButton>,
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

/** Maps the core's [Today] to [TonightState]. Mirrors `TonightState` in EventideKit. */
class TonightMapper(private val dates: Dates = Dates()) {
    companion object {
        /** Tonight with nothing planned yet: where to start (the same words on iOS). */
        const val NOTHING_PLANNED = "Nothing is planned yet. Add your medicine and its plan on the Plan screen."
        /** Medicines are planned, but no dose falls tonight. */
        const val NO_DOSES = "No doses tonight."
    }

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
            emptyMessage = when {
                doses.isNotEmpty() -> null
                today.plans.isEmpty() -> NOTHING_PLANNED
                else -> NO_DOSES
            },
        )
    }

    /** One dose card: what to take (the core's breakdown, or why it cannot be made), when, status, buttons. */
    fun row(card: DoseCard): DoseRow {
        val take = card.breakdown?.text ?: card.breakdownProblem ?: card.doseText
        val title = "${card.medicationName} ${card.doseText}"
        return DoseRow(
            key = card.key,
            title = title,
            take = take,
            measurable = card.breakdown != null,
            reminder = card.reminderText,
            status = card.statusText,
            guidance = card.guidance,
            buttons = card.buttons,
            spoken = "$title, ${card.slotLabel}. Take $take. ${card.reminderText}. ${card.statusText}." + (card.guidance?.let { " $it" } ?: ""),
        )
    }
}
