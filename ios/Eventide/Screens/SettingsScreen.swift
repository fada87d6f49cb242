import SwiftUI
import UserNotifications
import EventideKit

/// Settings: bedtimes (a default and per weekday), the morning check-in time, each medicine
/// with how long before bedtime it is reminded (the core's choices), the prescriber-review
/// cycle, notifications, what the lock screen shows, and what the iPhone's backup takes — the
/// same sections as on Android, in the core's words. Medicines are added on the Plan tab.
struct SettingsScreen: View {
    let model: AppModel

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
                Section {
                    ClockPicker(title: "Ask at", time: settings.checkinTime) { model.setCheckinTime($0) }
                } header: {
                    Text("Morning check-in")
                } footer: {
                    Text("Between \(settings.checkinRange).")
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
                        Text(review.summary)
                    }
                }
                if !settings.medications.isEmpty {
                    Section("Medicines") {
                        ForEach(settings.medications) { medication in
                            MedicationSettingsRow(medication: medication, leads: settings.leads, model: model)
                        }
                    }
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
            if let privacy = model.privacy {
                PrivacySections(privacy: privacy, model: model)
            }
        }
    }
}

/// What a locked phone shows, and what the iPhone's own backup takes: the core's words and
/// switches (`privacyTexts(platform: .ios)`), the same decisions as Android's.
private struct PrivacySections: View {
    let privacy: PrivacyState
    let model: AppModel

    var body: some View {
        Section {
            Toggle(privacy.texts.lockScreenLabel, isOn: Binding(get: { privacy.lockScreenDetails }, set: { model.setLockScreenDetails($0) }))
        } header: {
            Text("Lock screen")
        } footer: {
            Text(privacy.lockScreenNote)
        }
        Section {
            if let toggle = privacy.texts.phoneBackupToggle {
                Toggle(toggle, isOn: Binding(get: { privacy.includeInPhoneBackup }, set: { model.setIncludeInPhoneBackup($0) }))
            }
            Text(privacy.phoneBackupNote).font(.subheadline)
        } header: {
            Text(privacy.texts.phoneBackupTitle)
        } footer: {
            Text(privacy.texts.portableBackup)
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

    /// Today at `text` on the phone's calendar (only hour and minute matter); now if the text
    /// is not a clock time (the core always gives one).
    static func date(_ text: String) -> Date {
        guard let clock = CoreDates.clock(text) else { return Date() }
        return Calendar.current.date(bySettingHour: clock.hour, minute: clock.minute, second: 0, of: Date()) ?? Date()
    }

    static func text(_ date: Date) -> String {
        let parts = Calendar.current.dateComponents([.hour, .minute], from: date)
        return CoreDates.clockString(hour: parts.hour ?? 0, minute: parts.minute ?? 0)
    }
}

/// A medicine and, for evening ones, how long before bedtime its reminder comes (the core's
/// lead choices, as on Android).
private struct MedicationSettingsRow: View {
    let medication: MedicationRow
    let leads: [LeadChoice]
    let model: AppModel

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(medication.name).font(.headline)
            Text("\(medication.holding) · \(medication.slotLabel)").font(.subheadline).foregroundStyle(.secondary)
            if let lead = medication.leadMinutes {
                Picker("Remind before bedtime", selection: Binding(get: { lead }, set: { model.setLead(medication.id, minutes: $0) })) {
                    ForEach(leads) { choice in
                        Text(choice.label).tag(choice.minutes)
                    }
                }
            }
        }
    }
}
