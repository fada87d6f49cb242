import Foundation
import EventideCore

/// One dose on the Tonight screen, ready to draw: texts, the core's buttons, and what
/// VoiceOver reads. Every sentence and button is the core's (the same card as on Android); a
/// button is answered by `press(_:core:now:)`, the same `handleAction` as the notification's
/// button. Mirrors `DoseRow` in android/shell.
public struct DoseRow: Equatable, Sendable, Identifiable {
    /// The occurrence key (also its notification id): what `handleAction` is given.
    public let id: String
    public let medicationName: String
    public let slotLabel: String
    /// "25 mg".
    public let doseText: String
    /// How to make it up ("1 × 25 mg + 1 × 10 mg"), or why it cannot be.
    public let breakdownText: String?
    /// True when `breakdownText` explains a problem rather than the tablets to take.
    public let breakdownIsProblem: Bool
    /// The core's "Reminder 21:00".
    public let reminderText: String
    /// The core's status line: "Due now", "Taken at 21:04", "Snoozed until 21:30", "Missed".
    public let statusText: String
    /// The core's missed-dose guidance for an evening dose past its latest time, or nil.
    public let guidance: String?
    /// The core's buttons, in order: label, what VoiceOver says, enabled, the main one.
    public let buttons: [CardButton]
    /// One sentence for VoiceOver: medicine, dose, how to take it, status.
    public let accessibilityLabel: String

    public init(_ card: DoseCard) {
        id = card.key
        medicationName = card.medicationName
        slotLabel = card.slotLabel
        doseText = card.doseText
        breakdownText = card.breakdown?.text ?? card.breakdownProblem
        breakdownIsProblem = card.breakdown == nil && card.breakdownProblem != nil
        reminderText = card.reminderText
        statusText = card.statusText
        guidance = card.guidance
        buttons = card.buttons
        let howTo = breakdownText.map { ", \($0)" } ?? ""
        accessibilityLabel = "\(card.medicationName), \(card.slotLabel), \(card.doseText)\(howTo). \(statusText)."
            + (card.guidance.map { " \($0)" } ?? "")
    }

    /// A tap on one of this card's buttons: the core's action on the card's key, through the
    /// same `handleAction` as the notification's button. Returns the core's sentence; throws
    /// what the core refused with. Mirrors `pressCard` in android/shell.
    public func press(_ button: CardButton, core: EventideProtocol, now: Date) throws -> String {
        switch try core.handleAction(id: id, action: button.action, now: now) {
        case .dose(let outcome): return outcome.message
        case .checkin(let checkin, _): return "Check-in saved for \(checkin.morning)."
        }
    }
}

/// A one-tap answer offered on Tonight and in the check-in notification.
public struct FeelingButton: Equatable, Sendable, Identifiable {
    public let feeling: Feeling
    public let label: String
    public var id: String { label }
}

/// This morning's check-in as Tonight shows it: a question with one-tap answers, or the
/// answer already given.
public struct CheckinPrompt: Equatable, Sendable {
    /// "YYYY-MM-DD" of the morning.
    public let morning: String
    /// Nil until answered; then "Groggy" etc.
    public let answeredWith: String?
    /// The core's feelings with its labels.
    public let choices: [FeelingButton]

    public init(_ card: CheckinCard, choices: CheckinChoices) {
        morning = card.morning
        let buttons = choices.feelings.map { FeelingButton(feeling: $0.feeling, label: $0.label) }
        self.choices = buttons
        answeredWith = card.answer.map { answer in
            buttons.first { $0.feeling == answer.feeling }?.label ?? ""
        }
    }
}

/// The whole Tonight screen, mapped from the core's `Today`. Mirrors `TonightState` in
/// android/shell, with the same words.
public struct TonightState: Equatable, Sendable {
    /// Tonight with nothing planned yet: where to start.
    public static let nothingPlannedText = "Nothing is planned yet. Add your medicine and its plan on the Plan screen."
    /// Medicines are planned, but no dose falls tonight.
    public static let noDosesText = "No doses tonight."

    /// "Tonight · Wed 25 Nov" ("Last night · …" in the small hours: the core's label).
    public let heading: String
    public let doses: [DoseRow]
    public let checkin: CheckinPrompt
    /// "Next reminder: Wed 25 Nov 21:00 — Amitriptyline 10 mg"; nil when none is planned.
    public let nextReminder: String?
    /// How many suggestions wait on the Suggestions tab (its badge).
    public let suggestionCount: Int
    /// What Tonight says when it has no dose to show; nil when it has.
    public let emptyMessage: String?

    public init(_ today: Today, choices: CheckinChoices, locale: Locale = .current) {
        heading = today.nightLabel + " · " + CoreDates.display(day: today.night, locale: locale)
        doses = today.doses.map(DoseRow.init)
        checkin = CheckinPrompt(today.checkin, choices: choices)
        nextReminder = today.nextNotification.map { next in
            "Next reminder: \(CoreDates.display(day: next.fireAt.localDate, locale: locale)) "
                + "\(next.fireAt.localTime) — \(next.title)"
        }
        suggestionCount = today.suggestions.count
        if !today.doses.isEmpty {
            emptyMessage = nil
        } else if today.plans.isEmpty {
            emptyMessage = Self.nothingPlannedText
        } else {
            emptyMessage = Self.noDosesText
        }
    }
}
