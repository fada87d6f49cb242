package app.eventide.shell

import app.eventide.core.FormChoices
import app.eventide.core.formChoices

/**
 * What the core's forms offer — reminder leads, timings, the times a new medicine starts from,
 * the hold and plan ranges, the check-in times — asked once (no database is read). The shell
 * declares none of these numbers. Mirrors `Forms` in EventideKit.
 */
object Forms {
    val choices: FormChoices by lazy { formChoices() }

    /** Where the "hold for" box starts: the core's default nights. */
    fun holdNights(): String = choices.holdNights.default?.toString().orEmpty()

    /** Where the "every" and "down by" boxes of a plan start: empty, they are the prescriber's. */
    fun prescribersNumber(default: UInt?): String = default?.toString().orEmpty()
}
