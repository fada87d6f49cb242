import Foundation
import XCTest
@testable import EventideKit

/// Encrypted backups through the real core: the passphrase field's words, a backup made with
/// a passphrase, and the restore steps (asked for the passphrase, asked again after a wrong
/// one, nothing changed until the restore is confirmed). Mirrors android/shell's SharingTest.
final class BackupRestoreTests: XCTestCase {
    let words = "lemon piano river gravel"
    let now = instant("2026-11-25T14:00:00Z")

    func testThePassphraseFieldShowsTheCoresNoteThenItsLabelAndHint() {
        let empty = checkPassphrase(passphrase: "")
        XCTAssertEqual(BackupText.passphraseHelper(empty, typed: ""), empty.note)
        let short = checkPassphrase(passphrase: "tulip7")
        XCTAssertFalse(short.acceptable)
        XCTAssertEqual(short.strength, .tooShort)
        XCTAssertTrue(BackupText.passphraseHelper(short, typed: "tulip7").hasPrefix("Too short. Use at least \(minPassphraseChars()) characters"))
        let strong = checkPassphrase(passphrase: words)
        XCTAssertTrue(strong.acceptable)
        XCTAssertEqual(strong.label, "Strong")
    }

    func testAnEncryptedBackupAsksForItsPassphraseAndAgainAfterAWrongOne() throws {
        let phone = try CoreFixture()
        try phone.seedTitration(now: now)
        let data = try phone.core.backupBytes(passphrase: words, now: now)
        XCTAssertEqual(try phone.core.backupFileName(encrypted: true, now: now), "eventide-2026-11-25.eventide-backup.age")
        XCTAssertEqual(String(decoding: data.prefix(21), as: UTF8.self), "age-encryption.org/v1")

        let newPhone = try CoreFixture()
        guard case .needsPassphrase(_, let none) = try BackupRestore.pick(data, core: newPhone.core) else {
            return XCTFail("an encrypted backup asks for its passphrase")
        }
        XCTAssertNil(none)
        guard case .needsPassphrase(_, let problem) = try BackupRestore.unlock(data, passphrase: "lemon piano river", core: newPhone.core) else {
            return XCTFail("a wrong passphrase is asked for again")
        }
        XCTAssertTrue(problem?.contains("passphrase is not the one") == true, problem ?? "")
        XCTAssertTrue(try newPhone.core.medications().isEmpty, "nothing restored yet")
        guard case .ready(_, let passphrase, let description) = try BackupRestore.unlock(data, passphrase: words, core: newPhone.core) else {
            return XCTFail("the right passphrase opens it")
        }
        XCTAssertEqual(description, "Backup of Wed 25 Nov 2026 at 14:00: 1 medicine, 0 dose records, 0 check-ins.", "the core's sentence")
        let outcome = try newPhone.core.restoreBackupBytes(bytes: data, passphrase: passphrase, replace: false, now: now)
        XCTAssertTrue(outcome.backup.encrypted)
        XCTAssertEqual(try newPhone.core.medications().map(\.name), ["Amitriptyline"])
    }

    func testAPlainBackupIsReadyAtOnceAndAShortPassphraseIsRefused() throws {
        let phone = try CoreFixture()
        try phone.seedTitration(now: now)
        let plain = try phone.core.backupBytes(passphrase: nil, now: now)
        guard case .ready(_, nil, _) = try BackupRestore.pick(plain, core: phone.core) else {
            return XCTFail("a plain backup needs no passphrase")
        }
        XCTAssertThrowsError(try phone.core.backupBytes(passphrase: "tulip7", now: now)) { error in
            guard case EventideError.InvalidInput(let field, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "passphrase")
        }
    }
}
