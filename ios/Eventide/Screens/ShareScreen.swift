import SwiftUI
import UIKit
import UniformTypeIdentifiers
import EventideKit

/// Share: the log for a clinician as a report page, a PDF, CSV or an HL7 FHIR bundle, and a
/// backup of everything. Files are made when asked for and handed to the share sheet
/// (`ShareLink`); Eventide itself sends nothing.
///
/// A backup is encrypted with a passphrase unless the user turns the toggle off; the label,
/// hint and note under the field are the core's (`checkPassphrase`). Passphrases live only in
/// `@State` (never `@AppStorage` or `@SceneStorage`) and are cleared once used.
struct ShareScreen: View {
    let model: AppModel
    /// The core's choices, in its order and words (the same on Android).
    private let options = ShareChoices.all
    @State private var files: [ShareOption: URL] = [:]
    @State private var preparing: ShareOption?
    /// Printed on the report, never stored (as on Android).
    @State private var patientName = ""
    @State private var backup: URL?
    @State private var picking = false
    @State private var encrypt = true
    @State private var passphrase = ""

    var body: some View {
        List {
            Section {
                TextField("Your name on the report (optional, not saved)", text: $patientName)
                    .textContentType(.name)
                ForEach(options) { option in
                    row(option)
                }
            } footer: {
                Text("The file is made on this phone. It goes only where you send it from the share sheet.")
            }
            Section {
                Toggle("Protect the backup with a passphrase", isOn: $encrypt)
                let check = checkPassphrase(passphrase: passphrase)
                if encrypt {
                    PassphraseField(title: "Passphrase for this backup", text: $passphrase, contentType: .newPassword)
                    Text(BackupText.passphraseHelper(check, typed: passphrase))
                        .font(.footnote)
                        .foregroundStyle(passphrase.isEmpty || check.acceptable ? Color.secondary : Color.red)
                    if !passphrase.isEmpty { Text(check.note).font(.footnote).foregroundStyle(.secondary) }
                } else {
                    Text("Without a passphrase, anyone who gets the file can read your medicines, doses and check-ins. Keep it somewhere you trust.")
                        .font(.footnote)
                }
                if let backup {
                    ShareLink(item: backup, preview: SharePreview("Eventide backup")) {
                        Label("Share or save the backup", systemImage: "square.and.arrow.up")
                    }
                } else if encrypt {
                    Button("Prepare the encrypted backup") {
                        backup = model.backupFile(passphrase: passphrase)
                        passphrase = ""
                    }
                    .disabled(!check.acceptable)
                } else {
                    Button("Prepare an unprotected backup") { backup = model.backupFile(passphrase: nil) }
                }
                Button("Restore from a backup file…") { picking = true }
            } header: {
                Text("Backup")
            } footer: {
                Text("A backup holds your medicines, plans, doses, check-ins and settings.")
            }
        }
        .onChange(of: encrypt) { backup = nil }
        .onChange(of: patientName) { files = [:] }
        .sheet(item: Binding(get: { model.passphraseAsk }, set: { model.passphraseAsk = $0 })) { ask in
            RestorePassphraseSheet(ask: ask, model: model)
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

    @ViewBuilder private func row(_ option: ShareOption) -> some View {
        VStack(alignment: .leading, spacing: 6) {
            Text(option.label).font(.headline)
            Text(option.detail).font(.subheadline).foregroundStyle(.secondary)
            if let file = files[option] {
                ShareLink(item: file, preview: SharePreview(option.label)) {
                    Label("Share \(option.label)", systemImage: "square.and.arrow.up")
                }
            } else if preparing == option {
                ProgressView("Preparing…")
            } else {
                Button("Prepare \(option.label)") {
                    preparing = option
                    let name = patientName
                    Task {
                        files[option] = await model.reportFile(option, patientName: name)
                        preparing = nil
                    }
                }
            }
        }
        .accessibilityElement(children: .contain)
    }
}

/// A passphrase field: hidden unless the user taps "Show", no autocorrection or capitals.
private struct PassphraseField: View {
    let title: String
    @Binding var text: String
    let contentType: UITextContentType
    @State private var shown = false

    var body: some View {
        HStack {
            Group {
                if shown {
                    TextField(title, text: $text)
                } else {
                    SecureField(title, text: $text)
                }
            }
            .textContentType(contentType)
            .textInputAutocapitalization(.never)
            .autocorrectionDisabled()
            Button(shown ? "Hide" : "Show") { shown.toggle() }
                .buttonStyle(.borderless)
        }
    }
}

/// Asks for the passphrase of a picked encrypted backup; after a wrong one, shows the core's
/// sentence and asks again.
private struct RestorePassphraseSheet: View {
    let ask: PassphraseAsk
    let model: AppModel
    @State private var passphrase = ""

    var body: some View {
        NavigationStack {
            Form {
                Section {
                    PassphraseField(title: "Its passphrase", text: $passphrase, contentType: .password)
                } footer: {
                    Text(ask.problem ?? "This backup is protected by a passphrase. Type it to see what the backup holds before restoring it.")
                }
            }
            .navigationTitle("Encrypted backup")
            .toolbar {
                ToolbarItem(placement: .cancellationAction) {
                    Button("Cancel") { model.passphraseAsk = nil }
                }
                ToolbarItem(placement: .confirmationAction) {
                    Button("Open") {
                        let typed = passphrase
                        passphrase = ""
                        model.unlockRestore(ask, passphrase: typed)
                    }
                    .disabled(passphrase.isEmpty)
                }
            }
        }
    }
}
