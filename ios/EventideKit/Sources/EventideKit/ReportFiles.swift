import Foundation
import EventideCore

extension ShareOption: Identifiable {
    /// The choice's name, unique on the share screen.
    public var id: String { label }
}

/// What the Share screen offers: the core's choices, in its order and words (the same on
/// Android: `shareChoices` in android/shell).
public enum ShareChoices {
    public static var all: [ShareOption] { shareOptions() }
}

/// A report ready to leave the phone: the core's bytes and names. With `printToPdf`, `data` is
/// the page, written as `pageName` and printed by the platform to a PDF named `fileName`.
/// Mirrors `SharedFile` in android/shell.
public struct SharedReport: Equatable, Sendable {
    public let data: Data
    /// The name to share it under (the PDF's, for a printed page): the core's.
    public let fileName: String
    /// The name of the page itself.
    public let pageName: String
    public let printToPdf: Bool

    /// The report of `option` as the core names it.
    public init(_ file: ReportFile, option: ShareOption) {
        data = file.bytes
        pageName = file.fileName
        fileName = option.printToPdf ? (file.pdfFileName ?? file.fileName) : file.fileName
        printToPdf = option.printToPdf
    }
}

/// Where report files come from. The Share screen works with any source, so its file
/// handling is tested without the core.
public protocol ReportSource: Sendable {
    /// The report of `option` over the whole log as of `now`, with `patientName` printed on it
    /// (never stored) when given.
    func report(_ option: ShareOption, patientName: String?, now: Date) throws -> SharedReport
}

/// The core's report export: every byte of every format is rendered in Rust, and named there.
public struct CoreReports: ReportSource {
    let core: EventideProtocol

    public init(core: EventideProtocol) {
        self.core = core
    }

    public func report(_ option: ShareOption, patientName: String?, now: Date) throws -> SharedReport {
        let name = patientName?.trimmingCharacters(in: .whitespacesAndNewlines)
        let file = try core.exportReportFile(
            format: option.format, from: nil, to: nil,
            patientName: (name?.isEmpty ?? true) ? nil : name, now: now
        )
        return SharedReport(file, option: option)
    }
}
