//! What leaves the phone without the user sharing it, and what a locked phone shows, in the
//! words both phones' Settings use.
//!
//! **Phone backups, decided.** A medication log is health data. Each phone lets its own
//! backup take the database only where that backup can be end-to-end encrypted, and says so:
//!
//! - Android 12 and later: the cloud backup takes it only when Android can encrypt it end to end
//!   (`disableIfNoEncryptionCapabilities`, which needs a screen lock); a transfer to a new phone
//!   takes it; Android 8–11 cannot tell those apart, so nothing is copied there.
//! - iOS: the iPhone backup takes it unless the user turns "Include in phone backups" off
//!   ([`Companion::include_in_phone_backup`]); an iCloud Backup is end-to-end encrypted only
//!   with Advanced Data Protection, a computer backup only when it is encrypted, and Settings
//!   says so, so the user can choose.
//!
//! The Eventide backup file (Share) stays the portable way: encrypted with the user's
//! passphrase, to any phone.

use crate::error::Result;
use crate::reminders::Platform;
use crate::Companion;

/// The settings key of the phone-backup choice (iOS).
const PHONE_BACKUP_KEY: &str = "include_in_phone_backup";

/// The words of Settings' privacy section on one platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivacyTexts {
    /// The lock-screen switch: "Show medicine and dose on the lock screen".
    pub lock_screen_label: &'static str,
    /// Under it while off.
    pub lock_screen_off: &'static str,
    /// Under it while on.
    pub lock_screen_on: &'static str,
    /// The section's heading: "Phone backups".
    pub phone_backup_title: &'static str,
    /// What the platform's own backup does with Eventide's data (while included).
    pub phone_backup_text: &'static str,
    /// The switch's label where the user can choose (iOS), else `None`.
    pub phone_backup_toggle: Option<&'static str>,
    /// What happens while the user has it switched off (iOS), else `None`.
    pub phone_backup_off_text: Option<&'static str>,
    /// The portable way: the Eventide backup file.
    pub portable_backup: &'static str,
}

/// The privacy words for `platform`.
pub fn texts(platform: Platform) -> PrivacyTexts {
    let (phone_backup_text, toggle, off) = match platform {
        Platform::Android => (
            "Android copies Eventide's data to your Google account only when that copy is \
             end-to-end encrypted, which needs a screen lock on this phone, and moves it when you \
             transfer to a new phone. On Android 11 and earlier nothing is copied.",
            None,
            None,
        ),
        Platform::Ios => (
            "Eventide's data is in your iPhone backups. An iCloud Backup is end-to-end encrypted \
             only when Advanced Data Protection is on, and a backup on a computer only when it \
             is encrypted. Switch this off to leave Eventide out of them.",
            Some("Include in phone backups"),
            Some(
                "Eventide's data is left out of iPhone backups: a new phone starts empty unless \
                 you restore an Eventide backup file.",
            ),
        ),
    };
    PrivacyTexts {
        lock_screen_label: "Show medicine and dose on the lock screen",
        lock_screen_off: "A locked phone shows \"Evening medicine\" and the buttons, not the \
                          medicine or the dose.",
        lock_screen_on: "A locked phone shows the medicine and the dose in each reminder.",
        phone_backup_title: "Phone backups",
        phone_backup_text,
        phone_backup_toggle: toggle,
        phone_backup_off_text: off,
        portable_backup: "To move everything to any phone, make an Eventide backup file (Share): \
                          it is encrypted with your passphrase.",
    }
}

impl Companion {
    /// Whether the phone's own backup may take Eventide's database (true until the user
    /// switches it off; iOS applies it as the folder's `isExcludedFromBackup`).
    pub fn include_in_phone_backup(&self) -> Result<bool> {
        self.with_store(|store| Ok(store.read().setting(PHONE_BACKUP_KEY)?.as_deref() != Some("0")))
    }

    /// Chooses whether the phone's own backup may take Eventide's database; returns the choice.
    pub fn set_include_in_phone_backup(&self, on: bool) -> Result<bool> {
        self.with_store(|store| {
            store.write(|t| t.set_setting(PHONE_BACKUP_KEY, if on { "1" } else { "0" }))
        })?;
        Ok(on)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::wording_problems;

    #[test]
    fn only_ios_offers_the_switch_and_every_sentence_passes_the_wording_check() {
        let android = texts(Platform::Android);
        let ios = texts(Platform::Ios);
        assert!(android.phone_backup_toggle.is_none() && android.phone_backup_off_text.is_none());
        assert_eq!(ios.phone_backup_toggle, Some("Include in phone backups"));
        assert_eq!(android.lock_screen_label, ios.lock_screen_label);
        for t in [android, ios] {
            for s in [
                t.lock_screen_label,
                t.lock_screen_off,
                t.lock_screen_on,
                t.phone_backup_text,
                t.portable_backup,
            ] {
                assert!(wording_problems(s).is_empty(), "{s}");
                assert!(!s.contains("  "), "{s}");
            }
        }
    }
}
