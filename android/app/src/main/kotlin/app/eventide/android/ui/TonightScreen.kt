package app.eventide.android.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.eventide.android.AppViewModel
import app.eventide.android.UiState
import app.eventide.shell.DoseRow
import app.eventide.shell.Fix
import app.eventide.shell.Screen

/** Tonight: each dose with what to take and when, its buttons, and the morning question. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun TonightScreen(state: UiState, model: AppViewModel, onFix: (Fix) -> Unit) {
    val t = state.tonight ?: return
    ReminderWarnings(state.health, onFix)
    // What needs help now comes before anything else, with who to call.
    state.suggestions.filter { it.getHelpNow }.forEach { UrgentCard(it) }
    Heading(t.heading)
    t.emptyMessage?.let { Text(it) }
    t.doses.forEach { DoseCardView(it, model) }
    t.nextReminder?.let { Text(it, style = MaterialTheme.typography.bodyMedium, modifier = Modifier.padding(vertical = 8.dp)) }
    t.checkin?.let { prompt ->
        Heading("Morning check-in")
        Text(prompt.label)
        Button(onClick = { model.open(Screen.CHECK_IN) }) { Text("Answer now") }
    }
    if (t.suggestionCount > 0) {
        OutlinedButton(onClick = { model.open(Screen.SUGGESTIONS) }, modifier = Modifier.padding(top = 8.dp)) {
            Text("${t.suggestionCount} question(s) for your prescriber")
        }
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun DoseCardView(row: DoseRow, model: AppViewModel) {
    Card(Modifier.fillMaxWidth().padding(vertical = 6.dp)) {
        Column(Modifier.padding(16.dp)) {
            // One TalkBack stop for the facts, in reading order; the buttons follow it.
            Column(Modifier.semantics(mergeDescendants = true) { contentDescription = row.spoken }) {
                Text(row.title, style = MaterialTheme.typography.titleMedium)
                Text(row.take, style = MaterialTheme.typography.bodyLarge)
                Text(row.reminder)
                Text(row.status, style = MaterialTheme.typography.labelLarge)
                row.guidance?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
            }
            // The core's buttons: its labels, what TalkBack says, enabled or not, the main one filled.
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), modifier = Modifier.padding(top = 8.dp)) {
                row.buttons.forEach { b ->
                    val onClick = { model.press(row, b) }
                    val describe = Modifier.semantics { contentDescription = b.description }
                    if (b.primary) {
                        Button(onClick = onClick, modifier = describe, enabled = b.enabled) { Text(b.label) }
                    } else {
                        OutlinedButton(onClick = onClick, modifier = describe, enabled = b.enabled) { Text(b.label) }
                    }
                }
            }
        }
    }
}
