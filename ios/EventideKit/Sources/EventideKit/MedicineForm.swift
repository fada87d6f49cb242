import Foundation
import EventideCore

/// The "add a medicine" form as the user typed it. The core reads every box (strengths,
/// times) the same way on both phones, so "12,5" or "8 pm" is refused with the core's
/// sentence naming the box, and nothing is added. Mirrors `MedicineForm` in android/shell.
public struct MedicineForm: Equatable, Sendable {
    public var name = ""
    /// What it is: preselected from the name (`named`) until the user picks one (`choose`);
    /// adding the medicine confirms it.
    public var ingredient: Ingredient?
    /// True once the user picked the ingredient themselves: typing the name no longer changes it.
    public var ingredientChosen = false
    public var tablets = ""
    public var canHalve = false
    public var liquids = ""
    public var timing = Timing.evening
    /// Starts at the core's default lead; the form offers the core's lead choices.
    public var leadMinutes: UInt16 = Forms.choices.defaultLeadMinutes
    /// A morning medicine's time, starting where the core says.
    public var morningTime = Forms.choices.morningTime
    /// Set times as typed, starting where the core says.
    public var times = Forms.choices.times

    public init() {}

    /// The ingredient to preselect for the typed name (the core recognises brand names and
    /// slips); the user confirms it.
    public var suggestedIngredient: Ingredient? { recogniseIngredient(name: name) }

    /// The picker's entries in the core's order and words ("Something else" last).
    public static var ingredientOptions: [IngredientChoice] { ingredientChoices() }

    /// When a medicine can be taken, in the core's order and words.
    public static var timingOptions: [TimingChoice] { Forms.choices.timings }

    /// The reminder leads to offer ("60 min" … "120 min"), the core's.
    public static var leadOptions: [LeadChoice] { Forms.choices.leads }

    /// Sets the typed name, the picker preselecting what the core recognises in it until the
    /// user picks one.
    public mutating func named(_ typed: String) {
        name = typed
        if !ingredientChosen {
            ingredient = suggestedIngredient
        }
    }

    /// The user's own pick in the ingredient picker; from now on it stays as chosen.
    public mutating func choose(_ picked: Ingredient?) {
        ingredient = picked
        ingredientChosen = true
    }

    /// The medicine to add; throws the core's `EventideError.InvalidInput` naming the box that is wrong.
    public func newMedication() throws -> NewMedication {
        let slot: Slot
        switch timing {
        case .evening: slot = .evening(leadMinutes: leadMinutes)
        case .morning: slot = .morning(time: morningTime)
        case .times: slot = .times(times: try parseTimes(text: times))
        }
        return NewMedication(
            name: name.trimmingCharacters(in: .whitespaces),
            ingredient: ingredient,
            tabletMg: try parseStrengths(field: "tablet", text: tablets),
            canHalve: canHalve,
            liquidMgPer5ml: try parseStrengths(field: "liquid", text: liquids),
            slot: slot
        )
    }
}
