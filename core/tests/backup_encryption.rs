//! Encrypted backups (issue 17): an age file whose plaintext is the plain backup, read by the
//! reference implementation and reading its files; a wrong passphrase, a cut or edited
//! encrypted file and an edited plain one each refused with its reason and nothing changed.
//!
//! `fixtures/demo-schema1.eventide-backup.age` is `demo-schema1.eventide-backup` encrypted by
//! the reference age tool (Go, Debian's age 1.1.1, `age -p`, work factor 18) with the
//! passphrase "lemon piano river gravel".

mod common {
    pub mod history;
}
/// Real zone rules (chrono-tz), as the other integration tests use them.
#[path = "common/mod.rs"]
mod zones;

use std::io::Write;
use std::sync::OnceLock;

use age::secrecy::SecretString;
use chrono::{DateTime, NaiveDate, Utc};
use common::history::generate;
use eventide_core::backup::encryption::{MAX_SCRYPT_WORK_FACTOR, SCRYPT_WORK_FACTOR};
use eventide_core::backup::{self, BackupProblem, Passphrase, Protection};
use eventide_core::{Companion, Error};
use proptest::prelude::*;

const WORDS: &str = "lemon piano river gravel";
const GO_AGE_FILE: &[u8] = include_bytes!("fixtures/demo-schema1.eventide-backup.age");
const PLAIN_FIXTURE: &[u8] = include_bytes!("fixtures/demo-schema1.eventide-backup");

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T14:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn words() -> Passphrase {
    Passphrase::new(WORDS.to_string())
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn problem(e: Error) -> BackupProblem {
    match e {
        Error::InvalidBackup { problem, .. } => problem,
        other => panic!("expected a refused backup, got {other:?}"),
    }
}

/// A 40-night history (one age chunk) with its plain and encrypted backups made `now()`.
fn small() -> &'static (Vec<u8>, Vec<u8>) {
    static FILES: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    FILES.get_or_init(|| {
        let app = Companion::in_memory(zones::zone("Europe/London")).unwrap();
        generate(&app, day("2026-09-01"), 40, 40, 9).unwrap();
        let plain = app.backup_bytes(now()).unwrap();
        let sealed = app.backup_bytes_with(Some(&words()), now()).unwrap();
        (plain, sealed)
    })
}

/// A year of history: more than one age chunk (about 126 KB).
fn year() -> &'static (Vec<u8>, Vec<u8>) {
    static FILES: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    FILES.get_or_init(|| {
        let app = Companion::in_memory(zones::zone("Europe/London")).unwrap();
        generate(&app, day("2025-11-20"), 365, 90, 4).unwrap();
        let plain = app.backup_bytes(now()).unwrap();
        assert!(plain.len() > 65_536 + 1000, "{} bytes", plain.len());
        let sealed = app.backup_bytes_with(Some(&words()), now()).unwrap();
        (plain, sealed)
    })
}

/// The bytes of a closed database file with 30 nights of someone's own history.
fn my_database() -> Vec<u8> {
    static FILE: OnceLock<Vec<u8>> = OnceLock::new();
    FILE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.db");
        let app = Companion::open(&path, zones::zone("Europe/London")).unwrap();
        generate(&app, day("2026-10-01"), 30, 30, 5).unwrap();
        drop(app);
        std::fs::read(path).unwrap()
    })
    .clone()
}

/// Offers `bad` (with `passphrase`) to a database holding its own data, with replace: it is
/// refused for `expected`, the database file stays byte-identical and nothing is saved aside.
fn refused_and_untouched(
    bad: &[u8],
    passphrase: Option<&Passphrase>,
    expected: BackupProblem,
) -> Error {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.db");
    std::fs::write(&path, my_database()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let app = Companion::open(&path, zones::zone("Europe/London")).unwrap();
    let err = app
        .restore_backup_bytes_with(bad, passphrase, true, now())
        .unwrap_err();
    assert_eq!(problem(err.clone()), expected, "{err}");
    assert!(err.to_string().contains("Nothing was changed"), "{err}");
    drop(app);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the database changed"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("before-restore")),
        "{names:?}"
    );
    err
}

/// `plain` encrypted by the age crate directly (as rage would), with any passphrase and
/// work factor: files made by other tools.
fn age_encrypt(plain: &[u8], passphrase: &str, log_n: u8) -> Vec<u8> {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_string()));
    recipient.set_work_factor(log_n);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .unwrap();
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).unwrap();
    writer.write_all(plain).unwrap();
    writer.finish().unwrap();
    out
}

#[test]
fn an_encrypted_backup_is_an_age_file_holding_the_plain_backup() {
    let (plain, sealed) = small();
    assert!(sealed.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    let stanza = sealed.split(|b| *b == b'\n').nth(1).unwrap();
    assert!(
        stanza.ends_with(format!(" {SCRYPT_WORK_FACTOR}").as_bytes()),
        "work factor: {}",
        String::from_utf8_lossy(stanza)
    );
    // The medicine's name, the notes and the dates are nowhere in the file.
    for secret in [&b"Amitriptyline"[..], b"eventide-backup", b"2026-09-"] {
        assert!(!sealed.windows(secret.len()).any(|w| w == secret));
    }
    let inside = age::decrypt(
        &age::scrypt::Identity::new(SecretString::from(WORDS.to_string())),
        sealed,
    )
    .unwrap();
    assert_eq!(
        &inside, plain,
        "the plaintext is the plain backup, byte for byte"
    );

    assert_eq!(backup::protection(sealed).unwrap(), Protection::Passphrase);
    assert_eq!(backup::protection(plain).unwrap(), Protection::Plain);
    let info = backup::inspect_with(sealed, Some(&words())).unwrap();
    assert!(info.encrypted);
    assert_eq!(info.bytes, sealed.len() as u64);
    assert_eq!(info, {
        let mut plain_info = backup::inspect(plain).unwrap();
        plain_info.encrypted = true;
        plain_info.bytes = sealed.len() as u64;
        plain_info
    });
}

#[test]
fn an_encrypted_backup_restores_to_the_same_history_as_the_plain_one() {
    let (plain, sealed) = small();
    let dir = tempfile::tempdir().unwrap();
    let app = Companion::open(
        &dir.path().join("new-phone.db"),
        zones::zone("Europe/London"),
    )
    .unwrap();
    let outcome = app
        .restore_backup_bytes_with(sealed, Some(&words()), false, now())
        .unwrap();
    assert!(outcome.backup.encrypted);
    assert_eq!(&app.backup_bytes(now()).unwrap(), plain);

    // From a file on disk, written atomically.
    let out = dir.path().join("b.eventide-backup.age");
    let info = app.write_backup_with(&out, Some(&words()), now()).unwrap();
    assert!(info.encrypted && info.bytes == std::fs::metadata(&out).unwrap().len());
    let other = Companion::in_memory(zones::zone("Europe/London")).unwrap();
    other
        .restore_backup_with(&out, Some(&words()), false, now())
        .unwrap();
    assert_eq!(&other.backup_bytes(now()).unwrap(), plain);
}

#[test]
fn a_file_from_the_reference_age_tool_restores() {
    assert_eq!(
        backup::protection(GO_AGE_FILE).unwrap(),
        Protection::Passphrase
    );
    let app = Companion::in_memory(zones::zone("Europe/London")).unwrap();
    let outcome = app
        .restore_backup_bytes_with(GO_AGE_FILE, Some(&words()), false, now())
        .unwrap();
    assert_eq!(outcome.backup.schema_version, 1);
    assert!(outcome.backup.encrypted);
    let plain = Companion::in_memory(zones::zone("Europe/London")).unwrap();
    plain
        .restore_backup_bytes(PLAIN_FIXTURE, false, now())
        .unwrap();
    assert_eq!(
        app.backup_bytes(now()).unwrap(),
        plain.backup_bytes(now()).unwrap()
    );
}

#[test]
fn files_made_elsewhere_open_whatever_their_passphrase_and_a_plain_one_ignores_it() {
    let (plain, _) = small();
    // Another tool's file: a short passphrase (our rules are for new backups only), any
    // work factor up to the limit.
    let theirs = age_encrypt(plain, "pin", 12);
    let info = backup::inspect_with(&theirs, Some(&Passphrase::new("pin".into()))).unwrap();
    assert!(info.encrypted);
    // A plain file opens with or without a passphrase.
    assert!(
        !backup::inspect_with(plain, Some(&words()))
            .unwrap()
            .encrypted
    );
}

#[test]
fn a_wrong_passphrase_is_refused_and_nothing_changes() {
    let (_, sealed) = small();
    let err = refused_and_untouched(
        sealed,
        Some(&Passphrase::new("lemon piano river gravel!".into())),
        BackupProblem::WrongPassphrase,
    );
    assert!(
        err.to_string()
            .contains("the passphrase is not the one this backup was encrypted with"),
        "{err}"
    );
    // An empty passphrase is asked for again rather than tried.
    let dir = tempfile::tempdir().unwrap();
    let app = Companion::open(&dir.path().join("a.db"), zones::zone("Europe/London")).unwrap();
    assert!(matches!(
        app.restore_backup_bytes_with(sealed, Some(&Passphrase::new(String::new())), false, now()),
        Err(Error::InvalidInput { field, .. }) if field == "passphrase"
    ));
}

#[test]
fn an_encrypted_backup_without_its_passphrase_asks_for_it() {
    let (_, sealed) = small();
    refused_and_untouched(sealed, None, BackupProblem::PassphraseNeeded);
    assert_eq!(
        problem(backup::inspect(sealed).unwrap_err()),
        BackupProblem::PassphraseNeeded
    );
}

#[test]
fn a_cut_encrypted_backup_is_refused_as_cut_short() {
    let (_, sealed) = year();
    let header_end = sealed.windows(4).position(|w| w == b"\n---").unwrap();
    let payload = header_end + 1 + 48 + 16; // "--- " + 43 base64 + "\n", then the nonce
    for cut in [
        20,                          // inside the version line
        header_end - 5,              // inside the stanza
        header_end + 10,             // inside the MAC line
        payload + 65_536 + 16,       // after the first whole chunk
        payload + (65_536 + 16) + 7, // inside the second chunk
        sealed.len() - 1,            // the last byte
    ] {
        let err = refused_and_untouched(&sealed[..cut], Some(&words()), BackupProblem::Truncated);
        assert!(err.to_string().contains("cut short"), "cut at {cut}: {err}");
    }
}

#[test]
fn a_small_backup_cut_inside_its_only_chunk_is_refused_as_cut_or_changed() {
    // One chunk has one tag: the cipher cannot tell a cut from an edit, and says both.
    let (_, sealed) = small();
    let err = refused_and_untouched(
        &sealed[..sealed.len() - 100],
        Some(&words()),
        BackupProblem::ChecksumMismatch,
    );
    assert!(
        err.to_string().contains("cut short, changed or damaged"),
        "{err}"
    );
}

#[test]
fn an_edited_encrypted_backup_is_refused_with_where_it_was_changed() {
    let (_, sealed) = year();
    let text_end = sealed.windows(4).position(|w| w == b"\n---").unwrap();
    // A bit of binary, or one base64 letter of the header's text swapped for another.
    let flip = |at: usize| {
        let mut edited = sealed.clone();
        edited[at] = match edited[at] {
            _ if at > text_end + 48 => edited[at] ^ 0x01,
            b'A' => b'B',
            _ => b'A',
        };
        edited
    };
    // The payload: a bit anywhere in the contents fails that chunk's tag.
    for at in [sealed.len() - 1, sealed.len() / 2, text_end + 80] {
        let err = refused_and_untouched(&flip(at), Some(&words()), BackupProblem::ChecksumMismatch);
        assert!(err.to_string().contains("changed or damaged"), "{err}");
    }
    // The header's MAC.
    let err = refused_and_untouched(
        &flip(text_end + 10),
        Some(&words()),
        BackupProblem::ChecksumMismatch,
    );
    assert!(err.to_string().contains("header was changed"), "{err}");
    // The wrapped key: indistinguishable from a wrong passphrase, and said so.
    let err = refused_and_untouched(
        &flip(text_end - 10),
        Some(&words()),
        BackupProblem::WrongPassphrase,
    );
    assert!(err.to_string().contains("key was edited"), "{err}");
}

#[test]
fn an_edited_plain_backup_is_still_refused_by_its_checksum() {
    let (plain, _) = small();
    let text = String::from_utf8(plain.clone()).unwrap();
    let edited = text.replacen("25000", "75000", 1).into_bytes();
    assert_ne!(&edited, plain);
    refused_and_untouched(&edited, None, BackupProblem::ChecksumMismatch);
    refused_and_untouched(&edited, Some(&words()), BackupProblem::ChecksumMismatch);
}

#[test]
fn a_file_asking_more_scrypt_work_than_a_phone_affords_is_refused_before_any_is_done() {
    let (plain, _) = small();
    let cheap = age_encrypt(plain, WORDS, 10);
    let text = String::from_utf8_lossy(&cheap[..80]).to_string();
    let stanza_end = text.find(" 10\n").unwrap();
    let mut costly = cheap.clone();
    costly.splice(
        stanza_end + 1..stanza_end + 3,
        (MAX_SCRYPT_WORK_FACTOR + 1).to_string().bytes(),
    );
    let started = std::time::Instant::now();
    let err = refused_and_untouched(&costly, Some(&words()), BackupProblem::ExcessiveWork);
    assert!(err.to_string().contains("factor 21"), "{err}");
    assert!(started.elapsed().as_secs() < 5, "no scrypt ran");
}

#[test]
fn other_encrypted_files_are_not_backups() {
    let (plain, sealed) = small();
    let key = age::x25519::Identity::generate();
    let to_key = age::encrypt(&key.to_public(), plain).unwrap();
    for file in [&to_key[..], b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n"] {
        assert_eq!(
            problem(backup::protection(file).unwrap_err()),
            BackupProblem::NotABackup
        );
        refused_and_untouched(file, Some(&words()), BackupProblem::NotABackup);
    }
    let mut newer = sealed.clone();
    newer.splice(19..21, b"v9".iter().copied());
    assert_eq!(
        problem(backup::protection(&newer).unwrap_err()),
        BackupProblem::NewerFormat
    );
}

#[test]
fn a_new_backup_needs_an_acceptable_passphrase_and_writes_nothing_without_one() {
    let app = Companion::in_memory(zones::zone("Europe/London")).unwrap();
    generate(&app, day("2026-10-01"), 5, 5, 2).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.age");
    for weak in ["tulip7", "aaaaaaaaaaaaaaa", "password1234"] {
        let err = app
            .write_backup_with(&out, Some(&Passphrase::new(weak.into())), now())
            .unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field, .. } if field == "passphrase"),
            "{weak}: {err:?}"
        );
        assert!(!out.exists());
        assert!(app
            .backup_bytes_with(Some(&Passphrase::new(weak.into())), now())
            .is_err());
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_passphrase_is_in_no_message_and_no_file() {
    let (_, sealed) = small();
    let typed = "correct horse battery staple";
    let dir = tempfile::tempdir().unwrap();
    let err = Companion::in_memory(zones::zone("Europe/London"))
        .unwrap()
        .restore_backup_bytes_with(sealed, Some(&Passphrase::new(typed.into())), false, now())
        .unwrap_err();
    assert!(!format!("{err} {err:?}").contains("horse"));
    assert!(!format!("{:?}", Passphrase::new(typed.into())).contains("horse"));
    let app = Companion::open(&dir.path().join("db"), zones::zone("Europe/London")).unwrap();
    app.write_backup_with(
        &dir.path().join("b"),
        Some(&Passphrase::new(typed.into())),
        now(),
    )
    .unwrap();
    drop(app);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(5).any(|w| w == b"horse"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Cut or flipped anywhere, an encrypted backup is refused with a typed error, never
    /// accepted and never a panic (files made at work factor 10 to keep each case quick).
    #[test]
    fn cut_or_flipped_encrypted_backups_are_refused(cut in 0.0f64..1.0, flip in 0.0f64..1.0, bit in 0u8..8) {
        static FILE: OnceLock<Vec<u8>> = OnceLock::new();
        let good = FILE.get_or_init(|| age_encrypt(&small().0, WORDS, 10));
        let cut_at = (good.len() as f64 * cut) as usize;
        let refused = matches!(
            backup::inspect_with(&good[..cut_at], Some(&words())),
            Err(Error::InvalidBackup { .. })
        );
        prop_assert!(refused, "cut at {}", cut_at);
        let mut flipped = good.clone();
        let at = ((good.len() - 1) as f64 * flip) as usize;
        flipped[at] ^= 1 << bit;
        let refused = matches!(
            backup::inspect_with(&flipped, Some(&words())),
            Err(Error::InvalidBackup { .. })
        );
        prop_assert!(refused, "bit {} of byte {}", bit, at);
    }
}
