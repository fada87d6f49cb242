package app.eventide.shell

import app.eventide.core.BackupInfo
import app.eventide.core.BackupProblem
import app.eventide.core.BackupProtection
import app.eventide.core.EventideException
import app.eventide.core.PassphraseCheck
import app.eventide.core.ShareOption
import app.eventide.core.shareOptions
import app.eventide.core.ReviewStatus
import app.eventide.core.checkPassphrase
import app.eventide.core.reviewIntervalChoices

// ----- Share: the report -----

/** What the Share screen offers: the core's choices, in its order and words (the same on iOS). */
fun shareChoices(): List<ShareOption> = shareOptions()

/**
 * A file ready for the share sheet (or, with [printToPdf], the page for the print framework,
 * written as [pageName] and printed to a PDF named [fileName]).
 */
class SharedFile(val bytes: ByteArray, val fileName: String, val mimeType: String, val printToPdf: Boolean = false, val pageName: String = fileName)

/** What the user sees after a refused restore: the core's sentence, and that nothing changed. */
data class RestoreProblem(val message: String, val truncatedOrDamaged: Boolean, val wrongPassphrase: Boolean = false)

/**
 * A backup file the user picked, on its way to the restore confirmation. The core says
 * whether it is encrypted before any passphrase is asked for.
 */
sealed class PickedBackup {
    abstract val bytes: ByteArray

    /** Encrypted: ask for its passphrase; [problem] is the core's sentence after a wrong one. */
    class NeedsPassphrase(override val bytes: ByteArray, val problem: String? = null) : PickedBackup()

    /** Checked whole: confirm with [description]; [passphrase] opens it again for the restore. */
    class Ready(override val bytes: ByteArray, val passphrase: String?, val description: String, val encrypted: Boolean) : PickedBackup()
}

/** The settings screen's review section. */
data class ReviewState(
    val intervalMonths: Int,
    val choices: List<Int>,
    val lastReview: String?,
    val dueOn: String?,
    /** The core's line: "Next review due Thu 18 Feb 2027 (every 3 months)." */
    val summary: String,
)

/**
 * Share and keep: report export, backup and restore, and the review cycle, through the
 * [Controller] so every write is followed by a reminder reconcile (a restore changes the
 * whole plan; a review moves the review reminder).
 */
class Sharing(private val controller: Controller, private val clock: () -> java.time.Instant) {
    private val core get() = controller.core

    /**
     * The report of [choice] over `from..to` ("YYYY-MM-DD", null = the whole log), named and
     * typed by the core; a printed choice carries the page and the PDF's name.
     */
    fun report(choice: ShareOption, from: String? = null, to: String? = null, patientName: String? = null): SharedFile {
        val file = core.exportReportFile(choice.format, from, to, patientName?.takeIf { it.isNotBlank() }, clock())
        val name = if (choice.printToPdf) file.pdfFileName ?: file.fileName else file.fileName
        return SharedFile(file.bytes, name, file.mimeType, choice.printToPdf, file.fileName)
    }

    /**
     * A backup of everything, for the share sheet or "Save to Files": encrypted with
     * [passphrase] (an age file, `.age` name), or plain when it is null — only when the user
     * switched encryption off. Throws InvalidInput("passphrase") when the core refuses it.
     */
    fun backup(passphrase: String?): SharedFile {
        val now = clock()
        return SharedFile(core.backupBytes(passphrase, now), core.backupFileName(passphrase != null, now), BACKUP_MIME)
    }

    /** The helper text under the passphrase field (the core's label, hint and note). */
    fun passphraseCheck(passphrase: String): PassphraseCheck = checkPassphrase(passphrase)

    /** Checks a picked file; the confirm dialog shows [describe] of it. Throws InvalidBackup. */
    fun inspect(bytes: ByteArray, passphrase: String? = null): BackupInfo = core.inspectBackup(bytes, passphrase)

    /**
     * First step of a restore: an encrypted file asks for its passphrase, a plain one is
     * checked whole at once. Throws InvalidBackup for a file that is no backup.
     */
    fun pick(bytes: ByteArray): PickedBackup = when (core.backupProtection(bytes)) {
        BackupProtection.PASSPHRASE -> PickedBackup.NeedsPassphrase(bytes)
        BackupProtection.PLAIN -> PickedBackup.Ready(bytes, null, describe(inspect(bytes)), encrypted = false)
    }

    /**
     * The passphrase for an encrypted file: checked whole with it, or asked for again after a
     * wrong one (with the core's sentence). Other problems throw InvalidBackup.
     */
    fun unlock(picked: PickedBackup.NeedsPassphrase, passphrase: String): PickedBackup = try {
        PickedBackup.Ready(picked.bytes, passphrase, describe(inspect(picked.bytes, passphrase)), encrypted = true)
    } catch (e: EventideException.InvalidBackup) {
        if (e.problem != BackupProblem.WRONG_PASSPHRASE) throw e
        PickedBackup.NeedsPassphrase(picked.bytes, e.toString())
    }

    /** "Backup of Wed 25 Nov 2026 at 14:00: 1 medicine, 4 dose records, 1 check-in." (the core's). */
    fun describe(info: BackupInfo): String = info.summary

    /**
     * Restores [bytes] (replacing what is here when [replace]); returns null on success or the
     * problem to show. Reminders are reconciled either way.
     */
    fun restore(bytes: ByteArray, replace: Boolean, passphrase: String? = null): RestoreProblem? = try {
        controller.change { now -> core.restoreBackupBytes(bytes, passphrase, replace, now) }
        null
    } catch (e: EventideException.InvalidBackup) {
        val askAgain = e.problem == BackupProblem.WRONG_PASSPHRASE || e.problem == BackupProblem.PASSPHRASE_NEEDED
        RestoreProblem(e.toString(), !askAgain, askAgain)
    } catch (e: EventideException) {
        RestoreProblem(e.toString(), false)
    }

    /** The review section of Settings. */
    fun reviewState(): ReviewState = reviewState(core.reviewStatus())

    /** Chooses the interval and reconciles (the review reminder moves). */
    fun setReviewInterval(months: Int): ReviewState = reviewState(controller.change { core.setReviewInterval(months.toUInt()) })

    /** Records a review that happened on [on] (default today). */
    fun recordReview(on: String? = null, note: String? = null): ReviewState {
        controller.change { now -> core.recordReview(on, note?.takeIf { it.isNotBlank() }, now) }
        return reviewState()
    }

    private fun reviewState(s: ReviewStatus): ReviewState =
        ReviewState(s.intervalMonths.toInt(), reviewIntervalChoices().map { it.toInt() }, s.lastReview, s.dueOn, s.summary)

    companion object {
        /** Backups are our own format (encrypted ones standard age files); the share sheet sees plain bytes. */
        const val BACKUP_MIME = "application/octet-stream"

        /**
         * Under the passphrase field: the core's note while it is empty, then its label and hint
         * ("Fair. Another unrelated word would make it much harder to guess."). Mirrors
         * `BackupText.passphraseHelper` in EventideKit.
         */
        fun passphraseHelper(check: PassphraseCheck, typed: String): String =
            if (typed.isEmpty()) check.note else "${check.label}. ${check.hint}"
    }
}
