//! How the share screen offers the reports, the same on both phones: each choice with its
//! words, the format the core renders for it, and whether the phone prints that page to a PDF;
//! and the name each file gets.

use chrono::NaiveDate;

use super::ReportFormat;

/// One choice on the share screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareOption {
    /// What the core renders.
    pub format: ReportFormat,
    /// The phone prints the rendered page to a PDF (its print framework) before sharing it.
    pub print_to_pdf: bool,
    /// The choice's name: "Report page (HTML)".
    pub label: &'static str,
    /// One line on who it is for.
    pub detail: &'static str,
}

/// The share screen's choices, in order.
pub fn share_options() -> Vec<ShareOption> {
    let option = |format, print_to_pdf, label, detail| ShareOption {
        format,
        print_to_pdf,
        label,
        detail,
    };
    vec![
        option(
            ReportFormat::Html,
            false,
            "Report page (HTML)",
            "A page to read or print: doses over time, check-ins and questions.",
        ),
        option(
            ReportFormat::Html,
            true,
            "Report as a PDF",
            "The same page as a PDF, for email or a patient portal.",
        ),
        option(
            ReportFormat::Csv,
            false,
            "Spreadsheet (CSV)",
            "One row per event, for a spreadsheet.",
        ),
        option(
            ReportFormat::Fhir,
            false,
            "FHIR R4 bundle (JSON)",
            "For clinical systems that import HL7 FHIR.",
        ),
        option(
            ReportFormat::Plan,
            true,
            "Plan calendar (PDF)",
            "Each coming night's dose and what to take, to print for the fridge or the pharmacist.",
        ),
    ]
}

/// The name of a `format` file made on `today` ("eventide-report-2026-11-25.csv",
/// "eventide-plan-…" for the calendar), ending ".pdf" when the phone prints it.
pub fn file_name(format: ReportFormat, today: NaiveDate, printed: bool) -> String {
    let what = if format == ReportFormat::Plan {
        "plan"
    } else {
        "report"
    };
    let extension = if printed {
        "pdf"
    } else {
        format.file_extension()
    };
    format!("eventide-{what}-{}.{extension}", today.format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_offered_and_printed_ones_are_pages() {
        let options = share_options();
        for f in ReportFormat::ALL {
            assert!(options.iter().any(|o| o.format == f), "{f:?}");
        }
        assert!(options
            .iter()
            .filter(|o| o.print_to_pdf)
            .all(|o| o.format.file_extension() == "html"));
        let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(
            file_name(ReportFormat::Plan, day, true),
            "eventide-plan-2026-11-25.pdf"
        );
        assert_eq!(
            file_name(ReportFormat::Fhir, day, false),
            "eventide-report-2026-11-25.json"
        );
    }
}
