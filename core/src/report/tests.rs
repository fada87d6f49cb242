use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use serde_json::Value;

use super::*;
use crate::checkin::{CheckInAnswer, Feeling, Symptom};
use crate::ingredient::Ingredient;
use crate::medication::{NewMedication, Slot};
use crate::plan::PlanKind;
use crate::schedule::occurrences_on;

const NOTE: &str = "Woke at 3, then \"slept\" again,\nsort of";

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 9, 14, 0, 0).unwrap()
}

/// Twenty nights across the October clock change in London: a titration with one missed,
/// one skipped, one late and one snoozed dose, and a check-in most mornings.
fn story() -> Companion {
    let zone: chrono_tz::Tz = "Europe/London".parse().unwrap();
    let app = Companion::in_memory(Arc::new(zone)).unwrap();
    let first = d(10, 20);
    let med = app
        .add_medication(
            NewMedication {
                name: "Amitriptyline".into(),
                ingredient: Some(Ingredient::Amitriptyline),
                tablet_mg: vec![10.0, 25.0],
                can_halve: false,
                liquid_mg_per_5ml: vec![],
                slot: Slot::Evening { lead_minutes: 90 },
            },
            Utc.with_ymd_and_hms(2026, 10, 19, 11, 0, 0).unwrap(),
        )
        .unwrap();
    let kind = PlanKind::Titration {
        start: Micrograms::mg(10),
        step: Micrograms::mg(10),
        every_days: 7,
        target: Micrograms::mg(30),
    };
    app.set_plan(
        med.id,
        kind,
        Some(first),
        &[],
        Utc.with_ymd_and_hms(2026, 10, 19, 11, 0, 0).unwrap(),
    )
    .unwrap();
    let settings = app.day_settings().unwrap();
    for (i, night) in first.iter_days().take(20).enumerate() {
        let occ = occurrences_on(&settings, &zone, &med, night).remove(0);
        match i {
            4 => {}
            6 => {
                app.skip(med.id, Some(night), None, occ.due + Duration::minutes(10))
                    .unwrap();
            }
            8 => {
                app.take(med.id, Some(night), None, occ.due + Duration::minutes(150))
                    .unwrap();
            }
            10 => {
                app.snooze(med.id, None, 30, occ.due + Duration::minutes(1))
                    .unwrap();
                app.take(med.id, Some(night), None, occ.due + Duration::minutes(40))
                    .unwrap();
            }
            _ => {
                app.take(med.id, Some(night), None, occ.due + Duration::minutes(5))
                    .unwrap();
            }
        }
        if i == 5 || i == 12 {
            app.confirm_tolerable(med.id, occ.due + Duration::minutes(30))
                .unwrap();
        }
        if i == 12 {
            continue;
        }
        let morning = night + Duration::days(1);
        let at = crate::zone::resolve_local(
            &zone,
            morning.and_time(NaiveTime::from_hms_opt(8, 10, 0).unwrap()),
        );
        let (feeling, effects) = match i {
            0..=2 => (Feeling::Groggy, vec![Symptom::DryMouth]),
            14 | 15 | 17 => (Feeling::SleptBadly, vec![Symptom::Headache]),
            _ => (Feeling::Fine, vec![]),
        };
        let note = (i == 3).then(|| NOTE.to_string());
        let answer = CheckInAnswer {
            feeling: Some(feeling),
            pain: Some(6 - (i as u8) / 5),
            effects,
            note,
        };
        app.check_in(answer, Some(morning), at).unwrap();
    }
    app
}

fn export(
    app: &Companion,
    format: ReportFormat,
    request: &ReportRequest,
    at: DateTime<Utc>,
) -> String {
    String::from_utf8(app.export_report(format, request, at).unwrap()).unwrap()
}

/// A small RFC 4180 reader: records of fields, honouring quotes, doubled quotes and CRLF.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "records end with CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record ends with CRLF"
    );
    records
}

#[test]
fn csv_has_one_row_per_event_and_quotes_notes_by_rfc_4180() {
    let app = story();
    let csv = export(&app, ReportFormat::Csv, &ReportRequest::default(), now());
    let rows = parse_csv(&csv);
    let header = rows.first().unwrap();
    assert_eq!(
        header.iter().map(String::as_str).collect::<Vec<_>>(),
        CSV_HEADER.to_vec()
    );
    assert!(
        rows.iter().all(|r| r.len() == CSV_HEADER.len()),
        "every row has every column"
    );
    let col = |name: &str| CSV_HEADER.iter().position(|h| *h == name).unwrap();
    let count = |event: &str| rows.iter().filter(|r| r[col("event")] == event).count();
    // 20 nights: 18 taken (one late), 1 skipped, 1 missed, 1 snooze; 19 mornings answered.
    // Tonight's dose is still open, so it is no event yet.
    assert_eq!(
        (
            count("dose_taken"),
            count("dose_skipped"),
            count("dose_missed"),
            count("dose_snoozed")
        ),
        (18, 1, 1, 1)
    );
    assert_eq!(count("checkin"), 19);
    // The note with a comma, quotes and a line break comes back exactly.
    let noted = rows
        .iter()
        .skip(1)
        .find(|r| !r[col("note")].is_empty())
        .unwrap();
    assert_eq!(noted[col("note")], NOTE);
    assert!(csv.contains("\"Woke at 3, then \"\"slept\"\" again,\nsort of\""));
    // ISO 8601 with the offset in force: summer time before 25 October, GMT after.
    let taken: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[col("event")] == "dose_taken")
        .collect();
    assert_eq!(
        taken.first().unwrap()[col("timestamp")],
        "2026-10-20T21:05:00+01:00"
    );
    assert_eq!(
        taken.last().unwrap()[col("timestamp")],
        "2026-11-08T21:05:00+00:00"
    );
    let late = rows.iter().find(|r| r[col("late")] == "yes").unwrap();
    assert_eq!(late[col("date")], "2026-10-28");
    // Oldest first.
    let stamps: Vec<DateTime<chrono::FixedOffset>> = rows
        .iter()
        .skip(1)
        .map(|r| DateTime::parse_from_rfc3339(&r[col("timestamp")]).unwrap())
        .collect();
    assert!(stamps.windows(2).all(|w| w[0] <= w[1]));
}

fn resources(bundle: &Value) -> Vec<&Value> {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .collect()
}

fn references(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("reference", Value::String(s)) => out.push(s.clone()),
                    _ => references(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| references(i, out)),
        _ => {}
    }
}

#[test]
fn fhir_bundle_references_resolve_and_ids_are_stable_across_exports() {
    let app = story();
    let first: Value = serde_json::from_str(&export(
        &app,
        ReportFormat::Fhir,
        &ReportRequest::default(),
        now(),
    ))
    .unwrap();
    assert_eq!(first["resourceType"], "Bundle");
    assert_eq!(first["type"], "collection");
    let urls: HashSet<String> = first["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["fullUrl"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        urls.len(),
        first["entry"].as_array().unwrap().len(),
        "full URLs are unique"
    );
    let mut refs = Vec::new();
    references(&first, &mut refs);
    assert!(!refs.is_empty());
    for r in &refs {
        assert!(urls.contains(r), "{r} resolves inside the bundle");
    }
    let of = |kind: &str| {
        resources(&first)
            .into_iter()
            .filter(|r| r["resourceType"] == kind)
            .count()
    };
    assert_eq!(of("Patient"), 1);
    assert_eq!(of("Medication"), 1);
    assert_eq!(of("MedicationStatement"), 3, "one per step: 10, 20, 30 mg");
    assert_eq!(
        of("MedicationAdministration"),
        20,
        "taken, skipped and missed doses; not tonight's open one"
    );
    assert_eq!(of("Observation"), 19, "one per check-in");
    // Nobody is named unless the user typed a name for this export.
    let patient = resources(&first)
        .into_iter()
        .find(|r| r["resourceType"] == "Patient")
        .unwrap();
    assert_eq!(
        patient.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["id", "resourceType"]
    );
    // Pain carries its LOINC code.
    assert!(resources(&first)
        .iter()
        .any(
            |r| r["component"][0]["code"]["coding"][0]["code"] == "72514-3"
                && r["component"][0]["valueInteger"] == 6
        ));

    // A day later, with one more night recorded and a name typed: the same records keep their ids.
    let later = now() + Duration::days(1);
    let zone = app.zone_rules();
    let med = app.medications().unwrap().remove(0);
    let occ = occurrences_on(&app.day_settings().unwrap(), zone.as_ref(), &med, d(11, 9)).remove(0);
    app.take(med.id, Some(d(11, 9)), None, occ.due + Duration::minutes(3))
        .unwrap();
    let request = ReportRequest {
        patient_name: Some("  Jo Example ".into()),
        ..Default::default()
    };
    let second: Value =
        serde_json::from_str(&export(&app, ReportFormat::Fhir, &request, later)).unwrap();
    let ids = |b: &Value| -> HashSet<String> {
        resources(b)
            .iter()
            .map(|r| format!("{}/{}", r["resourceType"], r["id"]))
            .collect()
    };
    let (a, b) = (ids(&first), ids(&second));
    assert!(
        a.is_subset(&b),
        "every earlier id is exported again: missing {:?}",
        a.difference(&b).collect::<Vec<_>>()
    );
    assert_eq!(b.len(), a.len() + 1, "one new administration");
    let patient = resources(&second)
        .into_iter()
        .find(|r| r["resourceType"] == "Patient")
        .unwrap();
    assert_eq!(patient["name"][0]["text"], "Jo Example");
}

#[test]
fn html_is_self_contained_and_escapes_what_the_user_typed() {
    let app = story();
    let request = ReportRequest {
        patient_name: Some("<script>alert(1)</script> O'Neil".into()),
        ..Default::default()
    };
    let html = export(&app, ReportFormat::Html, &request, now());
    assert!(html.starts_with("<!DOCTYPE html>"));
    let lower = html.to_ascii_lowercase();
    for banned in [
        "http://", "https://", "<script", "<link", "<img", "@import", "src=", "href=",
    ] {
        assert!(
            !lower.contains(banned),
            "the page must not load anything: found {banned}"
        );
    }
    assert!(
        !lower.replace("url(#", "").contains("url("),
        "only in-page SVG patterns are referenced"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Neil"));
    // Structure a screen reader and a printer rely on.
    assert_eq!(html.matches("<h1>").count(), 1);
    assert!(html.contains(r#"role="img""#) && html.contains("<title id=\"chart0-title\">"));
    assert!(
        html.contains(r#"aria-describedby="weeks0""#) && html.contains(r#"<table id="weeks0">"#)
    );
    assert!(html.contains("@media print") && html.contains(".appendix{break-before:page}"));
    // The note's line break survives as a break, its quotes escaped.
    assert!(html.contains("Woke at 3, then &quot;slept&quot; again,<br>sort of"));
    // The figures a clinician reads first.
    assert!(
        html.contains("<dt>Doses taken</dt><dd>18 of 20 (90%)</dd>"),
        "18 taken of 20 settled (tonight is open)"
    );
    assert!(
        html.contains("<dt>Missed</dt><dd>1</dd>") && html.contains("<dt>Skipped</dt><dd>1</dd>")
    );
}

#[test]
fn the_chart_marks_missed_and_skipped_nights_and_plan_steps() {
    let app = story();
    let html = export(&app, ReportFormat::Html, &ReportRequest::default(), now());
    let svg = html
        .split("<svg")
        .nth(1)
        .unwrap()
        .split("</svg>")
        .next()
        .unwrap();
    // One cross for the missed night, one open circle for the skipped one.
    assert_eq!(svg.matches(r##"stroke="#a1001b""##).count(), 1);
    assert_eq!(svg.matches(r##"fill="#fff" stroke="#1a1a1a""##).count(), 1);
    // The planned line is labelled where the dose steps up.
    for step in [">10 mg<", ">20 mg<", ">30 mg<"] {
        assert!(svg.contains(step), "{step}");
    }
    // One strip cell per answered morning, one late column.
    assert_eq!(svg.matches(r#"height="20" fill="#).count(), 19);
    assert_eq!(svg.matches("url(#late0)").count(), 1);
}

#[test]
fn a_range_narrows_every_format_and_bad_requests_are_refused() {
    let app = story();
    let week = ReportRequest {
        from: Some(d(10, 27)),
        to: Some(d(11, 2)),
        ..Default::default()
    };
    let data = app.report_data(&week, now()).unwrap();
    assert_eq!((data.from, data.to), (d(10, 27), d(11, 2)));
    let doses = &data.medications[0].doses;
    assert_eq!(doses.len(), 7);
    assert_eq!(
        Adherence::of(doses),
        Adherence {
            on_time: 6,
            late: 1,
            missed: 0,
            skipped: 0
        }
    );
    let csv = export(&app, ReportFormat::Csv, &week, now());
    assert!(!csv.contains("2026-10-26,") && !csv.contains("dose_taken,2026-11-03"));

    let backwards = ReportRequest {
        from: Some(d(11, 2)),
        to: Some(d(10, 27)),
        ..Default::default()
    };
    assert!(
        matches!(app.export_report(ReportFormat::Html, &backwards, now()), Err(Error::InvalidInput { ref field, .. }) if field == "from")
    );
    let long_name = ReportRequest {
        patient_name: Some("x".repeat(101)),
        ..Default::default()
    };
    assert!(
        matches!(app.export_report(ReportFormat::Fhir, &long_name, now()), Err(Error::InvalidInput { ref field, .. }) if field == "patient")
    );
    // Dates outside the log are clamped to it; impossible years are refused, never a crash.
    let wide = ReportRequest {
        from: NaiveDate::from_ymd_opt(1950, 1, 1),
        to: NaiveDate::from_ymd_opt(2199, 12, 31),
        ..Default::default()
    };
    let data = app.report_data(&wide, now()).unwrap();
    assert_eq!((data.from, data.to), (d(10, 20), d(11, 9)));
    let ancient = ReportRequest {
        from: Some(NaiveDate::MIN),
        to: Some(NaiveDate::MIN),
        ..Default::default()
    };
    assert!(
        matches!(app.export_report(ReportFormat::Html, &ancient, now()), Err(Error::InvalidInput { ref field, .. }) if field == "from")
    );
    let before_the_log = ReportRequest {
        from: Some(d(1, 1)),
        to: Some(d(1, 31)),
        ..Default::default()
    };
    let data = app.report_data(&before_the_log, now()).unwrap();
    assert!(data.medications[0].doses.is_empty() && data.checkins.is_empty());
    assert!(ReportFormat::parse("pdf").is_err());
    assert_eq!(ReportFormat::parse(" FHIR ").unwrap(), ReportFormat::Fhir);
}

#[test]
fn an_empty_log_still_gives_three_valid_files() {
    let app = Companion::in_memory(Arc::new(crate::zone::FixedZone(0))).unwrap();
    for format in ReportFormat::ALL {
        let bytes = app
            .export_report(format, &ReportRequest::default(), now())
            .unwrap();
        assert!(!bytes.is_empty());
    }
    let csv = export(&app, ReportFormat::Csv, &ReportRequest::default(), now());
    assert_eq!(parse_csv(&csv).len(), 1, "just the header");
}

#[test]
fn write_report_leaves_the_whole_file_and_nothing_else() {
    let app = story();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.json");
    app.write_report(ReportFormat::Fhir, &ReportRequest::default(), &path, now())
        .unwrap();
    let written = std::fs::read(&path).unwrap();
    assert_eq!(
        written,
        app.export_report(ReportFormat::Fhir, &ReportRequest::default(), now())
            .unwrap()
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["log.json"]);
    let missing = dir.path().join("no-such-folder").join("log.csv");
    assert!(matches!(
        app.write_report(
            ReportFormat::Csv,
            &ReportRequest::default(),
            &missing,
            now()
        ),
        Err(Error::Storage { .. })
    ));
}

#[test]
fn timestamps_keep_the_offset_they_were_written_with() {
    let at = |secs: i32| {
        chrono::FixedOffset::east_opt(secs)
            .unwrap()
            .with_ymd_and_hms(2026, 3, 29, 2, 5, 9)
            .unwrap()
    };
    assert_eq!(iso8601(at(3600)), "2026-03-29T02:05:09+01:00");
    assert_eq!(
        iso8601(at(-(5 * 3600 + 30 * 60))),
        "2026-03-29T02:05:09-05:30"
    );
    assert_eq!(iso8601(at(0)), "2026-03-29T02:05:09+00:00");
    assert_eq!(iso8601(at(20700)), at(20700).to_rfc3339());
}

#[test]
fn several_medicines_share_one_page_with_unique_ids_and_daily_totals() {
    let app = story();
    let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let at = Utc.with_ymd_and_hms(2026, 11, 6, 10, 0, 0).unwrap();
    let gaba = app
        .add_medication(
            NewMedication {
                name: "Gabapentin".into(),
                ingredient: Some(Ingredient::Gabapentin),
                tablet_mg: vec![300.0],
                can_halve: false,
                liquid_mg_per_5ml: vec![],
                slot: Slot::Times {
                    times: vec![t(8), t(14), t(22)],
                },
            },
            at,
        )
        .unwrap();
    app.set_plan(
        gaba.id,
        PlanKind::Maintenance {
            dose: Micrograms::mg(300),
        },
        Some(d(11, 7)),
        &[],
        at,
    )
    .unwrap();
    app.take(
        gaba.id,
        Some(d(11, 7)),
        Some(0),
        Utc.with_ymd_and_hms(2026, 11, 7, 8, 5, 0).unwrap(),
    )
    .unwrap();

    let html = export(&app, ReportFormat::Html, &ReportRequest::default(), now());
    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "every id on the page is unique");
    assert!(
        html.contains("<dt>Planned today</dt><dd>900 mg</dd>"),
        "three times 300 mg"
    );
    assert!(html.contains("<dt>Planned tonight</dt><dd>30 mg</dd>"));

    let bundle: Value = serde_json::from_str(&export(
        &app,
        ReportFormat::Fhir,
        &ReportRequest::default(),
        now(),
    ))
    .unwrap();
    let statement = resources(&bundle)
        .into_iter()
        .find(|r| {
            r["resourceType"] == "MedicationStatement"
                && r["medicationReference"]["display"] == "Gabapentin"
        })
        .unwrap()
        .clone();
    let repeat = &statement["dosage"][0]["timing"]["repeat"];
    assert_eq!(repeat["frequency"], 3);
    assert_eq!(
        repeat["timeOfDay"],
        serde_json::json!(["08:00:00", "14:00:00", "22:00:00"])
    );
    assert_eq!(
        statement["dosage"][0]["maxDosePerPeriod"]["numerator"]["value"],
        900.0
    );
    // Of 3 doses a day over 3 days (7–9 Nov): 1 taken, the rest missed except today's open ones.
    let csv = export(&app, ReportFormat::Csv, &ReportRequest::default(), now());
    assert_eq!(csv.matches("dose_taken,2026-11-07,Gabapentin").count(), 1);
    assert_eq!(
        csv.matches(",Gabapentin,").count(),
        1 + 5 + 1,
        "taken 1; missed 2 on the 7th and 3 on the 8th; 1 missed this morning"
    );
}

#[test]
fn the_new_symptoms_reach_every_format_with_their_reading_and_urgency() {
    let app = story();
    let morning = d(11, 9);
    app.check_in(
        CheckInAnswer {
            feeling: Some(Feeling::SleptBadly),
            pain: Some(5),
            effects: vec![Symptom::EyePain, Symptom::Tingling],
            note: None,
        },
        Some(morning),
        now(),
    )
    .unwrap();
    let request = ReportRequest::default();
    let fhir = export(&app, ReportFormat::Fhir, &request, now());
    assert!(
        fhir.contains("Eye pain or a sudden change in eyesight (usually a side effect; needs a doctor or nhs 111 now)"),
        "{fhir}"
    );
    assert!(
        fhir.contains("Tingling or numbness (side effect or when lowering the dose)"),
        "{fhir}"
    );
    let html = export(&app, ReportFormat::Html, &request, now());
    assert!(html.contains("Usually a side effect; needs a doctor or NHS 111 now"));
    let csv = export(&app, ReportFormat::Csv, &request, now());
    assert!(
        csv.contains("eye-pain;tingling") || csv.contains("tingling;eye-pain"),
        "{csv}"
    );
}
