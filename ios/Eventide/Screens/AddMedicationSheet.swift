import SwiftUI
import EventideKit

/// Adds a medicine with the strengths the user actually holds and when it is taken, opened from
/// the Plan tab (where Android adds one too). The core reads and checks every box
/// (`MedicineForm`), and offers the timings, leads and starting times.
struct AddMedicationSheet: View {
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
                    TextField("Tablet strengths you have (mg, e.g. 10, 25)", text: $form.tablets)
                        .keyboardType(.numbersAndPunctuation)
                    Toggle("I can split tablets in half", isOn: $form.canHalve)
                    TextField("Oral solution (mg per 5 ml, optional)", text: $form.liquids)
                        .keyboardType(.numbersAndPunctuation)
                } header: {
                    Text("What you hold")
                }
                Section("When") {
                    Picker("Taken", selection: $form.timing) {
                        ForEach(MedicineForm.timingOptions) { choice in
                            Text(choice.label).tag(choice.timing)
                        }
                    }
                    switch form.timing {
                    case .evening:
                        Picker("Remind before bedtime", selection: $form.leadMinutes) {
                            ForEach(MedicineForm.leadOptions) { lead in
                                Text(lead.label).tag(lead.minutes)
                            }
                        }
                    case .morning:
                        ClockPicker(title: "At", time: form.morningTime) { form.morningTime = $0 }
                    case .times:
                        TextField("Times, 24-hour, separated by commas", text: $form.times)
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
