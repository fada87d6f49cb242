import SwiftUI
import UserNotifications
import EventideKit

/// Tonight: each dose with how to make it up and its reminder time, Taken / Snooze / Skip,
/// this morning's check-in if it is not answered yet, and the next reminder.
struct TonightScreen: View {
    let model: AppModel

    var body: some View {
        List {
            if model.permission != .authorized && model.permission != .provisional && model.permission != .ephemeral {
                Section {
                    PermissionCard(model: model)
                }
            }
            let urgent = model.suggestions.filter(\.getHelpNow)
            if !urgent.isEmpty {
                Section {
                    ForEach(urgent) { card in
                        UrgentCardView(card: card)
                    }
                }
            }
            if let tonight = model.tonight {
                Section(tonight.heading) {
                    if let empty = tonight.emptyMessage {
                        Text(empty)
                    }
                    ForEach(tonight.doses) { dose in
                        DoseCardView(dose: dose, model: model)
                    }
                }
                if tonight.checkin.answeredWith == nil, !tonight.checkin.choices.isEmpty {
                    Section("This morning") {
                        QuickCheckinView(prompt: tonight.checkin, model: model)
                    }
                }
                if let next = tonight.nextReminder {
                    Section {
                        Label(next, systemImage: "bell")
                    }
                }
            }
        }
        .refreshable { await model.refresh() }
    }
}

/// One dose: what to take, when, and the core's buttons for it.
struct DoseCardView: View {
    let dose: DoseRow
    let model: AppModel

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            VStack(alignment: .leading, spacing: 4) {
                Text("\(dose.medicationName) \(dose.doseText)")
                    .font(.headline)
                if let breakdown = dose.breakdownText {
                    Label(breakdown, systemImage: dose.breakdownIsProblem ? "exclamationmark.triangle" : "pills")
                        .foregroundStyle(dose.breakdownIsProblem ? Color.orange : Color.primary)
                }
                Text("\(dose.slotLabel) · \(dose.reminderText)")
                    .font(.subheadline)
                    .foregroundStyle(.secondary)
                Text(dose.statusText)
                    .font(.subheadline.weight(.semibold))
                if let guidance = dose.guidance {
                    Text(guidance)
                        .font(.subheadline)
                }
            }
            .accessibilityElement(children: .ignore)
            .accessibilityLabel(dose.accessibilityLabel)

            // Wraps into a column at the largest text sizes instead of truncating.
            ViewThatFits(in: .horizontal) {
                HStack { buttons }
                VStack(alignment: .leading) { buttons }
            }
        }
        .padding(.vertical, 4)
    }

    /// The core's buttons: its labels, what VoiceOver says, enabled or not, the main one filled.
    @ViewBuilder private var buttons: some View {
        ForEach(dose.buttons, id: \.code) { button in
            if button.primary {
                Button(button.label) { model.press(button, on: dose) }
                    .buttonStyle(.borderedProminent)
                    .disabled(!button.enabled)
                    .accessibilityLabel(button.description)
            } else {
                Button(button.label) { model.press(button, on: dose) }
                    .buttonStyle(.bordered)
                    .disabled(!button.enabled)
                    .accessibilityLabel(button.description)
            }
        }
    }
}

/// The morning question with one-tap answers; details go on the Check-in tab.
struct QuickCheckinView: View {
    let prompt: CheckinPrompt
    let model: AppModel

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Text("How was your night?")
                .font(.headline)
            ViewThatFits(in: .horizontal) {
                HStack { answers }
                VStack(alignment: .leading) { answers }
            }
            Button("Add pain, symptoms or a note") { model.tab = .checkIn }
                .font(.subheadline)
        }
    }

    private var answers: some View {
        ForEach(prompt.choices) { choice in
            Button(choice.label) { model.checkIn(choice.feeling) }
                .buttonStyle(.bordered)
                .accessibilityLabel("Last night: \(choice.label)")
        }
    }
}

/// Explains why Eventide wants notifications before iOS asks, and where to turn them on
/// again after a no. Tonight shows it in its own section; Settings inside its own.
struct PermissionCard: View {
    let model: AppModel

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Label("Reminders need notifications", systemImage: "bell.badge")
                .font(.headline)
            Text("Eventide reminds you of each dose before your bedtime and asks one question in the morning. Both are notifications with buttons you can answer from the lock screen. They are made on this phone; nothing is sent anywhere.")
                .font(.subheadline)
            if model.permission == .denied {
                Button("Open notification settings") { NotificationPermission.openSettings() }
            } else {
                Button("Allow reminders") { model.requestPermission() }
                    .buttonStyle(.borderedProminent)
            }
        }
    }
}
