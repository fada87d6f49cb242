package app.eventide.shell

import app.eventide.core.Ingredient
import app.eventide.core.NewMedication
import app.eventide.core.Slot
import app.eventide.core.parseStrengths
import app.eventide.core.parseTimes
import app.eventide.core.recogniseIngredient

/** When a medicine is taken, as the "add a medicine" form offers it. */
enum class Timing(val label: String) {
    EVENING("In the evening, before bedtime"),
    MORNING("Every morning"),
    TIMES("At set times each day"),
}

/**
 * The "add a medicine" form as the user typed it. The core reads every box (strengths,
 * times) the same way on both phones, so "12,5" or "8 pm" is refused with the core's
 * sentence naming the box, and nothing is added. Mirrors `MedicineForm` in EventideKit.
 */
data class MedicineForm(
    val name: String = "",
    /** What it is, as the user confirmed it; null until they choose (see [suggestedIngredient]). */
    val ingredient: Ingredient? = null,
    val tablets: String = "",
    val canHalve: Boolean = false,
    val liquid: String = "",
    val timing: Timing = Timing.EVENING,
    val leadMinutes: String = "90",
    val morningTime: String = "08:00",
    val times: String = "08:00, 14:00, 22:00",
) {
    /** The ingredient to preselect for the typed name (the core recognises brand names and slips); the user confirms it. */
    fun suggestedIngredient(): Ingredient? = recogniseIngredient(name)

    /** The medicine to add; throws the core's `EventideException.InvalidInput` naming the box that is wrong. */
    fun toNewMedication(): NewMedication = NewMedication(
        name = name.trim(),
        ingredient = ingredient,
        tabletMg = parseStrengths("tablet", tablets),
        canHalve = canHalve,
        liquidMgPer5ml = parseStrengths("liquid", liquid),
        slot = when (timing) {
            // Not a number: 0, which the core refuses with its 60–120 minutes sentence.
            Timing.EVENING -> Slot.Evening(leadMinutes.trim().toIntOrNull()?.takeIf { it in 0..0xFFFF }?.toUShort() ?: 0u)
            Timing.MORNING -> Slot.Morning(morningTime.trim())
            Timing.TIMES -> Slot.Times(parseTimes(times))
        },
    )
}
