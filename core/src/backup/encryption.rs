//! Passphrase encryption of backup files in the standard age format (age-encryption.org/v1,
//! one scrypt recipient), with the `age` crate: no cryptography of our own.
//!
//! An encrypted backup is an age file whose plaintext is the plain backup (header line and
//! body, see the parent module) byte for byte, so `age -d` or `rage -d` with the passphrase
//! gives back a file this app restores and `sha256sum` checks.
//!
//! - **Work factor**: new files use scrypt with N = 2^[`SCRYPT_WORK_FACTOR`] (18: 256 MiB and
//!   about 0.8 s on a 2-core desktop; a phone pays a few times that, once per backup). It is
//!   the reference implementation's fixed default (`age -p`), so our files are as costly to
//!   attack as the standard tool's, and it does not depend on timing the device as rage's
//!   default does. Files are opened up to [`MAX_SCRYPT_WORK_FACTOR`] (20: 1 GiB), enough for
//!   rage's time-tuned files from a fast desktop; a file asking more is refused before any
//!   memory is taken, since a phone could not afford it.
//! - **What can be told apart**: a wrong passphrase and an edited key stanza look the same to
//!   the cipher (both fail to open the file key), so both are [`BackupProblem::WrongPassphrase`].
//!   An edited header fails its MAC, an edited payload its chunk tag
//!   ([`BackupProblem::ChecksumMismatch`]). A file cut at a chunk boundary, inside the header,
//!   or — for backups over 64 KiB — anywhere after the first chunk is
//!   [`BackupProblem::Truncated`] (the plain header inside says how long the file should be);
//!   a small file cut inside its only chunk cannot be told from an edited one.
//! - **Secrets**: the passphrase lives in a [`Passphrase`] (age's `SecretString`, wiped when
//!   dropped, never printed by `Debug`); the decrypted backup is wiped when dropped too.

use std::fmt;
use std::io::{ErrorKind, Read, Write};
use std::iter;

use age::secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use zeroize::{Zeroize, Zeroizing};

use super::passphrase::{self, check_passphrase};
use super::{refuse, BackupProblem};
use crate::error::{Error, Result};

/// The first bytes of every binary age file.
pub const AGE_MAGIC: &[u8] = b"age-encryption.org/";
/// The first line of an ASCII-armoured age file (`age -a`), which this app does not read.
const ARMOR_START: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";
/// scrypt work factor of new backups: N = 2^18 (256 MiB), `age -p`'s default.
pub const SCRYPT_WORK_FACTOR: u8 = 18;
/// Largest scrypt work factor accepted when opening a file: N = 2^20 (1 GiB).
pub const MAX_SCRYPT_WORK_FACTOR: u8 = 20;
/// age encrypts the payload in chunks of this many plaintext bytes, each followed by a tag.
const CHUNK_BYTES: u64 = 64 * 1024;
const TAG_BYTES: u64 = 16;
const NONCE_BYTES: u64 = 16;

/// A passphrase as the user typed it. Wiped from memory when dropped, never shown by `Debug`,
/// never stored: the core only hands it to scrypt.
pub struct Passphrase(SecretString);

impl Passphrase {
    /// Wraps what the user typed. It is taken by value and wiped here (the whole
    /// allocation), so no other copy stays behind in Rust's memory.
    pub fn new(mut text: String) -> Self {
        // An exact-size copy becomes the secret without reallocating; the original is wiped.
        let secret = SecretString::from(text.as_str().to_owned());
        text.zeroize();
        Passphrase(secret)
    }

    /// Reads a passphrase from a file's text: one final line break is not part of it.
    pub fn from_file_text(mut text: String) -> Self {
        if text.ends_with('\n') {
            text.pop();
            if text.ends_with('\r') {
                text.pop();
            }
        }
        Passphrase::new(text)
    }

    /// The rules and strength hint for this passphrase as a new backup's (see
    /// [`check_passphrase`]).
    pub fn check(&self) -> passphrase::PassphraseCheck {
        check_passphrase(self.expose())
    }

    /// Whether two typed passphrases are the same (for "type it again").
    pub fn same_as(&self, other: &Passphrase) -> bool {
        self.expose() == other.expose()
    }

    pub(crate) fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// A second secret holding the same text, for age (which takes its secret by value).
    fn secret(&self) -> SecretString {
        SecretString::from(self.expose().to_owned())
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

/// How a backup file is protected, as told without any passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Protection {
    /// An age file encrypted with a passphrase: ask for it before restoring.
    Passphrase,
    /// A plain backup: anyone holding the file can read it.
    Plain,
}

/// Says whether `file` is encrypted, without the passphrase and without decrypting anything.
/// Anything that is neither a plain backup nor a passphrase-encrypted age file is refused.
pub fn protection(file: &[u8]) -> Result<Protection> {
    if !file.starts_with(AGE_MAGIC) {
        if file.starts_with(ARMOR_START) {
            return Err(armoured());
        }
        // A plain backup: its header is checked here, the rest when it is restored.
        super::unseal(file)?;
        return Ok(Protection::Plain);
    }
    let decryptor = age::Decryptor::new_buffered(file).map_err(header_problem)?;
    if decryptor.is_scrypt() {
        Ok(Protection::Passphrase)
    } else {
        Err(not_passphrase())
    }
}

/// True when `file` begins like an age file (checked no further).
pub fn looks_encrypted(file: &[u8]) -> bool {
    file.starts_with(AGE_MAGIC) || file.starts_with(ARMOR_START)
}

/// Encrypts a plain backup with `passphrase`, which must meet the rules of
/// [`check_passphrase`] (else `InvalidInput` on `passphrase`, with the hint).
pub fn encrypt(plain: &[u8], passphrase: &Passphrase) -> Result<Vec<u8>> {
    let check = check_passphrase(passphrase.expose());
    if !check.acceptable {
        return Err(Error::invalid(passphrase::FIELD, check.hint));
    }
    let mut recipient = age::scrypt::Recipient::new(passphrase.secret());
    recipient.set_work_factor(SCRYPT_WORK_FACTOR);
    let failed = |what: &str, e: &dyn fmt::Display| Error::Storage {
        detail: format!("could not encrypt the backup ({what}: {e})"),
    };
    let encryptor = age::Encryptor::with_recipients(iter::once(&recipient as &dyn age::Recipient))
        .map_err(|e| failed("recipient", &e))?;
    let chunks = plain.len() as u64 / CHUNK_BYTES + 1;
    let mut out = Vec::with_capacity(plain.len() + (chunks * TAG_BYTES) as usize + 256);
    let mut writer = encryptor
        .wrap_output(&mut out)
        .map_err(|e| failed("header", &e))?;
    writer
        .write_all(plain)
        .and_then(|()| writer.finish().map(|_| ()))
        .map_err(|e| failed("payload", &e))?;
    Ok(out)
}

/// Decrypts an age backup with `passphrase`: the plain backup inside (wiped when dropped),
/// not yet checked. Every failure is an `InvalidBackup` naming what went wrong.
pub fn decrypt(file: &[u8], passphrase: &Passphrase) -> Result<Zeroizing<Vec<u8>>> {
    if file.starts_with(ARMOR_START) {
        return Err(armoured());
    }
    let decryptor = age::Decryptor::new_buffered(file).map_err(header_problem)?;
    if !decryptor.is_scrypt() {
        return Err(not_passphrase());
    }
    if passphrase.expose().is_empty() {
        return Err(Error::invalid(
            passphrase::FIELD,
            "type the passphrase this backup was made with",
        ));
    }
    let mut identity = age::scrypt::Identity::new(passphrase.secret());
    identity.set_max_work_factor(MAX_SCRYPT_WORK_FACTOR);
    let mut reader = decryptor
        .decrypt(iter::once(&identity as &dyn age::Identity))
        .map_err(key_problem)?;
    let mut plain = Zeroizing::new(Vec::with_capacity(file.len()));
    match reader.read_to_end(&mut plain) {
        Ok(_) => Ok(plain),
        Err(e) => Err(payload_problem(e.kind(), file, &plain)),
    }
}

/// The plain backup in `file`: the file itself when it is plain, else decrypted with
/// `passphrase` (refused as [`BackupProblem::PassphraseNeeded`] without one).
pub fn open<'a>(file: &'a [u8], passphrase: Option<&Passphrase>) -> Result<Opened<'a>> {
    if !looks_encrypted(file) {
        return Ok(Opened::Plain(file));
    }
    match passphrase {
        Some(p) => Ok(Opened::Decrypted(decrypt(file, p)?)),
        None => {
            // Say what the file is before asking for a passphrase it may not need.
            protection(file)?;
            Err(refuse(
                BackupProblem::PassphraseNeeded,
                "it was encrypted with a passphrase; give the passphrase to restore it",
            ))
        }
    }
}

/// A backup file opened for checking: the plain backup it holds.
pub enum Opened<'a> {
    /// The file was a plain backup.
    Plain(&'a [u8]),
    /// The file was encrypted; this is what it held (wiped when dropped).
    Decrypted(Zeroizing<Vec<u8>>),
}

impl Opened<'_> {
    /// The plain backup.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Opened::Plain(b) => b,
            Opened::Decrypted(b) => b,
        }
    }

    /// Whether it was encrypted.
    pub fn was_encrypted(&self) -> bool {
        matches!(self, Opened::Decrypted(_))
    }
}

fn armoured() -> Error {
    refuse(
        BackupProblem::NotABackup,
        "it is an ASCII-armoured age file; Eventide reads binary age files (decrypt it with age -d, or encrypt without -a)",
    )
}

fn not_passphrase() -> Error {
    refuse(
        BackupProblem::NotABackup,
        "it is an age file encrypted to keys, not with a passphrase; decrypt it with age first",
    )
}

/// The age header could not be read.
fn header_problem(e: age::DecryptError) -> Error {
    match e {
        age::DecryptError::Io(io) if io.kind() == ErrorKind::UnexpectedEof => refuse(
            BackupProblem::Truncated,
            "the file ends inside its encryption header",
        ),
        age::DecryptError::UnknownFormat => refuse(
            BackupProblem::NewerFormat,
            "it uses a newer version of the age format than this app reads",
        ),
        _ => refuse(BackupProblem::Malformed, "its encryption header is damaged"),
    }
}

/// The file key could not be opened with the passphrase.
fn key_problem(e: age::DecryptError) -> Error {
    match e {
        age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed => refuse(
            BackupProblem::WrongPassphrase,
            "or the file's key was edited",
        ),
        age::DecryptError::InvalidMac => refuse(
            BackupProblem::ChecksumMismatch,
            "its encryption header was changed after it was written",
        ),
        age::DecryptError::ExcessiveWork { required, .. } => refuse(
            BackupProblem::ExcessiveWork,
            format!(
                "it asks for scrypt work factor {required}; this app opens files up to {MAX_SCRYPT_WORK_FACTOR} (make it again with Eventide or `age -p`)"
            ),
        ),
        age::DecryptError::NoMatchingKeys => not_passphrase(),
        _ => refuse(
            BackupProblem::Malformed,
            "its encryption header is damaged",
        ),
    }
}

/// The payload failed to decrypt after `plain` was read: cut short, or changed.
fn payload_problem(kind: ErrorKind, file: &[u8], plain: &[u8]) -> Error {
    if kind == ErrorKind::UnexpectedEof {
        return refuse(
            BackupProblem::Truncated,
            "the encrypted file ends before its last part",
        );
    }
    // The plain header inside says how long the backup is, hence how long the file should be.
    if let (Some(expected), Some(payload_at)) = (expected_plain_bytes(plain), payload_start(file)) {
        let should = payload_at + encrypted_len(expected);
        let found = file.len() as u64;
        if found < should {
            return refuse(
                BackupProblem::Truncated,
                format!(
                    "the file holds {found} of the {should} bytes the encrypted backup should have"
                ),
            );
        }
    }
    refuse(
        BackupProblem::ChecksumMismatch,
        "its encrypted contents do not check out: the file was cut short, changed or damaged after it was written",
    )
}

/// The length of the plain backup, from its header line, once that has been decrypted.
fn expected_plain_bytes(plain: &[u8]) -> Option<u64> {
    let newline = plain.iter().position(|b| *b == b'\n')?;
    let header: serde_json::Value = serde_json::from_slice(plain.get(..newline)?).ok()?;
    let body = header.get("body_bytes")?.as_u64()?;
    (newline as u64 + 1).checked_add(body)
}

/// Where the payload starts: after the header's final `---` line and the 16-byte nonce.
fn payload_start(file: &[u8]) -> Option<u64> {
    let mac_line = file.windows(4).position(|w| w == b"\n---")? + 1;
    let end = mac_line + file.get(mac_line..)?.iter().position(|b| *b == b'\n')? + 1;
    Some(end as u64 + NONCE_BYTES)
}

/// Length of age's payload for `plain` bytes: every chunk carries a tag, and there is always
/// at least one (possibly empty) chunk.
fn encrypted_len(plain: u64) -> u64 {
    let chunks = plain.div_ceil(CHUNK_BYTES).max(1);
    plain + chunks * TAG_BYTES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payload_length_follows_age_chunking() {
        assert_eq!(encrypted_len(0), 16);
        assert_eq!(encrypted_len(1), 17);
        assert_eq!(encrypted_len(CHUNK_BYTES), CHUNK_BYTES + 16);
        assert_eq!(encrypted_len(CHUNK_BYTES + 1), CHUNK_BYTES + 1 + 32);
    }

    #[test]
    fn a_passphrase_file_loses_only_its_final_line_break() {
        for (text, expected) in [
            ("correct horse\n", "correct horse"),
            ("correct horse\r\n", "correct horse"),
            ("correct horse\n\n", "correct horse\n"),
            (" spaces kept ", " spaces kept "),
        ] {
            assert_eq!(Passphrase::from_file_text(text.into()).expose(), expected);
        }
        assert_eq!(
            format!("{:?}", Passphrase::new("secret words".into())),
            "Passphrase(hidden)"
        );
    }
}
