package app.eventide.android.platform

import android.app.AlarmManager
import android.app.NotificationManager
import android.content.Context
import android.os.Build
import androidx.core.app.NotificationManagerCompat
import app.eventide.shell.ReminderHealth

/** Reads the platform facts behind [ReminderHealth]; the decisions are in :shell. */
object Permissions {
    /** Exact alarms need no permission before Android 12; after, the user may deny it. */
    fun canScheduleExact(context: Context): Boolean =
        Build.VERSION.SDK_INT < Build.VERSION_CODES.S ||
            context.getSystemService(AlarmManager::class.java).canScheduleExactAlarms()

    fun health(context: Context): ReminderHealth {
        val nm = context.getSystemService(NotificationManager::class.java)
        val blocked = nm.notificationChannels.filter { it.importance == NotificationManager.IMPORTANCE_NONE }.map { it.name.toString() }
        return ReminderHealth.of(
            sdk = Build.VERSION.SDK_INT,
            canScheduleExact = canScheduleExact(context),
            notificationsEnabled = NotificationManagerCompat.from(context).areNotificationsEnabled(),
            blockedChannels = blocked,
        )
    }
}
