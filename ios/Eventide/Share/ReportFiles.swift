import Foundation
import EventideKit

/// Turns the core's report bytes into a file the share sheet can hand on. Files go to a
/// private temporary folder with the same protection as the database and are replaced on
/// each share; nothing is sent anywhere unless the user picks a destination.
enum ReportFiles {
    enum Failure: LocalizedError {
        case notText

        var errorDescription: String? {
            "The report page could not be read as text, so no PDF was made."
        }
    }

    @MainActor
    static func write(_ format: ShareFormat, from source: ReportSource, today: String) async throws -> URL {
        let bytes = try source.report(format.coreFormat, now: Date())
        let data: Data
        switch format {
        case .pdf, .calendar:
            guard let html = String(data: bytes, encoding: .utf8) else { throw Failure.notText }
            data = try await ReportPrinter().pdf(html: html)
        case .page, .csv, .fhir:
            data = bytes
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("Reports", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(format.fileName(madeOn: today.isEmpty ? "today" : today))
        try data.write(to: file, options: [.atomic, .completeFileProtectionUntilFirstUserAuthentication])
        return file
    }
}
