package app.eventide.android.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.selectableGroup
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.text.input.VisualTransformation
import androidx.compose.ui.unit.dp
import app.eventide.android.AppViewModel
import app.eventide.android.Outgoing
import app.eventide.android.UiState
import app.eventide.core.checkPassphrase
import app.eventide.shell.shareChoices
import app.eventide.shell.Sharing

/**
 * Share: the report for a clinician in the chosen format, and the backup that moves the whole
 * log to a new phone. The core writes every byte; this screen picks, confirms and hands on.
 * Nothing leaves the phone unless the user chooses a destination in the share sheet.
 *
 * A backup is encrypted with a passphrase unless the user turns the switch off; the strength
 * label, hint and note under the field are the core's (`checkPassphrase`). Passphrases live in
 * plain `remember` state (never saved into the instance state) and are cleared once used.
 */
@Composable
fun ShareScreen(state: UiState, model: AppViewModel, onShare: (Outgoing) -> Unit, onPickBackup: () -> Unit) {
    // The file is ready: hand it to the activity once, then forget it.
    LaunchedEffect(state.outgoing) {
        state.outgoing?.let { onShare(it); model.outgoingHandled() }
    }

    Heading("Share a report")
    // The core's choices, in its order and words (the same on iOS).
    val choices = remember { shareChoices() }
    var choice by remember { mutableStateOf(choices.first()) }
    Column(Modifier.selectableGroup()) {
        choices.forEach { c ->
            Row(Modifier.fillMaxWidth().selectable(selected = c == choice, onClick = { choice = c }, role = Role.RadioButton).padding(vertical = 8.dp)) {
                RadioButton(selected = c == choice, onClick = null)
                Column(Modifier.padding(start = 8.dp)) {
                    Text(c.label)
                    Text(c.detail, style = MaterialTheme.typography.bodySmall)
                }
            }
        }
    }
    var name by remember { mutableStateOf("") }
    Field("Your name on the report (optional, not saved)", name, { name = it })
    Button(onClick = { model.shareReport(choice, name) }) { Text("Share ${choice.label}") }

    Heading("Backup")
    Text("A backup holds your medicines, plans, doses, check-ins and settings.")
    var encrypt by remember { mutableStateOf(true) }
    var passphrase by remember { mutableStateOf("") }
    Row(
        Modifier.fillMaxWidth().toggleable(value = encrypt, role = Role.Switch, onValueChange = { encrypt = it }).padding(vertical = 8.dp),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        Text("Protect the backup with a passphrase", Modifier.weight(1f))
        Switch(checked = encrypt, onCheckedChange = null)
    }
    if (encrypt) {
        val check = remember(passphrase) { checkPassphrase(passphrase) }
        PassphraseField(
            label = "Passphrase for this backup",
            value = passphrase,
            onChange = { passphrase = it },
            helper = Sharing.passphraseHelper(check, passphrase),
            isError = passphrase.isNotEmpty() && !check.acceptable,
        )
        if (passphrase.isNotEmpty()) Text(check.note)
        Button(onClick = { model.shareBackup(passphrase); passphrase = "" }, enabled = check.acceptable) {
            Text("Save or send the encrypted backup")
        }
    } else {
        Text("Without a passphrase, anyone who gets the file can read your medicines, doses and check-ins. Keep it somewhere you trust.")
        Button(onClick = { model.shareBackup(null) }) { Text("Save or send an unprotected backup") }
    }
    OutlinedButton(onClick = onPickBackup) { Text("Restore from a backup file") }

    state.passphraseAsk?.let { ask ->
        var typed by remember(ask) { mutableStateOf("") }
        AlertDialog(
            onDismissRequest = model::cancelRestore,
            title = { Text("This backup is protected by a passphrase") },
            text = {
                Column {
                    ask.problem?.let { Text(it, Modifier.padding(bottom = 8.dp)) }
                    PassphraseField(label = "Its passphrase", value = typed, onChange = { typed = it }, helper = null, isError = ask.problem != null)
                }
            },
            confirmButton = {
                TextButton(onClick = { model.unlockRestore(ask, typed); typed = "" }, enabled = typed.isNotEmpty()) { Text("Open") }
            },
            dismissButton = { TextButton(onClick = model::cancelRestore) { Text("Cancel") } },
        )
    }

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

/**
 * A passphrase field: masked unless the user taps "Show", a password keyboard (no suggestions,
 * no learning), and the core's helper text under it.
 */
@Composable
private fun PassphraseField(label: String, value: String, onChange: (String) -> Unit, helper: String?, isError: Boolean) {
    var shown by remember { mutableStateOf(false) }
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(label) },
        singleLine = true,
        visualTransformation = if (shown) VisualTransformation.None else PasswordVisualTransformation(),
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Password, autoCorrectEnabled = false),
        trailingIcon = { TextButton(onClick = { shown = !shown }) { Text(if (shown) "Hide" else "Show") } },
        supportingText = if (helper != null) { { Text(helper) } } else null,
        isError = isError,
        modifier = Modifier.fillMaxWidth().padding(vertical = 4.dp),
    )
}
