package app.eventide.android.ui

import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.selectableGroup
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.unit.dp
import app.eventide.shell.ReportFormat
import java.io.File

/**
 * Share: choose a report format and hand the file to the share sheet (FileProvider,
 * cache/reports). The core's report export is a later issue; until it lands there is no
 * file to share and the screen says so rather than pretending.
 */
@Suppress("UNUSED_PARAMETER") // onShare(file, format.mime) is called once the core can export
@Composable
fun ShareScreen(onShare: (File, String) -> Unit) {
    var format by remember { mutableStateOf(ReportFormat.PAGE) }
    Heading("Share a report")
    Column(Modifier.selectableGroup()) {
        ReportFormat.entries.forEach { f ->
            Row(Modifier.fillMaxWidth().selectable(selected = f == format, onClick = { format = f }, role = Role.RadioButton).padding(vertical = 8.dp)) {
                RadioButton(selected = f == format, onClick = null)
                Text(f.label, Modifier.padding(start = 8.dp))
            }
        }
    }
    Text("Report export is not part of this build yet. Nothing leaves the phone unless you share it.")
    Button(onClick = {}, enabled = false) { Text("Share ${format.label}") }
}
