//! Opening a database file that came from outside (a restored backup, a damaged disk): any
//! bytes give a database or a typed error, never a panic, and the file is never changed.
#![no_main]

use eventide_core::store::Store;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let dir = std::env::temp_dir().join(format!("eventide-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("input.db");
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    let opened = Store::open(&path);
    if opened.is_err() {
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(bytes), "a refused file was changed");
    } else if let Ok(store) = opened {
        // An accepted file must be readable all the way through without a panic.
        let t = store.read();
        let _ = t.medications();
        let _ = t.plans();
        let _ = t.plan_events();
        let _ = t.day_settings();
        let _ = t.dose_events(chrono::NaiveDate::MIN, chrono::NaiveDate::MAX);
        let _ = t.checkins(chrono::NaiveDate::MIN, chrono::NaiveDate::MAX);
    }
});
