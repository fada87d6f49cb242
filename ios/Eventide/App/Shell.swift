import Foundation
import EventideKit

/// Why the app could not open its database; shown instead of the screens.
struct ShellError: Error, Sendable {
    /// A sentence the user can act on (the core's own wording where it has one).
    let message: String
}

/// The app-lifetime pieces: the core on its database, and the reminder sync on the system
/// notification centre. Opened at launch, or when iOS wakes the app in the background.
final class Shell: Sendable {
    let core: Eventide
    let sync: ReminderSync
    /// The database file (for the phone-backup choice).
    let database: URL

    private init(core: Eventide, database: URL) {
        self.core = core
        self.database = database
        self.sync = ReminderSync(core: core, store: SystemNotificationStore())
    }

    /// Applies the user's phone-backup choice (the core's setting) to the database files.
    func applyBackupChoice() {
        DatabaseLocation.applyBackupChoice(include: (try? core.includeInPhoneBackup()) ?? true, database: database)
    }

    /// Opens (or creates) the database in Application Support. A damaged, foreign or newer
    /// file is refused by the core and left untouched; its message is returned.
    static func open() -> Result<Shell, ShellError> {
        do {
            let url = try DatabaseLocation.prepare()
            let core = try Eventide(dbPath: url.path, zone: FoundationTimeZone())
            DatabaseLocation.protectFiles(of: url)
            let shell = Shell(core: core, database: url)
            shell.applyBackupChoice()
            return .success(shell)
        } catch let error as EventideError {
            return .failure(ShellError(message: error.description))
        } catch {
            return .failure(ShellError(message: "Eventide could not prepare its storage: \(error.localizedDescription)"))
        }
    }
}

/// The opened shell, or why it is not open, for the life of the process — reopened when it
/// failed and protected data becomes available: launched in the background after a restart
/// and before the first unlock, the database file cannot be read yet.
final class ShellBox: @unchecked Sendable {
    private let lock = NSLock()
    private var opened: Result<Shell, ShellError>

    init() {
        opened = Shell.open()
    }

    /// The shell, or why it could not be opened.
    var current: Result<Shell, ShellError> {
        lock.withLock { opened }
    }

    /// The shell, opening it again first if the last attempt failed; nil if it still fails.
    func reopenIfNeeded() -> Shell? {
        lock.withLock {
            if case .failure = opened {
                opened = Shell.open()
            }
            if case .success(let shell) = opened {
                return shell
            }
            return nil
        }
    }
}
