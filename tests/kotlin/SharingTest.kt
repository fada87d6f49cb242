// Sharing and keeping the history: the report in each format, a backup restored into a
// second phone's fresh database (plain and encrypted with a passphrase), a damaged backup
// or a wrong passphrase refused with nothing changed, and the review cycle — all through
// the generated bindings, as the shells will call them.
package app.eventide.tests

import app.eventide.core.BackupProblem
import app.eventide.core.BackupProtection
import app.eventide.core.PassphraseStrength
import app.eventide.core.checkPassphrase
import app.eventide.core.minPassphraseChars
import app.eventide.core.Eventide
import app.eventide.core.EventideException
import app.eventide.core.ReportFormat
import app.eventide.core.reportFileExtension
import app.eventide.core.reportFormats
import app.eventide.core.reportMimeType
import app.eventide.core.reviewIntervalChoices
import java.io.File

fun sharingTests(suite: Suite) {
    suite.test("the report exports as HTML, CSV and FHIR with names and types for the share sheet") { reports() }
    suite.test("a backup restored into a fresh database shows the same today and dose log") { backupRoundTrip() }
    suite.test("a truncated backup is refused as InvalidBackup(TRUNCATED) and nothing changes") { truncatedBackup() }
    suite.test("an encrypted backup restores with its passphrase; a wrong one is refused and nothing changes") { encryptedBackup() }
    suite.test("the core checks a new passphrase and refuses a backup with a weak one") { passphraseRules() }
    suite.test("reviews are recorded, the interval is chosen, and both survive reopening") { reviews() }
}

/** Two weeks of amitriptyline 25 mg with doses taken, one skipped, and a check-in. */
private fun history(app: Eventide) {
    val med = app.addMedication(amitriptyline(), utc("2026-11-09T12:00"))
    app.maintain(med.id, 25.0, "2026-11-10", listOf(), utc("2026-11-09T12:00"))
    app.take(med.id, "2026-11-10", null, utc("2026-11-10T21:05"))
    app.take(med.id, "2026-11-11", null, utc("2026-11-11T21:10"))
    app.skip(med.id, "2026-11-12", null, utc("2026-11-12T21:00"))
    app.take(med.id, "2026-11-13", null, utc("2026-11-13T23:40"))
}

private val NOW = utc("2026-11-20T14:00")

private fun reports() {
    val app = Eventide(freshDb("report"), LONDON)
    history(app)
    checkEq(listOf(ReportFormat.HTML, ReportFormat.CSV, ReportFormat.FHIR, ReportFormat.PLAN), reportFormats(), "formats on the share screen")

    val html = String(app.exportReport(ReportFormat.HTML, null, null, "Sam Patient", NOW), Charsets.UTF_8)
    check(html.contains("<html") && html.contains("Amitriptyline")) { "the page names the medicine" }
    check(html.contains("Sam Patient")) { "the name typed for this export is printed" }

    val csv = String(app.exportReport(ReportFormat.CSV, "2026-11-10", "2026-11-13", null, NOW), Charsets.UTF_8)
    val lines = csv.split("\r\n").filter { it.isNotEmpty() }
    check(lines.first().startsWith("timestamp,event,date,medication")) { "a header row first: ${lines.first()}" }
    check(lines.drop(1).any { it.contains("Amitriptyline") && it.contains("2026-11-12") }) { "the skipped night is a row" }

    val fhir = Json.parse(String(app.exportReport(ReportFormat.FHIR, null, null, null, NOW), Charsets.UTF_8))
    check(fhir is Map<*, *>) { "FHIR is a JSON object" }
    checkEq("Bundle", (fhir as Map<*, *>)["resourceType"], "FHIR resourceType")
    check((fhir["entry"] as? List<*>)?.isNotEmpty() == true) { "the bundle has entries" }

    val file = app.exportReportFile(ReportFormat.FHIR, null, null, null, NOW)
    checkEq("eventide-report-2026-11-20.json", file.fileName, "file name for the share sheet")
    checkEq("application/fhir+json", file.mimeType, "FHIR mime type")
    checkEq(reportMimeType(ReportFormat.CSV).substringBefore(';'), "text/csv", "CSV mime type")
    checkEq("html", reportFileExtension(ReportFormat.HTML), "HTML extension")

    val out = File(File(freshDb("x")).parentFile, "report.csv")
    app.writeReport(ReportFormat.CSV, "2026-11-10", "2026-11-13", null, out.path, NOW)
    checkEq(csv, out.readText(), "the written file holds the same report")

    val bad = expectThrows<EventideException.InvalidInput>("a report from a non-date") {
        app.exportReport(ReportFormat.HTML, "last week", null, null, NOW)
    }
    checkEq("from", bad.field, "the field named")
    app.close()
}

private fun backupRoundTrip() {
    val phone = Eventide(freshDb("old-phone"), LONDON)
    history(phone)
    phone.checkIn(app.eventide.core.CheckInAnswer(app.eventide.core.Feeling.GROGGY, 3.toUByte(), listOf(), "slow start"), "2026-11-14", utc("2026-11-14T08:00"))
    val bytes = phone.backupBytes(null, NOW)
    val info = phone.inspectBackup(bytes, null)
    check(!info.encrypted) { "a backup made without a passphrase is plain" }
    checkEq(BackupProtection.PLAIN, phone.backupProtection(bytes), "protection of a plain backup")
    checkEq(bytes.size.toULong(), info.bytes, "inspect reports the file size")
    check(info.tables.any { it.table == "medications" && it.rows == 1UL }) { "one medicine in the backup: ${info.tables}" }
    checkEq("2026-11-20", info.exportedAt.localDate, "made today")
    checkEq("eventide-2026-11-20.eventide-backup", phone.backupFileName(false, NOW), "backup file name")

    val newPhone = Eventide(freshDb("new-phone"), LONDON)
    val outcome = newPhone.restoreBackupBytes(bytes, null, false, NOW)
    checkEq(null, outcome.savedAside, "nothing to save aside in an empty database")
    checkEq(info.sha256, outcome.backup.sha256, "the same backup was restored")
    val later = utc("2026-11-20T21:10")
    checkEq(phone.today(later), newPhone.today(later), "today after restore")
    checkEq(phone.doseLog("2026-11-01", "2026-11-20"), newPhone.doseLog("2026-11-01", "2026-11-20"), "dose log after restore")
    checkEq(phone.checkins("2026-11-01", "2026-11-20"), newPhone.checkins("2026-11-01", "2026-11-20"), "check-ins after restore")

    val file = File(File(freshDb("y")).parentFile, "phone.eventide-backup")
    val written = phone.writeBackup(file.path, null, NOW)
    checkEq(written.bytes, file.length().toULong(), "the written backup's size")
    checkEq(written.sha256, phone.inspectBackup(file.readBytes(), null).sha256, "the written backup reads back")
    phone.close()
    newPhone.close()
}

private fun truncatedBackup() {
    val source = Eventide(freshDb("source"), LONDON)
    history(source)
    val bytes = source.backupBytes(null, NOW)
    val target = Eventide(freshDb("target"), LONDON)
    target.addMedication(amitriptyline().copy(name = "Pregabalin"), NOW)
    val before = target.today(NOW)
    val cut = bytes.copyOf(bytes.size / 2)
    val e = expectThrows<EventideException.InvalidBackup>("restoring half a backup") {
        target.restoreBackupBytes(cut, null, true, NOW)
    }
    checkEq(BackupProblem.TRUNCATED, e.problem, "the check that failed")
    check(e.toString().contains("Nothing was changed")) { "the user is told nothing changed: $e" }
    expectThrows<EventideException.InvalidBackup>("inspecting half a backup") { target.inspectBackup(cut, null) }
    checkEq(before, target.today(NOW), "today is unchanged")
    checkEq(listOf("Pregabalin"), target.medications().map { it.name }, "the medicines are unchanged")
    source.close()
    target.close()
}

private const val WORDS = "lemon piano river gravel"

private fun encryptedBackup() {
    val phone = Eventide(freshDb("encrypting-phone"), LONDON)
    history(phone)
    val bytes = phone.backupBytes(WORDS, NOW)
    check(String(bytes.copyOf(22), Charsets.US_ASCII) == "age-encryption.org/v1\n") { "a standard age file" }
    check(!String(bytes, Charsets.ISO_8859_1).contains("Amitriptyline")) { "the medicine's name is not readable in the file" }
    checkEq("eventide-2026-11-20.eventide-backup.age", phone.backupFileName(true, NOW), "encrypted file name")

    // The picker: encrypted or not, before any passphrase is asked for.
    val newPhone = Eventide(freshDb("encrypted-new-phone"), LONDON)
    checkEq(BackupProtection.PASSPHRASE, newPhone.backupProtection(bytes), "protection of an encrypted backup")
    val needed = expectThrows<EventideException.InvalidBackup>("inspecting without the passphrase") { newPhone.inspectBackup(bytes, null) }
    checkEq(BackupProblem.PASSPHRASE_NEEDED, needed.problem, "the passphrase is asked for")
    val info = newPhone.inspectBackup(bytes, WORDS)
    check(info.encrypted) { "inspect says it is encrypted" }
    checkEq(bytes.size.toULong(), info.bytes, "the encrypted file's size")
    check(info.tables.any { it.table == "dose_events" && it.rows == 4UL }) { "four dose records inside: ${info.tables}" }

    val outcome = newPhone.restoreBackupBytes(bytes, WORDS, false, NOW)
    check(outcome.backup.encrypted) { "the restored backup was the encrypted one" }
    val later = utc("2026-11-20T21:10")
    checkEq(phone.today(later), newPhone.today(later), "today after an encrypted restore")
    checkEq(phone.doseLog("2026-11-01", "2026-11-20"), newPhone.doseLog("2026-11-01", "2026-11-20"), "dose log after an encrypted restore")

    // A wrong passphrase on a phone with its own data: refused, nothing changed, even with replace.
    val target = Eventide(freshDb("encrypted-target"), LONDON)
    target.addMedication(amitriptyline().copy(name = "Pregabalin"), NOW)
    val before = target.today(NOW)
    val wrong = expectThrows<EventideException.InvalidBackup>("a wrong passphrase") {
        target.restoreBackupBytes(bytes, "lemon piano river", true, NOW)
    }
    checkEq(BackupProblem.WRONG_PASSPHRASE, wrong.problem, "the check that failed")
    check(wrong.toString().contains("Nothing was changed")) { "the user is told nothing changed: $wrong" }
    check(!wrong.toString().contains("lemon")) { "the passphrase is not in the message: $wrong" }
    checkEq(before, target.today(NOW), "today is unchanged")
    checkEq(listOf("Pregabalin"), target.medications().map { it.name }, "the medicines are unchanged")

    // An encrypted file cut short is refused too.
    val cut = expectThrows<EventideException.InvalidBackup>("half an encrypted backup") {
        target.restoreBackupBytes(bytes.copyOf(bytes.size / 2), WORDS, true, NOW)
    }
    check(cut.problem == BackupProblem.TRUNCATED || cut.problem == BackupProblem.CHECKSUM_MISMATCH) { "cut: ${cut.problem}" }
    checkEq(listOf("Pregabalin"), target.medications().map { it.name }, "still unchanged")

    // Written to a file, read back from the path.
    val file = File(File(freshDb("z")).parentFile, "phone.eventide-backup.age")
    val written = phone.writeBackup(file.path, WORDS, NOW)
    check(written.encrypted) { "the written backup is encrypted" }
    val third = Eventide(freshDb("third-phone"), LONDON)
    checkEq(written.sha256, third.restoreBackup(file.path, WORDS, false, NOW).backup.sha256, "the file restores")
    phone.close(); newPhone.close(); target.close(); third.close()
}

private fun passphraseRules() {
    checkEq(12u, minPassphraseChars(), "the minimum length")
    val short = checkPassphrase("tulip7")
    check(!short.acceptable && short.strength == PassphraseStrength.TOO_SHORT) { "too short: $short" }
    check(short.hint.contains("12")) { "the hint names the minimum: ${short.hint}" }
    check(short.note.isNotBlank()) { "the note says the passphrase cannot be recovered" }
    val strong = checkPassphrase(WORDS)
    check(strong.acceptable && strong.strength == PassphraseStrength.STRONG) { "four words: $strong" }
    checkEq("Strong", strong.label, "the label")
    val app = Eventide(freshDb("weak"), LONDON)
    history(app)
    val e = expectThrows<EventideException.InvalidInput>("a backup with a short passphrase") { app.backupBytes("tulip7", NOW) }
    checkEq("passphrase", e.field, "the field named")
    app.close()
}

private fun reviews() {
    val path = freshDb("reviews")
    val app = Eventide(path, LONDON)
    history(app)
    checkEq(listOf(3u, 6u), reviewIntervalChoices(), "the intervals offered")
    checkEq(6u, app.reviewStatus().intervalMonths, "six months until chosen")
    val three = app.setReviewInterval(3u)
    checkEq(3u, three.intervalMonths, "the chosen interval")
    val e = expectThrows<EventideException.InvalidInput>("a four-month interval") { app.setReviewInterval(4u) }
    checkEq("months", e.field, "the field named")
    val r = app.recordReview("2026-11-18", "  kept at 25 mg  ", NOW)
    checkEq("2026-11-18", r.on, "the review's day")
    checkEq("kept at 25 mg", r.note, "the note, trimmed")
    expectThrows<EventideException.InvalidInput>("a review that has not happened yet") { app.recordReview("2026-12-01", null, NOW) }
    app.close()

    val reopened = Eventide(path, LONDON)
    val status = reopened.reviewStatus()
    checkEq(3u, status.intervalMonths, "the interval survives reopening")
    checkEq("2026-11-18", status.lastReview, "the last review")
    checkEq("2027-02-18", status.dueOn, "the next review is due three months on")
    checkEq(listOf(r), reopened.reviews(), "the one review recorded")
    reopened.close()
}

/** A small strict JSON reader (objects, arrays, strings, numbers, true/false/null) for checking FHIR. */
object Json {
    fun parse(text: String): Any? {
        val p = Parser(text)
        val v = p.value()
        p.ws()
        check(p.i == text.length) { "trailing text at ${p.i}" }
        return v
    }

    private class Parser(val s: String) {
        var i = 0
        fun ws() { while (i < s.length && s[i] in " \t\r\n") i++ }
        fun value(): Any? {
            ws()
            check(i < s.length) { "JSON ends early" }
            return when (s[i]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> str()
                't' -> lit("true", true)
                'f' -> lit("false", false)
                'n' -> lit("null", null)
                else -> num()
            }
        }
        fun lit(word: String, v: Any?): Any? {
            check(s.startsWith(word, i)) { "bad literal at $i" }
            i += word.length
            return v
        }
        fun num(): Double {
            val start = i
            while (i < s.length && (s[i].isDigit() || s[i] in "+-.eE")) i++
            return s.substring(start, i).toDoubleOrNull() ?: throw AssertionError("bad number at $start")
        }
        fun str(): String {
            i++
            val b = StringBuilder()
            while (true) {
                check(i < s.length) { "unterminated string" }
                val c = s[i++]
                when {
                    c == '"' -> return b.toString()
                    c == '\\' -> {
                        val e = s[i++]
                        when (e) {
                            'n' -> b.append('\n'); 't' -> b.append('\t'); 'r' -> b.append('\r')
                            'b' -> b.append('\b'); 'f' -> b.append('\u000c')
                            'u' -> { b.append(s.substring(i, i + 4).toInt(16).toChar()); i += 4 }
                            '"', '\\', '/' -> b.append(e)
                            else -> throw AssertionError("bad escape at $i")
                        }
                    }
                    c < ' ' -> throw AssertionError("control character in string at $i")
                    else -> b.append(c)
                }
            }
        }
        fun arr(): List<Any?> {
            i++
            val out = mutableListOf<Any?>()
            ws()
            if (s[i] == ']') { i++; return out }
            while (true) {
                out += value()
                ws()
                when (s[i++]) { ',' -> continue; ']' -> return out; else -> throw AssertionError("bad array at $i") }
            }
        }
        fun obj(): Map<String, Any?> {
            i++
            val out = linkedMapOf<String, Any?>()
            ws()
            if (s[i] == '}') { i++; return out }
            while (true) {
                ws()
                check(s[i] == '"') { "key expected at $i" }
                val k = str()
                ws()
                check(s[i++] == ':') { "colon expected at $i" }
                out[k] = value()
                ws()
                when (s[i++]) { ',' -> continue; '}' -> return out; else -> throw AssertionError("bad object at $i") }
            }
        }
    }
}
