import Foundation
import EventideCore

/// A symptom the user can tick, with the core's label.
public struct SymptomOption: Equatable, Sendable, Identifiable {
    public let symptom: Symptom
    public let label: String
    public var id: String { label }
}

/// One of the core's symptom sections ("Side effects", …, "Needs help now"), with its note.
/// `needsHelpNow` marks the section whose symptoms raise "get help now" when saved (drawn as a
/// warning). Mirrors `SymptomSectionRow` in android/shell.
public struct CheckinSection: Equatable, Sendable, Identifiable {
    public let title: String
    public let note: String
    public let options: [SymptomOption]
    public let needsHelpNow: Bool
    public var id: String { title }
}

/// The Check-in screen's editable state: one tap for the feeling, then optional pain,
/// symptoms and a note. Built from the core's choices (labels, limits) and the answer
/// already given this morning, if any. Mirrors `CheckinState` in android/shell.
public struct CheckinForm: Equatable, Sendable {
    public let morning: String
    public let feelings: [FeelingButton]
    public let sections: [CheckinSection]
    public let maxPain: UInt8
    public let maxNoteChars: Int

    public var feeling: Feeling?
    public var pain: UInt8?
    public var effects: [Symptom]
    public var note: String

    public init(morning: String, choices: CheckinChoices, existing: CheckIn?) {
        self.morning = morning
        feelings = choices.feelings.map { FeelingButton(feeling: $0.feeling, label: $0.label) }
        // The core's sections, headings and order; every symptom is in exactly one.
        var byId: [Symptom: SymptomChoice] = [:]
        for choice in choices.symptoms { byId[choice.symptom] = choice }
        sections = choices.sections.map { section in
            let options = section.symptoms.compactMap { byId[$0] }
            return CheckinSection(
                title: section.title,
                note: section.note,
                options: options.map { SymptomOption(symptom: $0.symptom, label: $0.label) },
                needsHelpNow: !options.isEmpty && options.allSatisfy { $0.urgency != nil }
            )
        }
        maxPain = choices.maxPain
        maxNoteChars = Int(choices.maxNoteChars)
        feeling = existing?.feeling
        pain = existing?.pain
        effects = existing?.effects ?? []
        note = existing?.note ?? ""
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
