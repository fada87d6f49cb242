import Foundation
import EventideKit

/// Turns the core's report into a file the share sheet can hand on: named by the core
/// (`SharedReport`), the page printed to a PDF here when the choice asks for one. Files go to
/// a private temporary folder with the same protection as the database and are replaced on
/// each share; nothing is sent anywhere unless the user picks a destination.
enum ReportFiles {
    enum Failure: LocalizedError {
        case notText

        var errorDescription: String? {
            "The report page could not be read as text, so no PDF was made."
        }
    }

    @MainActor
    static func write(_ option: ShareOption, from source: ReportSource, patientName: String) async throws -> URL {
        let report = try source.report(option, patientName: patientName, now: Date())
        let data: Data
        if report.printToPdf {
            guard let html = String(data: report.data, encoding: .utf8) else { throw Failure.notText }
            data = try await ReportPrinter().pdf(html: html)
        } else {
            data = report.data
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("Reports", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(report.fileName)
        try data.write(to: file, options: [.atomic, .completeFileProtectionUntilFirstUserAuthentication])
        return file
    }
}
