//! Every medical sentence Eventide shows, in one reviewed place.
//!
//! Each entry is either information or a question for the prescriber, written in our own
//! words, and carries the fact it rests on and the source that fact comes from (the product's
//! own summary of each source is in [`SOURCES`]). The app never advises a dose change: the one
//! dose instruction allowed is the patient-leaflet note not to double up after a missed dose,
//! and a test fails if any other sentence tells the user to raise, lower, stop or double a dose.
//!
//! Entries are keyed (the key is the suggestion kind or safety-gate kind that uses them) and
//! grouped by language, so more languages can follow; en-GB is the first. Texts may contain
//! `{name}` placeholders, filled by [`render`].

use serde::{Deserialize, Serialize};

/// The language of the entries in [`EN_GB`].
pub const LANGUAGE: &str = "en-GB";

/// Where a fact comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The pain charity's patient article on amitriptyline for chronic pain.
    PainArticle,
    /// Readers' comments under that article: experiences, not clinical guidance.
    ArticleReaders,
    /// The patient information leaflet packed with amitriptyline in the UK.
    PatientLeaflet,
    /// The British National Formulary's dosing for these medicines in neuropathic pain.
    Bnf,
    /// The NHS medicines pages for amitriptyline for pain and its relatives.
    NhsMedicines,
    /// NICE guideline NG222 (2022), on safe prescribing and withdrawal of dependence-forming medicines.
    NiceNg222,
    /// The IMMPACT recommendations on what change in pain matters (Dworkin et al., J Pain 2008).
    Immpact,
    /// Horowitz & Taylor, Lancet Psychiatry 2019, on why tapers should be hyperbolic.
    HorowitzTaylor2019,
}

/// The product's own record of a source it cites, in our words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceNote {
    /// Which source.
    pub source: Source,
    /// What it is.
    pub title: &'static str,
    /// What the app takes from it, summarised in our words.
    pub summary: &'static str,
}

/// Every source the catalogue cites.
pub const SOURCES: &[SourceNote] = &[
    SourceNote {
        source: Source::PainArticle,
        title: "Patient article on amitriptyline for chronic pain, UK pain charity, written by a consultant in pain medicine (revised 2019)",
        summary: "Pain doses are 25–75 mg a day, far below depression doses, though a prescriber may go higher. \
                  Taken once a day one to two hours before bed because it causes drowsiness; a hangover feeling \
                  is common at first and usually fades; occasionally it causes insomnia, and then morning dosing \
                  suits better. Doses are built up in 10 or 25 mg steps each week only while side effects are \
                  tolerable. A fair trial is six to eight weeks at the right dose. Most side effects ease after \
                  days to weeks. Stopping is done gradually over weeks to avoid withdrawal (headache, malaise); \
                  several pain medicines are weaned one at a time. Once settled, treatment is reviewed with the \
                  prescriber every three to six months.",
    },
    SourceNote {
        source: Source::ArticleReaders,
        title: "Readers' comments under the same article",
        summary: "People describe morning grogginess that gets in the way of work, sleep disturbance and tingling \
                  while coming off, tapering in very small steps, and some effects (such as severe constipation \
                  at higher doses) serious enough to raise promptly with a clinician.",
    },
    SourceNote {
        source: Source::PatientLeaflet,
        title: "UK patient information leaflet for amitriptyline tablets and oral solution",
        summary: "If a dose is forgotten, the next one is taken at the usual time and a double dose is not taken \
                  to make up. A fast or irregular heartbeat, fainting, severe constipation and thoughts of \
                  self-harm are reasons to contact a doctor straight away rather than waiting.",
    },
    SourceNote {
        source: Source::Bnf,
        title: "British National Formulary: amitriptyline, nortriptyline, duloxetine, gabapentin and pregabalin in neuropathic pain",
        summary: "Each medicine starts low and rises in set steps no faster than a few days to a couple of weeks \
                  apart, up to a usual ceiling for pain (amitriptyline and nortriptyline 75 mg a day, duloxetine \
                  60 mg, gabapentin 3,600 mg, pregabalin 600 mg); higher doses are for specialists. Each is \
                  stopped gradually: the tricyclics over weeks, duloxetine over at least two weeks, gabapentin \
                  and pregabalin over at least a week.",
    },
    SourceNote {
        source: Source::NhsMedicines,
        title: "NHS medicines information: amitriptyline for pain, and its relatives",
        summary: "The usual start is 10 mg in the evening and the usual ceiling for pain 75 mg; a forgotten bedtime \
                  dose is left out rather than taken late, and never doubled. Some effects need a doctor or NHS 111 \
                  the same day (a fast or uneven heartbeat, fainting, yellowing skin or eyes, eye pain or a sudden \
                  change in sight, being unable to pass urine, severe constipation, confusion) and some need 999 \
                  or A&E (a fit, chest pain, a serious allergic reaction, thoughts of self-harm or suicide).",
    },
    SourceNote {
        source: Source::NiceNg222,
        title: "NICE guideline NG222 (2022), 1.4.17: reducing and stopping medicines associated with withdrawal",
        summary: "Reduce in steps, each a share of the dose before it, with smaller shares as the dose gets lower; \
                  use liquid forms where tablets cannot make the small doses; let withdrawal symptoms settle before \
                  the next step, allowing a week or two to judge each one; the whole may take weeks or months.",
    },
    SourceNote {
        source: Source::Immpact,
        title: "IMMPACT recommendations on interpreting change in chronic pain trials (Dworkin et al., J Pain 2008)",
        summary: "A fall in pain intensity of about 30% is the usual mark of a moderately important change for the \
                  person, and about 50% of a substantial one.",
    },
    SourceNote {
        source: Source::HorowitzTaylor2019,
        title: "Horowitz & Taylor, Tapering of SSRI treatment to mitigate withdrawal symptoms, Lancet Psychiatry 2019",
        summary: "The effect of these medicines falls off along a curve with dose, so equal cuts in mg hit hardest \
                  near the bottom; tapers should shrink their cuts as the dose falls and reach doses far below the \
                  usual minimum before stopping.",
    },
];

/// How an entry speaks to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// A statement of fact, or a prompt to talk to the prescriber.
    Information,
    /// A question the user may put to the prescriber.
    Question,
}

/// One reviewed piece of medical wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Stable key: the suggestion or gate kind that shows it.
    pub key: &'static str,
    /// How `text` speaks.
    pub voice: Voice,
    /// A short headline.
    pub title: &'static str,
    /// The sentence shown (information, or a question for the prescriber).
    pub text: &'static str,
    /// A question the user could take to the prescriber.
    pub question: &'static str,
    /// The fact the entry rests on, in our words.
    pub fact: &'static str,
    /// Where the fact comes from.
    pub source: Source,
    /// True only for the one dose instruction the app may give (do not double up).
    pub dose_instruction: bool,
}

/// The en-GB catalogue.
pub const EN_GB: &[Entry] = &[
    // ----- suggestions -----
    Entry {
        key: "ask_about_morning_dosing",
        voice: Voice::Question,
        title: "Sleeping badly after evening doses",
        text: "Could I take my {medication} in the morning instead of the evening?",
        question: "Could I take my {medication} in the morning instead of the evening?",
        fact: "Amitriptyline is usually taken in the evening because it makes people drowsy, but now and then it keeps people awake instead; for them a prescriber may move it to the morning.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    Entry {
        key: "ask_about_earlier_dose_time",
        voice: Voice::Question,
        title: "Groggy mornings on the same dose",
        text: "Would taking my {medication} earlier in the evening help with feeling groggy in the morning?",
        question: "Would taking my {medication} earlier in the evening help with feeling groggy in the morning?",
        fact: "It is best taken one to two hours before bed; a morning hangover feeling is common at first and usually fades, so grogginess that lasts beyond the first weeks is worth raising.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    Entry {
        key: "ask_about_dose_review",
        voice: Voice::Question,
        title: "Still groggy, already two hours before bed",
        text: "I still feel groggy most mornings, even taking my {medication} about two hours before bed. Could we look at the dose together?",
        question: "Could we look at my {medication} dose together, since I still feel groggy most mornings?",
        fact: "The aim of treatment is the best balance of relief, daily function and few side effects; the dose is the prescriber's decision.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    Entry {
        key: "side_effects_early_days",
        voice: Voice::Information,
        title: "Side effects in the first weeks",
        text: "Side effects are common in the first weeks on a new dose of {medication} and often ease with time. Your check-ins keep a record that shows whether they do. If they are hard to bear, talk to your prescriber.",
        question: "These side effects are hard to bear; what can we do about them?",
        fact: "Most side effects come before the benefit and ease after days to weeks; many people give up early for that reason.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    Entry {
        key: "fair_trial_review",
        voice: Voice::Question,
        title: "Six weeks on the same dose",
        text: "I have been on {dose} of {medication} for six weeks or more. Is it helping enough to carry on?",
        question: "Is {medication} helping enough to carry on at this dose?",
        fact: "Relief can begin within two weeks, but a fair trial is six to eight weeks at the right dose.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    Entry {
        key: "review_due",
        voice: Voice::Information,
        title: "Time for a review",
        text: "It has been {months} months since your last review. A review with your prescriber is a chance to ask whether the treatment is still helping enough and whether side effects are a problem.",
        question: "Is my treatment still helping enough, and are the side effects worth it?",
        fact: "Once on the right dose, treatment is reviewed with the prescriber every three to six months.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    Entry {
        key: "withdrawal_during_taper",
        voice: Voice::Question,
        title: "Possible withdrawal symptoms while tapering",
        text: "I have had symptoms since my {medication} dose went down. Should I hold the next step for longer, or come down more slowly?",
        question: "Should I hold the next step of my {medication} taper, or come down more slowly?",
        fact: "Coming off is done gradually; coming down too fast can bring headache, malaise, sweating and disturbed sleep, usually within days. Guidance allows a week or two for symptoms to settle before the next step, and your plan can hold a step if your prescriber agrees.",
        source: Source::NiceNg222,
        dose_instruction: false,
    },
    Entry {
        key: "one_taper_at_a_time",
        voice: Voice::Question,
        title: "Two tapers at the same time",
        text: "My plans taper {medications} over the same weeks. Should I come off one at a time?",
        question: "Should I come off {medications} one at a time rather than together?",
        fact: "When coming off several pain medicines, people come off one at a time, so any symptom can be traced to the medicine that caused it.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    Entry {
        key: "missed_dose_guidance",
        voice: Voice::Information,
        title: "A missed dose",
        text: "Do not take it now: take your next dose of {medication} at the usual time, and do not take a double dose to make up for the missed one.",
        question: "What should I do when I forget a dose?",
        fact: "Patient leaflets for amitriptyline in pain say a forgotten dose is left out and the next one taken at the usual time, and two doses are never taken together. It causes drowsiness, so a bedtime dose taken hours late carries over into the next day.",
        source: Source::PatientLeaflet,
        dose_instruction: true,
    },
    Entry {
        key: "tell_prescriber_promptly",
        voice: Voice::Information,
        title: "Tell your prescriber soon",
        text: "You have recorded constipation on several mornings this week. Constipation that lasts should not wait for your next review: contact your prescriber or GP soon, today if you can.",
        question: "I have been constipated on most mornings this week. What should happen next?",
        fact: "Constipation is a common side effect; when it is severe or lasts several days it is a reason to speak to a doctor promptly rather than at the next review.",
        source: Source::NhsMedicines,
        dose_instruction: false,
    },
    // ----- safety gates on plans -----
    Entry {
        key: "titration_steps_too_close",
        voice: Voice::Information,
        title: "Steps closer together than usual",
        text: "This plan steps up every {every} days; {ingredient} usually goes up no more often than every {shortest} days. Check it is what your prescriber wrote.",
        question: "Is a step up every {every} days what you intended?",
        fact: "Build-ups usually go up by a small amount every few days to every week or more, and only while side effects are bearable.",
        source: Source::Bnf,
        dose_instruction: false,
    },
    Entry {
        key: "dose_above_pain_range",
        voice: Voice::Information,
        title: "Above the usual pain range",
        text: "This plan reaches {dose} a day, above the {limit} that is the usual top of the range for pain (a prescriber may go higher). Check it is what your prescriber wrote.",
        question: "Is a daily dose of {dose} what you intended?",
        fact: "Doses for pain are smaller than for other conditions, and each medicine has a usual top for pain; above it, treatment is usually led by a specialist.",
        source: Source::Bnf,
        dose_instruction: false,
    },
    Entry {
        key: "taper_stops_abruptly",
        voice: Voice::Information,
        title: "A taper that ends from a high step",
        text: "This taper goes from {dose} straight to nothing, although you can measure doses down to {lowest}. Check the last step is what your prescriber wrote.",
        question: "Should the taper end with a smaller step than {dose}?",
        fact: "Coming off is done gradually over several weeks to avoid withdrawal, and people often finish with very small steps.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    Entry {
        key: "second_taper",
        voice: Voice::Information,
        title: "Already tapering another medicine",
        text: "{medications} is already tapering; coming off two medicines at once makes it hard to tell which one causes a symptom. Check your prescriber wants both together.",
        question: "Do you want me to come off both medicines at the same time?",
        fact: "When coming off several pain medicines, people come off one at a time.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    // ----- second pass (issue #14): urgent help, withdrawal after any fall, steady-dose
    // side effects, pain relief, the choice to stay on a dose -----
    Entry {
        key: "emergency_help",
        voice: Voice::Information,
        title: "Call 999 now",
        text: "You recorded {symptoms}. Call 999 or go to A&E now. If you are having thoughts of harming yourself or ending your life, you can also call Samaritans free on 116 123, day or night.",
        question: "I have had {symptoms}. Who should I call?",
        fact: "The NHS lists a fit, chest pain, a serious allergic reaction, and thoughts of harming oneself or ending one's life as reasons to call 999 or go to A&E at once.",
        source: Source::NhsMedicines,
        dose_instruction: false,
    },
    Entry {
        key: "get_help_now",
        voice: Voice::Information,
        title: "Get help now",
        text: "You recorded {symptoms}. This should not wait for your next review: contact your GP surgery now, or call NHS 111 (free, day or night). If someone has collapsed or cannot be woken, call 999.",
        question: "I have had {symptoms} while taking my medicine. What should I do now?",
        fact: "The NHS asks people on amitriptyline to contact a doctor or NHS 111 straight away about a fast or irregular heartbeat, fainting, yellowing of the skin or eyes, eye pain or a sudden change in sight, being unable to pass urine, or confusion.",
        source: Source::NhsMedicines,
        dose_instruction: false,
    },
    Entry {
        key: "withdrawal_after_dose_fall",
        voice: Voice::Question,
        title: "Possible withdrawal symptoms",
        text: "I have had symptoms since I started taking less {medication}. Could they be withdrawal symptoms, and what should I do about them?",
        question: "Could my symptoms be withdrawal from {medication}, and what should I do about them?",
        fact: "Withdrawal can follow any fall in dose, including a new, smaller steady dose or several missed doses in a row: headache, malaise, nausea, sweating, disturbed sleep, irritability and anxiety are typical, usually within days and sometimes for weeks.",
        source: Source::NiceNg222,
        dose_instruction: false,
    },
    Entry {
        key: "persistent_side_effects",
        voice: Voice::Question,
        title: "Side effects that are not easing",
        text: "I have had side effects on most mornings for two weeks on the same dose of {medication}. Could we talk about these side effects?",
        question: "These side effects have not eased on a steady dose of {medication}; what can we do about them?",
        fact: "Most side effects ease within days to weeks; ones that carry on at a steady dose, such as ringing in the ears, tremor or blurred vision, are worth raising with the prescriber.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    Entry {
        key: "pain_noticeably_better",
        voice: Voice::Question,
        title: "Pain noticeably better",
        text: "My pain has been noticeably better this week on {dose} of {medication}. Should I stay at this dose?",
        question: "My pain is noticeably better on {dose}; should I stay at this dose rather than go on with the plan?",
        fact: "In chronic-pain studies a fall in pain of about 30% is the usual mark of a meaningful change. For pain, the dose is built up until relief is noticeable or side effects get in the way, not to the top of the range by default.",
        source: Source::Immpact,
        dose_instruction: false,
    },
    Entry {
        key: "ask_whether_helping",
        voice: Voice::Question,
        title: "No clear change in pain",
        text: "After six weeks or more on {dose} of {medication}, my pain is about the same as before I started. Is this medicine helping?",
        question: "Is {medication} helping my pain enough to carry on with it?",
        fact: "A fair trial is six to eight weeks at the right dose; in chronic-pain studies a fall in pain of less than about 30% is not counted as a meaningful change.",
        source: Source::Immpact,
        dose_instruction: false,
    },
    Entry {
        key: "ask_about_staying_on_dose",
        voice: Voice::Question,
        title: "Staying on this dose for now",
        text: "I chose to stay on {dose} of {medication} for now rather than step up. Should I stay at this dose, or go on with the plan?",
        question: "Should I stay on {dose} of {medication}, or go on with the next step?",
        fact: "For pain, the dose is built up only while side effects are bearable and until relief is noticeable; whether to stay at a dose is decided with the prescriber.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    // ----- safety gates on titrations (second pass) -----
    Entry {
        key: "start_above_usual",
        voice: Voice::Information,
        title: "A higher start than usual",
        text: "This plan starts at {dose} a day; {ingredient} usually starts at {usual} a day (at most {highest}). Check it is what your prescriber wrote.",
        question: "Is a start of {dose} a day what you intended?",
        fact: "These medicines are started low to let the body get used to them, and built up from there.",
        source: Source::Bnf,
        dose_instruction: false,
    },
    Entry {
        key: "step_above_usual",
        voice: Voice::Information,
        title: "Bigger steps than usual",
        text: "This plan goes up by {step} a day at each step; {ingredient} usually goes up by {usual} (at most {largest}). Check it is what your prescriber wrote.",
        question: "Are steps of {step} what you intended?",
        fact: "Build-ups usually go up by a small amount each time, so side effects can settle before the next step.",
        source: Source::Bnf,
        dose_instruction: false,
    },
    Entry {
        key: "taper_starts_above_current",
        voice: Voice::Information,
        title: "A taper that starts above tonight's dose",
        text: "This taper starts at {from}, more than tonight's {current}, so its first nights would be a higher dose than now. Check it is what your prescriber wrote.",
        question: "Should the taper start from {current}, the dose I take now?",
        fact: "A taper comes down step by step from the dose being taken; each step is a share of the dose before it.",
        source: Source::NiceNg222,
        dose_instruction: false,
    },
    // ----- notifications -----
    Entry {
        key: "review_reminder",
        voice: Voice::Information,
        title: "Review with your prescriber",
        text: "Your {months}-monthly review is due: a chance to ask whether the treatment is still helping enough.",
        question: "Is my treatment still helping enough?",
        fact: "Once on the right dose, treatment is reviewed with the prescriber every three to six months.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
];

/// The entry for `key` in the en-GB catalogue.
pub fn entry(key: &str) -> Option<&'static Entry> {
    EN_GB.iter().find(|e| e.key == key)
}

/// The product's note about `source`.
pub fn source_note(source: Source) -> Option<&'static SourceNote> {
    SOURCES.iter().find(|s| s.source == source)
}

/// The short plain-words label a screen shows next to a suggestion of `severity`, so the
/// shells never write their own medical wording.
pub fn severity_label(severity: crate::suggest::Severity) -> &'static str {
    use crate::suggest::Severity;
    match severity {
        Severity::Info => "For your information",
        Severity::DiscussAtNextVisit => "For your next visit",
        Severity::ContactPrescriberSoon => "Contact your prescriber soon",
        Severity::GetHelpNow => "Get help now",
    }
}

/// A number to call, as a button a phone can dial.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Call {
    /// The button text: "Call NHS 111".
    pub label: &'static str,
    /// What to dial, digits only: "111".
    pub number: &'static str,
}

/// The numbers each entry offers to call (UK): the urgent entries only.
const CALLS: &[(&str, &[Call])] = &[
    (
        "get_help_now",
        &[
            Call {
                label: "Call NHS 111",
                number: "111",
            },
            Call {
                label: "Call 999",
                number: "999",
            },
        ],
    ),
    (
        "emergency_help",
        &[
            Call {
                label: "Call 999",
                number: "999",
            },
            Call {
                label: "Call Samaritans (116 123)",
                number: "116123",
            },
        ],
    ),
];

/// The numbers to call for the entry `key`, in the order a screen offers them (none for most).
pub fn calls(key: &str) -> &'static [Call] {
    CALLS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, c)| *c)
        .unwrap_or(&[])
}

/// What a fact about one ingredient is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    /// The usual doses for pain: where it starts and its usual top.
    DoseRange,
    /// How a build-up usually goes: step size and how often.
    Titration,
    /// Coming off, and the withdrawal symptoms of coming off too fast.
    Stopping,
    /// What to do about a forgotten dose.
    MissedDose,
}

/// One fact about one ingredient, in our words, with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IngredientFact {
    /// Which ingredient.
    pub ingredient: crate::ingredient::Ingredient,
    /// What it is about.
    pub topic: Topic,
    /// The fact.
    pub fact: &'static str,
    /// Where it comes from.
    pub source: Source,
}

/// The facts the gates and rules cite for each ingredient, so a gabapentin plan is never
/// explained with amitriptyline's numbers. Checked against the BNF-style ranges in DOMAIN.md
/// and the NHS medicines pages; every ingredient but "other" has all four topics.
pub const INGREDIENT_FACTS: &[IngredientFact] = {
    use crate::ingredient::Ingredient::*;
    &[
        IngredientFact {
            ingredient: Amitriptyline,
            topic: Topic::DoseRange,
            fact: "For pain, amitriptyline usually starts at 10 mg a day (sometimes up to 25 mg), and many people stay on 10 to 20 mg. 75 mg a day is the usual top for pain; higher doses are led by a specialist.",
            source: Source::NhsMedicines,
        },
        IngredientFact {
            ingredient: Amitriptyline,
            topic: Topic::Titration,
            fact: "For pain, amitriptyline goes up by 10 mg (sometimes 25 mg) at a time, no more often than every three to seven days, and only while side effects are bearable.",
            source: Source::Bnf,
        },
        IngredientFact {
            ingredient: Amitriptyline,
            topic: Topic::Stopping,
            fact: "Amitriptyline is not addictive, but coming off is done gradually over several weeks; coming down too fast can bring headache, malaise, nausea, sweating and disturbed sleep.",
            source: Source::PainArticle,
        },
        IngredientFact {
            ingredient: Amitriptyline,
            topic: Topic::MissedDose,
            fact: "A forgotten bedtime dose of amitriptyline is left out rather than taken the next morning, and the next one is taken at the usual time; two doses are never taken together.",
            source: Source::NhsMedicines,
        },
        IngredientFact {
            ingredient: Nortriptyline,
            topic: Topic::DoseRange,
            fact: "For pain, nortriptyline usually starts at 10 mg at night; 75 mg a day is the usual top for pain.",
            source: Source::Bnf,
        },
        IngredientFact {
            ingredient: Nortriptyline,
            topic: Topic::Titration,
            fact: "For pain, nortriptyline goes up slowly, usually by 10 mg about once a week or less often, while side effects are bearable.",
            source: Source::Bnf,
        },
        IngredientFact {
            ingredient: Nortriptyline,
            topic: Topic::Stopping,
            fact: "Coming off nortriptyline is done gradually over several weeks; coming down too fast can bring headache, nausea and disturbed sleep.",
            source: Source::Bnf,
        },
        IngredientFact {
            ingredient: Nortriptyline,
            topic: Topic::MissedDose,
            fact: "A forgotten bedtime dose of nortriptyline is left out and the next one taken at the usual time; two doses are never taken together.",
            source: Source::NhsMedicines,
        },
        IngredientFact {
            ingredient: Duloxetine,
            topic: Topic::DoseRange,
            fact: "For nerve pain, duloxetine usually starts at 30 or 60 mg once a day; 60 mg a day is the usual dose, and 120 mg a day in two doses is the most.",
            source: Source::NhsMedicines,
        },
        IngredientFact {
            ingredient: Duloxetine,
            topic: Topic::Titration,
            fact: "Duloxetine usually goes from 30 to 60 mg a day after one to four weeks, when it is needed.",
            source: Source::NhsMedicines,
        },
        IngredientFact {
            ingredient: Duloxetine,
            topic: Topic::Stopping,
            fact: "Coming off duloxetine is done gradually over at least two weeks, often longer; coming off suddenly can bring dizziness, nausea, headache, tingling, anxiety and disturbed sleep.",
            source: Source::Bnf,
        },
        IngredientFact {
            ingredient: Duloxetine,
            topic: Topic::MissedDose,
            fact: "A forgotten once-a-day dose of duloxetine is taken when remembered, unless the next one is less than 12 hours away; then it is left out. Two doses are never taken together.",
            source: Source::NhsMedicines,
        },
        IngredientFact {
            ingredient: Gabapentin,
            topic: Topic::DoseRange,
            fact: "For nerve pain, gabapentin builds up from 300 mg a day to between 900 and 3,600 mg a day in three doses; 3,600 mg a day is the most.",
            source: Source::NhsMedicines,
        },
        IngredientFact {
            ingredient: Gabapentin,
            topic: Topic::Titration,
            fact: "After the first few days, gabapentin goes up by 300 mg a day every two to three days, according to side effects and relief.",
            source: Source::Bnf,
        },
        IngredientFact {
            ingredient: Gabapentin,
            topic: Topic::Stopping,
            fact: "Coming off gabapentin is done gradually over at least a week; coming off suddenly can bring anxiety, disturbed sleep, nausea, pain and sweating.",
            source: Source::Bnf,
        },
        IngredientFact {
            ingredient: Gabapentin,
            topic: Topic::MissedDose,
            fact: "A forgotten dose of gabapentin is taken when remembered, unless the next one is due within about two hours; then it is left out. Two doses are never taken together.",
            source: Source::NhsMedicines,
        },
        IngredientFact {
            ingredient: Pregabalin,
            topic: Topic::DoseRange,
            fact: "For nerve pain, pregabalin usually starts at 150 mg a day in two or three doses; 600 mg a day is the most.",
            source: Source::Bnf,
        },
        IngredientFact {
            ingredient: Pregabalin,
            topic: Topic::Titration,
            fact: "Pregabalin may go up to 300 mg a day after three to seven days, and to 600 mg a day after a further week, according to side effects and relief.",
            source: Source::Bnf,
        },
        IngredientFact {
            ingredient: Pregabalin,
            topic: Topic::Stopping,
            fact: "Coming off pregabalin is done gradually over at least a week; coming off suddenly can bring disturbed sleep, headache, nausea, anxiety and sweating.",
            source: Source::Bnf,
        },
        IngredientFact {
            ingredient: Pregabalin,
            topic: Topic::MissedDose,
            fact: "A forgotten dose of pregabalin is taken when remembered, unless the next one is nearly due; then it is left out. Two doses are never taken together.",
            source: Source::NhsMedicines,
        },
    ]
};

/// The fact about `topic` for `ingredient`, if the catalogue has one (never for "other").
pub fn ingredient_fact(
    ingredient: crate::ingredient::Ingredient,
    topic: Topic,
) -> Option<&'static IngredientFact> {
    INGREDIENT_FACTS
        .iter()
        .find(|f| f.ingredient == ingredient && f.topic == topic)
}

/// A sentence a screen shows that is not a suggestion or a warning: plan status lines and the
/// step-up choice. Templates with `{name}` placeholders, filled by [`render`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    /// Stable key.
    pub key: &'static str,
    /// The template.
    pub text: &'static str,
}

/// Every phrase, en-GB.
pub const PHRASES: &[Phrase] = &[
    Phrase {
        key: "plan_step_due",
        text: "The next step of your plan, from {current} to {next}, is due. Choose below; until you do, the dose stays at {current}.",
    },
    Phrase {
        key: "plan_step_due_stayed",
        text: "You chose on {when} to stay on {current} and ask your prescriber. When you have asked, choose again below.",
    },
    Phrase {
        key: "plan_next_if_chosen",
        text: "{next} from {when}, if you choose to step up then.",
    },
    Phrase {
        key: "plan_next_now_if_chosen",
        text: "{next} from tonight, if you choose to step up.",
    },
    Phrase {
        key: "plan_next",
        text: "Next: {next} from {when}.",
    },
    Phrase {
        key: "plan_next_version",
        text: "Next: {next} from {when} (plan version {version}: {description}).",
    },
    Phrase {
        key: "plan_starts_on",
        text: "Starts on {when} at {next}.",
    },
    Phrase {
        key: "plan_last_step",
        text: "Last step: from {when} the taper ends at 0 mg.",
    },
    Phrase {
        key: "plan_taper_complete",
        text: "The taper is complete.",
    },
    Phrase {
        key: "plan_steady",
        text: "Steady at {current}.",
    },
    Phrase {
        key: "step_up_prompt",
        text: "Your plan steps up from {current} to {next} now. How is it going?",
    },
    Phrase {
        key: "step_up_as_planned",
        text: "Step up as planned",
    },
    Phrase {
        key: "step_up_as_planned_detail",
        text: "Side effects are bearable and the pain is not yet noticeably better.",
    },
    Phrase {
        key: "stay_and_ask",
        text: "Stay on this dose and ask my prescriber",
    },
    Phrase {
        key: "stay_and_ask_detail",
        text: "The pain is already noticeably better, side effects get in the way, or you are not sure.",
    },
];

/// The phrase `key` with its placeholders filled (the key itself if unknown, so a missing
/// phrase shows up in tests rather than as an empty line).
pub fn phrase(key: &str, vars: &[(&str, String)]) -> String {
    PHRASES
        .iter()
        .find(|p| p.key == key)
        .map(|p| render(p.text, vars))
        .unwrap_or_else(|| key.to_string())
}

/// Words that, outside a question, would tell the user to change a dose themselves.
pub const DOSE_CHANGE_WORDS: &[&str] = &[
    "increase",
    "raise",
    "lower",
    "reduce",
    "decrease",
    "stop",
    "double",
    "halve",
    "skip",
    "take more",
    "take less",
    "cut down",
];

/// The only sentences that may use one of [`DOSE_CHANGE_WORDS`] (as their words, lower case,
/// without punctuation), each for a reason: the leaflet's one dose instruction ("do not take a
/// double dose", in the missed-dose note); "Skip" as the label of the dose button and the name
/// of the CLI command, which record a choice the user made; and the CLI flag saying tablets can
/// be split.
pub const ALLOWED: &[(&str, &str)] = &[
    ("double", "do not take a double dose"),
    ("skip", "skip"),
    ("skip", "taken snooze skip"),
    ("skip", "usage eventide skip options med"),
    ("skip", "skip record a dose as skipped on purpose"),
    ("halve", "can halve"),
];

/// Word forms that start like a dose-change word but only describe a record ("skipped at
/// 21:10"), never advise.
pub const RECORD_WORDS: &[&str] = &["skipped"];

/// Splits text into sentences at . ? ! ; and line breaks.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if c == '\n' {
            if !current.trim().is_empty() {
                out.push(current.trim().to_string());
            }
            current.clear();
            continue;
        }
        current.push(c);
        if matches!(c, '.' | '?' | '!' | ';') {
            out.push(current.trim().to_string());
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// The wording check every sentence a user can see must pass (catalogue entries and facts,
/// status lines, CLI output, the shells' own strings): no sentence outside a question uses a
/// word that would tell the user to change a dose on their own, save the [`ALLOWED`] ones.
/// Words match by their start ("lower" catches "lowering"). Returns one line per problem,
/// empty when the text passes.
pub fn wording_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for s in sentences(text) {
        if s.ends_with('?') {
            continue; // a question for the prescriber, not an instruction
        }
        let lower = s.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let bare = words.join(" ");
        for word in DOSE_CHANGE_WORDS {
            let hit = if word.contains(' ') {
                format!(" {bare} ").contains(&format!(" {word} "))
            } else {
                words
                    .iter()
                    .any(|w| w.starts_with(word) && !RECORD_WORDS.contains(w))
            };
            let allowed = ALLOWED.iter().any(|(w, phrase)| {
                w == word && (bare == *phrase || (phrase.contains(' ') && bare.contains(phrase)))
            });
            if hit && !allowed {
                problems.push(format!("\"{s}\" uses \"{word}\" outside a question"));
            }
        }
    }
    problems
}

/// Fills `{name}` placeholders in `template` from `vars`; unknown placeholders stay as written.
pub fn render(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in vars {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingredient::Ingredient;

    #[test]
    fn each_severity_has_its_own_label() {
        use crate::suggest::Severity;
        let labels = [
            severity_label(Severity::Info),
            severity_label(Severity::DiscussAtNextVisit),
            severity_label(Severity::ContactPrescriberSoon),
            severity_label(Severity::GetHelpNow),
        ];
        assert_eq!(labels[2], "Contact your prescriber soon");
        assert_eq!(labels[3], "Get help now");
        assert!(labels.iter().all(|l| !l.is_empty()));
        for (i, a) in labels.iter().enumerate() {
            assert!(labels.iter().skip(i + 1).all(|b| a != b));
        }
    }

    #[test]
    fn no_sentence_tells_the_user_to_change_a_dose_on_their_own() {
        for e in EN_GB {
            for field in [e.text, e.question, e.title, e.fact] {
                let problems = wording_problems(field);
                assert!(problems.is_empty(), "{}: {problems:?}", e.key);
                if field.to_lowercase().contains("double") {
                    assert!(
                        e.dose_instruction,
                        "{}: only the missed-dose note may say double",
                        e.key
                    );
                }
            }
        }
        for f in INGREDIENT_FACTS {
            assert!(
                wording_problems(f.fact).is_empty(),
                "{:?} {:?}: {}",
                f.ingredient,
                f.topic,
                f.fact
            );
        }
        for p in PHRASES {
            assert!(wording_problems(p.text).is_empty(), "{}: {}", p.key, p.text);
        }
        for c in CALLS.iter().flat_map(|(_, c)| c.iter()) {
            assert!(wording_problems(c.label).is_empty(), "{}", c.label);
        }
    }

    #[test]
    fn only_the_missed_dose_note_gives_a_dose_instruction() {
        let instructions: Vec<&str> = EN_GB
            .iter()
            .filter(|e| e.dose_instruction)
            .map(|e| e.key)
            .collect();
        assert_eq!(instructions, vec!["missed_dose_guidance"]);
    }

    #[test]
    fn the_lint_catches_advice_in_any_form_and_lets_records_and_questions_pass() {
        for advice in [
            "Lower your dose to 10 mg tonight.",
            "Try lowering the dose",
            "You can stop now.",
            "Skip tonight's dose; it is fine.",
            "Take more at bedtime!",
            "Halve the tablet.",
        ] {
            assert!(!wording_problems(advice).is_empty(), "{advice}");
        }
        for fine in [
            "Should I lower the dose?",
            "Skipped at 21:10.",
            "Skip",
            "Tonight, take your usual dose at the usual time; do not take a double dose to make up for the missed one.",
            "Step up as planned",
        ] {
            assert!(wording_problems(fine).is_empty(), "{fine}: {:?}", wording_problems(fine));
        }
        // "double" is allowed only inside the leaflet's phrase.
        assert!(!wording_problems("Take a double dose tonight.").is_empty());
    }

    #[test]
    fn every_entry_is_keyed_once_rests_on_a_fact_and_a_known_source() {
        for (i, e) in EN_GB.iter().enumerate() {
            assert!(
                EN_GB.iter().skip(i + 1).all(|o| o.key != e.key),
                "duplicate key {}",
                e.key
            );
            assert!(
                e.key.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{} is not snake_case",
                e.key
            );
            assert!(
                !e.fact.trim().is_empty() && !e.title.trim().is_empty(),
                "{} lacks a fact or title",
                e.key
            );
            assert!(
                source_note(e.source).is_some(),
                "{} cites an unknown source",
                e.key
            );
            assert!(
                e.question.trim_end().ends_with('?'),
                "{}: the question must be a question",
                e.key
            );
            if e.voice == Voice::Question {
                assert!(
                    e.text.trim_end().ends_with('?'),
                    "{}: a question entry must ask",
                    e.key
                );
            }
        }
    }

    #[test]
    fn every_known_ingredient_has_each_fact_with_a_known_source() {
        for i in Ingredient::ALL {
            for topic in [
                Topic::DoseRange,
                Topic::Titration,
                Topic::Stopping,
                Topic::MissedDose,
            ] {
                let f = ingredient_fact(i, topic);
                assert_eq!(f.is_some(), i != Ingredient::Other, "{i:?} {topic:?}");
                if let Some(f) = f {
                    assert!(source_note(f.source).is_some());
                    assert!(
                        f.fact.to_lowercase().contains(i.code()),
                        "{i:?} {topic:?} names the medicine"
                    );
                }
            }
        }
    }

    #[test]
    fn urgent_entries_offer_numbers_to_call_and_say_them() {
        for key in ["get_help_now", "emergency_help"] {
            let e = entry(key).unwrap();
            let calls = calls(key);
            assert!(!calls.is_empty(), "{key}");
            for c in calls {
                assert!(c.number.chars().all(|d| d.is_ascii_digit()), "{}", c.number);
            }
            assert!(e.text.contains("999"), "{key}: {}", e.text);
        }
        assert!(entry("emergency_help").unwrap().text.contains("116 123"));
        assert!(entry("get_help_now").unwrap().text.contains("111"));
        assert!(calls("review_due").is_empty());
    }

    #[test]
    fn placeholders_are_filled() {
        let e = entry("ask_about_morning_dosing").unwrap();
        assert_eq!(
            render(e.text, &[("medication", "Amitriptyline".into())]),
            "Could I take my Amitriptyline in the morning instead of the evening?"
        );
        assert!(entry("no_such_key").is_none());
        assert_eq!(
            phrase("plan_steady", &[("current", "20 mg".into())]),
            "Steady at 20 mg."
        );
        assert_eq!(phrase("no_such_phrase", &[]), "no_such_phrase");
    }
}
