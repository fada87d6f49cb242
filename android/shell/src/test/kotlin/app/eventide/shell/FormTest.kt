package app.eventide.shell

import app.eventide.core.EventideException
import app.eventide.core.Ingredient
import app.eventide.core.NotificationKind
import app.eventide.core.Slot
import app.eventide.core.Timing
import app.eventide.core.formChoices
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

val formTests: List<Test> = listOf(
    "add a medicine: an evening medicine from typed strengths is reminded before bedtime" to {
        fixture {
            val med = core.addMedication(MedicineForm(name = " Amitriptyline ", ingredient = Ingredient.AMITRIPTYLINE, tablets = "10, 25 mg").toNewMedication(), now)
            assertEquals("Amitriptyline", med.name)
            assertEquals(listOf(10.0, 25.0), med.tabletMg)
            assertEquals(Slot.Evening(90u), med.slot)
        }
    },
    "add a medicine: three times a day gives three dose reminders a day" to {
        fixture {
            val form = MedicineForm(name = "Gabapentin", ingredient = Ingredient.GABAPENTIN, tablets = "100 300", timing = Timing.TIMES, times = "08:00, 14:00 22:00")
            val med = core.addMedication(form.toNewMedication(), now)
            assertEquals(Slot.Times(listOf("08:00", "14:00", "22:00")), med.slot)
            core.maintain(med.id, 300.0, null, emptyList(), now)
            val tomorrow = desired().filter { it.kind == NotificationKind.DOSE && it.date == "2026-11-26" }
            assertEquals(listOf("08:00", "14:00", "22:00"), tomorrow.map { it.fireAt.localTime })
        }
    },
    "add a medicine: '12,5', '8 pm' and a missing lead are refused naming the box, and nothing is added" to {
        fixture {
            val ambiguous = assertFailsWith<EventideException.InvalidInput> { MedicineForm(name = "A", tablets = "12,5").toNewMedication() }
            assertEquals("tablet", ambiguous.field)
            assertTrue(ambiguous.reason.contains("12.5"), ambiguous.reason)
            val time = assertFailsWith<EventideException.InvalidInput> {
                MedicineForm(name = "G", tablets = "100", timing = Timing.TIMES, times = "08:00, 8 pm").toNewMedication()
            }
            assertEquals("times", time.field)
            val lead = assertFailsWith<EventideException.InvalidInput> {
                core.addMedication(MedicineForm(name = "A", ingredient = Ingredient.OTHER, tablets = "10", leadMinutes = "soon").toNewMedication(), now)
            }
            assertEquals("lead", lead.field)
            assertTrue(core.medications().isEmpty(), "nothing added")
        }
    },
    "add a medicine: the form starts from the core's lead, times and timings, in the core's words" to {
        val choices = formChoices()
        val blank = MedicineForm()
        assertEquals(choices.defaultLeadMinutes.toString(), blank.leadMinutes)
        assertEquals(choices.morningTime, blank.morningTime)
        assertEquals(choices.times, blank.times)
        assertEquals(choices.timings, MedicineForm.timingOptions())
        assertEquals(listOf(Timing.EVENING, Timing.MORNING, Timing.TIMES), MedicineForm.timingOptions().map { it.timing })
        assertEquals(choices.leads, MedicineForm.leadOptions())
        assertTrue(choices.leads.any { it.minutes == choices.defaultLeadMinutes })
        assertEquals(choices.holdNights.default.toString(), Forms.holdNights())
        assertEquals("", Forms.prescribersNumber(choices.everyNights.default), "a plan's numbers are the prescriber's")
    },
    "add a medicine: the ingredient is offered from the name, never assumed" to {
        fixture {
            val form = MedicineForm(name = "Elavil", tablets = "10")
            assertEquals(Ingredient.AMITRIPTYLINE, form.suggestedIngredient())
            assertEquals(null, MedicineForm(name = "Night pill").suggestedIngredient())
            val unchosen = assertFailsWith<EventideException.InvalidInput> { core.addMedication(form.toNewMedication(), now) }
            assertEquals("ingredient", unchosen.field)
            assertTrue(unchosen.reason.contains("amitriptyline"), unchosen.reason)
            assertTrue(core.medications().isEmpty(), "nothing added")
            val med = core.addMedication(form.copy(ingredient = form.suggestedIngredient()).toNewMedication(), now)
            assertEquals(Ingredient.AMITRIPTYLINE, med.ingredient)
        }
    },
    "add a medicine: the picker preselects what the name suggests until the user picks" to {
        fixture {
            val options = MedicineForm.ingredientOptions()
            assertEquals(Ingredient.OTHER, options.last().ingredient, "\"Something else\" last")
            assertEquals("Something else", options.last().label)
            var form = MedicineForm().named("Ela").named("Elavil")
            assertEquals(Ingredient.AMITRIPTYLINE, form.ingredient, "preselected from the brand name")
            form = form.named("Lyrica")
            assertEquals(Ingredient.PREGABALIN, form.ingredient, "follows the name while not picked")
            form = form.choose(Ingredient.OTHER).named("Lyrica 75")
            assertEquals(Ingredient.OTHER, form.ingredient, "the user's pick stays")
            val med = core.addMedication(form.copy(tablets = "75").toNewMedication(), now)
            assertEquals(Ingredient.OTHER, med.ingredient)
        }
    },
)
