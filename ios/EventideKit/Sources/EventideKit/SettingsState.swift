import Foundation
import EventideCore

/// One evening's bedtime on the Settings screen.
public struct BedtimeRow: Equatable, Sendable, Identifiable {
    public let weekday: Weekday
    /// "Monday" in the reader's language.
    public let dayName: String
    /// "23:00".
    public let bedtime: String
    /// False when the evening follows the default bedtime.
    public let own: Bool
    public var id: String { dayName }
}

/// A medicine with its reminder lead, for the Settings screen. Mirrors `LeadRow` in android/shell.
public struct MedicationRow: Equatable, Sendable, Identifiable {
    public let id: String
    public let name: String
    /// "Evening", "Morning 08:00", … as the core words it.
    public let slotLabel: String
    /// "Tablets 10 mg, 25 mg" as the core words it.
    public let holding: String
    /// Minutes before bedtime for evening medicines (one of the core's lead choices); nil for
    /// fixed-time ones.
    public let leadMinutes: UInt16?

    public init(_ medication: Medication) {
        id = medication.id
        name = medication.name
        slotLabel = medication.slotLabel
        holding = medication.holding
        if case .evening(leadMinutes: let lead) = medication.slot {
            leadMinutes = lead
        } else {
            leadMinutes = nil
        }
    }
}

/// Settings' privacy section: the lock-screen switch, and what the iPhone's own backup does
/// with Eventide's data (with the switch to leave it out), all in the core's words for iOS.
/// Mirrors `PrivacyState` in android/shell.
public struct PrivacyState: Equatable, Sendable {
    public let texts: PrivacyTexts
    public let lockScreenDetails: Bool
    public let includeInPhoneBackup: Bool

    public init(texts: PrivacyTexts = privacyTexts(platform: .ios), lockScreenDetails: Bool, includeInPhoneBackup: Bool) {
        self.texts = texts
        self.lockScreenDetails = lockScreenDetails
        self.includeInPhoneBackup = includeInPhoneBackup
    }

    /// The line under the lock-screen switch, for its current position.
    public var lockScreenNote: String {
        lockScreenDetails ? texts.lockScreenOn : texts.lockScreenOff
    }

    /// The line under the phone-backup switch, for its current position.
    public var phoneBackupNote: String {
        includeInPhoneBackup ? texts.phoneBackupText : (texts.phoneBackupOffText ?? texts.phoneBackupText)
    }
}

/// The Settings screen, mapped from the core's `DaySettings` and medicines. Mirrors
/// `SettingsState` in android/shell.
public struct SettingsState: Equatable, Sendable {
    public let defaultBedtime: String
    /// Monday first, as the core gives them.
    public let evenings: [BedtimeRow]
    public let checkinTime: String
    /// The core's allowed check-in times, "04:00–12:00", for the picker's footer.
    public let checkinRange: String
    public let medications: [MedicationRow]
    /// The reminder leads the core offers.
    public let leads: [LeadChoice]

    public init(_ settings: DaySettings, medications: [Medication], calendar: Calendar = .current, choices: FormChoices = Forms.choices) {
        defaultBedtime = settings.defaultBedtime
        evenings = settings.evenings.map { evening in
            BedtimeRow(
                weekday: evening.weekday,
                dayName: Self.dayName(evening.weekday, calendar: calendar),
                bedtime: evening.bedtime,
                own: evening.own
            )
        }
        checkinTime = settings.checkinTime
        checkinRange = "\(choices.checkinEarliest)–\(choices.checkinLatest)"
        self.medications = medications.map(MedicationRow.init)
        leads = choices.leads
    }

    /// The weekday's full name in the calendar's language.
    public static func dayName(_ weekday: Weekday, calendar: Calendar) -> String {
        // Foundation numbers weekdays from Sunday = 1.
        let index: Int
        switch weekday {
        case .sunday: index = 0
        case .monday: index = 1
        case .tuesday: index = 2
        case .wednesday: index = 3
        case .thursday: index = 4
        case .friday: index = 5
        case .saturday: index = 6
        }
        let names = calendar.standaloneWeekdaySymbols
        return names.indices.contains(index) ? names[index] : "\(weekday)"
    }
}
