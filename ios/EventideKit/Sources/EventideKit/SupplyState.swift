import Foundation
import EventideCore

/// One strength in the Supplies section: the core's texts for what is held, needed and short.
/// Mirrors `SupplyRow` in android/shell.
public struct SupplyRow: Equatable, Sendable, Identifiable {
    public var id: String { label }
    public let label: String
    public let held: String
    public let needed: String
    public let askFor: String?
    public let accessibilityLabel: String
}

/// One box of the supplies form ("I collected a prescription", "Count what I hold"): how
/// much of one strength, and its pack size (prefilled from the last one given). Mirrors
/// `StockBox` in android/shell.
public struct StockBox: Equatable, Sendable, Identifiable {
    public var id: String { label }
    public let form: StockForm
    public let strengthMg: Double
    /// "10 mg tablets".
    public let label: String
    public var amount: String
    public var packSize: String

    public init(form: StockForm, strengthMg: Double, label: String, amount: String = "", packSize: String = "") {
        self.form = form
        self.strengthMg = strengthMg
        self.label = label
        self.amount = amount
        self.packSize = packSize
    }

    /// "tablets" or "ml": what the amount box counts.
    public var unit: String { form == .tablets ? "tablets" : "ml" }
}

/// The supplies form as typed: empty boxes are left out; what is typed goes to the core as it
/// is (a word becomes NaN, which the core refuses naming the box), so both phones read it alike.
public struct SupplyForm: Equatable, Sendable {
    public var boxes: [StockBox]

    public init(boxes: [StockBox]) {
        self.boxes = boxes
    }

    public var lines: [StockLine] {
        boxes.filter { !$0.amount.trimmingCharacters(in: .whitespaces).isEmpty }.map { box in
            let pack = box.packSize.trimmingCharacters(in: .whitespaces)
            return StockLine(
                form: box.form,
                strengthMg: box.strengthMg,
                amount: Double(box.amount.trimmingCharacters(in: .whitespaces)) ?? .nan,
                packSize: pack.isEmpty ? nil : (Double(pack) ?? .nan)
            )
        }
    }
}

/// The Supplies section of one medicine on the Plan screen, mapped from the core's
/// `SupplyForecast`: every sentence is the core's. Mirrors `SupplyState` in android/shell.
public struct SupplyState: Equatable, Sendable, Identifiable {
    public var id: String { medicationId }
    public let medicationId: String
    public let medicationName: String
    /// False until a count is recorded: `status` then asks for one.
    public let tracked: Bool
    public let held: String?
    public let status: String
    /// "Runs out on Thu 17 Dec", drawn as a warning when present.
    public let runsOut: String?
    public let askFor: String?
    public let refill: String?
    public let rows: [SupplyRow]
    /// The form's boxes, one per strength the medicine holds.
    public let boxes: [StockBox]
    /// The refill reminder's id while one is due (the core's reminder plan withdraws it once
    /// the forecast no longer names it).
    public let refillId: String?

    public init(_ f: SupplyForecast, locale: Locale = .current) {
        medicationId = f.medicationId
        medicationName = f.medicationName
        tracked = f.tracked
        held = f.tracked ? f.heldText : nil
        status = f.statusLine
        runsOut = f.runsOutOn.map { "Runs out on \(CoreDates.display(day: $0, locale: locale))" }
        askFor = f.tracked ? f.askForText : nil
        refill = f.refillOn.map { "Refill reminder on \(CoreDates.display(day: $0, locale: locale))" }
        rows = f.tracked ? f.items.map { item in
            var spoken = "\(item.label): \(item.onHandText) held, \(item.neededText) needed"
            if let ask = item.askForText { spoken += ", ask for \(ask)" }
            return SupplyRow(label: item.label, held: item.onHandText, needed: item.neededText, askFor: item.askForText, accessibilityLabel: spoken)
        } : []
        boxes = f.items.map { item in
            StockBox(form: item.form, strengthMg: item.strengthMg, label: item.label, packSize: item.packSize.map(Self.whole) ?? "")
        }
        refillId = f.refillId
    }

    private static func whole(_ value: Double) -> String {
        value.rounded() == value ? String(Int64(value)) : String(value)
    }
}
