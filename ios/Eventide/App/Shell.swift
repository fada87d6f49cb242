import Foundation
import EventideKit

/// Why the app could not open its database; shown instead of the screens.
struct ShellError: Error, Sendable {
    /// A sentence the user can act on (the core's own wording where it has one).
    let message: String
}

/// The app-lifetime pieces: the core on its database, and the reminder sync on the system
/// notification centre. Opened once per process, at launch or when iOS wakes the app in the
/// background for a notification button.
final class Shell: Sendable {
    let core: Eventide
    let sync: ReminderSync

    private init(core: Eventide) {
        self.core = core
        self.sync = ReminderSync(core: core, store: SystemNotificationStore())
    }

    /// Opens (or creates) the database in Application Support. A damaged, foreign or newer
    /// file is refused by the core and left untouched; its message is returned.
    static func open() -> Result<Shell, ShellError> {
        do {
            let url = try DatabaseLocation.prepare()
            let core = try Eventide(dbPath: url.path, zone: FoundationTimeZone())
            DatabaseLocation.protectFiles(of: url)
            return .success(Shell(core: core))
        } catch let error as EventideError {
            return .failure(ShellError(message: error.description))
        } catch {
            return .failure(ShellError(message: "Eventide could not prepare its storage: \(error.localizedDescription)"))
        }
    }
}
