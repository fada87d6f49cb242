package app.eventide.shell

import app.eventide.core.ActionOutcome
import app.eventide.core.EventideException
import app.eventide.core.EventideInterface
import app.eventide.core.NotificationAction
import app.eventide.core.NotificationResponse
import app.eventide.core.notificationResponse
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

    /**
     * The core refused: replace the notification with [message], on the notification itself (the
     * same answer as iOS: `RefusedButton` in EventideKit).
     */
    data class Refused(override val id: String, override val numericId: Int, val message: String) : ButtonResult
}

/**
 * Routes a notification button to the core by the notification's id and reconciles after it.
 * The broadcast carries the text id, its number and the button's code ("taken"); the core says
 * what the pair means ([notificationResponse]: a dose button on a dose reminder, a check-in
 * button on a check-in), so nothing is parsed here. Mirrors `ActionRouter` in EventideKit.
 */
class ActionRouter(private val core: EventideInterface, private val afterChange: (Instant) -> Unit) {
    /** Records the button [actionCode] on notification [id]; never throws a core error. */
    fun onButton(id: String, numericId: Int, actionCode: String, now: Instant): ButtonResult {
        val action = (notificationResponse(id, actionCode) as? NotificationResponse.Record)?.action
            ?: return ButtonResult.Refused(id, numericId, NOT_A_BUTTON)
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

    companion object {
        /** A button this notification does not have (an older version's, say). */
        const val NOT_A_BUTTON = "This button is not recognised; open Eventide to record it."
    }
}

/**
 * A button on a dose card in the app: the core's [action] for the card [key] (its notification
 * id), through the same `handleAction` as the notification's button. Returns the core's
 * sentence; throws what the core refused with.
 */
fun pressCard(core: EventideInterface, key: String, action: NotificationAction, now: Instant): String =
    when (val outcome = core.handleAction(key, action, now)) {
        is ActionOutcome.Dose -> outcome.outcome.message
        is ActionOutcome.Checkin -> "Check-in saved for ${outcome.checkin.morning}."
    }

/** The screen a tap on notification [id] opens, as the core says (Tonight for one it does not know). */
fun screenFor(id: String): Screen = when (val r = notificationResponse(id, null)) {
    is NotificationResponse.Open -> Screen.of(r.screen)
    else -> Screen.TONIGHT
}

/** The sentence to show for a core error: the core's own wording (its `Display`). */
fun userMessage(e: EventideException): String = e.toString()
