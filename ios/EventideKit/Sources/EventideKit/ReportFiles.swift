import Foundation

/// The ways to share the log with a clinician, and the plan calendar. The core renders the
/// page, CSV, FHIR bundle and calendar; the PDFs are pages printed by the platform's print
/// renderer. Mirrors `ShareChoice` in android/shell.
public enum ShareFormat: String, CaseIterable, Sendable, Identifiable {
    case page, pdf, csv, fhir, calendar

    public var id: String { rawValue }

    /// The menu title.
    public var title: String {
        switch self {
        case .page: return "Report page"
        case .pdf: return "PDF"
        case .csv: return "CSV"
        case .fhir: return "FHIR bundle"
        case .calendar: return "Plan calendar"
        }
    }

    /// One line on who it is for.
    public var detail: String {
        switch self {
        case .page: return "A page to read or print: chart, adherence, check-ins."
        case .pdf: return "The same page as a PDF, for email or a patient portal."
        case .csv: return "One row per event, for a spreadsheet."
        case .fhir: return "An HL7 FHIR R4 bundle, for clinical systems that import it."
        case .calendar: return "Each coming night's dose and what to take, as a PDF to print for the fridge or the pharmacist."
        }
    }

    /// What to ask the core for: the PDF is made from the page.
    public var coreFormat: ReportFormat {
        switch self {
        case .page, .pdf: return .html
        case .csv: return .csv
        case .fhir: return .fhir
        case .calendar: return .plan
        }
    }

    public var fileExtension: String {
        switch self {
        case .page: return "html"
        case .pdf, .calendar: return "pdf"
        case .csv: return "csv"
        case .fhir: return "json"
        }
    }

    /// The Uniform Type Identifier of the file, for the share sheet.
    public var typeIdentifier: String {
        switch self {
        case .page: return "public.html"
        case .pdf, .calendar: return "com.adobe.pdf"
        case .csv: return "public.comma-separated-values-text"
        case .fhir: return "public.json"
        }
    }

    /// "eventide-report-2026-11-25.csv" ("eventide-plan-…" for the calendar): the day it was
    /// made, so repeated shares do not clash.
    public func fileName(madeOn day: String) -> String {
        "eventide-\(self == .calendar ? "plan" : "report")-\(day).\(fileExtension)"
    }

    /// True for the formats printed to a PDF here from the core's page.
    public var printed: Bool { self == .pdf || self == .calendar }
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
