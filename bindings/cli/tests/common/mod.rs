//! How the CLI tests drive the companion: the built binary on a test database, at a given
//! moment in London or with no clock flags, and with `TZ=UTC` so the host's zone never leaks in.
// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// The zone every CLI test lives in (its clock change is what the tests exercise).
pub const ZONE: &str = "Europe/London";

/// `eventide --db DB ARGS…`, whatever the outcome.
pub fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eventide"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("TZ", "UTC")
        .output()
        .expect("the binary runs")
}

/// The same at `now` (RFC 3339) in London.
pub fn run_at(db: &Path, now: &str, args: &[&str]) -> Output {
    run(db, &[&["--zone", ZONE, "--now", now], args].concat())
}

/// What a command that must succeed printed.
pub fn ok(db: &Path, args: &[&str]) -> String {
    succeeded(run(db, args), args)
}

/// What a command that must succeed at `now` printed.
pub fn ok_at(db: &Path, now: &str, args: &[&str]) -> String {
    succeeded(run_at(db, now, args), args)
}

/// The message of a command that must be refused at `now`.
pub fn refused_at(db: &Path, now: &str, args: &[&str]) -> String {
    let out = run_at(db, now, args);
    assert!(!out.status.success(), "{args:?} should have been refused");
    String::from_utf8(out.stderr).expect("utf-8")
}

fn succeeded(out: Output, args: &[&str]) -> String {
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}
