import Foundation
import EventideCore

/// A suggestion as the Suggestions screen shows it: a question for the prescriber with the
/// evidence it rests on, all worded by the core. Mirrors `SuggestionCard` in android/shell.
public struct SuggestionCard: Equatable, Sendable, Identifiable {
    public let id: String
    public let title: String
    /// The core's explanation, shown under the question.
    public let text: String
    public let question: String
    public let evidence: [String]
    public let basis: String
    /// Where the fact behind it comes from.
    public let source: String
    /// "Amitriptyline", when it is about one medicine.
    public let medicationName: String?
    /// Something not to wait with until the next review: drawn as a warning, listed first.
    public let urgent: Bool
    /// Needs a doctor, NHS 111 or 999 now (the core's top tier): drawn as an alert above
    /// everything, with `calls` as buttons that open the phone app.
    public let getHelpNow: Bool
    /// The core's numbers to call, in order ("Call NHS 111" → "111").
    public let calls: [CallButton]
    /// The core's "when to raise it" label ("Contact your prescriber soon"); none for information.
    public let whenToRaise: String?
    public let accessibilityLabel: String

    public init(_ suggestion: Suggestion) {
        id = suggestion.id
        title = suggestion.title
        text = suggestion.text
        question = suggestion.question
        evidence = suggestion.evidence
        basis = suggestion.basis
        source = suggestion.source
        medicationName = suggestion.medicationName
        urgent = suggestion.severity == .contactPrescriberSoon || suggestion.severity == .getHelpNow
        getHelpNow = suggestion.severity == .getHelpNow
        calls = suggestion.calls
        whenToRaise = suggestion.severity == .info ? nil : suggestion.severityLabel
        let about = suggestion.medicationName.map { " About \($0)." } ?? ""
        let when = whenToRaise.map { "\($0). " } ?? ""
        accessibilityLabel = "\(when)\(suggestion.title).\(about) \(suggestion.question)"
    }

    /// The cards for `suggestions`, in the core's order: most pressing first.
    public static func cards(_ suggestions: [Suggestion]) -> [SuggestionCard] {
        suggestions.map(SuggestionCard.init)
    }
}

extension CallButton {
    /// The `tel:` URL that opens the phone app with this number filled in (the user places the
    /// call); nil if the core ever gave something that is not digits.
    public var telURL: URL? {
        guard !number.isEmpty, number.allSatisfy(\.isNumber) else { return nil }
        return URL(string: "tel:\(number)")
    }
}
