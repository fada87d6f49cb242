package app.eventide.shell

import app.eventide.core.ActionOutcome
import app.eventide.core.DoseStatus
import app.eventide.core.EventideException
import app.eventide.core.EventideInterface
import app.eventide.core.NotificationAction
import app.eventide.core.NotificationKind
import app.eventide.core.Today
import java.time.Instant

/** What the receiver does after a notification button: replace or remove that notification. */
sealed interface ButtonResult {
    /** The notification (tag [id], number [numericId]) the tap came from. */
    val id: String
    val numericId: Int

    /**
     * Recorded (or already recorded): remove the notification; [message] may be toasted. After a
     * check-in answer, [urgent] holds the "get help now" cards to show at once (a notification
     * each, with their numbers to call), even with the app closed.
     */
    data class Done(override val id: String, override val numericId: Int, val message: String, val urgent: List<SuggestionCard> = emptyList()) : ButtonResult

    /** The core refused: keep the notification and show [message] on it. */
    data class Refused(override val id: String, override val numericId: Int, val message: String) : ButtonResult
}

/**
 * Routes a notification button to the core by the notification's id and reconciles after it.
 * The broadcast carries the text id, its number and the button's [NotificationAction] name;
 * the core decides what the id means (a dose, a check-in), so no id is parsed here.
 */
class ActionRouter(private val core: EventideInterface, private val afterChange: (Instant) -> Unit) {
    /** Records the button [actionName] (a [NotificationAction] name) on notification [id]; never throws a core error. */
    fun onButton(id: String, numericId: Int, actionName: String, now: Instant): ButtonResult {
        val action = NotificationAction.entries.firstOrNull { it.name == actionName }
            ?: return ButtonResult.Refused(id, numericId, "This button is not recognised; open Eventide to record it.")
        return try {
            when (val outcome = core.handleAction(id, action, now)) {
                is ActionOutcome.Dose -> ButtonResult.Done(id, numericId, outcome.outcome.message)
                is ActionOutcome.Checkin -> ButtonResult.Done(
                    id,
                    numericId,
                    "Check-in saved for ${outcome.checkin.morning}.",
                    SuggestionMapper.map(outcome.urgent),
                )
            }
        } catch (e: EventideException) {
            ButtonResult.Refused(id, numericId, userMessage(e))
        } finally {
            afterChange(now)
        }
    }
}

/** Which screen a tap on the notification body opens. */
fun screenFor(kind: NotificationKind): Screen = when (kind) {
    NotificationKind.DOSE -> Screen.TONIGHT
    NotificationKind.CHECKIN -> Screen.CHECK_IN
    NotificationKind.REVIEW -> Screen.SUGGESTIONS
}

/**
 * Whether an alarm that just fired should still be shown: not if the dose was taken or
 * skipped (or snoozed to later) in the app meanwhile, nor if the check-in was answered.
 * When in doubt, show it — a needless reminder is better than a missing one.
 */
fun stillWanted(id: String, kind: NotificationKind, date: String, today: Today): Boolean = when (kind) {
    NotificationKind.DOSE -> when (val s = today.doses.firstOrNull { it.key == id }?.status) {
        is DoseStatus.Taken, is DoseStatus.Skipped -> false
        is DoseStatus.Snoozed -> !s.until.at.isAfter(today.now.at)
        else -> true
    }
    NotificationKind.CHECKIN -> !(today.checkin.morning == date && today.checkin.answer != null)
    NotificationKind.REVIEW -> true
}

/**
 * Shown notifications that no longer apply (the dose was recorded in the app, the check-in
 * answered): their tags, to remove from the shade after a change.
 */
fun staleShown(shownTags: List<String>, today: Today): List<String> = shownTags.filter { tag ->
    val dose = today.doses.firstOrNull { it.key == tag }
    when {
        dose != null -> dose.status is DoseStatus.Taken || dose.status is DoseStatus.Skipped || dose.status is DoseStatus.Snoozed
        tag == "checkin:${today.checkin.morning}" -> today.checkin.answer != null
        else -> false
    }
}

/** The sentence to show for a core error: the core's own wording (its `Display`). */
fun userMessage(e: EventideException): String = e.toString()
