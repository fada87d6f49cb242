import Foundation

/// The sentence the restore confirmation shows about a picked backup, from what the core
/// found in it. Mirrors `Sharing.describe` in android/shell.
public enum BackupText {
    /// "Backup of Wed 25 Nov at 14:00: 1 medicine, 4 dose records, 1 check-in."
    public static func describe(_ info: BackupInfo, locale: Locale = .current) -> String {
        func rows(_ table: String) -> UInt64 {
            info.tables.first { $0.table == table }?.rows ?? 0
        }
        func count(_ n: UInt64, _ one: String, _ many: String) -> String {
            "\(n) \(n == 1 ? one : many)"
        }
        let day = CoreDates.display(day: info.exportedAt.localDate, locale: locale)
        let parts = [
            count(rows("medications"), "medicine", "medicines"),
            count(rows("dose_events"), "dose record", "dose records"),
            count(rows("checkins"), "check-in", "check-ins"),
        ]
        return "Backup of \(day) at \(info.exportedAt.localTime): \(parts.joined(separator: ", "))."
    }
}
