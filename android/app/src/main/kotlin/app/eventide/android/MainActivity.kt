package app.eventide.android

import android.Manifest
import android.content.Intent
import android.net.Uri
import android.os.Build
import android.os.Bundle
import android.print.PrintAttributes
import android.print.PrintManager
import android.provider.Settings
import android.webkit.WebView
import android.webkit.WebViewClient
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.result.contract.ActivityResultContracts
import androidx.activity.viewModels
import app.eventide.android.ui.EventideRoot
import app.eventide.shell.Fix
import app.eventide.shell.Screen

/**
 * The single activity: draws [EventideRoot] and performs the few things only an activity can
 * (ask for the notification permission, open system settings pages, open the share sheet).
 */
class MainActivity : ComponentActivity() {
    private val model: AppViewModel by viewModels()

    private val askNotifications = registerForActivityResult(ActivityResultContracts.RequestPermission()) {
        model.onPermissionsMaybeChanged()
    }

    /** "Restore from a backup file": any file type, since providers label our format differently. */
    private val pickBackup = registerForActivityResult(ActivityResultContracts.OpenDocument()) { uri ->
        if (uri != null) {
            model.offerRestore { contentResolver.openInputStream(uri)?.use { it.readBytes() } ?: ByteArray(0) }
        }
    }

    /** The page being laid out for printing; held so it is not collected mid-print. */
    private var printing: WebView? = null

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        openFrom(intent)
        setContent { EventideRoot(model, onFix = ::fix, onShare = ::share, onPickBackup = { pickBackup.launch(arrayOf("*/*")) }) }
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        openFrom(intent)
    }

    /** Permissions can change in Settings while we are away: re-check and reconcile. */
    override fun onResume() {
        super.onResume()
        model.onPermissionsMaybeChanged()
    }

    private fun openFrom(intent: Intent?) {
        val name = intent?.getStringExtra(EXTRA_SCREEN) ?: return
        Screen.entries.firstOrNull { it.name == name }?.let(model::open)
    }

    /**
     * The button on a reminder warning. The warning text on screen is the explanation; this
     * asks (Android 13+ notification permission) or deep-links to the page that grants it.
     */
    private fun fix(fix: Fix) {
        when (fix) {
            Fix.ALLOW_NOTIFICATIONS ->
                if (Build.VERSION.SDK_INT >= 33 && !shouldOpenSettingsInstead()) {
                    askNotifications.launch(Manifest.permission.POST_NOTIFICATIONS)
                } else {
                    openNotificationSettings()
                }
            Fix.ALLOW_EXACT_ALARMS -> if (Build.VERSION.SDK_INT >= 31) {
                startActivity(Intent(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, Uri.parse("package:$packageName")))
            }
            Fix.OPEN_CHANNEL_SETTINGS -> openNotificationSettings()
        }
    }

    /** After two refusals Android stops showing the dialog; then only Settings can help. */
    private fun shouldOpenSettingsInstead(): Boolean {
        val prefs = getSharedPreferences("permissions", MODE_PRIVATE)
        val asked = prefs.getInt("notifications_asked", 0)
        prefs.edit().putInt("notifications_asked", asked + 1).apply()
        return asked >= 2 && !shouldShowRequestPermissionRationale(Manifest.permission.POST_NOTIFICATIONS)
    }

    private fun openNotificationSettings() {
        startActivity(Intent(Settings.ACTION_APP_NOTIFICATION_SETTINGS).putExtra(Settings.EXTRA_APP_PACKAGE, packageName))
    }

    /** Hands a file in cache/reports to the share sheet through the FileProvider, or prints the page to PDF. */
    private fun share(out: app.eventide.android.Outgoing) {
        out.printAs?.let { return printToPdf(out.file, it) }
        val uri = androidx.core.content.FileProvider.getUriForFile(this, "$packageName.files", out.file)
        val send = Intent(Intent.ACTION_SEND).setType(out.mimeType).putExtra(Intent.EXTRA_STREAM, uri)
            .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
        startActivity(Intent.createChooser(send, null))
    }

    /**
     * The report page through Android's print framework, whose "Save as PDF" makes the file:
     * the page is self-contained (no scripts, no network), so an off-screen WebView lays it out.
     */
    private fun printToPdf(page: java.io.File, pdfName: String) {
        val web = WebView(this)
        web.webViewClient = object : WebViewClient() {
            override fun onPageFinished(view: WebView, url: String?) {
                val printer = getSystemService(PRINT_SERVICE) as PrintManager
                printer.print(pdfName, view.createPrintDocumentAdapter(pdfName), PrintAttributes.Builder().build())
                printing = null
            }
        }
        printing = web
        web.loadDataWithBaseURL(null, page.readText(), "text/html", "UTF-8", null)
    }

    companion object {
        const val EXTRA_SCREEN = "app.eventide.SCREEN"
    }
}
