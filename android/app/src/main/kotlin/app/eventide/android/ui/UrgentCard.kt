package app.eventide.android.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.eventide.android.platform.Dialer
import app.eventide.shell.SuggestionCard

/**
 * A "get help now" card as an alert: the core's label, title and text, and its numbers to call
 * as buttons that open the dialler. TalkBack announces it as soon as it appears.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun UrgentCard(card: SuggestionCard) {
    val context = LocalContext.current
    Card(
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.error, contentColor = MaterialTheme.colorScheme.onError),
        modifier = Modifier.fillMaxWidth().padding(vertical = 6.dp),
    ) {
        Column(Modifier.padding(16.dp)) {
            Column(Modifier.semantics(mergeDescendants = true) { contentDescription = card.spoken; liveRegion = LiveRegionMode.Assertive }) {
                card.whenToRaise?.let { Text(it, style = MaterialTheme.typography.labelLarge) }
                Text(card.title, style = MaterialTheme.typography.titleMedium)
                Text(card.text, style = MaterialTheme.typography.bodyLarge)
            }
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), modifier = Modifier.padding(top = 8.dp)) {
                card.calls.forEach { call ->
                    Button(
                        onClick = { Dialer.open(context, call.number) },
                        colors = ButtonDefaults.buttonColors(containerColor = MaterialTheme.colorScheme.onError, contentColor = MaterialTheme.colorScheme.error),
                    ) { Text(call.label) }
                }
            }
        }
    }
}
