import SwiftUI
import EventideKit

/// Share: the log for a clinician as a report page, a PDF, CSV or an HL7 FHIR bundle. The
/// file is made when asked for and handed to the share sheet (`ShareLink`); Eventide itself
/// sends nothing.
struct ShareScreen: View {
    let model: AppModel
    @State private var files: [ReportFormat: URL] = [:]
    @State private var preparing: ReportFormat?

    var body: some View {
        if model.reports == nil {
            ContentUnavailableView(
                "Reports are not in this build",
                systemImage: "doc.badge.ellipsis",
                description: Text("This version of Eventide's core cannot write reports yet. Your log is kept and can be shared once it can.")
            )
        } else {
            List {
                Section {
                    ForEach(ReportFormat.allCases) { format in
                        row(format)
                    }
                } footer: {
                    Text("The file is made on this phone. It goes only where you send it from the share sheet.")
                }
            }
        }
    }

    @ViewBuilder private func row(_ format: ReportFormat) -> some View {
        VStack(alignment: .leading, spacing: 6) {
            Text(format.title).font(.headline)
            Text(format.detail).font(.subheadline).foregroundStyle(.secondary)
            if let file = files[format] {
                ShareLink(item: file, preview: SharePreview(format.title)) {
                    Label("Share \(format.title)", systemImage: "square.and.arrow.up")
                }
            } else if preparing == format {
                ProgressView("Preparing…")
            } else {
                Button("Prepare \(format.title)") {
                    preparing = format
                    Task {
                        files[format] = await model.reportFile(format)
                        preparing = nil
                    }
                }
            }
        }
        .accessibilityElement(children: .contain)
    }
}
