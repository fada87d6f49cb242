package app.eventide.android.platform

import android.Manifest
import android.annotation.SuppressLint
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import androidx.core.app.NotificationCompat
import androidx.core.app.NotificationManagerCompat
import androidx.core.content.ContextCompat
import app.eventide.android.MainActivity
import app.eventide.android.R
import app.eventide.core.NotificationKind
import app.eventide.shell.ShadePort
import app.eventide.shell.SuggestionCard
import app.eventide.core.notificationNumber
import app.eventide.core.urgentNotificationId
import app.eventide.shell.screenFor

/**
 * Channels and posting. Each notification is posted with tag = its text id and number = its
 * numeric id, so the app can find and remove it when the dose is recorded elsewhere.
 */
object Notifications {
    private const val CHANNEL_DOSE = "dose"
    private const val CHANNEL_CHECKIN = "checkin"
    private const val CHANNEL_REVIEW = "review"
    private const val CHANNEL_URGENT = "urgent"
    private const val CHANNEL_REFILL = "refill"
    private const val CHANNEL_FOR_MESSAGES = CHANNEL_DOSE

    private fun channelFor(kind: NotificationKind) = when (kind) {
        NotificationKind.DOSE -> CHANNEL_DOSE
        NotificationKind.CHECKIN -> CHANNEL_CHECKIN
        NotificationKind.REVIEW -> CHANNEL_REVIEW
        NotificationKind.REFILL -> CHANNEL_REFILL
    }

    /** Dose reminders are high importance (heads-up); the others default. Safe to call often. */
    fun createChannels(context: Context) {
        val nm = context.getSystemService(NotificationManager::class.java)
        fun channel(id: String, name: Int, description: Int, importance: Int) =
            NotificationChannel(id, context.getString(name), importance).apply { this.description = context.getString(description) }
        nm.createNotificationChannels(
            listOf(
                channel(CHANNEL_DOSE, R.string.channel_dose, R.string.channel_dose_description, NotificationManager.IMPORTANCE_HIGH),
                channel(CHANNEL_CHECKIN, R.string.channel_checkin, R.string.channel_checkin_description, NotificationManager.IMPORTANCE_DEFAULT),
                channel(CHANNEL_REVIEW, R.string.channel_review, R.string.channel_review_description, NotificationManager.IMPORTANCE_DEFAULT),
                channel(CHANNEL_URGENT, R.string.channel_urgent, R.string.channel_urgent_description, NotificationManager.IMPORTANCE_HIGH),
                channel(CHANNEL_REFILL, R.string.channel_refill, R.string.channel_refill_description, NotificationManager.IMPORTANCE_DEFAULT),
            ),
        )
    }

    private fun allowed(context: Context) =
        ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED ||
            android.os.Build.VERSION.SDK_INT < 33

    /** Opens the app on the screen the core says notification [id] is about. */
    private fun contentIntent(context: Context, id: String): PendingIntent {
        val screen = screenFor(id)
        val open = Intent(context, MainActivity::class.java)
            .putExtra(MainActivity.EXTRA_SCREEN, screen.name)
            .setData(Uri.parse("eventide://open/${screen.name}"))
            .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TOP)
        return PendingIntent.getActivity(context, 0, open, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE)
    }

    /** A button's broadcast: the notification's id and number, and the button's code ("taken"). */
    private fun buttonIntent(context: Context, spec: NotificationSpec, code: String): PendingIntent {
        val intent = Intent(context, ActionReceiver::class.java)
            .setData(Uri.Builder().scheme("eventide").authority("action").appendPath(spec.id).appendPath(code).build())
            .putExtra(ActionReceiver.EXTRA_ID, spec.id)
            .putExtra(ActionReceiver.EXTRA_NUMERIC_ID, spec.numericId)
            .putExtra(ActionReceiver.EXTRA_ACTION, code)
        return PendingIntent.getBroadcast(context, 0, intent, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE)
    }

    /**
     * Posts a reminder with its one-tap buttons. Private by default: a locked phone shows the
     * public version ("Evening medicine" and the buttons, `VISIBILITY_PRIVATE` +
     * `setPublicVersion`), not the medicine or dose, unless the user chose full details
     * (`VISIBILITY_PUBLIC`). The words come from the core.
     */
    @SuppressLint("MissingPermission") // checked by allowed()
    fun post(context: Context, spec: NotificationSpec) {
        if (!allowed(context)) return
        fun builder(title: String, body: String) = NotificationCompat.Builder(context, channelFor(spec.kind))
            .setSmallIcon(R.drawable.ic_stat_eventide)
            .setContentTitle(title)
            .setContentText(body)
            .setStyle(NotificationCompat.BigTextStyle().bigText(body))
            .setCategory(NotificationCompat.CATEGORY_REMINDER)
            .setPriority(if (spec.kind == NotificationKind.DOSE) NotificationCompat.PRIORITY_HIGH else NotificationCompat.PRIORITY_DEFAULT)
            .setContentIntent(contentIntent(context, spec.id))
            .setAutoCancel(true)
            .also { b -> spec.buttons.forEach { (code, label) -> b.addAction(0, label, buttonIntent(context, spec, code)) } }
        val locked = builder(spec.lockedTitle, spec.lockedBody).build()
        val full = builder(spec.title, spec.body)
            .setVisibility(if (spec.showDetailsWhenLocked) NotificationCompat.VISIBILITY_PUBLIC else NotificationCompat.VISIBILITY_PRIVATE)
            .setPublicVersion(locked)
            .build()
        try {
            NotificationManagerCompat.from(context).notify(spec.id, spec.numericId, full)
        } catch (e: SecurityException) {
            // Permission withdrawn just now; the app's banner says reminders are off.
        }
    }

    /**
     * Replaces a notification with a short message (the core's reason for refusing a button),
     * without buttons: the same tag and number, so it takes the reminder's place. iOS answers a
     * refused button the same way (`RefusedButton` in EventideKit).
     */
    @SuppressLint("MissingPermission") // checked by allowed()
    fun replaceWithMessage(context: Context, id: String, numericId: Int, message: String) {
        if (!allowed(context)) return
        val n = NotificationCompat.Builder(context, CHANNEL_FOR_MESSAGES)
            .setSmallIcon(R.drawable.ic_stat_eventide)
            .setContentTitle(context.getString(R.string.app_name))
            .setContentText(message)
            .setStyle(NotificationCompat.BigTextStyle().bigText(message))
            .setOnlyAlertOnce(true)
            .setSilent(true)
            .setContentIntent(contentIntent(context, id))
            .setAutoCancel(true)
            .build()
        try {
            NotificationManagerCompat.from(context).notify(id, numericId, n)
        } catch (e: SecurityException) {
        }
    }

    /**
     * Shows a "get help now" suggestion at once (after a check-in answered from a notification),
     * in the core's words, with a button per number to call; each opens the dialler with it.
     * Tagged with the suggestion's id, so answering again replaces rather than repeats it.
     */
    @SuppressLint("MissingPermission") // checked by allowed()
    fun postUrgent(context: Context, card: SuggestionCard) {
        if (!allowed(context)) return
        val urgentId = urgentNotificationId(card.id)
        val builder = NotificationCompat.Builder(context, CHANNEL_URGENT)
            .setSmallIcon(R.drawable.ic_stat_eventide)
            .setContentTitle(card.title)
            .setContentText(card.text)
            .setStyle(NotificationCompat.BigTextStyle().bigText(card.text))
            .setCategory(NotificationCompat.CATEGORY_STATUS)
            .setPriority(NotificationCompat.PRIORITY_HIGH)
            .setContentIntent(contentIntent(context, urgentId))
            .setAutoCancel(false)
        card.calls.forEachIndexed { i, call ->
            val dial = PendingIntent.getActivity(
                context,
                card.id.hashCode() * 31 + i,
                // PendingIntent.getActivity starts it outside any activity: FLAG_ACTIVITY_NEW_TASK is required.
                Dialer.intent(call.number).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK),
                PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
            )
            builder.addAction(0, call.label, dial)
        }
        try {
            NotificationManagerCompat.from(context).notify(urgentId, notificationNumber(urgentId), builder.build())
        } catch (e: SecurityException) {
        }
    }

    fun cancel(context: Context, id: String, numericId: Int) = NotificationManagerCompat.from(context).cancel(id, numericId)
}

/** The shade as the core's plans see it: our notifications on screen, by tag (the core's id). */
class AndroidShade(private val context: Context) : ShadePort {
    private val manager get() = context.getSystemService(NotificationManager::class.java)

    override fun shown(): List<String> = manager.activeNotifications.mapNotNull { it.tag }

    override fun withdraw(id: String) {
        manager.activeNotifications.filter { it.tag == id }.forEach { manager.cancel(it.tag, it.id) }
    }
}
