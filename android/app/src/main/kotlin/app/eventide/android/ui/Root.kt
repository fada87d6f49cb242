package app.eventide.android.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.safeDrawingPadding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.ScrollableTabRow
import androidx.compose.material3.Surface
import androidx.compose.material3.Tab
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.eventide.android.AppViewModel
import app.eventide.android.Outgoing
import app.eventide.android.UiState
import app.eventide.shell.Fix
import app.eventide.shell.Screen

/** The app: tabs for the six screens, the current one below, messages and confirmations on top. */
@Composable
fun EventideRoot(model: AppViewModel, onFix: (Fix) -> Unit, onShare: (Outgoing) -> Unit, onPickBackup: () -> Unit) {
    val state by model.state.collectAsStateWithLifecycle()
    MaterialTheme(colorScheme = if (isSystemInDarkTheme()) darkColorScheme() else lightColorScheme()) {
        Surface(Modifier.fillMaxSize()) {
            val fatal = state.fatal
            if (fatal != null) {
                Column(Modifier.safeDrawingPadding().padding(24.dp)) {
                    Heading("Eventide cannot open its data")
                    Text(fatal)
                }
            } else {
                Screens(state, model, onFix, onShare, onPickBackup)
            }
            state.message?.let { text ->
                AlertDialog(
                    onDismissRequest = model::dismissMessage,
                    confirmButton = { TextButton(onClick = model::dismissMessage) { Text("OK") } },
                    text = { Text(text) },
                )
            }
            if (state.urgent.isNotEmpty()) {
                AlertDialog(
                    onDismissRequest = model::dismissUrgent,
                    title = { Text(state.urgent.first().whenToRaise ?: "") },
                    text = { Column { state.urgent.forEach { UrgentCard(it) } } },
                    confirmButton = { TextButton(onClick = model::dismissUrgent) { Text("Close") } },
                )
            }
            state.confirmation?.let { c ->
                AlertDialog(
                    onDismissRequest = model::dismissMessage,
                    title = { Text("Please check") },
                    text = { Column { c.warnings.forEach { Text("• $it") } } },
                    confirmButton = { TextButton(onClick = { model.dismissMessage(); c.retry(c.warnings) }) { Text("Save anyway") } },
                    dismissButton = { TextButton(onClick = model::dismissMessage) { Text("Change it") } },
                )
            }
        }
    }
}

/** The tab row and the current screen; targetSdk 35+ draws edge to edge, so keep clear of system bars and the keyboard. */
@Composable
private fun Screens(state: UiState, model: AppViewModel, onFix: (Fix) -> Unit, onShare: (Outgoing) -> Unit, onPickBackup: () -> Unit) {
    Column(Modifier.fillMaxSize().safeDrawingPadding()) {
        ScrollableTabRow(selectedTabIndex = state.screen.ordinal, edgePadding = 8.dp) {
            Screen.entries.forEach { s ->
                Tab(selected = s == state.screen, onClick = { model.open(s) }, text = { Text(s.title) })
            }
        }
        Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
            when (state.screen) {
                Screen.TONIGHT -> TonightScreen(state, model, onFix)
                Screen.PLAN -> PlanScreen(state, model)
                Screen.CHECK_IN -> CheckinScreen(state, model)
                Screen.SUGGESTIONS -> SuggestionsScreen(state, model)
                Screen.SHARE -> ShareScreen(state, model, onShare, onPickBackup)
                Screen.SETTINGS -> SettingsScreen(state, model, onFix)
            }
        }
    }
}
