import SwiftUI
import UniformTypeIdentifiers
import EventideKit

/// Share: the log for a clinician as a report page, a PDF, CSV or an HL7 FHIR bundle, and a
/// backup of everything. Files are made when asked for and handed to the share sheet
/// (`ShareLink`); Eventide itself sends nothing.
struct ShareScreen: View {
    let model: AppModel
    @State private var files: [ShareFormat: URL] = [:]
    @State private var preparing: ShareFormat?
    @State private var backup: URL?
    @State private var picking = false

    var body: some View {
        List {
            Section {
                ForEach(ShareFormat.allCases) { format in
                    row(format)
                }
            } footer: {
                Text("The file is made on this phone. It goes only where you send it from the share sheet.")
            }
            Section {
                if let backup {
                    ShareLink(item: backup, preview: SharePreview("Eventide backup")) {
                        Label("Share or save the backup", systemImage: "square.and.arrow.up")
                    }
                } else {
                    Button("Prepare a backup") { backup = model.backupFile() }
                }
                Button("Restore from a backup file…") { picking = true }
            } header: {
                Text("Backup")
            } footer: {
                Text("A backup holds your medicines, plans, doses, check-ins and settings. It is not encrypted: keep it somewhere you trust.")
            }
        }
        .fileImporter(isPresented: $picking, allowedContentTypes: [.data]) { result in
            if case .success(let url) = result { model.offerRestore(from: url) }
        }
        .alert("Restore this backup?", isPresented: Binding(get: { model.restoreOffer != nil }, set: { if !$0 { model.restoreOffer = nil } }), presenting: model.restoreOffer) { offer in
            Button(offer.replaces ? "Replace and restore" : "Restore", role: offer.replaces ? .destructive : nil) { model.restore(offer) }
            Button("Cancel", role: .cancel) { model.restoreOffer = nil }
        } message: { offer in
            Text(offer.replaces ? offer.description + " It replaces what is on this phone now; the current data is kept aside first." : offer.description)
        }
    }

    @ViewBuilder private func row(_ format: ShareFormat) -> some View {
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
