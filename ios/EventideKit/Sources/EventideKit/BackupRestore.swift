import Foundation
import EventideCore

/// A backup file the user picked, on its way to the restore confirmation. Mirrors
/// `PickedBackup` in android/shell: the core says whether it is encrypted before any
/// passphrase is asked for.
public enum PickedBackup: Sendable {
    /// Encrypted: ask for its passphrase; `problem` is the core's sentence after a wrong one.
    case needsPassphrase(Data, problem: String?)
    /// Checked whole: confirm with `description`; `passphrase` opens it again for the restore.
    case ready(Data, passphrase: String?, description: String)
}

/// The two steps before a restore is confirmed, on top of the core's calls.
public enum BackupRestore {
    /// First step: an encrypted file asks for its passphrase, a plain one is checked whole at
    /// once. Throws `EventideError.InvalidBackup` for a file that is no backup.
    public static func pick(_ data: Data, core: EventideProtocol) throws -> PickedBackup {
        switch try core.backupProtection(bytes: data) {
        case .passphrase:
            return .needsPassphrase(data, problem: nil)
        case .plain:
            let info = try core.inspectBackup(bytes: data, passphrase: nil)
            return .ready(data, passphrase: nil, description: BackupText.describe(info))
        }
    }

    /// The passphrase typed for an encrypted file: checked whole with it, or asked for again
    /// after a wrong one (with the core's sentence). Other problems throw.
    public static func unlock(_ data: Data, passphrase: String, core: EventideProtocol) throws -> PickedBackup {
        do {
            let info = try core.inspectBackup(bytes: data, passphrase: passphrase)
            return .ready(data, passphrase: passphrase, description: BackupText.describe(info))
        } catch let error as EventideError {
            guard case .InvalidBackup(let problem, _, _) = error, problem == .wrongPassphrase else { throw error }
            return .needsPassphrase(data, problem: error.description)
        }
    }
}
