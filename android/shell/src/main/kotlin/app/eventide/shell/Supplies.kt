package app.eventide.shell

import app.eventide.core.StockForm
import app.eventide.core.StockLine
import app.eventide.core.SupplyForecast

/** One strength in the Supplies section: the core's texts for what is held, needed and short. */
data class SupplyRow(val label: String, val held: String, val needed: String, val askFor: String?, val spoken: String)

/**
 * One box of the supplies form ("I collected a prescription", "Count what I hold"): how much
 * of one strength, and its pack size when known (prefilled from the last one given).
 */
data class StockBox(
    val form: StockForm,
    val strengthMg: Double,
    val label: String,
    val amount: String = "",
    val packSize: String = "",
) {
    /** "tablets" or "ml": what the amount box counts. */
    val unit: String get() = if (form == StockForm.TABLETS) "tablets" else "ml"
}

/**
 * The Supplies section of one medicine on the Plan screen, mapped from the core's
 * [SupplyForecast]: every sentence is the core's (held, when it runs out, what to ask for).
 * Mirrors `SupplyState` in EventideKit.
 */
data class SupplyState(
    val medicationId: String,
    val medicationName: String,
    /** False until a count is recorded: [status] then asks for one. */
    val tracked: Boolean,
    val held: String?,
    val status: String,
    /** "Runs out on Thu 17 Dec", drawn as a warning when present. */
    val runsOut: String?,
    val askFor: String?,
    val refill: String?,
    val rows: List<SupplyRow>,
    /** The form's boxes, one per strength the medicine holds. */
    val boxes: List<StockBox>,
    /** The refill reminder's id while one is due (to clear it from the shade when it goes). */
    val refillId: String?,
)

/** Maps [SupplyForecast] to [SupplyState]. */
class SupplyMapper(private val dates: Dates = Dates()) {
    fun map(f: SupplyForecast): SupplyState = SupplyState(
        medicationId = f.medicationId,
        medicationName = f.medicationName,
        tracked = f.tracked,
        held = f.heldText.takeIf { f.tracked },
        status = f.statusLine,
        runsOut = f.runsOutOn?.let { "Runs out on ${dates.day(it)}" },
        askFor = f.askForText.takeIf { f.tracked },
        refill = f.refillOn?.let { "Refill reminder on ${dates.day(it)}" },
        rows = if (!f.tracked) emptyList() else f.items.map { i ->
            SupplyRow(i.label, i.onHandText, i.neededText, i.askForText, listOfNotNull("${i.label}: ${i.onHandText} held, ${i.neededText} needed", i.askForText?.let { "ask for $it" }).joinToString(", "))
        },
        boxes = f.items.map { i ->
            StockBox(i.form, i.strengthMg, i.label, packSize = i.packSize?.let(::whole).orEmpty())
        },
        refillId = f.refillId,
    )

    private fun whole(v: Double): String = if (v % 1.0 == 0.0) v.toLong().toString() else v.toString()
}

/**
 * The supplies form as typed: empty boxes are left out; what is typed goes to the core as it
 * is (a word becomes NaN, which the core refuses naming the box), so both phones read it alike.
 */
data class SupplyForm(val boxes: List<StockBox>) {
    fun lines(): List<StockLine> = boxes.filter { it.amount.isNotBlank() }.map { b ->
        StockLine(
            form = b.form,
            strengthMg = b.strengthMg,
            amount = b.amount.trim().toDoubleOrNull() ?: Double.NaN,
            packSize = b.packSize.trim().takeIf { it.isNotEmpty() }?.let { it.toDoubleOrNull() ?: Double.NaN },
        )
    }
}
