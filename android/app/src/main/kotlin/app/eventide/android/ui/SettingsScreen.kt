package app.eventide.android.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.material3.Button
import androidx.compose.material3.FilterChip
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.unit.dp
import app.eventide.android.AppViewModel
import app.eventide.android.UiState
import app.eventide.shell.Fix

/** Settings: bedtimes per weekday, reminder lead per evening medicine, check-in time, review cycle. */
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
            lead.choices.forEach { m ->
                FilterChip(selected = m == lead.leadMinutes, onClick = { model.setLead(lead.medicationId, m) }, label = { Text("$m min") })
            }
        }
    }

    Heading("Morning check-in")
    var checkin by remember(s) { mutableStateOf(s.checkinTime) }
    Field("Ask at (HH:MM, 04:00–12:00)", checkin, { checkin = it })
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
}
