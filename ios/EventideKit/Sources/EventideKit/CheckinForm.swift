import Foundation
import EventideCore

/// A symptom the user can tick, with the core's label.
public struct SymptomOption: Equatable, Sendable, Identifiable {
    public let symptom: Symptom
    public let label: String
    public var id: String { label }
}

/// A titled group of symptoms ("Side effects", "Withdrawal", "Either").
public struct SymptomSection: Equatable, Sendable, Identifiable {
    public let title: String
    public let options: [SymptomOption]
    public var id: String { title }
}

/// The Check-in screen's editable state: one tap for the feeling, then optional pain,
/// symptoms and a note. Built from the core's choices (labels, limits) and the answer
/// already given this morning, if any. Mirrors `CheckinState` in android/shell.
public struct CheckinForm: Equatable, Sendable {
    public let morning: String
    public let feelings: [FeelingButton]
    public let sections: [SymptomSection]
    public let maxPain: UInt8
    public let maxNoteChars: Int

    public var feeling: Feeling?
    public var pain: UInt8?
    public var effects: [Symptom]
    public var note: String

    public init(morning: String, choices: CheckinChoices, existing: CheckIn?) {
        self.morning = morning
        feelings = choices.feelings.map { FeelingButton(feeling: $0.feeling, label: $0.label) }
        // Groups in the order the core lists their symptoms; every symptom lands in one.
        var order: [SymptomGroup] = []
        for choice in choices.symptoms where !order.contains(choice.group) {
            order.append(choice.group)
        }
        sections = order.map { group in
            SymptomSection(
                title: Self.title(of: group),
                options: choices.symptoms.filter { $0.group == group }.map { SymptomOption(symptom: $0.symptom, label: $0.label) }
            )
        }
        maxPain = choices.maxPain
        maxNoteChars = Int(choices.maxNoteChars)
        feeling = existing?.feeling
        pain = existing?.pain
        effects = existing?.effects ?? []
        note = existing?.note ?? ""
    }

    /// A section heading per group. Exhaustive: a new group in the core stops this compiling
    /// until it has a heading.
    public static func title(of group: SymptomGroup) -> String {
        switch group {
        case .sideEffect: return "Side effects"
        case .withdrawal: return "Withdrawal"
        case .either: return "Side effect or withdrawal"
        }
    }

    /// Ticks or unticks a symptom.
    public mutating func toggle(_ symptom: Symptom) {
        if let index = effects.firstIndex(of: symptom) {
            effects.remove(at: index)
        } else {
            effects.append(symptom)
        }
    }

    /// True when the note is within the core's limit (the core refuses longer ones).
    public var noteFits: Bool { note.count <= maxNoteChars }

    /// What to send to `checkIn(answer:morning:now:)`: an empty note is no note.
    public var answer: CheckInAnswer {
        let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
        return CheckInAnswer(feeling: feeling, pain: pain, effects: effects, note: trimmed.isEmpty ? nil : trimmed)
    }
}
