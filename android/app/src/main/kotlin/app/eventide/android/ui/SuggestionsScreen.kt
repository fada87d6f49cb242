package app.eventide.android.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.eventide.android.AppViewModel
import app.eventide.android.UiState

/** Suggestions: questions for the prescriber, each with the observations behind it. */
@Composable
fun SuggestionsScreen(state: UiState, model: AppViewModel) {
    Heading("Questions for your prescriber")
    if (state.suggestions.isEmpty()) Text("Nothing to ask your prescriber about at the moment.")
    state.suggestions.forEach { s ->
        if (s.getHelpNow) {
            UrgentCard(s)
            TextButton(onClick = { model.dismissSuggestion(s.id) }) { Text("Dismiss") }
            return@forEach
        }
        val colors = if (s.urgent) {
            CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer, contentColor = MaterialTheme.colorScheme.onErrorContainer)
        } else {
            CardDefaults.cardColors()
        }
        Card(Modifier.fillMaxWidth().padding(vertical = 6.dp), colors = colors) {
            Column(Modifier.padding(16.dp)) {
                Column(Modifier.semantics(mergeDescendants = true) { contentDescription = s.spoken }) {
                    s.whenToRaise?.let { Text(it, style = MaterialTheme.typography.labelLarge) }
                    Text(s.title, style = MaterialTheme.typography.titleMedium)
                    Text(s.question, style = MaterialTheme.typography.bodyLarge)
                }
                Text(s.text, modifier = Modifier.padding(top = 8.dp))
                Text("What this is based on", style = MaterialTheme.typography.labelLarge, modifier = Modifier.padding(top = 8.dp))
                s.evidence.forEach { Text("• $it") }
                Text(s.basis, style = MaterialTheme.typography.bodySmall, modifier = Modifier.padding(top = 8.dp))
                Text(s.source, style = MaterialTheme.typography.bodySmall)
                TextButton(onClick = { model.dismissSuggestion(s.id) }) { Text("Dismiss") }
            }
        }
    }
}
