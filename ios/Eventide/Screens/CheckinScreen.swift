import SwiftUI
import EventideKit

/// Check-in: one tap for how the night was saves it at once (as on Android); pain (0 to the
/// core's maximum), side effects and withdrawal symptoms from the core's fixed list, and a note
/// are optional details saved after.
struct CheckinScreen: View {
    @Bindable var model: AppModel

    var body: some View {
        Form {
            Section {
                ForEach(model.checkinForm.feelings) { choice in
                    Button {
                        model.checkIn(choice.feeling)
                    } label: {
                        HStack {
                            Text(choice.label)
                            Spacer()
                            if model.checkinForm.feeling == choice.feeling {
                                Image(systemName: "checkmark")
                            }
                        }
                    }
                    .accessibilityAddTraits(model.checkinForm.feeling == choice.feeling ? [.isSelected] : [])
                }
            } header: {
                Text("How was last night?")
            } footer: {
                Text("One tap saves it. The details below are optional.")
            }
            Section("Pain") {
                Toggle("Record pain", isOn: Binding(
                    get: { model.checkinForm.pain != nil },
                    set: { model.checkinForm.pain = $0 ? 0 : nil }
                ))
                if let pain = model.checkinForm.pain {
                    Stepper(value: Binding(
                        get: { Int(pain) },
                        set: { model.checkinForm.pain = UInt8(clamping: $0) }
                    ), in: 0...Int(model.checkinForm.maxPain)) {
                        Text("Pain \(pain) of \(model.checkinForm.maxPain)")
                    }
                    .accessibilityValue("\(pain) of \(model.checkinForm.maxPain)")
                }
            }
            // The core's sections, headings and notes; the last one's symptoms raise "get help now".
            ForEach(model.checkinForm.sections) { section in
                Section {
                    ForEach(section.options) { option in
                        Toggle(option.label, isOn: Binding(
                            get: { model.checkinForm.effects.contains(option.symptom) },
                            set: { _ in model.checkinForm.toggle(option.symptom) }
                        ))
                    }
                } header: {
                    Text(section.title)
                } footer: {
                    Text(section.note)
                        .foregroundStyle(section.needsHelpNow ? Color.red : Color.secondary)
                }
            }
            Section {
                TextField("Anything else", text: $model.checkinForm.note, axis: .vertical)
                    .lineLimit(3...8)
            } header: {
                Text("Note")
            } footer: {
                if !model.checkinForm.noteFits {
                    Text("Keep the note under \(model.checkinForm.maxNoteChars) characters.")
                        .foregroundStyle(Color.red)
                }
            }
            Section {
                Button("Save details") { model.saveCheckin(model.checkinForm) }
                    .disabled(!model.checkinForm.noteFits)
            } footer: {
                Text("For the morning of \(CoreDates.display(day: model.checkinForm.morning)). Saving again updates it.")
            }
        }
    }
}
