import SwiftUI
import EventideKit

/// Suggestions: questions worth raising with the prescriber, each with the evidence from
/// check-ins and the plan that led to it, all worded by the core. Each can be hidden for good.
struct SuggestionsScreen: View {
    let model: AppModel

    var body: some View {
        if model.suggestions.isEmpty {
            ContentUnavailableView(
                "Nothing to ask about",
                systemImage: "checkmark.bubble",
                description: Text("When your check-ins or plan show a pattern worth asking your prescriber about, it appears here with what it is based on.")
            )
        } else {
            List(model.suggestions) { suggestion in
                Section {
                    if suggestion.getHelpNow {
                        UrgentCardView(card: suggestion)
                    } else {
                        SuggestionBody(suggestion: suggestion)
                    }
                    DisclosureGroup("What this is based on") {
                        ForEach(suggestion.evidence, id: \.self) { line in
                            Label(line, systemImage: "list.bullet")
                        }
                        Text(suggestion.basis).font(.footnote).foregroundStyle(.secondary)
                        Text(suggestion.source).font(.footnote).foregroundStyle(.secondary)
                    }
                    Button("Hide this suggestion", role: .destructive) { model.dismiss(suggestion) }
                }
            }
        }
    }
}

/// A question for the prescriber: when to raise it, the question and the core's explanation.
private struct SuggestionBody: View {
    let suggestion: SuggestionCard

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            if let when = suggestion.whenToRaise {
                Label(when, systemImage: suggestion.urgent ? "exclamationmark.triangle.fill" : "calendar")
                    .font(.subheadline.weight(.semibold))
                    .foregroundStyle(suggestion.urgent ? Color.red : Color.secondary)
            }
            Text(suggestion.title).font(.headline)
            if let name = suggestion.medicationName {
                Text(name).font(.subheadline).foregroundStyle(.secondary)
            }
            Text(suggestion.question)
        }
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(suggestion.accessibilityLabel)
        Text(suggestion.text)
    }
}
