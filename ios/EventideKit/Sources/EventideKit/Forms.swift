import Foundation
import EventideCore

/// What the core's forms offer — reminder leads, timings, the times a new medicine starts from,
/// the hold and plan ranges, the check-in times — asked once (no database is read). The shell
/// declares none of these numbers. Mirrors `Forms` in android/shell.
public enum Forms {
    public static let choices: FormChoices = formChoices()

    /// A range's bounds as a `ClosedRange` for a stepper or picker.
    public static func bounds(_ range: NumberRange) -> ClosedRange<Int> {
        Int(range.min)...Int(max(range.min, range.max))
    }

    /// Where the hold stepper starts: the core's default nights (its smallest if it has none).
    public static var holdNights: Int {
        Int(choices.holdNights.default ?? choices.holdNights.min)
    }
}

extension LeadChoice: Identifiable {
    public var id: UInt16 { minutes }
}

extension TimingChoice: Identifiable {
    public var id: String { label }
}
