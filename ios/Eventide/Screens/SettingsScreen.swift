import SwiftUI
import UserNotifications
import EventideKit

/// Settings: bedtimes (a default and per weekday), the morning check-in time, each medicine
/// with how long before bedtime it is reminded (60–120 min), the prescriber-review cycle,
/// adding a medicine, notifications,
/// and where the data lives.
struct SettingsScreen: View {
    let model: AppModel
    @State private var addingMedication = false

    var body: some View {
        Form {
            if let settings = model.settings {
                Section {
                    ClockPicker(title: "Usual bedtime", time: settings.defaultBedtime) { model.setBedtime($0, weekdays: []) }
                    ForEach(settings.evenings) { evening in
                        ClockPicker(title: evening.dayName, time: evening.bedtime) { model.setBedtime($0, weekdays: [evening.weekday]) }
                            .foregroundStyle(evening.own ? Color.primary : Color.secondary)
                            .accessibilityHint(evening.own ? "Its own bedtime" : "Follows the usual bedtime")
                    }
                } header: {
                    Text("Bedtime")
                } footer: {
                    Text("Evening reminders come this long before bedtime, on each evening's own time.")
                }
                Section("Morning check-in") {
                    ClockPicker(title: "Ask at", time: settings.checkinTime) { model.setCheckinTime($0) }
                }
                if let review = model.review {
                    Section {
                        Picker("Review every", selection: Binding(get: { review.intervalMonths }, set: { model.setReviewInterval($0) })) {
                            ForEach(reviewIntervalChoices(), id: \.self) { months in
                                Text("\(months) months").tag(months)
                            }
                        }
                        Button("I had my review today") { model.recordReviewToday() }
                    } header: {
                        Text("Prescriber review")
                    } footer: {
                        Text(review.dueOn.map { "Next review due \(CoreDates.display(day: $0))." } ?? "Counted from your first plan.")
                    }
                }
                Section("Medicines") {
                    ForEach(settings.medications) { medication in
                        MedicationSettingsRow(medication: medication, model: model)
                    }
                    Button("Add a medicine…") { addingMedication = true }
                }
            }
            Section {
                switch model.permission {
                case .authorized, .provisional, .ephemeral:
                    Label("Reminders are on", systemImage: "bell")
                    Button("Notification settings") { NotificationPermission.openSettings() }
                case .denied:
                    Label("Reminders are off", systemImage: "bell.slash")
                    Button("Turn them on in Settings") { NotificationPermission.openSettings() }
                default:
                    PermissionCard(model: model)
                }
            } header: {
                Text("Notifications")
            } footer: {
                Text("Dose reminders are time-sensitive so they can come through a Focus; you can change that in the system settings.")
            }
            Section("Your data") {
                Text("Everything stays on this phone, encrypted with it. Eventide has no account and no network access. It is included in your own iPhone backup so a new phone can have it back. Share a report only when you choose to.")
                    .font(.subheadline)
            }
        }
        .sheet(isPresented: $addingMedication) {
            AddMedicationSheet(model: model)
        }
    }
}

/// A clock time ("HH:MM") edited with the system time picker, in the phone's 12/24-hour style.
struct ClockPicker: View {
    let title: String
    let time: String
    /// Receives the new "HH:MM".
    let apply: (String) -> Void

    var body: some View {
        DatePicker(
            title,
            selection: Binding(get: { Self.date(time) }, set: { apply(Self.text($0)) }),
            displayedComponents: .hourAndMinute
        )
    }

    /// Today at `text` on the phone's calendar (only hour and minute matter).
    static func date(_ text: String) -> Date {
        let clock = CoreDates.clock(text) ?? (hour: 22, minute: 30)
        return Calendar.current.date(bySettingHour: clock.hour, minute: clock.minute, second: 0, of: Date()) ?? Date()
    }

    static func text(_ date: Date) -> String {
        let parts = Calendar.current.dateComponents([.hour, .minute], from: date)
        return CoreDates.clockString(hour: parts.hour ?? 0, minute: parts.minute ?? 0)
    }
}

/// A medicine and, for evening ones, how long before bedtime its reminder comes.
private struct MedicationSettingsRow: View {
    let medication: MedicationRow
    let model: AppModel

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(medication.name).font(.headline)
            Text("\(medication.holding) · \(medication.slotLabel)").font(.subheadline).foregroundStyle(.secondary)
            if let lead = medication.leadMinutes {
                Stepper(
                    "Remind \(lead) min before bedtime",
                    value: Binding(get: { Int(lead) }, set: { model.setLead(medication.id, minutes: UInt16(clamping: $0)) }),
                    in: SettingsState.leadRange,
                    step: 15
                )
            }
        }
    }
}

/// Adds a medicine with the strengths the user actually holds and when it is taken. The core
/// reads and checks every box (`MedicineForm`).
private struct AddMedicationSheet: View {
    let model: AppModel
    @State private var form = MedicineForm()
    @State private var refusal: String?
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        NavigationStack {
            Form {
                TextField("Name", text: Binding(get: { form.name }, set: { form.named($0) }))
                    .textInputAutocapitalization(.words)
                // What it is: preselected from the name (brand names and slips too); the user
                // checks it, and adding the medicine confirms it.
                Section {
                    Picker("What is it?", selection: Binding(get: { form.ingredient }, set: { form.choose($0) })) {
                        Text("Choose…").tag(Ingredient?.none)
                        ForEach(MedicineForm.ingredientOptions, id: \.label) { choice in
                            Text(choice.label).tag(Ingredient?.some(choice.ingredient))
                        }
                    }
                } footer: {
                    Text("Taken from the name where Eventide recognises it; check it is right.")
                }
                Section {
                    TextField("Tablet strengths in mg, e.g. 10, 25", text: $form.tablets)
                        .keyboardType(.numbersAndPunctuation)
                    Toggle("I can split tablets in half", isOn: $form.canHalve)
                    TextField("Oral solution, mg per 5 ml (if any)", text: $form.liquids)
                        .keyboardType(.numbersAndPunctuation)
                } header: {
                    Text("What you hold")
                }
                Section("When") {
                    Picker("Taken", selection: $form.timing) {
                        ForEach(Timing.allCases) { timing in
                            Text(timing.label).tag(timing)
                        }
                    }
                    switch form.timing {
                    case .evening:
                        Stepper(
                            "Remind \(form.leadMinutes) minutes before bedtime",
                            value: $form.leadMinutes,
                            in: 60...120,
                            step: 15
                        )
                    case .morning:
                        ClockPicker(title: "At", time: form.morningTime) { form.morningTime = $0 }
                    case .times:
                        TextField("Times, 24-hour, e.g. 08:00, 14:00, 22:00", text: $form.times)
                            .keyboardType(.numbersAndPunctuation)
                    }
                }
                if let refusal {
                    Section {
                        Label(refusal, systemImage: "xmark.octagon").foregroundStyle(Color.red)
                    }
                }
            }
            .navigationTitle("Add a medicine")
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button("Cancel") { dismiss() } }
                ToolbarItem(placement: .confirmationAction) { Button("Add") { add() }.disabled(form.ingredient == nil) }
            }
        }
    }

    private func add() {
        switch model.addMedication(form) {
        case .saved:
            dismiss()
        case .refused(let reason):
            refusal = reason
        case .needsConfirmation(let warnings):
            refusal = warnings.joined(separator: " ")
        }
    }
}
