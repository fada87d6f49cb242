package app.eventide.shell

import app.eventide.core.Ingredient
import app.eventide.core.IngredientChoice
import app.eventide.core.LeadChoice
import app.eventide.core.NewMedication
import app.eventide.core.Slot
import app.eventide.core.Timing
import app.eventide.core.TimingChoice
import app.eventide.core.parseStrengths
import app.eventide.core.parseTimes
import app.eventide.core.ingredientChoices
import app.eventide.core.recogniseIngredient

/**
 * The "add a medicine" form as the user typed it. The core reads every box (strengths,
 * times) the same way on both phones, so "12,5" or "8 pm" is refused with the core's
 * sentence naming the box, and nothing is added. Mirrors `MedicineForm` in EventideKit.
 */
data class MedicineForm(
    val name: String = "",
    /** What it is: preselected from the name ([named]) until the user picks one ([choose]); adding the medicine confirms it. */
    val ingredient: Ingredient? = null,
    /** True once the user picked the ingredient themselves: typing the name no longer changes it. */
    val ingredientChosen: Boolean = false,
    val tablets: String = "",
    val canHalve: Boolean = false,
    val liquid: String = "",
    val timing: Timing = Timing.EVENING,
    /** Starts at the core's default lead; the form offers the core's lead choices. */
    val leadMinutes: String = Forms.choices.defaultLeadMinutes.toString(),
    /** A morning medicine's time, starting where the core says. */
    val morningTime: String = Forms.choices.morningTime,
    /** Set times as typed, starting where the core says. */
    val times: String = Forms.choices.times,
) {
    /** The ingredient to preselect for the typed name (the core recognises brand names and slips); the user confirms it. */
    fun suggestedIngredient(): Ingredient? = recogniseIngredient(name)

    /** The name as typed, with the picker preselecting what the core recognises in it (until the user picks). */
    fun named(typed: String): MedicineForm {
        val next = copy(name = typed)
        return if (ingredientChosen) next else next.copy(ingredient = next.suggestedIngredient())
    }

    /** The user's own pick in the ingredient picker; from now on it stays as chosen. */
    fun choose(picked: Ingredient): MedicineForm = copy(ingredient = picked, ingredientChosen = true)

    companion object {
        /** The picker's entries in the core's order and words ("Something else" last). */
        fun ingredientOptions(): List<IngredientChoice> = ingredientChoices()

        /** When a medicine can be taken, in the core's order and words. */
        fun timingOptions(): List<TimingChoice> = Forms.choices.timings

        /** The reminder leads to offer ("60 min" … "120 min"), the core's. */
        fun leadOptions(): List<LeadChoice> = Forms.choices.leads
    }

    /** The medicine to add; throws the core's `EventideException.InvalidInput` naming the box that is wrong. */
    fun toNewMedication(): NewMedication = NewMedication(
        name = name.trim(),
        ingredient = ingredient,
        tabletMg = parseStrengths("tablet", tablets),
        canHalve = canHalve,
        liquidMgPer5ml = parseStrengths("liquid", liquid),
        slot = when (timing) {
            // Not a number: 0, which the core refuses with its sentence naming the allowed leads.
            Timing.EVENING -> Slot.Evening(leadMinutes.trim().toIntOrNull()?.takeIf { it in 0..0xFFFF }?.toUShort() ?: 0u)
            Timing.MORNING -> Slot.Morning(morningTime.trim())
            Timing.TIMES -> Slot.Times(parseTimes(times))
        },
    )
}
