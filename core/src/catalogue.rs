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
    /// NICE guideline NG222 (2022), Depression in adults, 1.4.17–1.4.19: how to taper an
    /// antidepressant (tricyclics named among those that cause withdrawal).
    NiceNg222,
    /// The IMMPACT recommendations on what change in pain matters (Dworkin et al., J Pain 2008).
    Immpact,
    /// Horowitz & Taylor, Lancet Psychiatry 2019, on why tapers should be hyperbolic.
    HorowitzTaylor2019,
    /// UK product leaflets (electronic medicines compendium): which strengths and forms exist.
    UkProductLeaflets,
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
        title: "NICE guideline NG222 (2022), Depression in adults: treatment and management, 1.4.17–1.4.19 (stopping antidepressants; tricyclics included)",
        summary: "Come down in steps, each a share of the dose before it (half is its example), with smaller shares \
                  (a quarter) as the dose gets lower; use liquid forms once tablets cannot make the small doses; let \
                  withdrawal symptoms settle before the next step, allowing a week or two to judge each one; the whole \
                  may take weeks or months, at a pace agreed with the person.",
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
    SourceNote {
        source: Source::UkProductLeaflets,
        title: "UK product leaflets and summaries of product characteristics (electronic medicines compendium)",
        summary: "Which strengths and forms are sold: amitriptyline tablets of 10, 25 and 50 mg and oral solutions \
                  of 10, 25 and 50 mg in 5 ml; nortriptyline tablets of 10, 25 and 50 mg; duloxetine only as \
                  gastro-resistant capsules; gabapentin oral solution of 50 mg in 1 ml; pregabalin oral solution \
                  of 20 mg in 1 ml.",
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
        text: "I still feel groggy most mornings, even taking my {medication} two hours before bed. Could we look at the dose together?",
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
        title: "Six weeks at the target dose",
        text: "I have been on {medication} at the target dose for six weeks or more. Is it helping enough to carry on?",
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
        title: "Possible withdrawal symptoms after a taper step",
        text: "I have had symptoms since my last {medication} step down. Should I hold this step for longer, or come down more slowly?",
        question: "Should I hold this step of my {medication} taper for longer, or come down more slowly?",
        fact: "Coming off is done gradually over several weeks; coming down too fast can bring headache, malaise and disturbed sleep. Your plan can hold a step if your prescriber agrees.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    Entry {
        key: "one_taper_at_a_time",
        voice: Voice::Question,
        title: "Two tapers at the same time",
        text: "My plans taper {medications} over the same weeks. Should I come off one at a time?",
        question: "Should I come off {medications} one at a time rather than together?",
        fact: "When several pain medicines are stopped they are weaned one at a time, so any symptom can be traced to the medicine that caused it.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    Entry {
        key: "missed_dose_guidance",
        voice: Voice::Information,
        title: "A missed dose",
        text: "Last night's {medication} was not recorded. Tonight, take your usual dose at the usual time; do not take a double dose to make up for the missed one.",
        question: "What should I do when I forget a dose?",
        fact: "The patient leaflet says a forgotten dose is not made up by doubling the next one.",
        source: Source::PatientLeaflet,
        dose_instruction: true,
    },
    Entry {
        key: "tell_prescriber_promptly",
        voice: Voice::Information,
        title: "Tell your prescriber soon",
        text: "You recorded an effect that should not wait for your next review. Contact your prescriber or GP soon, today if you can. If you have thoughts of harming yourself, get help the same day: call your GP, NHS 111, or 999 in an emergency.",
        question: "I have had an effect I was told not to wait with. What should happen next?",
        fact: "A racing or irregular heartbeat, fainting, severe or lasting constipation and thoughts of self-harm are reasons to speak to a doctor promptly rather than at the next review.",
        source: Source::PatientLeaflet,
        dose_instruction: false,
    },
    // ----- safety gates on plans -----
    Entry {
        key: "titration_faster_than_weekly",
        voice: Voice::Information,
        title: "Step-ups more often than weekly",
        text: "This plan steps up every {every} days; build-ups usually go up once a week at most. Check it is what your prescriber wrote.",
        question: "Is a step-up every {every} days what you intended?",
        fact: "Doses are usually increased in 10 or 25 mg steps each week, and only while side effects are tolerable.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    Entry {
        key: "dose_above_pain_range",
        voice: Voice::Information,
        title: "Above the usual pain range",
        text: "This plan reaches {dose} a day, above the {limit} that is the usual top of the range for pain (a prescriber may go higher). Check it is what your prescriber wrote.",
        question: "Is a daily dose of {dose} what you intended?",
        fact: "For pain, amitriptyline is usually taken at 25–75 mg a day; depression doses are much higher, and a prescriber may go above 75 mg.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    Entry {
        key: "taper_stops_abruptly",
        voice: Voice::Information,
        title: "A taper that ends from a high step",
        text: "This taper goes from {dose} straight to nothing. Tapers of {ingredient} usually come down to {final} or less first, and with {holding} you can measure doses down to {smallest}. Check the last steps are what your prescriber wrote.",
        question: "Could my taper come further down than {dose} before it ends?",
        fact: "The effect of these medicines falls away steeply at small doses, so tapers go far below the usual starting dose before the medicine is left off: for these medicines, to a quarter of the usual start or less.",
        source: Source::HorowitzTaylor2019,
        dose_instruction: false,
    },
    Entry {
        key: "taper_stops_abruptly_without_table",
        voice: Voice::Information,
        title: "A taper that ends from a high step",
        text: "This taper goes from {dose} straight to nothing, although with {holding} you can measure doses down to {smallest}. Check the last steps are what your prescriber wrote.",
        question: "Should my taper end with a smaller step than {dose}?",
        fact: "Coming off is done gradually over several weeks to avoid withdrawal, and people often finish with very small steps.",
        source: Source::PainArticle,
        dose_instruction: false,
    },
    Entry {
        key: "taper_final_dose_out_of_reach",
        voice: Voice::Information,
        title: "What you hold cannot make the last small steps",
        text: "With {holding} the smallest dose you can measure is {smallest}, above the {final} that {ingredient} tapers usually come down to before the end. The plan shows the schedule {forms} would give. Could I have {forms} for the last steps?",
        question: "Could I have {forms} for the last steps of my taper?",
        fact: "Once tablets cannot make the small doses near the end of a taper, guidance suggests a liquid form of the medicine.",
        source: Source::NiceNg222,
        dose_instruction: false,
    },
    Entry {
        key: "taper_final_dose_out_of_reach_no_other_form",
        voice: Voice::Information,
        title: "What you hold cannot make the last small steps",
        text: "With {holding} the smallest dose you can measure is {smallest}, above the {final} that {ingredient} tapers usually come down to before the end, and no other form of it is sold that measures smaller doses. Ask your prescriber or pharmacist how the last steps can be made.",
        question: "How can the last steps of my taper be made smaller than {smallest}?",
        fact: "Tapers come down to small doses before the end; where tablets cannot make them, guidance suggests other forms of the medicine.",
        source: Source::NiceNg222,
        dose_instruction: false,
    },
    Entry {
        key: "taper_cuts_more_than_asked",
        voice: Voice::Information,
        title: "Steps bigger than the plan asks",
        text: "{steps} {cut} more than the {asked} this plan asks ({cuts}), because {holding} cannot make the doses in between. Check with your prescriber that these steps are what they intended.",
        question: "Are these bigger steps what you intended, or could I have a form that makes the doses in between?",
        fact: "Each taper step is a share of the dose before it, and a bigger step than planned can bring on withdrawal; steps here are rounded to doses you can measure, by at most a quarter more than the step asked.",
        source: Source::NiceNg222,
        dose_instruction: false,
    },
    Entry {
        key: "taper_cut_too_large",
        voice: Voice::Information,
        title: "Steps of more than half the dose",
        text: "{steps} {take} more than {share}% of the dose at once ({cuts}). Guidance describes each step as a share of the dose before it, half at most, and smaller shares as the dose gets small. Check these steps are what your prescriber wrote.",
        question: "Could these steps of my taper be smaller?",
        fact: "Tapers come down step by step, each step a share of the dose before it (half is the example given), with smaller shares as the dose gets small.",
        source: Source::NiceNg222,
        dose_instruction: false,
    },
    Entry {
        key: "taper_too_fast",
        voice: Voice::Information,
        title: "A quick taper",
        text: "This taper reaches nothing in {length}; coming off {ingredient} is usually spread over {usual} or more. Check this is what your prescriber wrote.",
        question: "Is coming off in {length} what you intended?",
        fact: "Coming off is spread over several weeks at least, so that withdrawal effects can settle between steps.",
        source: Source::Bnf,
        dose_instruction: false,
    },
    Entry {
        key: "second_taper",
        voice: Voice::Information,
        title: "Already tapering another medicine",
        text: "{medications} is already tapering; coming off two medicines at once makes it hard to tell which one causes a symptom. Check your prescriber wants both together.",
        question: "Do you want me to come off both medicines at the same time?",
        fact: "When several pain medicines are stopped they are weaned one at a time.",
        source: Source::PainArticle,
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
    }
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

    #[test]
    fn each_severity_has_its_own_label() {
        use crate::suggest::Severity;
        let labels = [
            severity_label(Severity::Info),
            severity_label(Severity::DiscussAtNextVisit),
            severity_label(Severity::ContactPrescriberSoon),
        ];
        assert_eq!(labels[2], "Contact your prescriber soon");
        assert!(labels.iter().all(|l| !l.is_empty()));
        assert_ne!(labels[0], labels[1]);
        assert_ne!(labels[1], labels[2]);
    }

    /// Words that, outside a question, would tell the user to change a dose themselves.
    const DOSE_CHANGE_WORDS: &[&str] = &[
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

    fn sentences(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut current = String::new();
        for c in text.chars() {
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

    #[test]
    fn no_sentence_tells_the_user_to_change_a_dose_on_their_own() {
        for e in EN_GB {
            for field in [e.text, e.question, e.title] {
                for s in sentences(field) {
                    if s.ends_with('?') {
                        continue; // a question for the prescriber, not an instruction
                    }
                    let lower = s.to_lowercase();
                    for word in DOSE_CHANGE_WORDS {
                        if !lower.contains(word) {
                            continue;
                        }
                        let allowed_double = e.dose_instruction
                            && *word == "double"
                            && lower.contains("do not take a double dose");
                        assert!(
                            allowed_double,
                            "{}: \"{s}\" uses \"{word}\" outside a question",
                            e.key
                        );
                    }
                }
            }
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
    fn the_lint_catches_advice() {
        let advice = "Lower your dose to 10 mg tonight.";
        assert!(sentences(advice)
            .iter()
            .any(|s| !s.ends_with('?') && s.to_lowercase().contains("lower")));
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
    fn placeholders_are_filled() {
        let e = entry("ask_about_morning_dosing").unwrap();
        assert_eq!(
            render(e.text, &[("medication", "Amitriptyline".into())]),
            "Could I take my Amitriptyline in the morning instead of the evening?"
        );
        assert!(entry("no_such_key").is_none());
    }
}
