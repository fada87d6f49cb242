package app.eventide.shell

import app.eventide.core.EventideException
import app.eventide.core.PassphraseStrength
import app.eventide.core.ReportFormat
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

private const val WORDS = "lemon piano river gravel"

val sharingTests: List<Test> = listOf(
    "share: every choice gives a named file of the right type; PDF prints the HTML page" to {
        fixture {
            amitriptyline()
            val sharing = Sharing(controller, { now })
            val choices = shareChoices()
            val page = sharing.report(choices.first { it.format == ReportFormat.HTML && !it.printToPdf }, patientName = "Sam")
            assertEquals("eventide-report-2026-11-25.html", page.fileName)
            assertTrue(page.mimeType.startsWith("text/html"))
            assertTrue(String(page.bytes).contains("Amitriptyline"))
            assertTrue(String(page.bytes).contains("Sam"), "the name typed is printed on the report")
            val pdf = sharing.report(choices.first { it.format == ReportFormat.HTML && it.printToPdf })
            assertTrue(pdf.printToPdf)
            assertEquals("eventide-report-2026-11-25.pdf", pdf.fileName, "the core's PDF name")
            assertEquals("eventide-report-2026-11-25.html", pdf.pageName)
            val csv = sharing.report(choices.single { it.format == ReportFormat.CSV })
            assertTrue(String(csv.bytes).startsWith("timestamp,"))
            assertEquals("eventide-report-2026-11-25.csv", csv.fileName)
            val fhir = sharing.report(choices.single { it.format == ReportFormat.FHIR })
            assertEquals(listOf(ReportFormat.HTML, ReportFormat.HTML, ReportFormat.CSV, ReportFormat.FHIR, ReportFormat.PLAN), choices.map { it.format }, "the core's order")
            assertTrue(String(fhir.bytes).contains("\"resourceType\""))
            assertEquals("application/fhir+json", fhir.mimeType)
        }
    },
    "backup and restore: the new phone gets the plan and its reminders" to {
        val bytes = fixture {
            amitriptyline()
            Sharing(controller, { now }).backup(passphrase = null).also {
                assertEquals("eventide-2026-11-25.eventide-backup", it.fileName)
            }.bytes
        }
        fixture {
            val sharing = Sharing(controller, { now })
            val info = sharing.inspect(bytes)
            assertEquals("Backup of Wed 25 Nov 2026 at 14:00: 1 medicine, 0 dose records, 0 check-ins.", sharing.describe(info))
            assertEquals(info.summary, sharing.describe(info), "the core's sentence, not one built from table names")
            val picked = assertIs<PickedBackup.Ready>(sharing.pick(bytes), "a plain file needs no passphrase")
            assertEquals(sharing.describe(info), picked.description)
            assertTrue(alarms.pending.isEmpty())
            assertNull(sharing.restore(bytes, replace = false))
            assertEquals(listOf("Amitriptyline"), core.medications().map { it.name })
            assertTrue(alarms.pending.keys.any { it.startsWith("dose:") }, "reminders follow the restored plan")
        }
    },
    "a damaged backup is refused with the core's sentence and nothing changes" to {
        fixture {
            amitriptyline()
            val sharing = Sharing(controller, { now })
            val bytes = sharing.backup(passphrase = null).bytes
            val problem = assertNotNull(sharing.restore(bytes.copyOf(bytes.size - 10), replace = true))
            assertTrue(problem.truncatedOrDamaged)
            assertTrue(problem.message.contains("Nothing was changed"), problem.message)
            assertFailsWith<EventideException.InvalidBackup> { sharing.inspect("hello".toByteArray()) }
            assertEquals(1, core.medications().size)
        }
    },
    "an encrypted backup: named .age, the passphrase asked for on restore, asked again after a wrong one" to {
        val file = fixture {
            amitriptyline()
            Sharing(controller, { now }).backup(WORDS).also {
                assertEquals("eventide-2026-11-25.eventide-backup.age", it.fileName)
            }
        }
        fixture {
            val sharing = Sharing(controller, { now })
            val asked = assertIs<PickedBackup.NeedsPassphrase>(sharing.pick(file.bytes))
            assertNull(asked.problem)
            val again = assertIs<PickedBackup.NeedsPassphrase>(sharing.unlock(asked, "lemon piano river"))
            assertTrue(again.problem!!.contains("passphrase is not the one"), again.problem)
            assertTrue(core.medications().isEmpty(), "nothing restored by a wrong passphrase")
            val ready = assertIs<PickedBackup.Ready>(sharing.unlock(again, WORDS))
            assertTrue(ready.encrypted)
            assertEquals("Backup of Wed 25 Nov 2026 at 14:00: 1 medicine, 0 dose records, 0 check-ins.", ready.description)
            assertNull(sharing.restore(ready.bytes, replace = false, passphrase = ready.passphrase))
            assertEquals(listOf("Amitriptyline"), core.medications().map { it.name })
            assertTrue(alarms.pending.keys.any { it.startsWith("dose:") }, "reminders follow the restored plan")
        }
    },
    "a wrong passphrase at restore is a problem to ask again about, and nothing changes" to {
        val bytes = fixture { amitriptyline(); Sharing(controller, { now }).backup(WORDS).bytes }
        fixture {
            amitriptyline(doseMg = 10.0)
            val sharing = Sharing(controller, { now })
            val before = core.today(now)
            val problem = assertNotNull(sharing.restore(bytes, replace = true, passphrase = "not the right one"))
            assertTrue(problem.wrongPassphrase && !problem.truncatedOrDamaged, problem.toString())
            assertTrue(problem.message.contains("Nothing was changed"), problem.message)
            assertEquals(before, core.today(now))
        }
    },
    "the passphrase field's words come from the core; a short one is refused" to {
        fixture {
            amitriptyline()
            val sharing = Sharing(controller, { now })
            val short = sharing.passphraseCheck("tulip7")
            assertEquals(PassphraseStrength.TOO_SHORT, short.strength)
            assertTrue(!short.acceptable && short.hint.contains("at least 12"), short.hint)
            assertEquals("Strong", sharing.passphraseCheck(WORDS).label)
            assertEquals(short.note, Sharing.passphraseHelper(sharing.passphraseCheck(""), ""))
            assertTrue(Sharing.passphraseHelper(short, "tulip7").startsWith("Too short. Use at least 12 characters"))
            val e = assertFailsWith<EventideException.InvalidInput> { sharing.backup("tulip7") }
            assertEquals("passphrase", e.field)
        }
    },
    "settings: the review interval and a recorded review move the due date" to {
        fixture {
            amitriptyline()
            val sharing = Sharing(controller, { now })
            assertEquals(listOf(3, 6), sharing.reviewState().choices)
            val three = sharing.setReviewInterval(3)
            assertEquals(3, three.intervalMonths)
            val after = sharing.recordReview("2026-11-20", "all fine")
            assertEquals("2026-11-20", after.lastReview)
            assertEquals("2027-02-20", after.dueOn)
            assertEquals("Next review due Sat 20 Feb 2027 (every 3 months).", after.summary, "the core's line")
            assertFailsWith<EventideException.InvalidInput> { sharing.setReviewInterval(4) }
        }
    },
)
