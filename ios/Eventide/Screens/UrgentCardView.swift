import SwiftUI
import EventideKit

/// A "get help now" suggestion drawn as an alert: the core's label, title and text, and a
/// button per number to call. Each `Link` opens the phone app with the number filled in
/// (`tel:`); the user places the call.
struct UrgentCardView: View {
    let card: SuggestionCard

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            VStack(alignment: .leading, spacing: 4) {
                if let when = card.whenToRaise {
                    Label(when, systemImage: "exclamationmark.triangle.fill")
                        .font(.subheadline.weight(.bold))
                }
                Text(card.title).font(.headline)
                Text(card.text)
            }
            .accessibilityElement(children: .combine)
            .accessibilityAddTraits(.isHeader)
            HStack {
                ForEach(card.calls, id: \.number) { call in
                    if let url = call.telURL {
                        Link(destination: url) {
                            Label(call.label, systemImage: "phone.fill")
                                .frame(maxWidth: .infinity)
                        }
                        .buttonStyle(.borderedProminent)
                        .tint(.red)
                    }
                }
            }
        }
        .padding(.vertical, 4)
        .foregroundStyle(Color.red)
    }
}
