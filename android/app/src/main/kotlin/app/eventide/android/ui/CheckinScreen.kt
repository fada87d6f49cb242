package app.eventide.android.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.material3.Button
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Slider
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.unit.dp
import app.eventide.android.AppViewModel
import app.eventide.android.UiState
import app.eventide.core.Symptom
import app.eventide.shell.SymptomSectionRow

/** Check-in: one tap on a feeling saves; pain, symptoms and a note are optional extras. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun CheckinScreen(state: UiState, model: AppViewModel) {
    val c = state.checkin ?: return
    var pain by remember(c) { mutableStateOf(c.pain) }
    var effects by remember(c) { mutableStateOf(c.sections.flatMap { it.chips }.filter { it.selected }.map { it.value }.toSet()) }
    var note by remember(c) { mutableStateOf(c.note) }
    val chosenFeeling = c.feelings.firstOrNull { it.selected }?.value

    Heading(c.heading)
    c.saved?.let { Text(it) }
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        c.feelings.forEach { f ->
            FilterChip(selected = f.selected, onClick = { model.checkIn(f.value, pain, effects.toList(), note) }, label = { Text(f.label) })
        }
    }
    Heading("Details (optional)")
    Text(pain?.let { "Pain: $it of ${c.maxPain}" } ?: "Pain: not recorded")
    Slider(
        value = (pain ?: 0).toFloat(),
        onValueChange = { pain = it.toInt() },
        valueRange = 0f..c.maxPain.toFloat(),
        steps = (c.maxPain - 1).coerceAtLeast(0),
        modifier = Modifier.semantics { stateDescription = "Pain ${pain ?: 0} of ${c.maxPain}" },
    )
    val toggle: (Symptom) -> Unit = { sym -> effects = if (sym in effects) effects - sym else effects + sym }
    // The core's sections, headings and notes; the last one's symptoms raise "get help now".
    c.sections.forEach { SymptomGroup(it, effects, toggle) }
    Field("Note (up to ${c.maxNoteChars} characters)", note, { note = it.take(c.maxNoteChars) })
    Button(onClick = { model.checkIn(chosenFeeling, pain, effects.toList(), note) }) { Text("Save details") }
}

/** One section of symptom chips with the core's heading and note, each chip toggled on tap. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun SymptomGroup(section: SymptomSectionRow, chosen: Set<Symptom>, onToggle: (Symptom) -> Unit) {
    if (section.chips.isEmpty()) return
    Heading(section.title)
    Text(
        section.note,
        style = MaterialTheme.typography.bodySmall,
        color = if (section.needsHelpNow) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurfaceVariant,
    )
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        section.chips.forEach { s ->
            FilterChip(selected = s.value in chosen, onClick = { onToggle(s.value) }, label = { Text(s.label) })
        }
    }
}
