package app.eventide.android.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.selectableGroup
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.unit.dp
import app.eventide.android.AppViewModel
import app.eventide.android.Outgoing
import app.eventide.android.UiState
import app.eventide.shell.ShareChoice

/**
 * Share: the report for a clinician in the chosen format, and the backup that moves the whole
 * log to a new phone. The core writes every byte; this screen picks, confirms and hands on.
 * Nothing leaves the phone unless the user chooses a destination in the share sheet.
 */
@Composable
fun ShareScreen(state: UiState, model: AppViewModel, onShare: (Outgoing) -> Unit, onPickBackup: () -> Unit) {
    // The file is ready: hand it to the activity once, then forget it.
    LaunchedEffect(state.outgoing) {
        state.outgoing?.let { onShare(it); model.outgoingHandled() }
    }

    Heading("Share a report")
    var choice by remember { mutableStateOf(ShareChoice.PAGE) }
    Column(Modifier.selectableGroup()) {
        ShareChoice.entries.forEach { c ->
            Row(Modifier.fillMaxWidth().selectable(selected = c == choice, onClick = { choice = c }, role = Role.RadioButton).padding(vertical = 8.dp)) {
                RadioButton(selected = c == choice, onClick = null)
                Text(c.label, Modifier.padding(start = 8.dp))
            }
        }
    }
    var name by remember { mutableStateOf("") }
    Field("Your name on the report (optional, not saved)", name, { name = it })
    Button(onClick = { model.shareReport(choice, name) }) { Text("Share ${choice.label}") }

    Heading("Backup")
    Text("A backup holds your medicines, plans, doses, check-ins and settings. Keep it somewhere you trust; it is not encrypted.")
    Button(onClick = model::shareBackup) { Text("Save or send a backup") }
    OutlinedButton(onClick = onPickBackup) { Text("Restore from a backup file") }

    state.restoreOffer?.let { offer ->
        AlertDialog(
            onDismissRequest = model::cancelRestore,
            title = { Text("Restore this backup?") },
            text = {
                Text(
                    offer.description +
                        if (offer.replaces) "\n\nIt replaces what is on this phone now; the current data is kept aside first." else "",
                )
            },
            confirmButton = { TextButton(onClick = { model.restore(offer) }) { Text(if (offer.replaces) "Replace and restore" else "Restore") } },
            dismissButton = { TextButton(onClick = model::cancelRestore) { Text("Cancel") } },
        )
    }
}
