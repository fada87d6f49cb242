import Foundation
import EventideKit

/// Where the database lives and how it is protected.
///
/// - Application Support/Eventide/eventide.db: private to the app, not visible in Files.
/// - File protection `completeUntilFirstUserAuthentication`: encrypted until the phone is
///   unlocked once after a restart, then readable while locked, so a Taken tapped on the
///   lock screen at 21:00 can be written. (`complete` would make that write fail.) The
///   entitlement `com.apple.developer.default-data-protection` sets the same class for files
///   SQLite creates later (the -wal and -shm files).
/// - Backup: the core's decision (core/src/privacy.rs), the same as Android's: the iPhone
///   backup takes the database unless the user switches "Include in phone backups" off in
///   Settings (`Eventide.includeInPhoneBackup`), and Settings says, in the core's words, when
///   that backup is end-to-end encrypted. Applied by `applyBackupChoice` at every launch and
///   when the switch changes.
enum DatabaseLocation {
    static let protection = FileProtectionType.completeUntilFirstUserAuthentication

    /// Creates the folder with its protection class; returns the database URL.
    static func prepare() throws -> URL {
        let files = FileManager.default
        let support = try files.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        let folder = support.appendingPathComponent("Eventide", isDirectory: true)
        try files.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.protectionKey: protection])
        try files.setAttributes([.protectionKey: protection], ofItemAtPath: folder.path)
        return folder.appendingPathComponent("eventide.db", isDirectory: false)
    }

    /// Gives the database and its SQLite companions the protection class explicitly (they may
    /// predate the entitlement, e.g. after a restore).
    static func protectFiles(of database: URL) {
        let files = FileManager.default
        for file in DatabaseFiles.all(of: database) where files.fileExists(atPath: file.path) {
            try? files.setAttributes([.protectionKey: protection], ofItemAtPath: file.path)
        }
    }

    /// Marks the folder and every database file in or out of the iPhone backup, as the core's
    /// `includeInPhoneBackup` says (`URLResourceValues.isExcludedFromBackup`, set again each
    /// time because some file operations clear it).
    static func applyBackupChoice(include: Bool, database: URL) {
        var values = URLResourceValues()
        values.isExcludedFromBackup = DatabaseFiles.excludedFromBackup(include: include)
        var folder = database.deletingLastPathComponent()
        try? folder.setResourceValues(values)
        for file in DatabaseFiles.all(of: database) where FileManager.default.fileExists(atPath: file.path) {
            var url = file
            try? url.setResourceValues(values)
        }
    }
}
