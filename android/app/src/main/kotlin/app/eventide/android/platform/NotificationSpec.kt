package app.eventide.android.platform

import android.content.Intent
import app.eventide.core.DesiredNotification
import app.eventide.core.NotificationKind

/**
 * What a posted notification shows, carried in the alarm's intent from the moment it was
 * scheduled (the reconcile fingerprint redoes the alarm whenever any of this changes).
 */
data class NotificationSpec(
    val id: String,
    val numericId: Int,
    val kind: NotificationKind,
    val date: String,
    val title: String,
    val body: String,
    val buttons: List<Pair<String, String>>, // NotificationAction name to label
) {
    fun writeTo(intent: Intent) {
        intent.putExtra(ID, id).putExtra(NUMBER, numericId).putExtra(KIND, kind.name).putExtra(DATE, date)
            .putExtra(TITLE, title).putExtra(BODY, body)
            .putExtra(ACTIONS, buttons.map { it.first }.toTypedArray())
            .putExtra(LABELS, buttons.map { it.second }.toTypedArray())
    }

    companion object {
        private const val ID = "id"
        private const val NUMBER = "number"
        private const val KIND = "kind"
        private const val DATE = "date"
        private const val TITLE = "title"
        private const val BODY = "body"
        private const val ACTIONS = "actions"
        private const val LABELS = "labels"

        fun of(n: DesiredNotification) = NotificationSpec(
            n.id, n.numericId, n.kind, n.date, n.title, n.body, n.actions.map { it.action.name to it.label },
        )

        /** Reads [writeTo]'s extras; null for an intent that is not ours. */
        fun from(intent: Intent): NotificationSpec? {
            val id = intent.getStringExtra(ID) ?: return null
            val kind = NotificationKind.entries.firstOrNull { it.name == intent.getStringExtra(KIND) } ?: return null
            val actions = intent.getStringArrayExtra(ACTIONS).orEmpty()
            val labels = intent.getStringArrayExtra(LABELS).orEmpty()
            return NotificationSpec(
                id, intent.getIntExtra(NUMBER, 0), kind, intent.getStringExtra(DATE).orEmpty(),
                intent.getStringExtra(TITLE).orEmpty(), intent.getStringExtra(BODY).orEmpty(), actions.zip(labels),
            )
        }
    }
}
