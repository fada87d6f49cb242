package app.eventide.shell

import app.eventide.core.CheckinCard
import app.eventide.core.CheckinChoices
import app.eventide.core.DaySettings
import app.eventide.core.Feeling
import app.eventide.core.Medication
import app.eventide.core.PlanPreview
import app.eventide.core.PlanView
import app.eventide.core.Severity
import app.eventide.core.Slot
import app.eventide.core.StepView
import app.eventide.core.Suggestion
import app.eventide.core.Symptom
import app.eventide.core.SymptomGroup
import app.eventide.core.Weekday

/** The app's screens, in bottom-bar order; notification taps open one of them. */
enum class Screen(val title: String) {
    TONIGHT("Tonight"), PLAN("Plan"), CHECK_IN("Check-in"), SUGGESTIONS("Suggestions"), SHARE("Share"), SETTINGS("Settings")
}

// ----- Plan -----

/**
 * One step of a plan's timeline. [change] is the core's words for the change into it
 * ("−5 mg (−12.5%)"); [marked] when it cuts more than the plan asks (drawn in the error colour).
 */
data class StepRow(
    val label: String,
    val dose: String,
    val dates: String,
    val take: String,
    val current: Boolean,
    val projected: Boolean,
    val spoken: String,
    val change: String = "",
    val marked: Boolean = false,
)

/** The same taper with a form the user does not hold (oral solution, half tablets). */
data class OtherFormRow(val label: String, val holding: String, val summary: String, val steps: List<StepRow>)

/** The Plan screen for one medicine. */
data class PlanState(
    val medicationId: String,
    val heading: String,
    val description: String,
    val status: String,
    val nextChange: String?,
    val steps: List<StepRow>,
    val canConfirmTolerable: Boolean,
    val canHold: Boolean,
    val canTaper: Boolean,
    /** A taper's end date and length ("Ends on …: 16 weeks … in all."), else null. */
    val endLine: String? = null,
    /** How a taper's steps are rounded to what the user holds, else null. */
    val roundingNote: String? = null,
    /** What this version was saved despite. */
    val confirmedWarnings: List<String> = emptyList(),
    /** Other forms' schedules, when what is held cannot reach the small final dose. */
    val otherForms: List<OtherFormRow> = emptyList(),
)

/** A taper not yet saved, and the warnings the user must confirm to save it. */
data class PlanPreviewState(val plan: PlanState, val warnings: List<String>)

/** Maps [PlanView] to [PlanState]. */
class PlanMapper(private val dates: Dates = Dates()) {
    private fun step(s: StepView, currentStep: UInt?): StepRow {
        val current = s.number == currentStep
        val range = s.until?.let { "${dates.day(s.from)} – ${dates.day(it)}" } ?: "from ${dates.day(s.from)}"
        val label = "Step ${s.number}" + if (current) " (now)" else if (s.projected) " (planned)" else ""
        val change = if (s.change.isEmpty()) "" else ", ${s.change}"
        return StepRow(label, s.doseText, range, s.take, current, s.projected, "$label: ${s.doseText}$change, $range, take ${s.take}", s.change, s.moreThanAsked)
    }

    /** A preview: the plan as it would be saved, and the warnings' texts to confirm. */
    fun preview(p: PlanPreview): PlanPreviewState = PlanPreviewState(map(p.plan), p.warnings.map { it.text })

    /** Steps with the current one marked; Hold while the plan still changes; Taper unless already tapering. */
    fun map(plan: PlanView): PlanState {
        val last = plan.steps.lastOrNull()
        val steps = plan.steps.map { step(it, plan.currentStep) }
        val next = plan.nextChange?.let { c ->
            "${c.doseText} from ${dates.day(c.night)}" + if (c.needsConfirmation) ", once you confirm side effects are tolerable" else ""
        }
        val stillChanging = plan.nextChange != null
        return PlanState(
            medicationId = plan.medicationId,
            heading = "${plan.medicationName}: ${plan.currentDoseText}",
            description = plan.description,
            status = plan.statusLine,
            nextChange = next,
            steps = steps,
            canConfirmTolerable = plan.awaitingConfirmation,
            canHold = stillChanging,
            canTaper = !plan.isTaper && (last?.doseMg ?: plan.currentDoseMg) > 0.0,
            endLine = plan.endLine.ifEmpty { null },
            roundingNote = plan.roundingNote.ifEmpty { null },
            confirmedWarnings = plan.confirmedWarnings,
            otherForms = plan.otherForms.map { f -> OtherFormRow(f.label, f.holding, f.summary, f.steps.map { step(it, null) }) },
        )
    }
}

// ----- Check-in -----

/** One choice chip; [selected] reflects the saved answer. */
data class Chip<T>(val value: T, val label: String, val selected: Boolean)

/** The Check-in screen: one tap on a feeling saves; details are optional. */
data class CheckinState(
    val morning: String,
    val heading: String,
    val feelings: List<Chip<Feeling>>,
    val sideEffects: List<Chip<Symptom>>,
    val withdrawal: List<Chip<Symptom>>,
    val either: List<Chip<Symptom>>,
    val maxPain: Int,
    val pain: Int?,
    val note: String,
    val maxNoteChars: Int,
    val saved: String?,
)

/** Maps [CheckinCard] and the core's [CheckinChoices] to [CheckinState]. */
class CheckinMapper(private val dates: Dates = Dates()) {
    /** Feelings and symptom groups in the core's order and wording, the saved answer selected. */
    fun map(card: CheckinCard, choices: CheckinChoices): CheckinState {
        val answer = card.answer
        val chosen = answer?.effects.orEmpty().toSet()
        fun group(g: SymptomGroup) = choices.symptoms.filter { it.group == g }.map { Chip(it.symptom, it.label, it.symptom in chosen) }
        val saved = answer?.let { a ->
            val feeling = choices.feelings.firstOrNull { it.feeling == a.feeling }?.label ?: a.feeling.name
            "Saved at ${a.recordedAt.localTime}: $feeling" + (a.pain?.let { ", pain $it/${choices.maxPain}" } ?: "")
        }
        return CheckinState(
            morning = card.morning,
            heading = "Morning of ${dates.day(card.morning)}",
            feelings = choices.feelings.map { Chip(it.feeling, it.label, it.feeling == answer?.feeling) },
            sideEffects = group(SymptomGroup.SIDE_EFFECT),
            withdrawal = group(SymptomGroup.WITHDRAWAL),
            either = group(SymptomGroup.EITHER),
            maxPain = choices.maxPain.toInt(),
            pain = answer?.pain?.toInt(),
            note = answer?.note.orEmpty(),
            maxNoteChars = choices.maxNoteChars.toInt(),
            saved = saved,
        )
    }
}

// ----- Suggestions -----

/**
 * A question for the prescriber with the facts behind it. [urgent] cards (the core's
 * "contact your prescriber soon" severity) come first and are drawn as warnings; [when] is
 * that severity in a few words, read first by TalkBack.
 */
data class SuggestionCard(
    val id: String,
    val title: String,
    val text: String,
    val question: String,
    val evidence: List<String>,
    val basis: String,
    val source: String,
    val urgent: Boolean,
    val whenToRaise: String?,
    val spoken: String,
)

/** Maps suggestions; the wording is the core's reviewed catalogue, untouched. */
object SuggestionMapper {
    /** In the core's order (most pressing first), each prefixed with the medicine it is about. */
    fun map(list: List<Suggestion>): List<SuggestionCard> = list.map { s ->
        val about = s.medicationName?.let { "$it: " }.orEmpty()
        // The label is the core catalogue's; information needs no "when" line.
        val whenToRaise = s.severityLabel.takeIf { s.severity != Severity.INFO }
        SuggestionCard(
            id = s.id,
            title = about + s.title,
            text = s.text,
            question = s.question,
            evidence = s.evidence,
            basis = s.basis,
            source = s.source,
            urgent = s.severity == Severity.CONTACT_PRESCRIBER_SOON,
            whenToRaise = whenToRaise,
            spoken = listOfNotNull(whenToRaise, "$about${s.title}", s.question).joinToString(". ") +
                ". Based on ${s.evidenceCount} observations.",
        )
    }
}

// ----- Settings -----

/** One evening's bedtime; [own] is false when it follows the default. */
data class BedtimeRow(val weekday: Weekday, val label: String, val bedtime: String, val own: Boolean)

/** An evening medicine's reminder lead. */
data class LeadRow(val medicationId: String, val name: String, val leadMinutes: Int, val choices: List<Int>)

/** The Settings screen. */
data class SettingsState(
    val defaultBedtime: String,
    val evenings: List<BedtimeRow>,
    val checkinTime: String,
    val leads: List<LeadRow>,
    val reminders: ReminderHealth,
)

/** Maps [DaySettings] and medicines to [SettingsState]. */
object SettingsMapper {
    /** The lead times offered, inside the core's 60–120 minute range. */
    val LEAD_CHOICES = listOf(60, 75, 90, 105, 120)

    /** Seven evenings Monday first, the check-in time, a lead row per evening medicine, reminder health. */
    fun map(settings: DaySettings, medications: List<Medication>, reminders: ReminderHealth): SettingsState = SettingsState(
        defaultBedtime = settings.defaultBedtime,
        evenings = settings.evenings.map { BedtimeRow(it.weekday, it.weekday.name.lowercase().replaceFirstChar { c -> c.uppercase() }, it.bedtime, it.own) },
        checkinTime = settings.checkinTime,
        leads = medications.mapNotNull { m ->
            (m.slot as? Slot.Evening)?.let { LeadRow(m.id, m.name, it.leadMinutes.toInt(), LEAD_CHOICES) }
        },
        reminders = reminders,
    )
}

// Share, backup and review: see Sharing.kt.
