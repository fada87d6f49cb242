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
    /// "Next: 30 mg from Wed 9 Dec" (with "once you confirm" when it waits for that).
    public let nextChangeText: String?
    /// A titration waits for the user to say side effects are tolerable.
    public let canConfirmTolerable: Bool
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
        nextChangeText = plan.nextChange.map { next in
            let when = CoreDates.display(day: next.night, locale: locale)
            return "Next: \(next.doseText) from \(when)" + (next.needsConfirmation ? ", once you confirm" : "")
        }
        canConfirmTolerable = plan.awaitingConfirmation
        canHold = plan.nextChange != nil
        isTaper = plan.isTaper
    }
}
