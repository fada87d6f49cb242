//! The report a user shares with the prescriber (issue 3): HTML (also what a shell prints to
//! PDF), CSV for spreadsheets, or an HL7 FHIR R4 Bundle. Mirrors `eventide_core::report`; the
//! core renders every byte, the shells only hand them to a share sheet or a file.

use crate::time::Timestamp;
use std::path::Path;

use eventide_core::report::{file_name, ReportFormat as CoreFormat, ReportRequest};
use eventide_core::schedule;

use crate::error::EventideError;
use crate::eventide::Eventide;
use crate::time::parse_opt_date;

type Res<T> = Result<T, EventideError>;

/// The files a report can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ReportFormat {
    /// One self-contained HTML page, printable to A4 or Letter (print it for a PDF).
    Html,
    /// One row per event, with a header row, for spreadsheets.
    Csv,
    /// An HL7 FHIR R4 Bundle (JSON) for clinical systems.
    Fhir,
    /// The plan calendar: the coming nights' doses and what to take, one A4 HTML page for the
    /// fridge or the pharmacist (print it for a PDF). `from`/`to` default to four weeks from
    /// tonight (eight when the plan changes in weeks five to eight).
    Plan,
}

impl From<ReportFormat> for CoreFormat {
    fn from(f: ReportFormat) -> Self {
        match f {
            ReportFormat::Html => CoreFormat::Html,
            ReportFormat::Csv => CoreFormat::Csv,
            ReportFormat::Fhir => CoreFormat::Fhir,
            ReportFormat::Plan => CoreFormat::Plan,
        }
    }
}

impl From<CoreFormat> for ReportFormat {
    fn from(f: CoreFormat) -> Self {
        match f {
            CoreFormat::Html => ReportFormat::Html,
            CoreFormat::Csv => ReportFormat::Csv,
            CoreFormat::Fhir => ReportFormat::Fhir,
            CoreFormat::Plan => ReportFormat::Plan,
        }
    }
}

/// A report ready for the share sheet: its bytes and how to name and type them.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ReportFile {
    /// Which format it is.
    pub format: ReportFormat,
    /// The file's contents.
    pub bytes: Vec<u8>,
    /// A file name such as `eventide-report-2026-11-25.html`.
    pub file_name: String,
    /// The MIME type to give the share sheet.
    pub mime_type: String,
    /// For a page the phone prints (HTML and the plan calendar): the PDF's name,
    /// `eventide-report-2026-11-25.pdf`; null for the other formats.
    pub pdf_file_name: Option<String>,
}

/// One choice on the share screen, in the core's words.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ShareOption {
    /// What to ask `export_report_file` for.
    pub format: ReportFormat,
    /// Print the page to a PDF (named `pdf_file_name`) before sharing it.
    pub print_to_pdf: bool,
    /// "Report page (HTML)".
    pub label: String,
    /// One line on who it is for.
    pub detail: String,
}

/// The share screen's choices, in order (every format; the page and the plan calendar also
/// as PDFs the phone prints).
#[uniffi::export]
pub fn share_options() -> Vec<ShareOption> {
    eventide_core::report::share_options()
        .into_iter()
        .map(|o| ShareOption {
            format: o.format.into(),
            print_to_pdf: o.print_to_pdf,
            label: o.label.into(),
            detail: o.detail.into(),
        })
        .collect()
}

/// The file name ending for `format`: "html", "csv" or "json".
#[uniffi::export]
pub fn report_file_extension(format: ReportFormat) -> String {
    CoreFormat::from(format).file_extension().to_string()
}

/// The MIME type for `format` ("text/html; charset=utf-8", …).
#[uniffi::export]
pub fn report_mime_type(format: ReportFormat) -> String {
    CoreFormat::from(format).mime_type().to_string()
}

/// Every format, in the order a share screen offers them.
#[uniffi::export]
pub fn report_formats() -> Vec<ReportFormat> {
    vec![
        ReportFormat::Html,
        ReportFormat::Csv,
        ReportFormat::Fhir,
        ReportFormat::Plan,
    ]
}

/// Reads the share screen's choices: optional first/last nights and a name for this export.
fn request(
    from: Option<String>,
    to: Option<String>,
    patient_name: Option<String>,
) -> Res<ReportRequest> {
    Ok(ReportRequest {
        from: parse_opt_date("from", from)?,
        to: parse_opt_date("to", to)?,
        patient_name,
    })
}

#[uniffi::export]
impl Eventide {
    /// The report's bytes in `format`, over nights `from..=to` ("YYYY-MM-DD"; default: the
    /// whole log up to tonight). `patient_name` is printed on it and never stored.
    pub fn export_report(
        &self,
        format: ReportFormat,
        from: Option<String>,
        to: Option<String>,
        patient_name: Option<String>,
        now: Timestamp,
    ) -> Res<Vec<u8>> {
        let now = self.begin(now)?;
        let request = request(from, to, patient_name)?;
        Ok(self
            .companion()
            .export_report(format.into(), &request, now)?)
    }

    /// [`Eventide::export_report`] with the file name and MIME type a share sheet needs.
    pub fn export_report_file(
        &self,
        format: ReportFormat,
        from: Option<String>,
        to: Option<String>,
        patient_name: Option<String>,
        now: Timestamp,
    ) -> Res<ReportFile> {
        let now = self.begin(now)?;
        let request = request(from, to, patient_name)?;
        let core = CoreFormat::from(format);
        let bytes = self.companion().export_report(core, &request, now)?;
        let today = schedule::local_date(self.zone().as_ref(), now);
        let printable = core.file_extension() == "html";
        Ok(ReportFile {
            format,
            bytes,
            file_name: file_name(core, today, false),
            mime_type: core.mime_type().to_string(),
            pdf_file_name: printable.then(|| file_name(core, today, true)),
        })
    }

    /// Writes the report to `path` (a file the shell chose); it appears whole or not at all.
    pub fn write_report(
        &self,
        format: ReportFormat,
        from: Option<String>,
        to: Option<String>,
        patient_name: Option<String>,
        path: String,
        now: Timestamp,
    ) -> Res<()> {
        let now = self.begin(now)?;
        if path.trim().is_empty() {
            return Err(EventideError::invalid("path", "give the file to write"));
        }
        let request = request(from, to, patient_name)?;
        Ok(self
            .companion()
            .write_report(format.into(), &request, Path::new(&path), now)?)
    }
}
