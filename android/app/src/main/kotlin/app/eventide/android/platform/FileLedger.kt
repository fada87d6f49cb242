package app.eventide.android.platform

import app.eventide.shell.LedgerStore
import java.io.File

/** The alarm ledger as a small text file, replaced atomically (write aside, then rename). */
class FileLedger(private val file: File) : LedgerStore {
    override fun read(): String = if (file.exists()) file.readText() else ""

    override fun write(text: String) {
        val tmp = File(file.parentFile, file.name + ".tmp")
        tmp.writeText(text)
        if (!tmp.renameTo(file)) file.writeText(text)
    }
}
