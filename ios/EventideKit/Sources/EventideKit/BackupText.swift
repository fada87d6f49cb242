import Foundation
import EventideCore

/// The sentence the restore confirmation shows about a picked backup, from what the core
/// found in it, and the helper text under a new backup's passphrase field. Mirrors
/// `Sharing.describe` and the Share screen in android/shell and android/app.
public enum BackupText {
    /// Under the passphrase field: the core's note while it is empty, then its label and hint
    /// ("Fair. Another unrelated word would make it much harder to guess.").
    public static func passphraseHelper(_ check: PassphraseCheck, typed: String) -> String {
        typed.isEmpty ? check.note : "\(check.label). \(check.hint)"
    }

    /// "Backup of Wed 25 Nov 2026 at 14:00: 1 medicine, 4 dose records, 1 check-in.": the
    /// core's sentence about what the file holds.
    public static func describe(_ info: BackupInfo) -> String {
        info.summary
    }
}
