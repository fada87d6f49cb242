import Foundation
import EventideCore

/// One step of a plan's timeline. Mirrors `StepRow` in android/shell.
public struct StepRow: Equatable, Sendable, Identifiable {
    public let id: UInt32
    /// "Step 3".
    public let title: String
    /// "25 mg".
    public let doseText: String
    /// "From Wed 25 Nov" or "Wed 25 Nov – next step Tue 9 Dec".
    public let datesText: String
    /// What to take ("1 × 25 mg"), or why it cannot be made up.
    public let take: String
    /// The step in force tonight.
    public let isCurrent: Bool
    /// Depends on confirmations still to come (drawn dimmed, read as "expected").
    public let projected: Bool
    public let accessibilityLabel: String

    public init(_ step: StepView, current: UInt32, locale: Locale = .current) {
        id = step.number
        title = "Step \(step.number)"
        doseText = step.doseText
        let from = CoreDates.display(day: step.from, locale: locale)
        if let until = step.until {
            datesText = "\(from) – next step \(CoreDates.display(day: until, locale: locale))"
        } else {
            datesText = "From \(from)"
        }
        take = step.take
        isCurrent = step.number == current
        projected = step.projected
        let state = isCurrent ? "current step, " : (projected ? "expected, " : "")
        accessibilityLabel = "\(title), \(state)\(doseText), \(datesText), take \(take)"
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

    public init(_ plan: PlanView, locale: Locale = .current) {
        medicationId = plan.medicationId
        medicationName = plan.medicationName
        description = plan.description
        statusLine = plan.statusLine
        currentDoseText = plan.currentDoseText
        steps = plan.steps.map { StepRow($0, current: plan.currentStep, locale: locale) }
        nextChangeText = plan.nextChange?.text
        stepUp = plan.stepUpChoice.map { StepUpPrompt(prompt: $0.prompt, options: $0.options, preselected: $0.preselected) }
        canHold = plan.nextChange != nil
        isTaper = plan.isTaper
    }
}
