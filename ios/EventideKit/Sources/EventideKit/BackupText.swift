import Foundation

/// The sentence the restore confirmation shows about a picked backup, from what the core
/// found in it, and the helper text under a new backup's passphrase field. Mirrors
/// `Sharing.describe` and the Share screen in android/shell and android/app.
public enum BackupText {
    /// Under the passphrase field: the core's note while it is empty, then its label and hint
    /// ("Fair. Another unrelated word would make it much harder to guess.").
    public static func passphraseHelper(_ check: PassphraseCheck, typed: String) -> String {
        typed.isEmpty ? check.note : "\(check.label). \(check.hint)"
    }

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
