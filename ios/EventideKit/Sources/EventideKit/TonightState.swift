import Foundation
import EventideCore

/// One dose on the Tonight screen, ready to draw: texts, which buttons apply, and what
/// VoiceOver reads. Mirrors `DoseRow` in android/shell.
public struct DoseRow: Equatable, Sendable, Identifiable {
    /// The occurrence key (also its notification id).
    public let id: String
    public let medicationId: String
    public let slotIndex: UInt32
    public let night: String
    public let medicationName: String
    public let slotLabel: String
    /// "25 mg".
    public let doseText: String
    /// How to make it up ("1 × 25 mg + 1 × 10 mg"), or why it cannot be.
    public let breakdownText: String?
    /// True when `breakdownText` explains a problem rather than the tablets to take.
    public let breakdownIsProblem: Bool
    /// "Reminder 21:00".
    public let reminderText: String
    /// "Taken at 21:04", "Snoozed until 21:30", "Missed".
    public let statusText: String
    /// The core's missed-dose guidance for an evening dose past its latest time, or nil.
    public let guidance: String?
    /// The core records Taken at any time except twice (taking after skipping is allowed).
    public let canTake: Bool
    /// Only a dose that is due (or already snoozed) can be snoozed.
    public let canSnooze: Bool
    /// A dose already taken or skipped cannot be skipped.
    public let canSkip: Bool
    /// One sentence for VoiceOver: medicine, dose, how to take it, status.
    public let accessibilityLabel: String

    public init(_ card: DoseCard) {
        id = card.key
        medicationId = card.medicationId
        slotIndex = card.slotIndex
        night = card.night
        medicationName = card.medicationName
        slotLabel = card.slotLabel
        doseText = card.doseText
        breakdownText = card.breakdown?.text ?? card.breakdownProblem
        breakdownIsProblem = card.breakdown == nil && card.breakdownProblem != nil
        reminderText = "Reminder " + card.reminderAt.localTime
        statusText = Self.statusText(card.status, reminder: card.reminderAt)
        guidance = card.guidance
        let buttons: (take: Bool, snooze: Bool, skip: Bool)
        switch card.status {
        case .taken: buttons = (false, false, false)
        case .skipped: buttons = (true, false, false)
        case .missed, .upcoming: buttons = (true, false, true)
        case .due, .snoozed: buttons = (true, true, true)
        }
        canTake = buttons.take
        canSnooze = buttons.snooze
        canSkip = buttons.skip
        let howTo = breakdownText.map { ", \($0)" } ?? ""
        accessibilityLabel = "\(card.medicationName), \(card.slotLabel), \(card.doseText)\(howTo). \(statusText)."
            + (card.guidance.map { " \($0)" } ?? "")
    }

    /// The status in a few words, with the phone's clock time where one applies.
    public static func statusText(_ status: DoseStatus, reminder: PhoneTime) -> String {
        switch status {
        case .upcoming: return "Reminder at \(reminder.localTime)"
        case .due: return "Due now"
        case .snoozed(let until): return "Snoozed until \(until.localTime)"
        case .taken(let at, _, let late): return "Taken at \(at.localTime)" + (late ? " (late)" : "")
        case .skipped: return "Skipped"
        case .missed: return "Missed"
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
/// android/shell.
public struct TonightState: Equatable, Sendable {
    /// "Tonight · Wed 25 Nov" ("Last night · …" in the small hours: the core's label).
    public let heading: String
    public let doses: [DoseRow]
    public let checkin: CheckinPrompt
    /// "Next reminder Wed 25 Nov 21:00: Amitriptyline 25 mg"; nil when none is planned.
    public let nextReminder: String?
    /// How many suggestions wait on the Suggestions tab (its badge).
    public let suggestionCount: Int
    /// Nothing is planned (no medicine or no plan yet): Tonight invites the user to add a
    /// medicine in Settings and a plan on the Plan tab.
    public let nothingPlanned: Bool

    public init(_ today: Today, choices: CheckinChoices, locale: Locale = .current) {
        heading = today.nightLabel + " · " + CoreDates.display(day: today.night, locale: locale)
        doses = today.doses.map(DoseRow.init)
        checkin = CheckinPrompt(today.checkin, choices: choices)
        nextReminder = today.nextNotification.map { next in
            "Next reminder \(CoreDates.display(day: next.fireAt.localDate, locale: locale)) "
                + "\(next.fireAt.localTime): \(next.title)"
        }
        suggestionCount = today.suggestions.count
        nothingPlanned = today.doses.isEmpty && today.plans.isEmpty
    }
}
