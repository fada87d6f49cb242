package app.eventide.android

import android.app.Application
import androidx.lifecycle.AndroidViewModel
import app.eventide.android.platform.Permissions
import app.eventide.core.CheckInAnswer
import app.eventide.core.EventideException
import app.eventide.core.Feeling
import app.eventide.core.Medication
import app.eventide.core.StepUpAction
import app.eventide.core.Symptom
import app.eventide.core.TaperMethod
import app.eventide.core.Weekday
import app.eventide.core.checkinChoices
import app.eventide.shell.CheckinMapper
import app.eventide.shell.CheckinState
import app.eventide.shell.Controller
import app.eventide.shell.MedicineForm
import app.eventide.shell.PickedBackup
import app.eventide.shell.DoseRow
import app.eventide.shell.PlanMapper
import app.eventide.shell.PlanState
import app.eventide.shell.ReminderHealth
import app.eventide.shell.Screen
import app.eventide.shell.ReviewState
import app.eventide.shell.SettingsMapper
import app.eventide.shell.SettingsState
import app.eventide.shell.SharedFile
import app.eventide.shell.Sharing
import app.eventide.shell.SuggestionCard
import app.eventide.shell.SupplyForm
import app.eventide.shell.SupplyMapper
import app.eventide.shell.SupplyState
import app.eventide.shell.SuggestionMapper
import app.eventide.shell.TonightMapper
import app.eventide.shell.TonightState
import app.eventide.shell.pressCard
import app.eventide.shell.userMessage
import app.eventide.core.CardButton
import app.eventide.core.ShareOption
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.update
import java.io.File
import java.time.Instant

/**
 * Warnings the core wants confirmed before it saves a plan; [retry] saves with them confirmed.
 * [preview] is the plan as it would be saved (a taper's steps, end and other forms), when known.
 */
data class Confirmation(val warnings: List<String>, val preview: PlanState? = null, val retry: (List<String>) -> Unit)

/**
 * A file ready to leave the app, in cache/reports (the only folder the FileProvider exposes).
 * With [printAs] set the file is the report page and the activity prints it to a PDF of that
 * name instead of opening the share sheet.
 */
data class Outgoing(val file: File, val mimeType: String, val printAs: String? = null)

/**
 * A picked backup, checked by the core, waiting for the user to confirm the restore;
 * [passphrase] opens it again when it is encrypted (held only until the dialog closes).
 */
class RestoreOffer(val description: String, val bytes: ByteArray, val replaces: Boolean, val passphrase: String? = null)

/** Everything the screens draw, rebuilt from the core after every change. */
data class UiState(
    val screen: Screen = Screen.TONIGHT,
    val tonight: TonightState? = null,
    val medications: List<Medication> = emptyList(),
    val plans: List<PlanState> = emptyList(),
    /** Each medicine's Supplies section on the Plan screen. */
    val supplies: List<SupplyState> = emptyList(),
    val checkin: CheckinState? = null,
    val suggestions: List<SuggestionCard> = emptyList(),
    val settings: SettingsState? = null,
    val review: ReviewState? = null,
    val outgoing: Outgoing? = null,
    val restoreOffer: RestoreOffer? = null,
    /** A picked encrypted backup waiting for its passphrase. */
    val passphraseAsk: PickedBackup.NeedsPassphrase? = null,
    val health: ReminderHealth = ReminderHealth(exact = true, visible = true, warnings = emptyList()),
    val message: String? = null,
    val confirmation: Confirmation? = null,
    /** "Get help now" cards to show at once after a check-in is saved (an alert over any screen). */
    val urgent: List<SuggestionCard> = emptyList(),
    val fatal: String? = null,
)

/**
 * Runs core calls on the app's background thread and publishes [UiState]. Every write goes
 * through [Controller.change], which reconciles reminders afterwards.
 */
class AppViewModel(app: Application) : AndroidViewModel(app) {
    private val _state = MutableStateFlow(UiState())
    val state: StateFlow<UiState> = _state

    private val tonight = TonightMapper()
    private val plan = PlanMapper()
    private val supply = SupplyMapper()
    private val checkinMapper = CheckinMapper()
    private val choices by lazy { checkinChoices() }

    init { refresh() }

    fun open(screen: Screen) = _state.update { it.copy(screen = screen) }
    fun dismissMessage() = _state.update { it.copy(message = null, confirmation = null) }
    fun dismissUrgent() = _state.update { it.copy(urgent = emptyList()) }

    /** Re-reads everything (and the permission state, which may change while we are away). */
    fun refresh() = background { c ->
        val now = Instant.now()
        val today = c.core.today(now)
        val meds = c.core.medications()
        val health = Permissions.health(getApplication<Application>())
        _state.update {
            it.copy(
                tonight = tonight.map(today),
                medications = meds,
                plans = today.plans.map(plan::map),
                supplies = today.supplies.map(supply::map),
                checkin = checkinMapper.map(today.checkin, choices),
                suggestions = SuggestionMapper.map(today.suggestions),
                settings = SettingsMapper.map(c.core.daySettings(), meds, health, c.core.lockScreenDetails()),
                review = sharing(c).reviewState(),
                health = health,
            )
        }
    }

    /** Re-reads the platform state and reconciles: on resume and after a permission answer. */
    fun onPermissionsMaybeChanged() = background { c -> c.reconcileQuietly() }.also { refresh() }

    // ----- Tonight -----
    /** A card's button: the core's action on the card's key, the same call as the notification's button. */
    fun press(row: DoseRow, button: CardButton) = change { c, now -> message(pressCard(c.core, row.key, button.action, now)) }

    // ----- Check-in -----
    fun checkIn(feeling: Feeling?, pain: Int?, effects: List<Symptom>, note: String?) = change { c, now ->
        c.core.checkIn(CheckInAnswer(feeling, pain?.toUByte(), effects, note?.takeIf { it.isNotBlank() }), null, now)
        // Anything that needs help now is shown at once, over the screen, with who to call.
        val urgent = SuggestionMapper.map(c.core.urgentSuggestions(now))
        if (urgent.isEmpty()) message("Check-in saved.") else _state.update { it.copy(urgent = urgent) }
    }

    // ----- Plan -----
    /** Every box is read by the core as typed ("10, 25"; "12,5" and "8 pm" are asked about). */
    fun addMedication(form: MedicineForm) = change { c, now ->
        val med = c.core.addMedication(form.toNewMedication(), now)
        message("${med.name} added: ${med.holding}.")
    }

    fun titrate(medicationId: String, startMg: Double, stepMg: Double, everyDays: Int, targetMg: Double) =
        confirmable { c, now, ok -> c.core.titrate(medicationId, startMg, stepMg, everyDays.toUInt(), targetMg, null, ok, now).statusLine }

    fun maintain(medicationId: String, doseMg: Double) =
        confirmable { c, now, ok -> c.core.maintain(medicationId, doseMg, null, ok, now).statusLine }

    /**
     * A taper is previewed first: with nothing to confirm it is saved at once; otherwise the
     * preview and its warnings wait for the user's "Save anyway".
     */
    fun taper(medicationId: String, method: TaperMethod, everyDays: Int) = background { c ->
        val preview = PlanMapper().preview(c.read { now -> c.core.previewTaper(medicationId, method, everyDays.toUInt(), null, now) })
        val save = { ok: List<String> ->
            confirmable { c2, now, more -> c2.core.taper(medicationId, method, everyDays.toUInt(), null, (ok + more).distinct(), now).statusLine }
        }
        if (preview.warnings.isEmpty()) {
            save(emptyList())
        } else {
            _state.update { it.copy(confirmation = Confirmation(preview.warnings, preview.plan) { ok -> save(ok) }) }
        }
    }

    // ----- Plan: supplies -----
    /** "I collected a prescription": the amounts typed are added to what is held. */
    fun collectPrescription(medicationId: String, form: SupplyForm) =
        change { c, now -> message(c.core.addSupply(medicationId, form.lines(), now).statusLine) }

    /** "Count what I hold": the amounts typed are what is held now. */
    fun countStock(medicationId: String, form: SupplyForm) =
        change { c, now -> message(c.core.setStock(medicationId, form.lines(), now).statusLine) }

    fun hold(medicationId: String, days: Int) = change { c, now -> message(c.core.holdStep(medicationId, days.toUInt(), now).statusLine) }
    /** The step-up prompt's choices, each the core call its [StepUpAction] names. */
    fun stepUp(medicationId: String, action: StepUpAction) = change { c, now ->
        val view = when (action) {
            StepUpAction.STEP_UP_AS_PLANNED -> c.core.confirmTolerable(medicationId, now)
            StepUpAction.STAY_AND_ASK -> c.core.stayOnDose(medicationId, now)
        }
        message(view.statusLine)
    }

    // ----- Suggestions -----
    fun dismissSuggestion(id: String) = change { c, now -> c.core.dismissSuggestion(id, now) }

    // ----- Settings -----
    fun setBedtime(time: String, weekdays: List<Weekday>) = change { c, _ -> c.core.setBedtime(time, weekdays) }
    fun setCheckinTime(time: String) = change { c, _ -> c.core.setCheckinTime(time) }
    fun setLead(medicationId: String, minutes: Int) = change { c, _ -> c.core.setLead(medicationId, minutes.toUShort()) }

    /** The lock-screen switch: reconciled after, so every reminder is posted with the new choice. */
    fun setLockScreenDetails(on: Boolean) = change { c, _ -> c.core.setLockScreenDetails(on) }

    // ----- Share: reports and backups -----
    fun shareReport(choice: ShareOption, patientName: String?) = background { c ->
        publish(sharing(c).report(choice, patientName = patientName))
    }

    /** A backup encrypted with [passphrase], or plain when null (the user switched encryption off). */
    fun shareBackup(passphrase: String?) = background { c -> publish(sharing(c).backup(passphrase)) }

    /** The activity has handed [UiState.outgoing] on. */
    fun outgoingHandled() = _state.update { it.copy(outgoing = null) }

    /**
     * A file the user picked to restore: the core checks it and says what it holds, and the
     * user confirms. [read] runs on the background thread (a document provider may be slow).
     */
    fun offerRestore(read: () -> ByteArray) = background { c -> picked(sharing(c).pick(read())) }

    /** The passphrase typed for the picked encrypted backup: checked in the background (scrypt takes a second). */
    fun unlockRestore(ask: PickedBackup.NeedsPassphrase, passphrase: String) = background { c ->
        _state.update { it.copy(passphraseAsk = null) }
        picked(sharing(c).unlock(ask, passphrase))
    }

    private fun picked(p: PickedBackup) = _state.update {
        when (p) {
            is PickedBackup.NeedsPassphrase -> it.copy(passphraseAsk = p, restoreOffer = null)
            is PickedBackup.Ready -> it.copy(
                passphraseAsk = null,
                restoreOffer = RestoreOffer(p.description, p.bytes, replaces = it.medications.isNotEmpty(), passphrase = p.passphrase),
            )
        }
    }

    fun cancelRestore() = _state.update { it.copy(restoreOffer = null, passphraseAsk = null) }

    /** Restores the confirmed backup; what was here is saved aside first by the core when replaced. */
    fun restore(offer: RestoreOffer) = background { c ->
        _state.update { it.copy(restoreOffer = null) }
        try {
            val problem = sharing(c).restore(offer.bytes, offer.replaces, offer.passphrase)
            message(problem?.message ?: "Backup restored. Reminders now follow the restored plans.")
        } finally {
            afterChange(c)
        }
    }

    // ----- Prescriber review -----
    fun setReviewInterval(months: Int) = background { c ->
        try { sharing(c).setReviewInterval(months) } finally { afterChange(c) }
    }

    fun recordReviewToday() = background { c ->
        try {
            val state = sharing(c).recordReview()
            message("Review recorded. ${state.summary}")
        } finally {
            afterChange(c)
        }
    }

    // ----- plumbing -----
    private fun sharing(c: Controller) = Sharing(c, Instant::now)

    /** Writes [shared] to cache/reports, replacing what an earlier share left there. */
    private fun publish(shared: SharedFile) {
        val dir = File(getApplication<Application>().cacheDir, "reports").apply { mkdirs() }
        dir.listFiles()?.forEach { it.delete() }
        val file = File(dir, shared.pageName).apply { writeBytes(shared.bytes) }
        val outgoing = Outgoing(file, shared.mimeType, shared.fileName.takeIf { shared.printToPdf })
        _state.update { it.copy(outgoing = outgoing) }
    }

    private fun message(text: String) = _state.update { it.copy(message = text) }

    /** A plan write that may need the user to confirm the core's warnings first. */
    private fun confirmable(write: (Controller, Instant, List<String>) -> String) {
        fun attempt(confirmed: List<String>) {
            background { c ->
                try {
                    message(c.change { now -> write(c, now, confirmed) })
                } catch (e: EventideException.NeedsConfirmation) {
                    _state.update { it.copy(confirmation = Confirmation(e.warnings, null) { ok -> attempt(ok) }) }
                } finally {
                    afterChange(c)
                }
            }
        }
        attempt(emptyList())
    }

    private fun change(write: (Controller, Instant) -> Unit) = background { c ->
        try {
            c.change { now -> write(c, now) }
        } finally {
            afterChange(c)
        }
    }

    private fun afterChange(c: Controller) {
        refresh() // the change's reconcile already took answered notifications off the screen
    }

    private fun background(work: (Controller) -> Unit) {
        EventideApp.io.execute {
            val c = EventideApp.of(getApplication<Application>()).opened.getOrElse { e ->
                _state.update { it.copy(fatal = (e as? EventideException)?.let(::userMessage) ?: e.toString()) }
                return@execute
            }
            try {
                work(c)
            } catch (e: EventideException) {
                // Shown once; writes refresh the screen in their own finally.
                _state.update { it.copy(message = userMessage(e)) }
            }
        }
    }
}
