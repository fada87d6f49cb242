package app.eventide.android.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.material3.Button
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.toggleable
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.unit.dp
import app.eventide.android.AppViewModel
import app.eventide.android.UiState
import app.eventide.shell.Fix

/**
 * Settings: bedtimes per weekday, reminder lead per evening medicine (the core's choices),
 * check-in time, review cycle, what the lock screen shows, and what the phone's backup takes.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun SettingsScreen(state: UiState, model: AppViewModel, onFix: (Fix) -> Unit) {
    val s = state.settings ?: return
    Heading("Reminders")
    if (s.reminders.warnings.isEmpty()) Text("Reminders are on and fire on time.")
    ReminderWarnings(s.reminders, onFix)

    Heading("Bedtime")
    var everyEvening by remember(s) { mutableStateOf(s.defaultBedtime) }
    Field("Usual bedtime (HH:MM)", everyEvening, { everyEvening = it })
    Button(onClick = { model.setBedtime(everyEvening, emptyList()) }) { Text("Save usual bedtime") }
    s.evenings.forEach { e ->
        var time by remember(s) { mutableStateOf(e.bedtime) }
        Field("${e.label}${if (e.own) "" else " (usual)"}", time, { time = it })
        Button(onClick = { model.setBedtime(time, listOf(e.weekday)) }) { Text("Save ${e.label}") }
    }

    s.leads.forEach { lead ->
        Heading("${lead.name}: remind before bedtime")
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            lead.choices.forEach { c ->
                val m = c.minutes.toInt()
                FilterChip(selected = m == lead.leadMinutes, onClick = { model.setLead(lead.medicationId, m) }, label = { Text(c.label) })
            }
        }
    }

    Heading("Morning check-in")
    var checkin by remember(s) { mutableStateOf(s.checkinTime) }
    Field(s.checkinLabel, checkin, { checkin = it })
    Button(onClick = { model.setCheckinTime(checkin) }) { Text("Save check-in time") }

    state.review?.let { review ->
        Heading("Prescriber review")
        Text(review.summary)
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            review.choices.forEach { m ->
                FilterChip(selected = m == review.intervalMonths, onClick = { model.setReviewInterval(m) }, label = { Text("Every $m months") })
            }
        }
        Button(onClick = model::recordReviewToday) { Text("I had my review today") }
    }

    // Privacy, in the core's words: what a locked phone shows, and what Android's own backup takes.
    Heading("Lock screen")
    val privacy = s.privacy
    Row(
        Modifier.fillMaxWidth().toggleable(value = privacy.lockScreenDetails, role = Role.Switch, onValueChange = model::setLockScreenDetails).padding(vertical = 8.dp),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        Text(privacy.texts.lockScreenLabel, Modifier.weight(1f))
        Switch(checked = privacy.lockScreenDetails, onCheckedChange = null)
    }
    Text(privacy.lockScreenNote, style = MaterialTheme.typography.bodySmall)
    Heading(privacy.texts.phoneBackupTitle)
    Text(privacy.texts.phoneBackupText)
    Text(privacy.texts.portableBackup, style = MaterialTheme.typography.bodySmall, modifier = Modifier.padding(top = 4.dp))
}
