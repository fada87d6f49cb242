package app.eventide.android.platform

import android.content.Intent
import android.os.Bundle
import app.eventide.core.NotificationKind
import app.eventide.core.ReminderNotice

/**
 * What a posted notification shows, carried in the alarm's intent from the moment it was
 * scheduled (the core's fingerprint redoes the alarm whenever any of this changes), so an
 * alarm can still post it if the database cannot be opened when it fires.
 */
data class NotificationSpec(
    val id: String,
    val numericId: Int,
    val kind: NotificationKind,
    val date: String,
    val title: String,
    val body: String,
    /** What a locked phone shows instead ("Evening medicine"), unless [showDetailsWhenLocked]. */
    val lockedTitle: String,
    val lockedBody: String,
    val showDetailsWhenLocked: Boolean,
    val buttons: List<Pair<String, String>>, // the button's code ("taken") to its label
) {
    fun toBundle() = Bundle().apply {
        putString(ID, id)
        putInt(NUMBER, numericId)
        putString(KIND, kind.name)
        putString(DATE, date)
        putString(TITLE, title)
        putString(BODY, body)
        putString(LOCKED_TITLE, lockedTitle)
        putString(LOCKED_BODY, lockedBody)
        putBoolean(DETAILS, showDetailsWhenLocked)
        putStringArray(ACTIONS, buttons.map { it.first }.toTypedArray())
        putStringArray(LABELS, buttons.map { it.second }.toTypedArray())
    }

    companion object {
        private const val NOTICES = "notices"
        private const val ID = "id"
        private const val NUMBER = "number"
        private const val KIND = "kind"
        private const val DATE = "date"
        private const val TITLE = "title"
        private const val BODY = "body"
        private const val LOCKED_TITLE = "locked_title"
        private const val LOCKED_BODY = "locked_body"
        private const val DETAILS = "details"
        private const val ACTIONS = "actions"
        private const val LABELS = "labels"

        fun of(n: ReminderNotice) = NotificationSpec(
            n.id, n.numericId, n.kind, n.date, n.title, n.body, n.lockedTitle, n.lockedBody,
            n.showDetailsWhenLocked, n.actions.map { it.code to it.label },
        )

        /** Puts every notification an alarm carries into its intent. */
        fun writeAll(specs: List<NotificationSpec>, intent: Intent) {
            intent.putExtra(NOTICES, specs.map { it.toBundle() }.toTypedArray())
        }

        /** Reads [writeAll]'s extras; empty for an intent that is not ours. */
        @Suppress("DEPRECATION") // getParcelableArrayExtra(String, Class) is API 33+; minSdk is 26
        fun listFrom(intent: Intent): List<NotificationSpec> =
            intent.getParcelableArrayExtra(NOTICES).orEmpty().mapNotNull { (it as? Bundle)?.let(::from) }

        private fun from(b: Bundle): NotificationSpec? {
            val id = b.getString(ID) ?: return null
            val kind = NotificationKind.entries.firstOrNull { it.name == b.getString(KIND) } ?: return null
            val actions = b.getStringArray(ACTIONS).orEmpty()
            val labels = b.getStringArray(LABELS).orEmpty()
            return NotificationSpec(
                id, b.getInt(NUMBER), kind, b.getString(DATE).orEmpty(), b.getString(TITLE).orEmpty(),
                b.getString(BODY).orEmpty(), b.getString(LOCKED_TITLE).orEmpty(), b.getString(LOCKED_BODY).orEmpty(),
                b.getBoolean(DETAILS), actions.zip(labels),
            )
        }
    }
}
