package app.eventide.shell

import app.eventide.core.CheckInAnswer
import app.eventide.core.EventideException
import app.eventide.core.Feeling
import app.eventide.core.Ingredient
import app.eventide.core.NewMedication
import app.eventide.core.Slot
import app.eventide.core.StepUpAction
import app.eventide.core.Symptom
import app.eventide.core.TaperMethod
import app.eventide.core.Weekday
import app.eventide.core.NotificationAction
import app.eventide.core.Platform
import app.eventide.core.checkinChoices
import app.eventide.core.formChoices
import app.eventide.core.privacyTexts
import java.time.Instant
import java.time.LocalDate
import java.util.Locale
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

private val uk = Dates(Locale.UK)

val screenTests: List<Test> = listOf(
    "tonight: the dose, what to take, the reminder time and the buttons, all from the core" to {
        fixture {
            amitriptyline(35.0)
            val mapper = TonightMapper(uk)
            val today = core.today(now)
            val upcoming = mapper.map(today)
            assertEquals("Tonight · Wed 25 Nov", upcoming.heading)
            assertEquals("Last night · Wed 25 Nov", mapper.map(core.today(Instant.parse("2026-11-26T01:30:00Z"))).heading, "the core's label after midnight")
            val row = upcoming.doses.single()
            val card = today.doses.single()
            assertEquals("Amitriptyline 35 mg", row.title)
            assertEquals("1 × 25 mg + 1 × 10 mg", row.take)
            assertEquals(card.reminderText, row.reminder, "the core's reminder line")
            assertEquals(card.statusText, row.status, "the core's status line")
            assertEquals(card.buttons, row.buttons, "the core's buttons, as they are")
            assertEquals(listOf(NotificationAction.TAKEN, NotificationAction.SKIP), row.buttons.map { it.action })
            assertTrue(row.spoken.startsWith("Amitriptyline 35 mg, evening. Take 1 × 25 mg + 1 × 10 mg. ${card.reminderText}."), row.spoken)
            assertNotNull(upcoming.checkin, "this morning's check-in is asked")
            assertTrue(upcoming.nextReminder!!.startsWith("Next reminder: Wed 25 Nov 21:00"), upcoming.nextReminder)
        }
    },
    "tonight: each button goes through handleAction with the card's key, as the notification's does" to {
        fixture {
            amitriptyline(35.0)
            val mapper = TonightMapper(uk)
            now = Instant.parse("2026-11-25T21:05:00Z")
            val due = mapper.map(core.today(now)).doses.single()
            assertEquals(listOf(NotificationAction.TAKEN, NotificationAction.SNOOZE, NotificationAction.SKIP), due.buttons.map { it.action })
            val snooze = due.buttons.single { it.action == NotificationAction.SNOOZE }
            assertTrue(snooze.enabled && !snooze.primary && due.buttons.first().primary)
            // The snooze moves the reminder by the core's own default: the label says how long.
            val message = controller.change { pressCard(core, due.key, snooze.action, it) }
            val snoozed = mapper.map(core.today(now)).doses.single()
            assertTrue(message.contains(snoozed.status.removePrefix("Snoozed until ")), "$message / ${snoozed.status}")
            val minutes = snooze.label.filter { it.isDigit() }.toLong()
            assertEquals("Snoozed until " + java.time.LocalTime.of(21, 5).plusMinutes(minutes), snoozed.status)
            val taken = snoozed.buttons.single { it.action == NotificationAction.TAKEN }
            controller.change { pressCard(core, snoozed.key, taken.action, it) }
            val after = mapper.map(core.today(now)).doses.single()
            assertEquals("Taken at 21:05", after.status)
            assertEquals(emptyList(), after.buttons, "nothing to offer once taken")
            assertFailsWith<EventideException.Conflict> { pressCard(core, after.key, NotificationAction.SKIP, now) }
        }
    },
    "tonight: a dose past its latest time shows the guidance and no buttons" to {
        fixture {
            amitriptyline(25.0)
            now = Instant.parse("2026-11-26T01:30:00Z") // bedtime 23:00, latest time 01:00
            val row = TonightMapper(uk).map(core.today(now)).doses.single()
            assertEquals("Missed", row.status)
            assertEquals(emptyList(), row.buttons, "the core would refuse Taken now")
            assertNotNull(row.guidance)
            assertFailsWith<EventideException.Conflict> { pressCard(core, row.key, NotificationAction.TAKEN, now) }
        }
    },
    "plan: a titration's timeline, the current step, and the step-up choice with nothing chosen" to {
        fixture(start = "2026-11-04T14:00:00Z") {
            core.setBedtime("23:00", emptyList())
            val med = core.addMedication(NewMedication("Amitriptyline", Ingredient.AMITRIPTYLINE, listOf(10.0, 25.0), false, emptyList(), Slot.Evening(120.toUShort())), now)
            core.titrate(med.id, 10.0, 10.0, 7u, 50.0, null, emptyList(), now)
            now = Instant.parse("2026-11-25T14:00:00Z") // three weeks in
            val view = core.planView(med.id, now)
            val state = PlanMapper().map(view)
            assertEquals("Amitriptyline: ${view.currentDoseText}", state.heading)
            assertEquals(view.steps.size, state.steps.size)
            assertEquals(1, state.steps.count { it.current })
            assertTrue(state.steps.single { it.current }.label.endsWith("(now)"))
            assertTrue(state.canHold, "a titration still changing can be held")
            assertTrue(view.awaitingConfirmation, "three weeks in with no confirmation, the step-up is due")
            val prompt = state.stepUp!!
            assertEquals(listOf(StepUpAction.STEP_UP_AS_PLANNED, StepUpAction.STAY_AND_ASK), prompt.buttons.map { it.action })
            assertEquals(listOf("Step up as planned", "Stay on this dose and ask my prescriber"), prompt.buttons.map { it.label })
            assertNull(prompt.preselected, "neither choice is made for the user")
            assertEquals(view.nextChange!!.text, state.nextChange, "the core's own line")
            val stayed = PlanMapper().map(controller.change { core.stayOnDose(med.id, it) })
            assertEquals(state.heading, stayed.heading, "staying keeps the dose")
            assertTrue(stayed.status.contains("chose"), stayed.status)
            val confirmed = PlanMapper().map(controller.change { core.confirmTolerable(med.id, it) })
            assertNull(confirmed.stepUp, "once stepped up, nothing waits")
            assertTrue(state.steps.first().spoken.startsWith("Step 1"), state.steps.first().spoken)
        }
    },
    "plan: a taper is previewed with its cuts, end and other forms, and saved once its warnings are confirmed" to {
        fixture(start = "2026-06-01T12:00:00Z") {
            core.setBedtime("23:00", emptyList())
            val med = core.addMedication(NewMedication("Amitriptyline", Ingredient.AMITRIPTYLINE, listOf(10.0, 25.0), false, emptyList(), Slot.Evening(120.toUShort())), now)
            val method = TaperMethod.Proportional(10u)
            val preview = PlanMapper().preview(controller.read { core.previewTaper(med.id, method, 14u, 50.0, it) })
            assertEquals(2, preview.warnings.size, "out of reach, and steps that cut more")
            val steps = preview.plan.steps
            assertEquals("−5 mg (−10%)", steps[1].change)
            assertEquals(listOf(5, 6, 7, 8), steps.filter { it.marked }.map { it.label.removePrefix("Step ").substringBefore(' ').toInt() })
            assertTrue(steps[1].spoken.contains("45 mg, −5 mg (−10%)"), steps[1].spoken)
            assertEquals("Ends on Mon 21 Sep 2026: 16 weeks (about 4 months) in all.", preview.plan.endLine)
            assertNotNull(preview.plan.roundingNote)
            assertEquals(listOf("With 10 mg/5 ml oral solution as well", "Splitting tablets in half"), preview.plan.otherForms.map { it.label })
            assertTrue(preview.plan.otherForms[0].steps.none { it.marked })
            assertFailsWith<EventideException.NeedsConfirmation> { controller.change { core.taper(med.id, method, 14u, 50.0, emptyList(), it) } }
            val saved = PlanMapper().map(controller.change { core.taper(med.id, method, 14u, 50.0, preview.warnings, it) })
            assertEquals(preview.plan.steps.map { it.dose }, saved.steps.map { it.dose })
            assertEquals(preview.warnings, saved.confirmedWarnings)
        }
    },
    "plan: a step's dates end the night before the next step starts, as the core words them" to {
        fixture(start = "2026-11-04T14:00:00Z") {
            core.setBedtime("23:00", emptyList())
            val med = core.addMedication(NewMedication("Amitriptyline", Ingredient.AMITRIPTYLINE, listOf(10.0, 25.0), false, emptyList(), Slot.Evening(120.toUShort())), now)
            core.titrate(med.id, 10.0, 10.0, 7u, 30.0, null, emptyList(), now)
            val view = core.planView(med.id, now)
            assertEquals("2026-11-11", view.steps[0].until, "until is the next step's first night")
            val state = PlanMapper().map(view)
            assertEquals("Wed 4 Nov – Tue 10 Nov", state.steps[0].dates)
            assertEquals(view.steps.map { it.dates }, state.steps.map { it.dates }, "the core's label on every step")
            assertTrue(state.steps.last().dates.startsWith("From "), state.steps.last().dates)
        }
    },
    "check-in: choices come from the core, grouped; a saved answer is shown selected" to {
        fixture {
            amitriptyline()
            val choices = checkinChoices()
            val empty = CheckinMapper(uk).map(core.today(now).checkin, choices)
            assertEquals(listOf(Feeling.FINE, Feeling.GROGGY, Feeling.SLEPT_BADLY), empty.feelings.map { it.value })
            assertEquals(choices.sections.map { it.title }, empty.sections.map { it.title }, "the core's headings, in order")
            assertEquals(choices.symptoms.map { it.symptom }.toSet(), empty.sections.flatMap { it.chips }.map { it.value }.toSet())
            assertEquals(choices.symptoms.size, empty.sections.sumOf { it.chips.size }, "each symptom once")
            val urgentSection = empty.sections.single { it.needsHelpNow }
            assertTrue(Symptom.SELF_HARM_THOUGHTS in urgentSection.chips.map { it.value } && Symptom.EYE_PAIN in urgentSection.chips.map { it.value })
            assertNull(empty.saved)
            assertEquals("Morning of Wed 25 Nov", empty.heading)
            controller.change { core.checkIn(CheckInAnswer(Feeling.GROGGY, 3.toUByte(), listOf(Symptom.DRY_MOUTH), "ok"), null, it) }
            val saved = CheckinMapper(uk).map(core.today(now).checkin, choices)
            assertEquals(listOf(Feeling.GROGGY), saved.feelings.filter { it.selected }.map { it.value })
            assertEquals(listOf(Symptom.DRY_MOUTH), saved.sections.flatMap { it.chips }.filter { it.selected }.map { it.value })
            assertEquals(3, saved.pain)
            assertTrue(saved.saved!!.startsWith("Saved at 14:00: "), saved.saved)
        }
    },
    "suggestions: repeated bad nights after evening doses surface a question with its evidence" to {
        fixture(start = "2026-11-10T14:00:00Z") {
            val med = amitriptyline(25.0)
            for (day in 10..24) {
                val night = LocalDate.of(2026, 11, day)
                now = Instant.parse("${night}T21:05:00Z")
                core.take(med.id, null, null, now)
                now = Instant.parse("${night.plusDays(1)}T08:05:00Z")
                core.checkIn(CheckInAnswer(Feeling.SLEPT_BADLY, null, emptyList(), null), null, now)
            }
            val today = core.today(now)
            val cards = SuggestionMapper.map(today.suggestions)
            assertTrue(cards.isNotEmpty(), "a pattern was noticed")
            val card = cards.first()
            assertTrue(card.evidence.isNotEmpty() && card.question.isNotBlank() && card.basis.isNotBlank())
            assertTrue(card.title.startsWith("Amitriptyline: "), card.title)
            assertEquals(cards.size, TonightMapper(uk).map(today).suggestionCount)
            assertEquals(card.text, today.suggestions.first { it.id == card.id }.text, "the core's words, untouched")
            assertTrue(card.spoken.endsWith("observations."), card.spoken)
            // A symptom not to wait with puts a "get help now" card first, with numbers to call.
            now = now.plusSeconds(3600)
            core.checkIn(CheckInAnswer(Feeling.SLEPT_BADLY, null, listOf(Symptom.FAINTING), null), null, now)
            val urgent = SuggestionMapper.map(core.today(now).suggestions)
            assertTrue(urgent.first().urgent && urgent.first().getHelpNow, "urgent first: ${urgent.map { it.title }}")
            assertEquals("Get help now", urgent.first().whenToRaise)
            assertEquals(listOf("111", "999"), urgent.first().calls.map { it.number })
            assertTrue(urgent.first().spoken.startsWith("Get help now. "), urgent.first().spoken)
            assertTrue(urgent.drop(1).none { it.getHelpNow })
            controller.change { core.dismissSuggestion(card.id, it) }
            assertTrue(SuggestionMapper.map(core.today(now).suggestions).none { it.id == card.id }, "dismissed for good")
        }
    },
    "settings: bedtimes per weekday, check-in time, and a lead per evening medicine" to {
        fixture {
            val med = amitriptyline()
            controller.change { core.setBedtime("00:30", listOf(Weekday.FRIDAY, Weekday.SATURDAY)) }
            controller.change { core.setLead(med.id, 90.toUShort()) }
            val state = SettingsMapper.map(core.daySettings(), core.medications(), ReminderHealth.of(34, true, true, emptyList()), core.lockScreenDetails())
            assertEquals(7, state.evenings.size)
            assertEquals("Monday", state.evenings.first().label)
            assertEquals(listOf("Friday", "Saturday"), state.evenings.filter { it.own }.map { it.label })
            assertEquals("00:30", state.evenings.single { it.weekday == Weekday.FRIDAY }.bedtime)
            assertEquals("23:00", state.defaultBedtime)
            assertEquals(listOf(LeadRow(med.id, "Amitriptyline", 90, formChoices().leads)), state.leads, "the core's lead choices")
            assertEquals("Ask at (HH:MM, ${formChoices().checkinEarliest}–${formChoices().checkinLatest})", state.checkinLabel)
            // Every lead offered is one the core accepts.
            for (lead in state.leads.single().choices) controller.change { core.setLead(med.id, lead.minutes) }
            controller.change { core.setLead(med.id, 90.toUShort()) }
            // Friday's reminder follows the new bedtime: 00:30 − 90 min = 23:00 on Friday.
            val friday = desired().first { it.id.startsWith("dose:") && it.date == "2026-11-27" }
            assertEquals("23:00", friday.fireAt.localTime)
            assertFailsWith<EventideException.InvalidInput> { core.setLead(med.id, 30.toUShort()) }
        }
    },
    "settings: the lock-screen switch and the phone-backup words are the core's" to {
        fixture {
            amitriptyline()
            val off = SettingsMapper.map(core.daySettings(), core.medications(), ReminderHealth.of(34, true, true, emptyList()), core.lockScreenDetails())
            assertEquals(privacyTexts(Platform.ANDROID), off.privacy.texts)
            assertNull(off.privacy.texts.phoneBackupToggle, "Android's backup rules are fixed: nothing to switch")
            assertEquals(off.privacy.texts.lockScreenOff, off.privacy.lockScreenNote)
            controller.change { core.setLockScreenDetails(true) }
            val on = SettingsMapper.map(core.daySettings(), core.medications(), ReminderHealth.of(34, true, true, emptyList()), core.lockScreenDetails())
            assertTrue(on.privacy.lockScreenDetails)
            assertEquals(on.privacy.texts.lockScreenOn, on.privacy.lockScreenNote)
            assertTrue(alarms.alarms.values.flatMap { it.first.notices }.all { it.showDetailsWhenLocked }, "reconciled with the new choice")
        }
    },
    "settings: reminder warnings for missing exact-alarm and notification permissions" to {
        assertEquals(emptyList(), ReminderHealth.of(30, false, true, emptyList()).warnings, "no exact-alarm permission before Android 12")
        val noExact = ReminderHealth.of(34, false, true, emptyList())
        assertEquals(false, noExact.exact)
        assertEquals(listOf(Fix.ALLOW_EXACT_ALARMS), noExact.warnings.map { it.fix })
        val silent = ReminderHealth.of(34, true, false, listOf("Doses"))
        assertEquals(listOf(Fix.ALLOW_NOTIFICATIONS), silent.warnings.map { it.fix })
        assertEquals(listOf(Fix.OPEN_CHANNEL_SETTINGS), ReminderHealth.of(34, true, true, listOf("Doses")).warnings.map { it.fix })
    },
)
