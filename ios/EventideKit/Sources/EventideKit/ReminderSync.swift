import Foundation
import EventideCore

/// The operating system's notification store, seen through what reconciliation needs.
/// The app implements it with `UNUserNotificationCenter`; tests with a list in memory.
/// Mirrors `AlarmPort` + `LedgerStore` in android/shell (AlarmManager keeps no list there).
public protocol NotificationStore: Sendable {
    /// The requests pending now, with their fingerprints.
    func pending() async -> [PendingReminder]
    /// The categories registered now.
    func registeredCategories() async -> [CategorySpec]
    /// Registers `categories` (replacing all), removes `plan.toRemove`, adds `plan.toAdd`.
    func apply(_ plan: ReconcilePlan, categories: [CategorySpec]) async throws
    /// The ids of our notifications on screen (in Notification Center) now.
    func delivered() async -> [String]
    /// Takes these notifications off the screen.
    func removeDelivered(_ ids: [String]) async
}

/// What handling a notification response did.
public enum HandledResponse: Equatable, Sendable {
    /// A one-tap answer, recorded by the core (a repeat tap records once).
    case recorded(ActionOutcome)
    /// The notification was tapped: the app should show this screen.
    case open(Screen)
    /// Nothing to do.
    case ignored
}

/// The one path that keeps the OS's pending notifications equal to the core's desired set,
/// and the one place notification responses reach the core. Called on launch, on every
/// handled action, on becoming active, after every change made in the app, and on a
/// system time-zone change. Mirrors `ReminderSync` in android/shell.
public struct ReminderSync: Sendable {
    /// How many days ahead to ask the core for (it returns at most 60, soonest first).
    public static let horizonDays: UInt32 = 30

    private let core: Eventide
    private let store: NotificationStore

    public init(core: Eventide, store: NotificationStore) {
        self.core = core
        self.store = store
    }

    /// Makes the OS hold exactly the core's soonest desired notifications, and takes answered
    /// ones off the screen; returns what changed in the pending set.
    @discardableResult
    public func reconcile(now: Date) async throws -> ReconcilePlan {
        let desired = try core.desiredNotifications(now: now, days: Self.horizonDays)
        let plan = Reconciler.plan(desired: desired, pending: await store.pending(), now: now)
        let categories = NotificationCategories.merged(
            registered: await store.registeredCategories(),
            fresh: NotificationCategories.from(desired)
        )
        try await store.apply(plan, categories: categories)
        let answered = Reconciler.answered(delivered: await store.delivered(), today: try core.today(now: now))
        if !answered.isEmpty {
            await store.removeDelivered(answered)
        }
        return plan
    }

    /// Handles a notification response (`notificationId`, `actionId`): records a one-tap
    /// answer in the core, then reconciles — also when the core refused the answer (its
    /// error is rethrown after), so the window is refilled either way.
    public func handle(notificationId: String, actionId: String, now: Date) async throws -> HandledResponse {
        switch ActionRouter.route(notificationId: notificationId, actionId: actionId) {
        case .ignore:
            return .ignored
        case .open(let screen):
            return .open(screen)
        case .record(let id, let action):
            let outcome: ActionOutcome
            do {
                outcome = try core.handleAction(id: id, action: action, now: now)
            } catch {
                _ = try? await reconcile(now: now)
                throw error
            }
            try await reconcile(now: now)
            return .recorded(outcome)
        }
    }
}
