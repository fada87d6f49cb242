package app.eventide.shell

/** What the user can do to make reminders reliable; each opens one system settings page. */
enum class Fix { ALLOW_NOTIFICATIONS, ALLOW_EXACT_ALARMS, OPEN_CHANNEL_SETTINGS }

/** A visible warning with the button that fixes it. */
data class Warning(val text: String, val button: String, val fix: Fix)

/**
 * Whether reminders will fire on time and be seen. Shown as a banner on Tonight and in
 * Settings; an empty [warnings] list means all is well.
 */
data class ReminderHealth(val exact: Boolean, val visible: Boolean, val warnings: List<Warning>) {
    companion object {
        /** Android 12 (API 31) introduced the exact-alarm permission; 13 (33) the notification one. */
        const val EXACT_ALARM_PERMISSION_SDK = 31
        const val NOTIFICATION_PERMISSION_SDK = 33

        /**
         * Reads the platform facts the Android layer collects:
         * [canScheduleExact] = `AlarmManager.canScheduleExactAlarms()` (true below API 31),
         * [notificationsEnabled] = `NotificationManagerCompat.areNotificationsEnabled()`,
         * [blockedChannels] = names of our channels the user switched off.
         */
        fun of(sdk: Int, canScheduleExact: Boolean, notificationsEnabled: Boolean, blockedChannels: List<String>): ReminderHealth {
            val exact = sdk < EXACT_ALARM_PERMISSION_SDK || canScheduleExact
            val warnings = buildList {
                if (!notificationsEnabled) add(
                    Warning("Notifications are off, so reminders will not appear. Doses are still listed on Tonight.", "Turn on notifications", Fix.ALLOW_NOTIFICATIONS),
                )
                if (!exact) add(
                    Warning("Reminders may arrive late while the phone is idle. Allow alarms & reminders so they fire on time.", "Allow exact reminders", Fix.ALLOW_EXACT_ALARMS),
                )
                if (notificationsEnabled && blockedChannels.isNotEmpty()) add(
                    Warning("These reminders are switched off: ${blockedChannels.joinToString()}.", "Open notification settings", Fix.OPEN_CHANNEL_SETTINGS),
                )
            }
            return ReminderHealth(exact, notificationsEnabled, warnings)
        }
    }
}
