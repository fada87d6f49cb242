package app.eventide.shell

import app.eventide.core.AppScreen
import app.eventide.core.CheckinCard
import app.eventide.core.CheckinChoices
import app.eventide.core.DaySettings
import app.eventide.core.Feeling
import app.eventide.core.FormChoices
import app.eventide.core.LeadChoice
import app.eventide.core.Medication
import app.eventide.core.PlanPreview
import app.eventide.core.PlanView
import app.eventide.core.Platform
import app.eventide.core.PrivacyTexts
import app.eventide.core.Severity
import app.eventide.core.Slot
import app.eventide.core.StepUpAction
import app.eventide.core.StepView
import app.eventide.core.Suggestion
import app.eventide.core.Symptom
import app.eventide.core.Weekday
import app.eventide.core.formChoices
import app.eventide.core.privacyTexts

/** The app's screens, in bottom-bar order; notification taps open one of them. */
enum class Screen(val title: String) {
    TONIGHT("Tonight"), PLAN("Plan"), CHECK_IN("Check-in"), SUGGESTIONS("Suggestions"), SHARE("Share"), SETTINGS("Settings");

    companion object {
        /** The screen the core names (the same six on both phones). */
        fun of(s: AppScreen): Screen = when (s) {
            AppScreen.TONIGHT -> TONIGHT
            AppScreen.PLAN -> PLAN
            AppScreen.CHECK_IN -> CHECK_IN
            AppScreen.SUGGESTIONS -> SUGGESTIONS
            AppScreen.SHARE -> SHARE
            AppScreen.SETTINGS -> SETTINGS
        }
    }
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

/** One choice of the step-up prompt: its button text, the line under it, and the core call it makes. */
data class StepUpButton(val action: StepUpAction, val label: String, val detail: String)

/**
 * The step-up prompt when a titration's next step is due: the core's two choices, drawn side by
 * side with equal weight; [preselected] is the core's (always none).
 */
data class StepUpPrompt(val prompt: String, val buttons: List<StepUpButton>, val preselected: StepUpAction?)

/** The Plan screen for one medicine. */
data class PlanState(
    val medicationId: String,
    val heading: String,
    val description: String,
    val status: String,
    val nextChange: String?,
    val steps: List<StepRow>,
    val stepUp: StepUpPrompt?,
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

/** Maps [PlanView] to [PlanState]. Mirrors `PlanState` in EventideKit. */
class PlanMapper {
    private fun step(s: StepView, currentStep: UInt?): StepRow {
        val current = s.number == currentStep
        // The core's words for the step's nights: its last night is the one before the next step.
        val range = s.dates
        val label = "Step ${s.number}" + if (current) " (now)" else if (s.projected) " (planned)" else ""
        val change = if (s.change.isEmpty()) "" else ", ${s.change}"
        return StepRow(label, s.doseText, range, s.take, current, s.projected, "$label: ${s.doseText}$change, $range, take ${s.take}", s.change, s.moreThanAsked)
    }

    /** A preview: the plan as it would be saved, and the warnings' texts to confirm. */
    fun preview(p: PlanPreview): PlanPreviewState = PlanPreviewState(map(p.plan), p.warnings.map { it.text })

    /** Steps with the current one marked; the core's step-up choice; Hold while the plan still changes; Taper unless already tapering. */
    fun map(plan: PlanView): PlanState {
        val last = plan.steps.lastOrNull()
        val steps = plan.steps.map { step(it, plan.currentStep) }
        val next = plan.nextChange?.text
        val stillChanging = plan.nextChange != null
        return PlanState(
            medicationId = plan.medicationId,
            heading = "${plan.medicationName}: ${plan.currentDoseText}",
            description = plan.description,
            status = plan.statusLine,
            nextChange = next,
            steps = steps,
            stepUp = plan.stepUpChoice?.let { c ->
                StepUpPrompt(c.prompt, c.options.map { StepUpButton(it.action, it.label, it.detail) }, c.preselected)
            },
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

/**
 * One heading of the check-in's symptoms, in the core's order and words. [needsHelpNow] marks
 * the section whose symptoms raise "get help now" when saved (drawn as a warning).
 */
data class SymptomSectionRow(val title: String, val note: String, val chips: List<Chip<Symptom>>, val needsHelpNow: Boolean)

/** The Check-in screen: one tap on a feeling saves; details are optional. */
data class CheckinState(
    val morning: String,
    val heading: String,
    val feelings: List<Chip<Feeling>>,
    val sections: List<SymptomSectionRow>,
    val maxPain: Int,
    val pain: Int?,
    val note: String,
    val maxNoteChars: Int,
    val saved: String?,
)

/** Maps [CheckinCard] and the core's [CheckinChoices] to [CheckinState]. */
class CheckinMapper(private val dates: Dates = Dates()) {
    /** Feelings and the core's symptom sections in its order and wording, the saved answer selected. */
    fun map(card: CheckinCard, choices: CheckinChoices): CheckinState {
        val answer = card.answer
        val chosen = answer?.effects.orEmpty().toSet()
        val byId = choices.symptoms.associateBy { it.symptom }
        val sections = choices.sections.map { section ->
            val chips = section.symptoms.mapNotNull { byId[it] }.map { Chip(it.symptom, it.label, it.symptom in chosen) }
            SymptomSectionRow(section.title, section.note, chips, needsHelpNow = section.symptoms.all { byId[it]?.urgency != null })
        }
        val saved = answer?.let { a ->
            val feeling = choices.feelings.firstOrNull { it.feeling == a.feeling }?.label ?: a.feeling.name
            "Saved at ${a.recordedAt.localTime}: $feeling" + (a.pain?.let { ", pain $it/${choices.maxPain}" } ?: "")
        }
        return CheckinState(
            morning = card.morning,
            heading = "Morning of ${dates.day(card.morning)}",
            feelings = choices.feelings.map { Chip(it.feeling, it.label, it.feeling == answer?.feeling) },
            sections = sections,
            maxPain = choices.maxPain.toInt(),
            pain = answer?.pain?.toInt(),
            note = answer?.note.orEmpty(),
            maxNoteChars = choices.maxNoteChars.toInt(),
            saved = saved,
        )
    }
}

// ----- Suggestions -----

/** A number a card offers to call: the button text, and the digits for the dialler (`tel:`). */
data class CallRow(val label: String, val number: String)

/**
 * A question for the prescriber with the facts behind it. [urgent] cards (the core's
 * "contact your prescriber soon" severity or above) come first and are drawn as warnings;
 * [getHelpNow] cards (the core's top tier) are drawn as alerts, above everything, with [calls]
 * as buttons; [whenToRaise] is that severity in a few words, read first by TalkBack.
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
    val getHelpNow: Boolean,
    val calls: List<CallRow>,
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
            urgent = s.severity == Severity.CONTACT_PRESCRIBER_SOON || s.severity == Severity.GET_HELP_NOW,
            getHelpNow = s.severity == Severity.GET_HELP_NOW,
            calls = s.calls.map { CallRow(it.label, it.number) },
            whenToRaise = whenToRaise,
            spoken = listOfNotNull(whenToRaise, "$about${s.title}", s.question).joinToString(". ") +
                ". Based on ${s.evidenceCount} observations.",
        )
    }
}

// ----- Settings -----

/** One evening's bedtime; [own] is false when it follows the default. */
data class BedtimeRow(val weekday: Weekday, val label: String, val bedtime: String, val own: Boolean)

/** An evening medicine's reminder lead, with the core's choices. */
data class LeadRow(val medicationId: String, val name: String, val leadMinutes: Int, val choices: List<LeadChoice>)

/**
 * Settings' privacy section: the lock-screen switch ([lockScreenDetails]) and what the phone's
 * own backup does with Eventide's data, all in the core's words for Android.
 */
data class PrivacyState(val texts: PrivacyTexts, val lockScreenDetails: Boolean) {
    /** The line under the lock-screen switch, for its current position. */
    val lockScreenNote: String get() = if (lockScreenDetails) texts.lockScreenOn else texts.lockScreenOff
}

/** The Settings screen. */
data class SettingsState(
    val defaultBedtime: String,
    val evenings: List<BedtimeRow>,
    val checkinTime: String,
    /** "Ask at (HH:MM, 04:00–12:00)": the core's allowed times. */
    val checkinLabel: String,
    val leads: List<LeadRow>,
    val reminders: ReminderHealth,
    val privacy: PrivacyState,
)

/** Maps [DaySettings] and medicines to [SettingsState]. Mirrors `SettingsState` in EventideKit. */
object SettingsMapper {
    /**
     * Seven evenings Monday first, the check-in time, a lead row per evening medicine with the
     * core's lead choices, reminder health, and the privacy section.
     */
    fun map(
        settings: DaySettings,
        medications: List<Medication>,
        reminders: ReminderHealth,
        lockScreenDetails: Boolean,
        choices: FormChoices = formChoices(),
    ): SettingsState = SettingsState(
        defaultBedtime = settings.defaultBedtime,
        evenings = settings.evenings.map { BedtimeRow(it.weekday, it.weekday.name.lowercase().replaceFirstChar { c -> c.uppercase() }, it.bedtime, it.own) },
        checkinTime = settings.checkinTime,
        checkinLabel = "Ask at (HH:MM, ${choices.checkinEarliest}–${choices.checkinLatest})",
        leads = medications.mapNotNull { m ->
            (m.slot as? Slot.Evening)?.let { LeadRow(m.id, m.name, it.leadMinutes.toInt(), choices.leads) }
        },
        reminders = reminders,
        privacy = PrivacyState(privacyTexts(Platform.ANDROID), lockScreenDetails),
    )
}

// Share, backup and review: see Sharing.kt.
