package app.eventide.android.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.Checkbox
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.eventide.android.AppViewModel
import app.eventide.android.UiState
import app.eventide.core.Medication
import app.eventide.core.Timing
import app.eventide.shell.Forms
import app.eventide.shell.MedicineForm
import app.eventide.core.TaperMethod
import app.eventide.shell.PlanState
import app.eventide.shell.StepUpPrompt
import app.eventide.shell.StepRow
import app.eventide.shell.SupplyForm
import app.eventide.shell.SupplyState
import androidx.compose.material3.CardDefaults

/** Plan: each medicine's current step and timeline, and the forms that change a plan. */
@Composable
fun PlanScreen(state: UiState, model: AppViewModel) {
    state.medications.forEach { med ->
        val plan = state.plans.firstOrNull { it.medicationId == med.id }
        Heading(med.name)
        Text("${med.holding} · ${med.slotLabel}")
        if (plan != null) PlanCard(plan, model) else Text("No plan yet.")
        state.supplies.firstOrNull { it.medicationId == med.id }?.let { SupplyCard(it, model) }
        PlanForms(med, plan, model)
    }
    AddMedicineForm(model)
}

@Composable
private fun PlanCard(plan: PlanState, model: AppViewModel) {
    Card(Modifier.fillMaxWidth().padding(vertical = 6.dp)) {
        Column(Modifier.padding(16.dp)) {
            Text(plan.heading, style = MaterialTheme.typography.titleMedium)
            Text(plan.status)
            plan.nextChange?.let { Text("Next: $it") }
            Text(plan.description, style = MaterialTheme.typography.bodySmall)
            PlanDetails(plan)
            plan.stepUp?.let { StepUpChoice(it, plan.medicationId, model) }
        }
    }
}

/**
 * The core's step-up prompt: its two choices side by side, the same size and style, neither
 * highlighted or chosen (the core's `preselected` is always none).
 */
@Composable
private fun StepUpChoice(prompt: StepUpPrompt, medicationId: String, model: AppViewModel) {
    Text(prompt.prompt, style = MaterialTheme.typography.titleSmall, modifier = Modifier.padding(top = 8.dp))
    Row(Modifier.fillMaxWidth().padding(top = 4.dp), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        prompt.buttons.forEach { b ->
            Column(Modifier.weight(1f)) {
                OutlinedButton(onClick = { model.stepUp(medicationId, b.action) }, modifier = Modifier.fillMaxWidth()) {
                    Text(b.label)
                }
                Text(b.detail, style = MaterialTheme.typography.bodySmall)
            }
        }
    }
}

/**
 * A plan's timeline and the rest of its story as the core tells it: each step with the change
 * into it (marked when it cuts more than asked), a taper's end and rounding, what it was saved
 * despite, and the schedules other forms would give. Also drawn in the taper preview.
 */
@Composable
fun PlanDetails(plan: PlanState) {
    plan.steps.forEach { StepLine(it) }
    plan.endLine?.let { Text(it, style = MaterialTheme.typography.bodyMedium, modifier = Modifier.padding(top = 8.dp)) }
    plan.roundingNote?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
    plan.confirmedWarnings.forEach { Text("Saved after you confirmed: $it", style = MaterialTheme.typography.bodySmall, modifier = Modifier.padding(top = 4.dp)) }
    plan.otherForms.forEach { f ->
        Text(f.label, style = MaterialTheme.typography.titleSmall, modifier = Modifier.padding(top = 12.dp).semantics { heading() })
        Text("${f.holding}. ${f.summary}", style = MaterialTheme.typography.bodySmall)
        f.steps.forEach { StepLine(it) }
    }
}

@Composable
private fun StepLine(s: StepRow) {
    // Each step is one TalkBack stop: "Step 3 (now): 30 mg, −5 mg (−14.3%), …".
    Column(Modifier.padding(top = 6.dp).semantics(mergeDescendants = true) { contentDescription = s.spoken }) {
        Text("${s.label} · ${s.dose}", style = if (s.current) MaterialTheme.typography.titleSmall else MaterialTheme.typography.bodyMedium)
        if (s.change.isNotEmpty()) {
            Text(s.change, style = MaterialTheme.typography.bodySmall, color = if (s.marked) MaterialTheme.colorScheme.error else Color.Unspecified)
        }
        Text("${s.dates} · ${s.take}", style = MaterialTheme.typography.bodySmall)
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun PlanForms(med: Medication, plan: PlanState?, model: AppViewModel) {
    var open by remember { mutableStateOf<String?>(null) }
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        OutlinedButton(onClick = { open = "titrate" }) { Text("New titration") }
        OutlinedButton(onClick = { open = "maintain" }) { Text("Steady dose") }
        if (plan == null || plan.canTaper) OutlinedButton(onClick = { open = "taper" }) { Text("Start taper") }
        if (plan?.canHold == true) OutlinedButton(onClick = { open = "hold" }) { Text("Hold this step") }
    }
    when (open) {
        "titrate" -> {
            var start by remember { mutableStateOf("") }
            var step by remember { mutableStateOf("") }
            var every by remember { mutableStateOf("") }
            // No default target: it is the prescriber's number, typed from what they wrote.
            var target by remember { mutableStateOf("") }
            Field("Start (mg)", start, { start = it }, number = true)
            Field("Step (mg)", step, { step = it }, number = true)
            Field("Every (nights)", every, { every = it }, number = true)
            Field("Target your prescriber gave (mg)", target, { target = it }, number = true)
            Button(
                onClick = {
                    model.titrate(med.id, start.toDoubleOrNull() ?: 0.0, step.toDoubleOrNull() ?: 0.0, every.toIntOrNull() ?: 0, target.toDoubleOrNull() ?: 0.0)
                    open = null
                },
                enabled = listOf(start, step, every, target).all { it.isNotBlank() },
            ) { Text("Save titration") }
        }
        "maintain" -> {
            var dose by remember { mutableStateOf("") }
            Field("Dose each night (mg)", dose, { dose = it }, number = true)
            Button(onClick = { model.maintain(med.id, dose.toDoubleOrNull() ?: 0.0); open = null }) { Text("Save") }
        }
        "taper" -> {
            // No defaults: how much and how often a taper comes down are the prescriber's numbers.
            var proportional by remember { mutableStateOf(true) }
            var amount by remember { mutableStateOf(Forms.prescribersNumber(Forms.choices.taperPercent.default)) }
            var every by remember { mutableStateOf(Forms.prescribersNumber(Forms.choices.everyNights.default)) }
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                FilterChip(selected = proportional, onClick = { proportional = true }, label = { Text("By a percentage") })
                FilterChip(selected = !proportional, onClick = { proportional = false }, label = { Text("By a fixed amount") })
            }
            Field(if (proportional) "Down by (%)" else "Down by (mg)", amount, { amount = it }, number = true)
            Field("Every (nights)", every, { every = it }, number = true)
            Button(onClick = {
                val method = if (proportional) {
                    TaperMethod.Proportional(amount.trim().toUIntOrNull() ?: 0u)
                } else {
                    TaperMethod.Linear(amount.toDoubleOrNull() ?: 0.0)
                }
                model.taper(med.id, method, every.toIntOrNull() ?: 0)
                open = null
            }, enabled = amount.isNotBlank() && every.isNotBlank()) { Text("Start taper tonight") }
        }
        "hold" -> {
            var days by remember { mutableStateOf(Forms.holdNights()) }
            Field("Hold for (nights)", days, { days = it }, number = true)
            Button(onClick = { model.hold(med.id, days.toIntOrNull() ?: 0); open = null }) { Text("Hold") }
        }
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun AddMedicineForm(model: AppViewModel) {
    var form by remember { mutableStateOf(MedicineForm()) }
    Heading("Add a medicine")
    Field("Name", form.name, { form = form.named(it) })
    // What it is: preselected from the name (brand names and slips too); the user checks it,
    // and adding the medicine confirms it.
    Text("What is it? Check the choice: it is taken from the name.", style = MaterialTheme.typography.titleSmall)
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        MedicineForm.ingredientOptions().forEach { choice ->
            FilterChip(selected = form.ingredient == choice.ingredient, onClick = { form = form.choose(choice.ingredient) }, label = { Text(choice.label) })
        }
    }
    Field("Tablet strengths you have (mg, e.g. 10, 25)", form.tablets, { form = form.copy(tablets = it) })
    Field("Oral solution (mg per 5 ml, optional)", form.liquid, { form = form.copy(liquid = it) })
    // The whole row toggles, so TalkBack reads "Tablets can be split in half, checkbox, not checked".
    Row(Modifier.fillMaxWidth().toggleable(value = form.canHalve, role = Role.Checkbox, onValueChange = { form = form.copy(canHalve = it) }).padding(vertical = 8.dp)) {
        Checkbox(checked = form.canHalve, onCheckedChange = null)
        Text("Tablets can be split in half", Modifier.padding(start = 8.dp))
    }
    Text("When is it taken?", style = MaterialTheme.typography.titleSmall)
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        MedicineForm.timingOptions().forEach { t ->
            FilterChip(selected = form.timing == t.timing, onClick = { form = form.copy(timing = t.timing) }, label = { Text(t.label) })
        }
    }
    when (form.timing) {
        Timing.EVENING -> {
            Text("Remind before bedtime", style = MaterialTheme.typography.titleSmall)
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                MedicineForm.leadOptions().forEach { lead ->
                    val chosen = form.leadMinutes == lead.minutes.toString()
                    FilterChip(selected = chosen, onClick = { form = form.copy(leadMinutes = lead.minutes.toString()) }, label = { Text(lead.label) })
                }
            }
        }
        Timing.MORNING -> Field("Time (24-hour)", form.morningTime, { form = form.copy(morningTime = it) })
        Timing.TIMES -> Field("Times (24-hour, separated by commas)", form.times, { form = form.copy(times = it) })
    }
    Button(onClick = { model.addMedication(form) }, enabled = form.ingredient != null) {
        Text("Add medicine")
    }
}

/**
 * Supplies: what is held, the night it runs out on the plan, what to ask for (the core's
 * sentences), and the forms that record a prescription collected or a count.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun SupplyCard(supply: SupplyState, model: AppViewModel) {
    var open by remember(supply.medicationId) { mutableStateOf<String?>(null) }
    val colors = if (supply.runsOut != null) {
        CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.secondaryContainer)
    } else {
        CardDefaults.cardColors()
    }
    Card(colors = colors, modifier = Modifier.fillMaxWidth().padding(vertical = 6.dp)) {
        Column(Modifier.padding(16.dp)) {
            Text("Supplies", style = MaterialTheme.typography.titleMedium)
            supply.held?.let { Text("Held: $it") }
            supply.runsOut?.let { Text(it, style = MaterialTheme.typography.titleSmall) }
            Text(supply.status)
            supply.askFor?.let { Text(it) }
            supply.refill?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
            supply.rows.forEach { r ->
                // One TalkBack stop per strength: "25 mg tablets: 10 tablets held, …".
                Column(Modifier.padding(top = 4.dp).semantics(mergeDescendants = true) { contentDescription = r.spoken }) {
                    Text(r.label, style = MaterialTheme.typography.bodyMedium)
                    Text("${r.held} held · ${r.needed} needed" + (r.askFor?.let { " · ask for $it" } ?: ""), style = MaterialTheme.typography.bodySmall)
                }
            }
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), modifier = Modifier.padding(top = 8.dp)) {
                Button(onClick = { open = "collect" }) { Text("I collected a prescription") }
                OutlinedButton(onClick = { open = "count" }) { Text("Count what I hold") }
            }
            open?.let { which ->
                var form by remember(which) { mutableStateOf(SupplyForm(supply.boxes)) }
                form.boxes.forEachIndexed { i, box ->
                    Field("${box.label} (${box.unit})", box.amount, { v -> form = SupplyForm(form.boxes.toMutableList().also { it[i] = box.copy(amount = v) }) }, number = true)
                    Field("Pack size (${box.unit}, optional)", box.packSize, { v -> form = SupplyForm(form.boxes.toMutableList().also { it[i] = box.copy(packSize = v) }) }, number = true)
                }
                FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    Button(onClick = {
                        if (which == "collect") model.collectPrescription(supply.medicationId, form) else model.countStock(supply.medicationId, form)
                        open = null
                    }) { Text(if (which == "collect") "Add to what I hold" else "Save the count") }
                    OutlinedButton(onClick = { open = null }) { Text("Cancel") }
                }
            }
        }
    }
}
