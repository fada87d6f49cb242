import SwiftUI
import EventideKit

/// The app: one window with the screens, and the reconcile that runs each time it becomes
/// active (the user may have changed notification settings or the clock meanwhile).
@main
struct EventideApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var appDelegate
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            RootView(model: appDelegate.model)
        }
        .onChange(of: scenePhase) { _, phase in
            guard phase == .active else { return }
            appDelegate.model.becameActive()
            appDelegate.reconcile(.appOpened)
        }
    }
}
