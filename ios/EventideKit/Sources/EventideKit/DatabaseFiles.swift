import Foundation

/// The files that make up Eventide's database: the file itself and SQLite's companions. The
/// app gives each the same protection class and the same phone-backup flag (the core's
/// `includeInPhoneBackup` choice, applied as `isExcludedFromBackup` on the folder and on every
/// one of these, each launch: some file operations clear the flag).
public enum DatabaseFiles {
    /// SQLite's companions of a database in WAL mode.
    public static let suffixes = ["", "-wal", "-shm"]

    /// The database at `database` and its companions, whether or not they exist yet.
    public static func all(of database: URL) -> [URL] {
        suffixes.map { URL(fileURLWithPath: database.path + $0) }
    }

    /// `isExcludedFromBackup` for the core's choice: left out when the user switched it off.
    public static func excludedFromBackup(include: Bool) -> Bool {
        !include
    }
}
