//! Reading a backup file that came from outside: any bytes are either a backup that restores
//! and exports back to the same content, or a typed `InvalidBackup` error, never a panic.
//! The first byte picks the mode: as they are (checked by the header and checksum first), or
//! sealed with a correct header so the fuzzer reaches the body, table and value checks.
#![no_main]

use std::sync::Arc;

use chrono::{DateTime, Utc};
use eventide_core::backup;
use eventide_core::zone::FixedZone;
use eventide_core::{Companion, Error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some((mode, rest)) = bytes.split_first() else { return };
    let file = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        match backup::seal(rest) {
            Ok(file) => file,
            Err(_) => return,
        }
    };
    let now = DateTime::<Utc>::from_timestamp(1_790_000_000, 0).unwrap_or_default();
    match backup::inspect(&file) {
        Err(Error::InvalidBackup { .. }) => {}
        Err(other) => panic!("a bad backup must be refused as InvalidBackup, not {other:?}"),
        Ok(_) => {
            // Accepted: it must restore, and the restored data must export and check again.
            let app = Companion::in_memory(Arc::new(FixedZone(3600))).expect("in-memory database");
            app.restore_backup_bytes(&file, false, now).expect("an accepted backup restores");
            let again = app.backup_bytes(now).expect("a restored database exports");
            backup::inspect(&again).expect("a re-exported backup is accepted");
        }
    }
});
