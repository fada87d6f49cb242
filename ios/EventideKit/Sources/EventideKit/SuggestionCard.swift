import Foundation
import EventideCore

/// A suggestion as the Suggestions screen shows it: a question for the prescriber with the
/// evidence it rests on, all worded by the core. Mirrors `SuggestionCard` in android/shell.
public struct SuggestionCard: Equatable, Sendable, Identifiable {
    public let id: String
    public let title: String
    public let question: String
    public let evidence: [String]
    public let basis: String
    /// "Amitriptyline", when it is about one medicine.
    public let medicationName: String?
    public let accessibilityLabel: String

    public init(_ suggestion: Suggestion) {
        id = suggestion.id
        title = suggestion.title
        question = suggestion.question
        evidence = suggestion.evidence
        basis = suggestion.basis
        medicationName = suggestion.medicationName
        let about = suggestion.medicationName.map { " About \($0)." } ?? ""
        accessibilityLabel = "\(suggestion.title).\(about) \(suggestion.question)"
    }
}
