import SwiftUI
import EventideKit

/// Plan: for each medicine, where its plan stands, the timeline of steps, and the actions
/// the plan allows (confirm tolerance, hold a step, start a taper); medicines without a plan
/// offer to start one; and adding a medicine (the same place as on Android).
struct PlanScreen: View {
    let model: AppModel
    @State private var addingMedication = false
    @State private var planning: Medication?
    @State private var holding: PlanState?
    @State private var recording: SupplyTarget?

    var body: some View {
        List {

            ForEach(model.plans) { plan in
                PlanSection(plan: plan, model: model, hold: { holding = plan }, changePlan: {
                    planning = model.medications.first { $0.id == plan.medicationId }
                })
                if let supply = model.supplies.first(where: { $0.medicationId == plan.medicationId }) {
                    SupplySection(supply: supply, record: { recording = SupplyTarget(supply: supply, kind: $0) })
                }
            }
            let unplanned = model.medications.filter { medication in !model.plans.contains { $0.medicationId == medication.id } }
            if !unplanned.isEmpty {
                Section("No plan yet") {
                    ForEach(unplanned, id: \.id) { medication in
                        Button("Start a plan for \(medication.name)") { planning = medication }
                    }
                }
            }
            Section {
                Button("Add a medicine…") { addingMedication = true }
            }
        }
        .sheet(isPresented: $addingMedication) {
            AddMedicationSheet(model: model)
        }
        .sheet(item: Binding(get: { planning.map(PlanTarget.init(medication:)) }, set: { planning = $0?.medication })) { target in
            NewPlanSheet(medication: target.medication, model: model)
        }
        .sheet(item: $holding) { plan in
            HoldSheet(plan: plan, model: model)
        }
        .sheet(item: $recording) { target in
            SupplySheet(target: target, model: model)
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
            PlanDetailsView(plan: plan)
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

/// A plan's timeline and the rest of its story as the core tells it: each step with the change
/// into it (marked when it cuts more than asked), a taper's end and rounding, what it was saved
/// despite, and the schedules other forms would give. Also drawn in the taper preview.
private struct PlanDetailsView: View {
    let plan: PlanState

    var body: some View {
        ForEach(plan.steps) { step in
            StepRowView(step: step)
        }
        if let end = plan.endLine {
            Text(end)
        }
        if let note = plan.roundingNote {
            Text(note).font(.footnote).foregroundStyle(.secondary)
        }
        ForEach(plan.confirmedWarnings, id: \.self) { warning in
            Label("Saved after you confirmed: \(warning)", systemImage: "checkmark.seal").font(.footnote)
        }
        ForEach(plan.otherForms) { form in
            DisclosureGroup {
                Text("\(form.holding). \(form.summary)").font(.footnote)
                ForEach(form.steps) { step in
                    StepRowView(step: step)
                }
            } label: {
                Text(form.label)
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
                if !step.changeText.isEmpty {
                    Text(step.changeText).font(.subheadline)
                        .foregroundStyle(step.isMarked ? Color.red : Color.secondary)
                }
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
    @State private var nights = Forms.holdNights
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        NavigationStack {
            Form {
                Stepper("Stay \(nights) more nights", value: $nights, in: Forms.bounds(Forms.choices.holdNights))
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
    // No defaults: the doses and how often they change are the prescriber's numbers (as on
    // Android; the core's `formChoices` gives none).
    @State private var startMg: Double?
    @State private var stepMg: Double?
    @State private var targetMg: Double?
    @State private var doseMg: Double?
    @State private var everyDays: Int?
    @State private var proportional = false
    @State private var taperStepMg: Double?
    @State private var taperPercent: Int?
    @State private var outcome: SaveResult?
    /// A taper is previewed before it is saved: its steps, end and other forms, and warnings.
    @State private var preview: PlanPreviewState?
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
                    count("Every", unit: "nights", value: $everyDays)
                case .maintenance:
                    optionalAmount("Each night", value: $doseMg)
                case .taper:
                    Toggle("Smaller steps as the dose gets smaller", isOn: $proportional)
                    if proportional {
                        count("Down by", unit: "% of the current dose", value: $taperPercent)
                    } else {
                        optionalAmount("Down by", value: $taperStepMg)
                    }
                    count("Every", unit: "nights", value: $everyDays)
                    Text("Starts tonight from tonight's dose.").foregroundStyle(.secondary)
                }
                if kind == .taper, let preview {
                    Section {
                        PlanDetailsView(plan: preview.plan)
                    } header: {
                        Text("The taper as it would be saved")
                    }
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
            .onChange(of: kind) { outcome = nil; preview = nil }
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button("Cancel") { dismiss() } }
                ToolbarItem(placement: .confirmationAction) {
                    Button("Save") { save(confirming: []) }
                }
            }
        }
    }

    /// A whole number with no default (nights, a percentage): empty until typed; the core
    /// refuses one out of its range with its own sentence.
    private func count(_ title: String, unit: String, value: Binding<Int?>) -> some View {
        LabeledContent(title) {
            HStack {
                TextField(title, value: value, format: .number)
                    .keyboardType(.numberPad)
                    .multilineTextAlignment(.trailing)
                Text(unit)
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
        let result: SaveResult
        guard kind == .maintenance || everyDays != nil else {
            outcome = .refused("Give how many nights each step lasts, as your prescriber wrote.")
            return
        }
        let every = UInt32(clamping: everyDays ?? 0)
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
            guard let dose = doseMg else {
                outcome = .refused("Give the dose your prescriber wrote.")
                return
            }
            result = model.attempt { core, now in
                _ = try core.maintain(medicationId: id, doseMg: dose, startsOn: nil, confirmedWarnings: confirmed, now: now)
            }
        case .taper:
            let method: TaperMethod
            switch (proportional, taperPercent, taperStepMg) {
            case (true, let percent?, _): method = .proportional(percent: UInt32(clamping: percent))
            case (false, _, let step?): method = .linear(stepMg: step)
            default:
                outcome = .refused("Give how much each step comes down, as your prescriber wrote.")
                return
            }
            // First Save shows the taper whole with its warnings; "Save anyway" confirms them.
            if confirmed.isEmpty {
                switch model.previewTaper(medicationId: id, method: method, everyDays: every) {
                case .refused(let reason):
                    outcome = .refused(reason)
                    return
                case .preview(let shown):
                    preview = shown
                    if !shown.warnings.isEmpty {
                        outcome = .needsConfirmation(shown.warnings)
                        return
                    }
                }
            }
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

/// What the supplies sheet records: a prescription collected or a count.
private struct SupplyTarget: Identifiable {
    enum Kind: String {
        case collect, count
    }

    let supply: SupplyState
    let kind: Kind
    var id: String { supply.medicationId + kind.rawValue }
}

/// Supplies: what is held, the night it runs out on the plan and what to ask for (the core's
/// sentences), with the two ways to record stock.
private struct SupplySection: View {
    let supply: SupplyState
    let record: (SupplyTarget.Kind) -> Void

    var body: some View {
        Section {
            VStack(alignment: .leading, spacing: 4) {
                if let held = supply.held {
                    Text("Held: \(held)")
                }
                if let runsOut = supply.runsOut {
                    Label(runsOut, systemImage: "exclamationmark.triangle").font(.headline)
                }
                Text(supply.status)
                if let askFor = supply.askFor {
                    Text(askFor)
                }
                if let refill = supply.refill {
                    Text(refill).font(.footnote).foregroundStyle(.secondary)
                }
            }
            .accessibilityElement(children: .combine)
            ForEach(supply.rows) { row in
                VStack(alignment: .leading, spacing: 2) {
                    Text(row.label)
                    Text("\(row.held) held · \(row.needed) needed").font(.subheadline).foregroundStyle(.secondary)
                    if let ask = row.askFor {
                        Text("Ask for \(ask)").font(.subheadline)
                    }
                }
                .accessibilityElement(children: .ignore)
                .accessibilityLabel(row.accessibilityLabel)
            }
            Button("I collected a prescription") { record(.collect) }
            Button("Count what I hold") { record(.count) }
        } header: {
            Text("Supplies of \(supply.medicationName)")
        }
    }
}

/// One box per strength: how much was collected (or is held), and the pack size.
private struct SupplySheet: View {
    let target: SupplyTarget
    let model: AppModel
    @State private var form: SupplyForm
    @State private var outcome: SaveResult?
    @Environment(\.dismiss) private var dismiss

    init(target: SupplyTarget, model: AppModel) {
        self.target = target
        self.model = model
        _form = State(initialValue: SupplyForm(boxes: target.supply.boxes))
    }

    var body: some View {
        NavigationStack {
            Form {
                ForEach($form.boxes) { $box in
                    Section(box.label) {
                        LabeledContent(target.kind == .collect ? "Collected (\(box.unit))" : "Held now (\(box.unit))") {
                            TextField("0", text: $box.amount)
                                .keyboardType(.decimalPad)
                                .multilineTextAlignment(.trailing)
                        }
                        LabeledContent("Pack size (\(box.unit), optional)") {
                            TextField("", text: $box.packSize)
                                .keyboardType(.numberPad)
                                .multilineTextAlignment(.trailing)
                        }
                    }
                }
                if case .refused(let reason) = outcome {
                    Section {
                        Label(reason, systemImage: "xmark.octagon").foregroundStyle(Color.red)
                    }
                }
            }
            .navigationTitle(target.kind == .collect ? "Prescription collected" : "Count what you hold")
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button("Cancel") { dismiss() } }
                ToolbarItem(placement: .confirmationAction) {
                    Button("Save") {
                        let result = target.kind == .collect
                            ? model.collectPrescription(target.supply, form: form)
                            : model.countStock(target.supply, form: form)
                        if result == .saved {
                            dismiss()
                        } else {
                            outcome = result
                        }
                    }
                }
            }
        }
    }
}
