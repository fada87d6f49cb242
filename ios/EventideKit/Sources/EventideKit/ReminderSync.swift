import Foundation
import EventideCore

/// The operating system's notification store, seen through what reconciling needs. The app
/// implements it with `UNUserNotificationCenter` and `BGTaskScheduler`; tests with a list in
/// memory. Mirrors `AlarmPort` + `ShadePort` in android/shell.
public protocol NotificationStore: Sendable {
    /// The requests pending now, with their fingerprints.
    func pending() async -> [PendingRequest]
    /// The categories registered now.
    func registeredCategories() async -> [CategorySpec]
    /// Registers `categories` (replacing all), removes the `remove` ids, adds `add`.
    func apply(remove: [String], add: [ReminderRequest], categories: [CategorySpec]) async throws
    /// The ids of our notifications on screen (in Notification Center) now.
    func delivered() async -> [String]
    /// Takes these notifications off the screen.
    func removeDelivered(_ ids: [String]) async
    /// Asks iOS for a background refresh no earlier than `earliest` (`BGTaskScheduler.submit`).
    func scheduleRefresh(after earliest: Date?) async
}

/// What handling a notification response did.
public enum HandledResponse: Equatable, Sendable {
    /// A one-tap answer, recorded by the core (a repeat tap records once).
    case recorded(ActionOutcome)
    /// The core refused the answer: show its reason on the notification itself.
    case refused(RefusedButton)
    /// The notification was tapped: the app should show this screen.
    case open(Screen)
    /// Nothing to do.
    case ignored
}

/// The one path that keeps iOS's pending notifications equal to the core's plan, and the one
/// place notification responses reach the core. Called at launch, on becoming active, after
/// every change in the app, on a time-zone or clock change, for every notification answer,
/// and by the background refresh task. An actor, and one reconcile at a time in call order:
/// the actor alone would let a second call in while the first awaits the notification centre
/// (and re-add the reminder of a dose just taken). Mirrors `ReminderSync` in android/shell.
public actor ReminderSync {
    /// The `BGAppRefreshTask` identifier (Info.plist `BGTaskSchedulerPermittedIdentifiers`).
    public static let refreshTaskIdentifier = "app.eventide.ios.reminders.refresh"

    private let core: Eventide
    private let store: NotificationStore
    /// The reconcile started last; the next one waits for it.
    private var last: Task<Void, Never>?

    public init(core: Eventide, store: NotificationStore) {
        self.core = core
        self.store = store
    }

    /// Makes iOS hold exactly the core's window, takes answered notifications off the screen,
    /// and asks for the next background refresh. Throws what the core threw (nothing changed).
    @discardableResult
    public func reconcile(wake: Wake, now: Date) async throws -> ReminderPlan {
        let previous = last
        let run = Task { () -> Result<ReminderPlan, Error> in
            await previous?.value
            do {
                return .success(try await self.apply(wake: wake, now: now))
            } catch {
                return .failure(error)
            }
        }
        last = Task { _ = await run.value }
        return try await run.value.get()
    }

    private func apply(wake: Wake, now: Date) async throws -> ReminderPlan {
        let input = Reconciler.input(wake: wake, pending: await store.pending(), delivered: await store.delivered())
        let plan = try core.planReminders(input: input, now: now)
        let categories = NotificationCategories.merged(
            registered: await store.registeredCategories(),
            fresh: NotificationCategories.from(plan.categories)
        )
        try await store.apply(remove: plan.cancel, add: Reconciler.requests(plan), categories: categories)
        if !plan.withdraw.isEmpty {
            await store.removeDelivered(plan.withdraw)
        }
        await store.scheduleRefresh(after: plan.refreshAfter)
        return plan
    }

    /// Handles a notification response (`notificationId`, `actionId`): records a one-tap
    /// answer in the core, then reconciles — also when the core refused the answer, which
    /// comes back as `.refused` with the core's reason to put on the notification (Android
    /// does the same). Anything else the core throws is rethrown after the reconcile.
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
            } catch let refused as EventideError {
                _ = try? await reconcile(wake: .notificationAnswered, now: now)
                return .refused(RefusedButton(id: id, message: refused.description))
            } catch {
                _ = try? await reconcile(wake: .notificationAnswered, now: now)
                throw error
            }
            try await reconcile(wake: .notificationAnswered, now: now)
            return .recorded(outcome)
        }
    }
}
