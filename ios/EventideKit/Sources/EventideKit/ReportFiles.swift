import Foundation

/// The four ways to share the log with a clinician. The core renders the page, CSV and FHIR
/// bundle; the PDF is the page printed by the platform's print renderer. Mirrors
/// `ShareChoice` in android/shell. (The core's own `ReportFormat` has the three it renders.)
public enum ShareFormat: String, CaseIterable, Sendable, Identifiable {
    case page, pdf, csv, fhir

    public var id: String { rawValue }

    /// The menu title.
    public var title: String {
        switch self {
        case .page: return "Report page"
        case .pdf: return "PDF"
        case .csv: return "CSV"
        case .fhir: return "FHIR bundle"
        }
    }

    /// One line on who it is for.
    public var detail: String {
        switch self {
        case .page: return "A page to read or print: chart, adherence, check-ins."
        case .pdf: return "The same page as a PDF, for email or a patient portal."
        case .csv: return "One row per event, for a spreadsheet."
        case .fhir: return "An HL7 FHIR R4 bundle, for clinical systems that import it."
        }
    }

    /// What to ask the core for: the PDF is made from the page.
    public var coreFormat: ReportFormat {
        switch self {
        case .page, .pdf: return .html
        case .csv: return .csv
        case .fhir: return .fhir
        }
    }

    public var fileExtension: String {
        switch self {
        case .page: return "html"
        case .pdf: return "pdf"
        case .csv: return "csv"
        case .fhir: return "json"
        }
    }

    /// The Uniform Type Identifier of the file, for the share sheet.
    public var typeIdentifier: String {
        switch self {
        case .page: return "public.html"
        case .pdf: return "com.adobe.pdf"
        case .csv: return "public.comma-separated-values-text"
        case .fhir: return "public.json"
        }
    }

    /// "eventide-report-2026-11-25.csv": the day it was made, so repeated shares do not clash.
    public func fileName(madeOn day: String) -> String {
        "eventide-report-\(day).\(fileExtension)"
    }
}

/// Where report bytes come from. The Share screen works with any source, so its file
/// handling is tested without the core.
public protocol ReportSource: Sendable {
    /// The report in `format` over the whole log, as of `now`.
    func report(_ format: ReportFormat, now: Date) throws -> Data
}

/// The core's report export: every byte of every format is rendered in Rust.
public struct CoreReports: ReportSource {
    let core: EventideProtocol

    public init(core: EventideProtocol) {
        self.core = core
    }

    public func report(_ format: ReportFormat, now: Date) throws -> Data {
        try core.exportReport(format: format, from: nil, to: nil, patientName: nil, now: now)
    }
}
