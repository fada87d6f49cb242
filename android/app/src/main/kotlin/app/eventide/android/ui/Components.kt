package app.eventide.android.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.ui.unit.dp
import app.eventide.shell.Fix
import app.eventide.shell.ReminderHealth

/** A section title, announced by TalkBack as a heading so users can jump between sections. */
@Composable
fun Heading(text: String) {
    Text(text, style = MaterialTheme.typography.titleLarge, modifier = Modifier.padding(top = 16.dp, bottom = 8.dp).semantics { heading() })
}

/**
 * The visible fallback when reminders cannot be exact or cannot be shown: the text explains,
 * the button opens the page that fixes it. Layout wraps, so it stays readable at 200% text.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun ReminderWarnings(health: ReminderHealth, onFix: (Fix) -> Unit) {
    health.warnings.forEach { w ->
        Card(
            colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer),
            modifier = Modifier.fillMaxWidth().padding(vertical = 4.dp),
        ) {
            Column(Modifier.padding(12.dp)) {
                Text(w.text, color = MaterialTheme.colorScheme.onErrorContainer)
                FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    Button(onClick = { onFix(w.fix) }) { Text(w.button) }
                }
            }
        }
    }
}

/** A labelled text field; numbers get a number keyboard. */
@Composable
fun Field(label: String, value: String, onChange: (String) -> Unit, number: Boolean = false, modifier: Modifier = Modifier) {
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(label) },
        singleLine = true,
        keyboardOptions = if (number) KeyboardOptions(keyboardType = KeyboardType.Decimal) else KeyboardOptions.Default,
        modifier = modifier.fillMaxWidth().padding(vertical = 4.dp),
    )
}
