import SwiftUI
import EventideKit

/// The tabs (Tonight, Plan, Check-in, Suggestions, Share) with Settings behind the gear, and
/// the alert for problems. If the database could
/// not be opened, only the reason is shown.
struct RootView: View {
    @Bindable var model: AppModel

    var body: some View {
        if let failure = model.failure {
            ContentUnavailableView {
                Label("Eventide cannot open its data", systemImage: "exclamationmark.triangle")
            } description: {
                Text(failure)
            }
        } else {
            tabs
        }
    }

    private var tabs: some View {
        TabView(selection: $model.tab) {
            screen(TonightScreen(model: model), title: "Tonight")
                .tabItem { Label("Tonight", systemImage: "moon.stars") }
                .tag(Screen.tonight)
            screen(PlanScreen(model: model), title: "Plan")
                .tabItem { Label("Plan", systemImage: "chart.line.uptrend.xyaxis") }
                .tag(Screen.plan)
            screen(CheckinScreen(model: model), title: "Check-in")
                .tabItem { Label("Check-in", systemImage: "sun.max") }
                .tag(Screen.checkIn)
            screen(SuggestionsScreen(model: model), title: "Suggestions")
                .tabItem { Label("Suggestions", systemImage: "questionmark.bubble") }
                .tag(Screen.suggestions)
                .badge(model.suggestions.count)
            screen(ShareScreen(model: model), title: "Share")
                .tabItem { Label("Share", systemImage: "square.and.arrow.up") }
                .tag(Screen.share)
        }
        .sheet(isPresented: $model.showingSettings) {
            NavigationStack {
                SettingsScreen(model: model)
                    .navigationTitle("Settings")
                    .toolbar {
                        ToolbarItem(placement: .confirmationAction) {
                            Button("Done") { model.showingSettings = false }
                        }
                    }
            }
        }
        .sheet(isPresented: Binding(get: { !model.urgent.isEmpty }, set: { if !$0 { model.urgent = [] } })) {
            NavigationStack {
                List(model.urgent) { card in
                    UrgentCardView(card: card)
                }
                .toolbar {
                    ToolbarItem(placement: .confirmationAction) {
                        Button("Close") { model.urgent = [] }
                    }
                }
            }
        }
        .alert(
            "Eventide",
            isPresented: Binding(get: { model.alert != nil }, set: { if !$0 { model.alert = nil } }),
            presenting: model.alert
        ) { _ in
            Button("OK", role: .cancel) { model.alert = nil }
        } message: { text in
            Text(text)
        }
    }

    private func screen<Content: View>(_ content: Content, title: String) -> some View {
        NavigationStack {
            content
                .navigationTitle(title)
                .toolbar {
                    ToolbarItem(placement: .topBarTrailing) {
                        Button {
                            model.showingSettings = true
                        } label: {
                            Label("Settings", systemImage: "gearshape")
                        }
                    }
                }
        }
    }
}
