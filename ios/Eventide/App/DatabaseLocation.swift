import Foundation

/// Where the database lives and how it is protected.
///
/// - Application Support/Eventide/eventide.db: private to the app, not visible in Files.
/// - File protection `completeUntilFirstUserAuthentication`: encrypted until the phone is
///   unlocked once after a restart, then readable while locked, so a Taken tapped on the
///   lock screen at 21:00 can be written. (`complete` would make that write fail.) The
///   entitlement `com.apple.developer.default-data-protection` sets the same class for files
///   SQLite creates later (the -wal and -shm files).
/// - Backup: see `includeInDeviceBackup`.
enum DatabaseLocation {
    /// The backup decision. The log is a medical record that the user would lose with the
    /// phone, so it stays in the device backup the user controls (iCloud Backup or an
    /// encrypted Finder backup) and comes back when they restore to a new phone. The app itself
    /// never sends it anywhere; sharing is only through the Share screen.
    static let includeInDeviceBackup = true

    static let protection = FileProtectionType.completeUntilFirstUserAuthentication

    /// Creates the folder with its protection class and backup flag; returns the database URL.
    static func prepare() throws -> URL {
        let files = FileManager.default
        let support = try files.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        var folder = support.appendingPathComponent("Eventide", isDirectory: true)
        try files.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.protectionKey: protection])
        try files.setAttributes([.protectionKey: protection], ofItemAtPath: folder.path)
        var values = URLResourceValues()
        values.isExcludedFromBackup = !includeInDeviceBackup
        try folder.setResourceValues(values)
        return folder.appendingPathComponent("eventide.db", isDirectory: false)
    }

    /// Gives the database and its SQLite companions the protection class explicitly (they may
    /// predate the entitlement, e.g. after a restore).
    static func protectFiles(of database: URL) {
        let files = FileManager.default
        for suffix in ["", "-wal", "-shm"] {
            let path = database.path + suffix
            if files.fileExists(atPath: path) {
                try? files.setAttributes([.protectionKey: protection], ofItemAtPath: path)
            }
        }
    }
}
