import Foundation
import Observation
import UserNotifications
import EventideKit

/// What became of a change made in a form (a sheet shows the outcome in place).
enum SaveResult: Equatable {
    case saved
    /// The core calls the plan unusual: nothing is saved; show these and offer to save anyway.
    case needsConfirmation([String])
    /// The core refused: nothing is saved; show the reason next to the form.
    case refused(String)
}

/// What previewing a plan came back as.
enum PreviewResult: Equatable {
    /// The plan as it would be saved, and the warnings to confirm first (maybe none).
    case preview(PlanPreviewState)
    /// The core refused the numbers: show the reason next to the form.
    case refused(String)
}

/// A picked backup the core has checked, waiting for the user to confirm the restore.
struct RestoreOffer: Identifiable {
    let id = UUID()
    /// What the core found in it, in one sentence.
    let description: String
    let data: Data
    /// The phone already holds data: the core keeps it aside, then replaces it.
    let replaces: Bool
    /// Opens an encrypted backup again for the restore (held only until the alert closes).
    let passphrase: String?
}

/// A picked encrypted backup waiting for its passphrase.
struct PassphraseAsk: Identifiable {
    let id = UUID()
    let data: Data
    /// The core's sentence after a wrong passphrase.
    let problem: String?
}

/// Everything the screens draw, mapped by EventideKit from the core's view models, and the
/// user's actions handed back to the core. After each change: refresh, then reconcile the
/// notifications (the same path as launch and a time-zone change).
///
/// Core calls run on the main actor: they are short SQLite transactions on a local file.
@MainActor
@Observable
final class AppModel {
    var tab: Screen = .tonight
    var showingSettings = false
    /// The last problem, shown in an alert.
    var alert: String? = nil
    /// "Get help now" cards to show at once, over any screen, after a check-in is saved.
    var urgent: [SuggestionCard] = []
    /// The check-in being edited on the Check-in screen.
    var checkinForm: CheckinForm

    private(set) var tonight: TonightState? = nil
    private(set) var plans: [PlanState] = []
    /// Each medicine's Supplies section on the Plan screen.
    private(set) var supplies: [SupplyState] = []
    private(set) var suggestions: [SuggestionCard] = []
    private(set) var settings: SettingsState? = nil
    private(set) var medications: [Medication] = []
    private(set) var permission: UNAuthorizationStatus = .notDetermined
    /// The prescriber-review cycle shown in Settings.
    private(set) var review: ReviewStatus? = nil
    /// Settings' privacy section: the lock-screen and phone-backup switches, the core's words.
    private(set) var privacy: PrivacyState? = nil
    /// A backup waiting for the user's yes.
    var restoreOffer: RestoreOffer? = nil
    /// An encrypted backup waiting for its passphrase.
    var passphraseAsk: PassphraseAsk? = nil

    /// Why the database could not be opened; the app then shows only this.
    let failure: String?
    let choices: CheckinChoices
    /// Where reports come from: the core's export (nil only when the database did not open).
    let reports: ReportSource?
    private let shell: Shell?

    init(opened: Result<Shell, ShellError>) {
        choices = checkinChoices()
        switch opened {
        case .success(let shell):
            self.shell = shell
            reports = CoreReports(core: shell.core)
            failure = nil
        case .failure(let error):
            shell = nil
            reports = nil
            failure = error.message
        }
        checkinForm = CheckinForm(morning: "", choices: choices, existing: nil)
        refresh()
    }

    // MARK: Reading

    /// Reads every screen's state from the core again.
    func refresh() {
        guard let core = shell?.core else { return }
        let now = Date()
        do {
            let day = try core.today(now: now)
            tonight = TonightState(day, choices: choices)
            plans = day.plans.map { PlanState($0) }
            supplies = day.supplies.map { SupplyState($0) }
            suggestions = SuggestionCard.cards(day.suggestions)
            medications = try core.medications()
            settings = SettingsState(try core.daySettings(), medications: medications)
            review = try core.reviewStatus()
            privacy = PrivacyState(lockScreenDetails: try core.lockScreenDetails(), includeInPhoneBackup: try core.includeInPhoneBackup())
            if checkinForm.morning != day.checkin.morning {
                checkinForm = CheckinForm(morning: day.checkin.morning, choices: choices, existing: day.checkin.answer)
            }
        } catch {
            report(ErrorText.of(error), while: "reading today")
        }
    }

    /// The app came to the front: the day, the zone (a change while suspended may not have
    /// been announced) and the permission may all have changed.
    func becameActive() {
        NSTimeZone.resetSystemTimeZone()
        refresh()
        Task { permission = await NotificationPermission.status() }
    }

    /// Shows a screen (a notification was tapped).
    func open(_ screen: Screen) {
        showingSettings = screen == .settings
        if screen != .settings { tab = screen }
        refresh()
    }

    /// Shows a problem to the user.
    func report(_ text: String, while doing: String) {
        alert = "Something went wrong while \(doing). \(text)"
    }

    // MARK: Changing

    /// Runs one change in the core, then refreshes and reconciles; a refusal is shown with
    /// the core's reason (nothing was written).
    func change(_ what: String, _ body: @MainActor (Eventide, Date) throws -> Void) {
        guard let shell else { return }
        do {
            try body(shell.core, Date())
        } catch {
            report(ErrorText.of(error), while: what)
        }
        afterChange()
    }

    /// Runs a change from a form: saved, refused with the core's reason, or (for plans) in
    /// need of the user's confirmation of the core's warnings. Refreshes and reconciles
    /// after a save.
    func attempt(_ body: @MainActor (Eventide, Date) throws -> Void) -> SaveResult {
        guard let shell else { return .refused(failure ?? "Eventide's data is not open.") }
        do {
            try body(shell.core, Date())
        } catch {
            if let warnings = ErrorText.warnings(error) {
                return .needsConfirmation(warnings)
            }
            return .refused(ErrorText.of(error))
        }
        afterChange()
        return .saved
    }

    /// The taper `taper(...)` would save from tonight's dose, with the warnings it would ask
    /// to confirm; nothing is written.
    func previewTaper(medicationId: String, method: TaperMethod, everyDays: UInt32) -> PreviewResult {
        guard let shell else { return .refused(failure ?? "Eventide's data is not open.") }
        do {
            let preview = try shell.core.previewTaper(
                medicationId: medicationId, method: method, everyDays: everyDays, fromMg: nil, now: Date()
            )
            return .preview(PlanPreviewState(preview))
        } catch {
            return .refused(ErrorText.of(error))
        }
    }

    /// A dose card's button: the core's action on the card's key, through the same
    /// `handleAction` as the notification's button (as on Android).
    func press(_ button: CardButton, on dose: DoseRow) {
        change("recording the dose") { core, now in
            _ = try dose.press(button, core: core, now: now)
        }
    }

    /// One tap on a feeling saves the check-in at once, with any details already given (on
    /// Tonight and on the Check-in screen alike, as on Android); the details can follow.
    func checkIn(_ feeling: Feeling) {
        var form = checkinForm
        form.feeling = feeling
        saveCheckin(form)
    }

    /// Saves the Check-in screen's answer with its details (answering again updates it).
    /// Anything that needs help now is shown at once, with who to call.
    func saveCheckin(_ form: CheckinForm) {
        change("saving the check-in") { core, now in
            let saved = try core.checkIn(answer: form.answer, morning: form.morning, now: now)
            self.checkinForm = CheckinForm(morning: saved.morning, choices: self.choices, existing: saved)
            self.urgent = SuggestionCard.cards(try core.urgentSuggestions(now: now))
        }
    }

    /// Shows "get help now" cards that arrived with a check-in answered from a notification.
    func showUrgent(_ cards: [SuggestionCard]) {
        urgent = cards
        refresh()
    }

    func dismiss(_ suggestion: SuggestionCard) {
        change("hiding the suggestion") { core, now in
            try core.dismissSuggestion(id: suggestion.id, now: now)
        }
    }

    /// The step-up prompt's choices, each the core call its action names.
    func stepUp(_ plan: PlanState, _ action: StepUpAction) {
        change("recording your choice") { core, now in
            switch action {
            case .stepUpAsPlanned:
                _ = try core.confirmTolerable(medicationId: plan.medicationId, now: now)
            case .stayAndAsk:
                _ = try core.stayOnDose(medicationId: plan.medicationId, now: now)
            }
        }
    }

    /// "I collected a prescription": the amounts typed are added to what is held.
    func collectPrescription(_ supply: SupplyState, form: SupplyForm) -> SaveResult {
        attempt { core, now in
            _ = try core.addSupply(medicationId: supply.medicationId, lines: form.lines, now: now)
        }
    }

    /// "Count what I hold": the amounts typed are what is held now.
    func countStock(_ supply: SupplyState, form: SupplyForm) -> SaveResult {
        attempt { core, now in
            _ = try core.setStock(medicationId: supply.medicationId, lines: form.lines, now: now)
        }
    }

    func hold(_ plan: PlanState, days: UInt32) {
        change("holding the step") { core, now in
            _ = try core.holdStep(medicationId: plan.medicationId, days: days, now: now)
        }
    }

    /// Adds a medicine from the form. The core reads every box as typed ("10, 25",
    /// "08:00, 14:00"), the same way as on Android, and asks about "12,5" instead of guessing.
    func addMedication(_ form: MedicineForm) -> SaveResult {
        attempt { core, now in
            _ = try core.addMedication(medication: try form.newMedication(), now: now)
        }
    }

    func setLead(_ medicationId: String, minutes: UInt16) {
        change("changing the reminder time") { core, _ in
            _ = try core.setLead(medicationId: medicationId, leadMinutes: minutes)
        }
    }

    /// Sets the bedtime of `weekdays`, or the default bedtime when `weekdays` is empty.
    func setBedtime(_ time: String, weekdays: [Weekday]) {
        change("changing the bedtime") { core, _ in
            _ = try core.setBedtime(time: time, weekdays: weekdays)
        }
    }

    func setCheckinTime(_ time: String) {
        change("changing the check-in time") { core, _ in
            _ = try core.setCheckinTime(time: time)
        }
    }

    /// The lock-screen switch; the reconcile after it registers the categories with the choice.
    func setLockScreenDetails(_ on: Bool) {
        change("changing what the lock screen shows") { core, _ in
            _ = try core.setLockScreenDetails(on: on)
        }
    }

    /// The phone-backup switch: the core keeps the choice, the database files are marked at once.
    func setIncludeInPhoneBackup(_ on: Bool) {
        guard let shell else { return }
        change("changing the phone backup") { core, _ in
            _ = try core.setIncludeInPhoneBackup(on: on)
        }
        shell.applyBackupChoice()
    }

    /// Asks for notification permission after the explanation was read.
    func requestPermission() {
        Task {
            permission = await NotificationPermission.request()
            afterChange()
        }
    }

    /// Writes a report to a file to hand to the share sheet, with `patientName` printed on it
    /// (never stored) when given.
    func reportFile(_ option: ShareOption, patientName: String) async -> URL? {
        guard let reports else { return nil }
        do {
            return try await ReportFiles.write(option, from: reports, patientName: patientName)
        } catch {
            report(ErrorText.of(error), while: "preparing the \(option.label)")
            return nil
        }
    }

    /// Writes a backup of everything to a private temporary file for the share sheet or Files:
    /// encrypted with `passphrase` (an age file), or plain when it is nil (the user chose so).
    func backupFile(passphrase: String?) -> URL? {
        guard let core = shell?.core else { return nil }
        do {
            let now = Date()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("Backups", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // One backup at a time in the folder: an earlier one is not left behind.
            for old in (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [] {
                try? FileManager.default.removeItem(at: old)
            }
            let file = folder.appendingPathComponent(try core.backupFileName(encrypted: passphrase != nil, now: now))
            try core.backupBytes(passphrase: passphrase, now: now).write(to: file, options: [.atomic, .completeFileProtectionUntilFirstUserAuthentication])
            return file
        } catch {
            report(ErrorText.of(error), while: "making the backup")
            return nil
        }
    }

    /// A file picked in Files: the core says whether it is encrypted (then its passphrase is
    /// asked for) or checks it and says what it holds; nothing changes yet.
    func offerRestore(from url: URL) {
        guard let core = shell?.core else { return }
        let scoped = url.startAccessingSecurityScopedResource()
        defer { if scoped { url.stopAccessingSecurityScopedResource() } }
        do {
            let data = try Data(contentsOf: url)
            picked(try BackupRestore.pick(data, core: core))
        } catch {
            report(ErrorText.of(error), while: "reading the backup")
        }
    }

    /// The passphrase typed for the picked encrypted backup (scrypt: about a second).
    func unlockRestore(_ ask: PassphraseAsk, passphrase: String) {
        guard let core = shell?.core else { return }
        passphraseAsk = nil
        do {
            picked(try BackupRestore.unlock(ask.data, passphrase: passphrase, core: core))
        } catch {
            report(ErrorText.of(error), while: "opening the backup")
        }
    }

    private func picked(_ picked: PickedBackup) {
        switch picked {
        case .needsPassphrase(let data, let problem):
            passphraseAsk = PassphraseAsk(data: data, problem: problem)
        case .ready(let data, let passphrase, let description):
            restoreOffer = RestoreOffer(description: description, data: data, replaces: !medications.isEmpty, passphrase: passphrase)
        }
    }

    /// Restores the confirmed backup; reminders then follow the restored plans. The restored
    /// phone-backup choice is applied again to the database's folder (which also holds the copy
    /// a replacing restore saved aside) and files, and the files get their protection class.
    func restore(_ offer: RestoreOffer) {
        restoreOffer = nil
        change("restoring the backup") { core, now in
            _ = try core.restoreBackupBytes(bytes: offer.data, passphrase: offer.passphrase, replace: offer.replaces, now: now)
        }
        if let shell {
            DatabaseLocation.protectFiles(of: shell.database)
            shell.applyBackupChoice()
        }
    }

    func setReviewInterval(_ months: UInt32) {
        change("changing the review interval") { core, _ in
            _ = try core.setReviewInterval(months: months)
        }
    }

    func recordReviewToday() {
        change("recording the review") { core, now in
            _ = try core.recordReview(on: nil, note: nil, now: now)
        }
    }

    /// After every change: refresh, and reconcile — the core's plan also withdraws what no longer
    /// applies from Notification Center (a dose taken, a refill the forecast no longer names).
    private func afterChange() {
        refresh()
        guard let shell else { return }
        Task {
            do {
                try await shell.sync.reconcile(wake: .changed, now: Date())
            } catch {
                report(ErrorText.of(error), while: "updating reminders")
            }
        }
    }
}
