//! The wording check on the phones' own strings: every string literal in the Android app and
//! shell (Kotlin, strings.xml) and in the iOS app and EventideKit (Swift) passes the catalogue's
//! check, like every sentence the core itself shows. Most of what a phone shows comes from the
//! core; this catches the rest (labels, hints, messages) drifting into advice.

use std::path::{Path, PathBuf};

use eventide_core::catalogue::wording_problems;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

/// The string literals of Kotlin or Swift source: "…" with escapes, and interpolations
/// (`${…}`, `$name`, `\(…)`) read as a neutral word. Line comments are skipped.
fn literals(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in source.lines() {
        let code = line.trim_start();
        if code.starts_with("//") || code.starts_with("*") || code.starts_with("///") {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '/' && chars.get(i + 1) == Some(&'/') {
                break;
            }
            if chars[i] != '"' {
                i += 1;
                continue;
            }
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                match chars[i] {
                    '\\' if chars.get(i + 1) == Some(&'(') => {
                        let mut depth = 0;
                        while i < chars.len() {
                            if chars[i] == '(' {
                                depth += 1;
                            } else if chars[i] == ')' {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            i += 1;
                        }
                        text.push_str("value");
                    }
                    '\\' => {
                        i += 1;
                    }
                    '$' if chars.get(i + 1) == Some(&'{') => {
                        while i < chars.len() && chars[i] != '}' {
                            i += 1;
                        }
                        text.push_str("value");
                    }
                    c => text.push(c),
                }
                i += 1;
            }
            i += 1;
            out.push(text);
        }
    }
    out
}

#[test]
fn every_string_the_phones_show_passes_the_wording_check() {
    let root = repo();
    let mut sources = Vec::new();
    for dir in [
        "android/app/src/main/kotlin",
        "android/shell/src/main/kotlin",
    ] {
        files(&root.join(dir), "kt", &mut sources);
    }
    for dir in ["ios/Eventide", "ios/EventideKit/Sources/EventideKit"] {
        files(&root.join(dir), "swift", &mut sources);
    }
    assert!(
        sources.len() > 30,
        "found the shells' sources: {}",
        sources.len()
    );
    let mut problems = Vec::new();
    let mut checked = 0;
    for path in &sources {
        let text = std::fs::read_to_string(path).expect("readable");
        for literal in literals(&text) {
            checked += 1;
            for p in wording_problems(&literal) {
                problems.push(format!(
                    "{}: {p}",
                    path.strip_prefix(&root).unwrap_or(path).display()
                ));
            }
        }
    }
    let strings = std::fs::read_to_string(root.join("android/app/src/main/res/values/strings.xml"))
        .expect("strings.xml");
    for line in strings.lines().filter(|l| l.contains("<string ")) {
        let text = line
            .split_once('>')
            .and_then(|(_, rest)| rest.rsplit_once('<'))
            .map(|(t, _)| t)
            .unwrap_or_default();
        checked += 1;
        for p in wording_problems(text) {
            problems.push(format!("strings.xml: {p}"));
        }
    }
    assert!(checked > 200, "read the shells' strings: {checked}");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_reader_finds_literals_and_reads_interpolations_as_words() {
    let kt = r#"Text("Lower by (%)") // "not this"
        val s = "Snoozed until ${s.until.localTime}""#;
    assert_eq!(literals(kt), ["Lower by (%)", "Snoozed until value"]);
    let swift = r#"Text("Pain \(pain) of \(model.max)")"#;
    assert_eq!(literals(swift), ["Pain value of value"]);
    assert!(!wording_problems(&literals(kt)[0]).is_empty());
}
