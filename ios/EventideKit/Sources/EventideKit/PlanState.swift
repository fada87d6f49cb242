import Foundation
import EventideCore

/// One step of a plan's timeline. Mirrors `StepRow` in android/shell.
public struct StepRow: Equatable, Sendable, Identifiable {
    public let id: UInt32
    /// "Step 3".
    public let title: String
    /// "25 mg".
    public let doseText: String
    /// The core's words for the step's nights: "Wed 25 Nov – Tue 8 Dec" (its last night is the
    /// one before the next step), "From Wed 25 Nov" for the last step.
    public let datesText: String
    /// What to take ("1 × 25 mg"), or why it cannot be made up.
    public let take: String
    /// The step in force tonight.
    public let isCurrent: Bool
    /// Depends on confirmations still to come (drawn dimmed, read as "expected").
    public let projected: Bool
    /// The core's words for the change into this step ("−5 mg (−12.5%)"); empty for step 1.
    public let changeText: String
    /// The step cuts more than the plan asks (drawn marked, in red).
    public let isMarked: Bool
    public let accessibilityLabel: String

    /// `current` is the number of the step in force (0 for a schedule that is not the plan's own).
    public init(_ step: StepView, current: UInt32) {
        id = step.number
        title = "Step \(step.number)"
        doseText = step.doseText
        datesText = step.dates
        take = step.take
        isCurrent = step.number == current
        projected = step.projected
        changeText = step.change
        isMarked = step.moreThanAsked
        let state = isCurrent ? "current step, " : (projected ? "expected, " : "")
        let change = changeText.isEmpty ? "" : ", \(changeText)"
        accessibilityLabel = "\(title), \(state)\(doseText)\(change), \(datesText), take \(take)"
    }
}

/// The same taper with a form the user does not hold (an oral solution, half tablets), to ask
/// the prescriber about. Mirrors `OtherFormRow` in android/shell.
public struct OtherFormRow: Equatable, Sendable, Identifiable {
    public var id: String { label }
    /// "With 10 mg/5 ml oral solution as well".
    public let label: String
    /// What would be held.
    public let holding: String
    /// How far down it comes and when it ends.
    public let summary: String
    public let steps: [StepRow]

    public init(_ form: OtherFormView, locale: Locale = .current) {
        label = form.label
        holding = form.holding
        summary = form.summary
        steps = form.steps.map { StepRow($0, current: 0) }
    }
}

/// The step-up prompt when a titration's next step is due: the core's two choices, to draw side
/// by side with equal weight. `preselected` is the core's (always nil). Mirrors `StepUpPrompt`
/// in android/shell.
public struct StepUpPrompt: Equatable, Sendable {
    public let prompt: String
    public let options: [StepUpOption]
    public let preselected: StepUpAction?
}

/// The Plan screen for one medicine, mapped from the core's `PlanView`. Mirrors `PlanState`
/// in android/shell.
public struct PlanState: Equatable, Sendable, Identifiable {
    public var id: String { medicationId }
    public let medicationId: String
    public let medicationName: String
    /// The core's own description ("Titration 10 mg → 50 mg, +10 mg every 14 nights").
    public let description: String
    /// The core's one-line status ("Step 2 of 5 · 20 mg").
    public let statusLine: String
    public let currentDoseText: String
    public let steps: [StepRow]
    /// The core's line for the next change ("20 mg from tonight, if you choose to step up.").
    public let nextChangeText: String?
    /// While a titration's step-up is due: the choice to draw.
    public let stepUp: StepUpPrompt?
    /// Holding makes sense only while the plan still changes.
    public let canHold: Bool
    public let isTaper: Bool
    /// A taper's end date and length ("Ends on …: 16 weeks (about 4 months) in all."), else nil.
    public let endLine: String?
    /// How a taper's steps are rounded to what the user holds, else nil.
    public let roundingNote: String?
    /// What this version was saved despite.
    public let confirmedWarnings: [String]
    /// Other forms' schedules, when what is held cannot reach the small final dose.
    public let otherForms: [OtherFormRow]

    public init(_ plan: PlanView, locale: Locale = .current) {
        medicationId = plan.medicationId
        medicationName = plan.medicationName
        description = plan.description
        statusLine = plan.statusLine
        currentDoseText = plan.currentDoseText
        steps = plan.steps.map { StepRow($0, current: plan.currentStep) }
        nextChangeText = plan.nextChange?.text
        stepUp = plan.stepUpChoice.map { StepUpPrompt(prompt: $0.prompt, options: $0.options, preselected: $0.preselected) }
        canHold = plan.nextChange != nil
        isTaper = plan.isTaper
        endLine = plan.endLine.isEmpty ? nil : plan.endLine
        roundingNote = plan.roundingNote.isEmpty ? nil : plan.roundingNote
        confirmedWarnings = plan.confirmedWarnings
        otherForms = plan.otherForms.map { OtherFormRow($0, locale: locale) }
    }
}

/// A taper not yet saved, and the warnings the user must confirm to save it. Mirrors
/// `PlanPreviewState` in android/shell.
public struct PlanPreviewState: Equatable, Sendable {
    public let plan: PlanState
    /// The warnings' texts, passed back as `confirmedWarnings` when the user agrees.
    public let warnings: [String]

    public init(_ preview: PlanPreview, locale: Locale = .current) {
        plan = PlanState(preview.plan, locale: locale)
        warnings = preview.warnings.map(\.text)
    }
}
