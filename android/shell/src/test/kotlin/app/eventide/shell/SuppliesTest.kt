package app.eventide.shell

import app.eventide.core.EventideException
import app.eventide.core.NotificationKind
import app.eventide.core.ReportFormat
import app.eventide.core.StockForm
import java.util.Locale
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

private val uk = Dates(Locale.UK)

val suppliesTests: List<Test> = listOf(
    "supplies: before a count the section asks for one and offers a box per strength" to {
        fixture {
            amitriptyline(25.0)
            val s = SupplyMapper(uk).map(core.today(now).supplies.single())
            assertFalse(s.tracked)
            assertTrue(s.status.startsWith("No stock recorded for Amitriptyline"), s.status)
            assertNull(s.held)
            assertEquals(listOf("10 mg tablets" to StockForm.TABLETS, "25 mg tablets" to StockForm.TABLETS), s.boxes.map { it.label to it.form })
            assertEquals("tablets", s.boxes.first().unit)
        }
    },
    "supplies: a count through the form shows what is held, when it runs out and what to ask for" to {
        fixture {
            val med = amitriptyline(25.0)
            val mapper = SupplyMapper(uk)
            val boxes = mapper.map(core.today(now).supplies.single()).boxes
            val form = SupplyForm(boxes.map { if (it.strengthMg == 25.0) it.copy(amount = "10", packSize = "28") else it })
            assertEquals(1, form.lines().size, "empty boxes are left out")
            controller.change { core.setStock(med.id, form.lines(), it) }
            val s = mapper.map(core.today(now).supplies.single())
            assertTrue(s.tracked)
            assertEquals("0 × 10 mg tablets, 10 × 25 mg tablets", s.held)
            assertEquals("Enough until Fri 4 Dec; runs out on Sat 5 Dec.", s.status)
            assertEquals("Runs out on Sat 5 Dec", s.runsOut)
            assertEquals("Refill reminder on Sat 28 Nov", s.refill)
            assertEquals("To last until Tue 22 Dec, ask for 28 × 25 mg tablets (1 pack of 28).", s.askFor)
            assertEquals("28", s.boxes.first { it.strengthMg == 25.0 }.packSize, "the pack size given is offered again")
            assertTrue(s.rows.any { it.spoken == "25 mg tablets: 10 tablets held, 28 tablets needed, ask for 28 × 25 mg tablets (1 pack of 28)" }, s.rows.toString())
        }
    },
    "supplies: the refill reminder is scheduled, opens Plan, and goes (pending and shown) when a prescription is collected" to {
        fixture {
            val med = amitriptyline(25.0)
            controller.change { core.setStock(med.id, SupplyForm(listOf(StockBox(StockForm.TABLETS, 25.0, "25 mg tablets", amount = "10"))).lines(), it) }
            val refill = desired().single { it.kind == NotificationKind.REFILL }
            assertTrue(refill.id in alarms.pending, "reconciled into the alarms")
            assertEquals(Screen.PLAN, screenFor(refill.id), "the core says a refill reminder opens Plan")
            alarms.shade += refill.id // posted on the day
            val collected = SupplyForm(listOf(StockBox(StockForm.TABLETS, 25.0, "25 mg tablets", amount = "28", packSize = "28")))
            controller.change { core.addSupply(med.id, collected.lines(), it) }
            assertFalse(refill.id in alarms.pending, "cancelled once the date moved on")
            assertFalse(refill.id in alarms.shade, "the core's plan withdrew the one on screen")
            assertEquals(emptyList(), sync.toShow(listOf(refill.id), now), "and a late alarm for it shows nothing")
        }
    },
    "supplies: a word in a box is refused by the core, naming the box, and nothing is written" to {
        fixture {
            val med = amitriptyline(25.0)
            val form = SupplyForm(listOf(StockBox(StockForm.TABLETS, 10.0, "10 mg tablets", amount = "lots")))
            val e = assertFailsWith<EventideException.InvalidInput> { core.addSupply(med.id, form.lines(), now) }
            assertEquals("tablets", e.field)
            assertTrue(core.stockHistory(null).isEmpty())
        }
    },
    "supplies: the plan calendar is offered on the Share screen, printed to a PDF of its own name" to {
        fixture {
            amitriptyline(25.0)
            val calendar = shareChoices().single { it.format == ReportFormat.PLAN }
            val file = Sharing(controller, { now }).report(calendar)
            assertEquals("eventide-plan-2026-11-25.pdf", file.fileName)
            assertEquals("eventide-plan-2026-11-25.html", file.pageName, "the page printed to it")
            assertTrue(file.printToPdf)
            assertTrue(String(file.bytes, Charsets.UTF_8).contains("Plan calendar: Amitriptyline"))
        }
    },
)
