import SwiftUI
import EventideKit

/// Plan: for each medicine, where its plan stands, the timeline of steps, and the actions
/// the plan allows (confirm tolerance, hold a step, start a taper); medicines without a plan
/// offer to start one.
struct PlanScreen: View {
    let model: AppModel
    @State private var planning: Medication?
    @State private var holding: PlanState?

    var body: some View {
        List {
            if model.medications.isEmpty {
                Text("Add a medicine in Settings first.")
            }
            ForEach(model.plans) { plan in
                PlanSection(plan: plan, model: model, hold: { holding = plan }, changePlan: {
                    planning = model.medications.first { $0.id == plan.medicationId }
                })
            }
            let unplanned = model.medications.filter { medication in !model.plans.contains { $0.medicationId == medication.id } }
            if !unplanned.isEmpty {
                Section("No plan yet") {
                    ForEach(unplanned, id: \.id) { medication in
                        Button("Start a plan for \(medication.name)") { planning = medication }
                    }
                }
            }
        }
        .sheet(item: Binding(get: { planning.map(PlanTarget.init(medication:)) }, set: { planning = $0?.medication })) { target in
            NewPlanSheet(medication: target.medication, model: model)
        }
        .sheet(item: $holding) { plan in
            HoldSheet(plan: plan, model: model)
        }
    }
}

/// A medicine as a sheet item.
private struct PlanTarget: Identifiable {
    let medication: Medication
    var id: String { medication.id }
}

private struct PlanSection: View {
    let plan: PlanState
    let model: AppModel
    let hold: () -> Void
    let changePlan: () -> Void

    var body: some View {
        Section {
            VStack(alignment: .leading, spacing: 4) {
                Text(plan.description).font(.headline)
                Text(plan.statusLine)
                if let next = plan.nextChangeText {
                    Text(next).foregroundStyle(.secondary)
                }
            }
            .accessibilityElement(children: .combine)
            ForEach(plan.steps) { step in
                StepRowView(step: step)
            }
            if let stepUp = plan.stepUp {
                StepUpChoiceView(prompt: stepUp) { action in model.stepUp(plan, action) }
            }
            if plan.canHold {
                Button("Stay on this step longer…", action: hold)
            }
            Button(changeTitle, action: changePlan)
        } header: {
            Text(plan.medicationName)
        }
    }
}

extension PlanSection {
    /// A taper can be replaced; a titration or steady dose can become a taper or a new plan.
    private var changeTitle: String {
        plan.isTaper ? "Change the plan…" : "New plan or taper…"
    }
}

/// The core's step-up prompt: its two choices side by side, the same size and style, neither
/// highlighted or chosen (the core's `preselected` is always nil).
private struct StepUpChoiceView: View {
    let prompt: StepUpPrompt
    let choose: (StepUpAction) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Text(prompt.prompt).font(.subheadline.weight(.semibold))
            HStack(alignment: .top, spacing: 8) {
                ForEach(prompt.options, id: \.label) { option in
                    VStack(alignment: .leading, spacing: 4) {
                        Button(option.label) { choose(option.action) }
                            .buttonStyle(.bordered)
                            .frame(maxWidth: .infinity)
                        Text(option.detail).font(.footnote).foregroundStyle(.secondary)
                    }
                    .frame(maxWidth: .infinity, alignment: .topLeading)
                }
            }
        }
    }
}

private struct StepRowView: View {
    let step: StepRow

    var body: some View {
        HStack(alignment: .firstTextBaseline) {
            Image(systemName: step.isCurrent ? "largecircle.fill.circle" : "circle")
                .foregroundStyle(step.isCurrent ? Color.accentColor : Color.secondary)
            VStack(alignment: .leading, spacing: 2) {
                Text("\(step.title): \(step.doseText)").font(.body.weight(step.isCurrent ? .semibold : .regular))
                Text(step.datesText).font(.subheadline).foregroundStyle(.secondary)
                Text(step.take).font(.subheadline)
            }
        }
        .opacity(step.projected ? 0.6 : 1)
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(step.accessibilityLabel)
    }
}

/// Hold the current step for a number of nights (e.g. withdrawal symptoms); later steps shift.
private struct HoldSheet: View {
    let plan: PlanState
    let model: AppModel
    @State private var nights = 7
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        NavigationStack {
            Form {
                Stepper("Stay \(nights) more nights", value: $nights, in: 1...90)
                Text("Later steps move back by the same number of nights.").foregroundStyle(.secondary)
            }
            .navigationTitle("Hold \(plan.medicationName)")
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button("Cancel") { dismiss() } }
                ToolbarItem(placement: .confirmationAction) {
                    Button("Hold") {
                        model.hold(plan, days: UInt32(nights))
                        dismiss()
                    }
                }
            }
        }
    }
}

/// Start a titration, a steady dose, or a taper. The core checks every number; an unusual
/// plan comes back with warnings, shown here to confirm before it is saved.
private struct NewPlanSheet: View {
    enum Kind: String, CaseIterable, Identifiable {
        case titration = "Build up", maintenance = "Steady", taper = "Taper"
        var id: String { rawValue }
    }

    let medication: Medication
    let model: AppModel
    @State private var kind = Kind.titration
    // No defaults for a build-up: start, step and target are the prescriber's numbers.
    @State private var startMg: Double?
    @State private var stepMg: Double?
    @State private var targetMg: Double?
    @State private var doseMg = 25.0
    @State private var everyDays = 14
    @State private var proportional = false
    @State private var taperStepMg = 5.0
    @State private var taperPercent = 10
    @State private var outcome: SaveResult?
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        NavigationStack {
            Form {
                Picker("Kind of plan", selection: $kind) {
                    ForEach(Kind.allCases) { Text($0.rawValue).tag($0) }
                }
                .pickerStyle(.segmented)
                switch kind {
                case .titration:
                    optionalAmount("Start", value: $startMg)
                    optionalAmount("Step up by", value: $stepMg)
                    optionalAmount("Target your prescriber gave", value: $targetMg)
                    Stepper("Every \(everyDays) nights", value: $everyDays, in: 1...90)
                case .maintenance:
                    amount("Each night", value: $doseMg)
                case .taper:
                    Toggle("Smaller steps as the dose gets smaller", isOn: $proportional)
                    if proportional {
                        Stepper("Down \(taperPercent)% of the current dose", value: $taperPercent, in: 1...50)
                    } else {
                        amount("Down by", value: $taperStepMg)
                    }
                    Stepper("Every \(everyDays) nights", value: $everyDays, in: 1...90)
                    Text("Starts tonight from tonight's dose.").foregroundStyle(.secondary)
                }
                switch outcome {
                case .needsConfirmation(let warnings):
                    Section {
                        ForEach(warnings, id: \.self) { warning in
                            Label(warning, systemImage: "exclamationmark.triangle")
                        }
                        Button("Save anyway") { save(confirming: warnings) }
                    } header: {
                        Text("Check this plan")
                    } footer: {
                        Text("If you save it, these warnings are noted in the plan's history.")
                    }
                case .refused(let reason):
                    Section {
                        Label(reason, systemImage: "xmark.octagon").foregroundStyle(Color.red)
                    }
                case .saved, .none:
                    EmptyView()
                }
            }
            .navigationTitle(medication.name)
            .onChange(of: kind) { outcome = nil }
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button("Cancel") { dismiss() } }
                ToolbarItem(placement: .confirmationAction) {
                    Button("Save") { save(confirming: []) }
                }
            }
        }
    }

    private func amount(_ title: String, value: Binding<Double>) -> some View {
        LabeledContent(title) {
            HStack {
                TextField(title, value: value, format: .number)
                    .keyboardType(.decimalPad)
                    .multilineTextAlignment(.trailing)
                Text("mg")
            }
        }
    }

    /// An amount with no default: empty until typed.
    private func optionalAmount(_ title: String, value: Binding<Double?>) -> some View {
        LabeledContent(title) {
            HStack {
                TextField(title, value: value, format: .number)
                    .keyboardType(.decimalPad)
                    .multilineTextAlignment(.trailing)
                Text("mg")
            }
        }
    }

    /// Saves with `confirming` warnings confirmed; closes the sheet once saved.
    private func save(confirming confirmed: [String]) {
        let id = medication.id
        let every = UInt32(everyDays)
        let result: SaveResult
        switch kind {
        case .titration:
            guard let start = startMg, let step = stepMg, let target = targetMg else {
                outcome = .refused("Give the start, the step and the target your prescriber wrote.")
                return
            }
            result = model.attempt { core, now in
                _ = try core.titrate(medicationId: id, startMg: start, stepMg: step, everyDays: every,
                                     targetMg: target, startsOn: nil, confirmedWarnings: confirmed, now: now)
            }
        case .maintenance:
            let dose = doseMg
            result = model.attempt { core, now in
                _ = try core.maintain(medicationId: id, doseMg: dose, startsOn: nil, confirmedWarnings: confirmed, now: now)
            }
        case .taper:
            let method: TaperMethod = proportional
                ? .proportional(percent: UInt32(taperPercent))
                : .linear(stepMg: taperStepMg)
            result = model.attempt { core, now in
                _ = try core.taper(medicationId: id, method: method, everyDays: every, fromMg: nil,
                                   confirmedWarnings: confirmed, now: now)
            }
        }
        if result == .saved {
            dismiss()
        } else {
            outcome = result
        }
    }
}
