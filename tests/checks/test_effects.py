"""Causal and efficacy claims by phrase shape (CLM105 on the token layer), hedge scope, negation
and the causal false friends: each snippet is ours, with the exact findings it must give.

A snippet with no commerce or reporting signals is an advice page: CLM105 is an error there
at full strength (page_severity); a weakly hedged claim steps down from the rule's own
severity (warning) to info, except a benefit hedged only by "can" (what the treatment is able
to do), which steps down from the page's severity to a warning.
"""

from __future__ import annotations

import pytest

from claimlint.config import Config
from tests.conftest import lint_text

Expected = list[tuple[str, int, int, int, str, str]]  # rule, line, column, end column, severity, excerpt


def _claims(text: str) -> Expected:
    return [(f.rule, f.line, f.column, f.end_column, f.severity.value, f.excerpt) for f in lint_text(text, "article.txt", select=["CLM"])]


CASES: list[tuple[str, str, Expected]] = [
    # Any effect verb by lemma, any object.
    ("affects", "Coffee affects early development.", [("CLM105", 1, 8, 33, "error", "affects early development")]),
    ("halves", "Aspirin halves the risk of a second stroke.", [("CLM105", 1, 9, 43, "error", "halves the risk of a second stroke")]),
    ("ability-to", "The training improved the ability to spot warning signs.",
     [("CLM105", 1, 14, 56, "error", "improved the ability to spot warning signs")]),
    ("particle", "The clinic's laser melts away stubborn fat.", [("CLM105", 1, 20, 43, "error", "melts away stubborn fat")]),
    ("coordinated", "Our programme increases energy and prevents fatigue.",
     [("CLM105", 1, 15, 31, "error", "increases energy"), ("CLM105", 1, 36, 52, "error", "prevents fatigue")]),
    # Effect nouns and efficacy adjectives.
    ("impact-on", "Daily walks have a lasting impact on quality of life.", [("CLM105", 1, 13, 34, "error", "have a lasting impact")]),
    ("is-effective", "The cream is highly effective for eczema.", [("CLM105", 1, 11, 30, "error", "is highly effective")]),
    ("as-effective-as", "Acupuncture is as effective as painkillers for back pain.", [("CLM105", 1, 13, 28, "error", "is as effective")]),
    ("only-effective-if", "The splint is only effective if it is fitted well.", []),
    # A passive claims only when it names the cause.
    ("passive-with-cause", "Pain was reduced by the new brace.", [("CLM105", 1, 6, 17, "error", "was reduced")]),
    ("passive-description", "Pain levels were reduced in both groups.", []),
    # Correlational wording is not flagged.
    ("associated", "Vitamin D intake was associated with reduced risk of falls.", []),
    ("more-likely", "Smokers were more likely to develop gum disease.", []),
    ("higher-among", "The risk was higher among night-shift workers.", []),
    ("linked", "Green tea is linked to lower blood pressure.", []),
    # Hedged wording is not flagged.
    ("may", "Turmeric may reduce joint swelling.", []),
    ("suggest-that", "The data suggest that yoga lowers stress.", []),
    ("seemed", "Healing seemed to be improved by the new gel.", []),
    # Negated causal claims are not flagged: they promise nothing (see docs/claims.md).
    ("did-not", "The supplement did not improve sleep.", []),
    ("didnt", "The supplement didn't improve sleep.", []),
    ("emphatic-do", "Fast recovery care does enhance healing.", [("CLM105", 1, 25, 40, "error", "enhance healing")]),
    ("no-effect", "The diet had no effect on weight.", []),
    ("no-evidence-scope", "There is no evidence that any remedy can prevent or cure the flu.", []),
    ("no-data-showing", "No data show that the pill lowers cholesterol.", []),
    # A hedge governs its own clause, and a modal the verb after it; "helping" is no hedge.
    ("helping-no-hedge", "Supports brain health by helping combat stress.", [("CLM105", 1, 1, 22, "error", "Supports brain health"), ("CLM105", 1, 34, 47, "error", "combat stress")]),
    ("hedge-other-clause", "Massage eases tension, but some patients may sleep worse.", [("CLM105", 1, 9, 22, "error", "eases tension")]),
    ("later-modal", "Exercise reduces pain and may improve sleep.", [("CLM105", 1, 10, 22, "error", "reduces pain")]),
    ("gerund-subject-hedged", "Cutting salt intake could lower blood pressure.", []),
    ("relative-in-hedged-subject", "Programmes that increase screening may also increase follow-up visits.", []),
    ("participle-clause", "Small incisions spare muscle, resulting in less pain.", [("CLM105", 1, 31, 53, "error", "resulting in less pain")]),
    # "can" before a benefit says what the treatment is able to do: one level below the page's error.
    ("can-benefit", "Stretching can ease back stiffness.", [("CLM105", 1, 16, 35, "warning", "ease back stiffness")]),
    ("can-be-effective", "The gel can be very effective for burns.", [("CLM105", 1, 13, 30, "warning", "be very effective")]),
    # "can lead to" a better outcome is a benefit the treatment is able to bring, like "can improve".
    ("can-lead-to-better", "Stretching can lead to better sleep.", [("CLM105", 1, 16, 36, "warning", "lead to better sleep")]),
    ("can-contribute-to-improved", "Stretching can contribute to improved posture.", [("CLM105", 1, 16, 46, "warning", "contribute to improved posture")]),
    # A possible harm, the writer's "can help", what people can do for themselves, and other weak hedges stay at info.
    ("can-cause", "Smoking can cause gum disease.", [("CLM105", 1, 13, 30, "info", "cause gum disease")]),
    ("can-lead-to-harm", "Smoking can lead to gum disease.", [("CLM105", 1, 13, 32, "info", "lead to gum disease")]),
    ("can-help", "Stretching can help ease back stiffness.", [("CLM105", 1, 21, 40, "info", "ease back stiffness")]),
    ("you-can", "You can lower your cholesterol with oats.", [("CLM105", 1, 9, 31, "info", "lower your cholesterol")]),
    ("everyone-can", "Everyone can ease their stress.", [("CLM105", 1, 14, 31, "info", "ease their stress")]),
    ("often-lowers", "Yoga often improves mobility.", [("CLM105", 1, 12, 29, "info", "improves mobility")]),
    ("in-most-cases-trails", "Yoga improves mobility in most cases.", [("CLM105", 1, 6, 23, "info", "improves mobility")]),
    # A weak adverb governs what follows it, not an earlier predicate.
    ("later-weak-adverb", "The gel reduced itching and was generally well tolerated.", [("CLM105", 1, 9, 24, "error", "reduced itching")]),
    ("can-passive-with-cause", "Swelling can be reduced by cold packs.", [("CLM105", 1, 14, 24, "warning", "be reduced")]),
    # "effective in reducing X" is one claim, not two.
    ("effective-in-gerund", "The gel is very effective in reducing burn pain.", [("CLM105", 1, 9, 48, "error", "is very effective in reducing burn pain")]),
    # A weak or strong hedge on a cure keeps it at warning.
    ("could-cure", "This tea could cure cancer.", [("CLM101", 1, 16, 20, "warning", "cure")]),
    ("can-be-reversed", "Arthritis can be reversed with this diet.", [("CLM101", 1, 15, 26, "warning", "be reversed")]),
    # Goals, purposes, research questions, mechanisms, advice.
    ("purpose", "Patients use the cream to reduce itching.", []),
    ("goal-list", "The goal of treatment is to ease pain, improve sleep and restore function.", []),
    ("mechanism", "Antioxidants work by blocking oxidation.", []),
    ("should", "You should keep taking your statin and improving your diet.", []),
    ("attributed", "Statin users had fewer strokes and lowered their blood pressure, researchers say.", []),
    # False friends.
    ("lower-back-pain", "Lower back pain is common after pregnancy.", []),
    ("leading-cause", "Heart disease is the leading cause of death in women.", []),
    ("vessels-leading-to", "The blood vessels leading to the brain can narrow with age.", []),
    ("definition-condition", "Psoriasis is a condition that causes scaly patches.", []),
    ("definition-copula", "Insulin is a hormone that lowers blood sugar.", []),
    ("definition-participle", "Heart disease covers several conditions affecting the heart.", []),
    ("compound-modifier", "She takes blood pressure lowering drugs.", []),
    ("scale-definition", "Lower scores mean less pain.", []),
    # An efficacy adjective rating what something is: "is a safe and effective treatment".
    ("rated-predicate", "Massage is a safe and effective treatment for tension headaches.",
     [("CLM105", 1, 9, 42, "error", "is a safe and effective treatment")]),
    ("protective-factor", "Regular walking was a protective factor against falls.", [("CLM105", 1, 17, 40, "error", "was a protective factor")]),
    ("rated-negated", "Iron is not an effective treatment for fatigue.", []),
    # A verb of change in the passive with its cause; not a vague cause, not "caused by" or "supported by".
    ("passive-changed-by", "Mood was strongly affected by poor sleep.", [("CLM105", 1, 6, 27, "error", "was strongly affected")]),
    ("passive-vague-cause", "Healing is influenced by many factors.", []),
    ("caused-by", "The rash is caused by a virus.", []),
    ("supported-by", "The herb is supported by traditional use.", []),
    ("reduced-by-amount", "Knee pain was reduced by a third.", [("CLM108", 1, 15, 33, "error", "reduced by a third")]),
    # A verb of finding before the infinitive reports the result.
    ("found-to", "Yoga was found to reduce back pain.", [("CLM105", 1, 19, 35, "error", "reduce back pain")]),
    ("shown-to", "Zinc has been shown to shorten colds.", [("CLM105", 1, 24, 37, "error", "shorten colds")]),
    # An effect noun with a compound modifier.
    ("compound-benefit", "The brace provides a real comfort benefit to runners.", [("CLM105", 1, 11, 42, "error", "provides a real comfort benefit")]),
    # A first-person belief is a strong hedge.
    ("effect-unhedged", "The oil had a lasting effect on mood.", [("CLM105", 1, 9, 29, "error", "had a lasting effect")]),
    ("effect-i-believe", "I believe the oil had a lasting effect on mood.", []),
    ("diminish", "The spray diminishes nasal swelling.", [("CLM105", 1, 11, 36, "error", "diminishes nasal swelling")]),
    ("amplify", "Stress amplifies chronic pain.", [("CLM105", 1, 8, 30, "error", "amplifies chronic pain")]),
    # What people have, what evidence supports, and a gerund subject after a comma are no effect claims.
    ("people-have-ed", "Patients with asthma have increased airway risk.", []),
    ("supports-hypothesis", "The findings support the hypothesis that sleep matters.", []),
    ("gerund-subject-after-comma", "Among older adults, cutting salt intake could lower stroke risk.", []),
    ("people-head-of-compound", "Kidney disease patients have increased stroke risk.", []),
    # An -ed form modifying a noun phrase: people after it, another verb before it, or a "be" after the phrase.
    ("treated-people", "Nurses often see badly burned patients.", []),
    ("after-another-verb", "The scans indicate markedly increased risk of falls.", []),
    ("subject-of-be", "Sharply increased heart rate was seen in the group.", []),
    ("acts-on-outcome", "The drug improved glycemic control.", [("CLM105", 1, 10, 35, "error", "improved glycemic control")]),
    ("manner-not-object", "Pain decreased more rapidly in the gel group.", []),
    # An imperative is advice on an advice page, a promise on a page that sells.
    ("imperative-advice", "Lower your stress by talking with friends.", []),
    ("imperative-promotional", "Lower your blood sugar with our tea. Order now: $29 per bottle, free shipping, money-back guarantee.",
     [("CLM105", 1, 1, 23, "error", "Lower your blood sugar")]),
]


@pytest.mark.parametrize(("text", "expected"), [(text, expected) for _, text, expected in CASES], ids=[case[0] for case in CASES])
def test_effect_claims(text: str, expected: Expected) -> None:
    assert _claims(text) == expected


# Shapes that describe rather than claim (each with a near twin that still claims).
DESCRIBING: list[tuple[str, str, Expected]] = [
    ("definition-listed-modifiers", "Interferons are small, signalling proteins that regulate immune responses.", []),
    ("no-definition-without-copula", "Our small, gentle capsules regulate digestion.", [("CLM105", 1, 28, 46, "error", "regulate digestion")]),
    ("ailment-subject", "At home, the disorder leads to daily tantrums.", []),
    ("ailment-subject-toll", "Heart disease kills more women than breast cancer does.", []),
    ("treatment-subject", "At home, the programme leads to fewer tantrums.",
     [("CLM105", 1, 24, 47, "error", "leads to fewer tantrums")]),
    ("use-list", "The root has a long history of traditional use for calming nerves, easing cramps and increasing energy.", []),
    ("use-list-twin", "The root calms nerves, eases cramps and increases energy.",
     [("CLM105", 1, 10, 22, "error", "calms nerves"), ("CLM105", 1, 24, 36, "error", "eases cramps"), ("CLM105", 1, 41, 57, "error", "increases energy")]),
    ("gerund-in-subject", "Different ways of reducing the swelling did not change the outcome.", []),
    ("gerund-after-verb", "The brace is a simple way of reducing pain.", [("CLM105", 1, 30, 43, "error", "reducing pain")]),
    ("past-relative", "Early after-sun creams were lotions that lowered the skin temperature and little else.", []),
    ("past-relative-once", "The stress that once caused her migraines has eased off.", []),
    ("present-relative", "Our lotion, which lowers the skin temperature, ships today.",
     [("CLM105", 1, 19, 46, "error", "lowers the skin temperature")]),
    ("plural-head-before-to", "The fund supports university research projects to help local firms.", []),
    ("plural-head-before-auxiliary", "Products benefiting from Acme projects have sold well.", []),
]


@pytest.mark.parametrize(("text", "expected"), [(text, expected) for _, text, expected in DESCRIBING], ids=[case[0] for case in DESCRIBING])
def test_descriptions_are_not_claims(text: str, expected: Expected) -> None:
    assert _claims(text) == expected


# Shapes learnt from third-party conclusion sentences (our own snippets), each beside a twin that stays clean.
SHAPES: list[tuple[str, str, Expected]] = [
    # Verbs of bringing a result about; "achieve" with a person as subject is their doing.
    ("mediate", "Weight loss mediated the fall in blood pressure.", [("CLM105", 1, 13, 48, "error", "mediated the fall in blood pressure")]),
    ("driven-by", "The rise in blood sugar is driven by poor sleep.", [("CLM105", 1, 25, 34, "error", "is driven")]),
    ("achieve-treatment", "The new regimen achieved remission within a year.", [("CLM105", 1, 17, 35, "error", "achieved remission")]),
    ("achieve-person", "Dr. Lee achieved great success with her clinic.", []),
    ("achieve-you", "Book a consultation so that you achieve the results you want.", []),
    ("who-group", "Patients who reduced their salt intake had fewer strokes.", []),
    ("adverb-before-particle", "Poor sleep contributes significantly to weight gain.", [("CLM105", 1, 12, 52, "error", "contributes significantly to weight gain")]),
    ("gerund-head", "The enzyme slows the healing of wounds.", [("CLM105", 1, 12, 39, "error", "slows the healing of wounds")]),
    ("rated-list", "Cold therapy is a safe, cheap and effective method of easing sprains.", [("CLM105", 1, 14, 51, "error", "is a safe, cheap and effective method"), ("CLM105", 1, 55, 69, "error", "easing sprains")]),
    ("efficacy-comparable", "The cream has efficacy comparable to that of steroid creams.", [("CLM105", 1, 11, 23, "error", "has efficacy")]),
    ("confirmed-effectiveness", "We confirmed the effectiveness of the new vaccine.", [("CLM105", 1, 4, 31, "error", "confirmed the effectiveness")]),
    ("superior", "The new brace was superior to a standard cast.", [("CLM105", 1, 15, 27, "error", "was superior")]),
    # What X is needed for, when that is an outcome or an effect.
    ("requisite-outcome", "Good sleep is critical for muscle recovery.", [("CLM105", 1, 12, 43, "error", "is critical for muscle recovery")]),
    ("requisite-effect-verb", "Daily stretching is essential to prevent stiffness.", [("CLM105", 1, 18, 51, "error", "is essential to prevent stiffness")]),
    ("requisite-hedged", "Good sleep may be critical for muscle recovery.", []),
    ("requisite-advice", "It is essential to take the tablets with food.", []),
    ("requisite-people", "Follow-up visits are essential for patients with diabetes.", []),
    ("requisite-research", "More studies are necessary for firm conclusions.", []),
    ("requisite-negated", "A gluten-free diet is not necessary for weight loss.", []),
    # A role that makes the subject a cause; a predictor is correlational.
    ("determinant", "Poor diet is a major determinant of tooth decay.", [("CLM105", 1, 11, 48, "error", "is a major determinant of tooth decay")]),
    ("role-in", "Stress plays a key role in migraine attacks.", [("CLM105", 1, 8, 44, "error", "plays a key role in migraine attacks")]),
    ("role-hedged", "Stress may play a role in migraine attacks.", []),
    ("role-negated", "Diet plays no role in the disease.", []),
    ("predictor", "Age is an independent predictor of falls.", []),
    # An effect noun phrase as its clause's subject, said to hold.
    ("effect-subject", "The benefits of the new drug were maintained for two years.", [("CLM105", 1, 1, 29, "error", "The benefits of the new drug")]),
    ("effect-possessive", "The tea's effect on sleep was large.", [("CLM105", 1, 1, 26, "error", "The tea's effect on sleep")]),
    ("effects-observed", "The effects were seen within a week.", [("CLM105", 1, 1, 22, "error", "The effects were seen")]),
    ("effect-topic", "The effects of coffee on sleep", []),
    ("effect-unsettled", "The effect of coffee on sleep is unclear.", []),
    ("effect-negated", "The effect of the drug on pain was not significant.", []),
    ("effect-hedged", "The effect of the drug on pain may be small.", []),
    ("effect-possible", "The possible effect of the drug on pain was large.", []),
    ("effects-held", "Although the effects were clinically significant, the group was small.", [("CLM105", 1, 10, 49, "error", "the effects were clinically significant")]),
    ("effects-small", "The effects were small.", []),
    ("effect-conditional", "If the effect is large, doctors will see it.", []),
    # An efficacy adverb before a verb; before "associated" it is correlational, after a copula it means "in effect".
    ("beneficially-verb", "Fish oil beneficially alters blood lipids.", [("CLM105", 1, 10, 29, "error", "beneficially alters")]),
    ("favorably-associated", "The score was favorably associated with survival.", []),
    ("effectively-in-effect", "The sugar pill was effectively a placebo.", []),
    # Any "suggest" before a claim hedges it; one after it draws an inference from it.
    ("suggested-that", "The trial suggested that yoga lowers stress.", []),
    ("suggesting-after", "Yoga lowered stress in the group, suggesting a real effect.", [("CLM105", 1, 6, 20, "error", "lowered stress")]),
    # A treatment said to succeed with no object; how something works, a person at work and a hedge are not claims.
    ("really-works", "This balm really works.", [("CLM105", 1, 11, 23, "error", "really works")]),
    ("works-as-well-as", "Plain ibuprofen works as well as codeine for sprains.", [("CLM105", 1, 17, 33, "error", "works as well as")]),
    ("works-so-well", "The plan works so well for tired joints.", [("CLM105", 1, 10, 23, "error", "works so well")]),
    ("how-it-works", "Nobody knows how well the balm works.", []),
    ("works-by", "The balm works by cooling the skin.", []),
    ("people-work", "Our nurses work well together.", []),
    ("may-work", "The balm may work well for some.", []),
    ("can-work-wonders", "This tea can work wonders.", [("CLM105", 1, 14, 26, "warning", "work wonders"), ("CLM107", 1, 14, 26, "warning", "work wonders")]),
    # Ratings of what is offered, and "one of the" ratings.
    ("offers-rated", "The clinic offers an effective, gentle treatment for migraines.", [("CLM105", 1, 12, 49, "error", "offers an effective, gentle treatment")]),
    ("one-of-the-rated", "Walking is one of the most effective remedies for low mood.", [("CLM105", 1, 9, 46, "error", "is one of the most effective remedies"), ("CLM106", 1, 19, 37, "warning", "the most effective")]),
    ("rated-dose", "An effective dose was found in the second week.", []),
    ("effects-from", "Both groups showed positive effects from the drink.", [("CLM105", 1, 13, 36, "error", "showed positive effects")]),
    ("hyphenated-modifier", "The berry offers first-rate liver-protective benefits.", [("CLM105", 1, 11, 54, "error", "offers first-rate liver-protective benefits")]),
    # A purpose governs its own complement, not the main verb after it; a "that" clause stays inside it.
    ("purpose-then-main-verb", "Classes with a focus on home cooking lowered the salt intake of families.", [("CLM105", 1, 38, 73, "error", "lowered the salt intake of families")]),
    ("purpose-complement", "Classes with a focus on cutting salt intake start in May.", []),
    ("purpose-that-clause", "The trial aims to show that the drink lowers blood pressure.", []),
    ("purpose-coordinated", "The brace is designed to ease strain, allowing quicker recovery and improved grip.", []),
    # The writer's own study cites nobody; a named study does.
    ("own-study", "In our study of 40 adults, we found the drink lowered blood pressure.", [("CLM105", 1, 47, 69, "error", "lowered blood pressure")]),
    ("named-study", "A 2020 study of 40 adults found the drink lowered blood pressure.", []),
    # A headline's passive without its "be", naming the cause; a change with no cause is a description.
    ("headline-passive", "Back Pain Relieved With Gentle Massage", [("CLM105", 1, 11, 39, "error", "Relieved With Gentle Massage")]),
    ("headline-no-cause", "Pain scores improved in both groups.", []),
    ("headline-amount", "Heel pain reduced by a third", [("CLM108", 1, 11, 29, "error", "reduced by a third")]),
    ("really-works-and", "Trust me: this balm really works and it smells nice.", [("CLM105", 1, 21, 33, "error", "really works")]),
    # A verb of finding with its object before the infinitive; "used X to" is a purpose.
    ("found-object-to", "We found the new gel to reduce scarring.", [("CLM105", 1, 25, 40, "error", "reduce scarring")]),
    ("found-adverb-to", "The brace was found consistently to improve grip.", [("CLM105", 1, 37, 49, "error", "improve grip")]),
    ("used-object-to", "We used the new gel to reduce scarring.", []),
    # An -ed form coordinated with an adjective modifies the noun; after a copula the adjective is a predicate.
    ("coordinated-adjective", "Patients had unstable or persistently elevated readings.", []),
    # A list of gerund subjects before a modal.
    ("gerund-subject-list", "Preventing falls, and extending daily exercise, could be crucial for older adults.", []),
    # A degree of another word is no hedge on the claim; right before it, it is.
    ("degree-of-subject", "A relatively short course of the drug resulted in lower pain scores.", [("CLM105", 1, 39, 68, "error", "resulted in lower pain scores")]),
    ("degree-of-claim", "The cream nearly halves healing time.", [("CLM105", 1, 18, 37, "info", "halves healing time")]),
    # "but not Y," negates Y; "for some" needs people or an end.
    ("but-not-aside", "Surgery, but not physiotherapy, led to better grip.", [("CLM105", 1, 33, 51, "error", "led to better grip")]),
    ("for-some-end", "The drug works well for some.", []),
    # Evidence described by what it shows.
    ("evidence-showing", "Grade A: consistent data showing a clear health benefit.", []),
    ("this-leads-to", "This leads to fewer infections.", [("CLM105", 1, 6, 31, "error", "leads to fewer infections")]),
    ("passive-by-more-adjective", "Muscle mass was improved by more intensive feeding.", [("CLM105", 1, 13, 25, "error", "was improved")]),
    ("passive-by-more-than", "Muscle pain was reduced by more than half.", [("CLM108", 1, 17, 42, "error", "reduced by more than half")]),
    ("contribute-towards", "Poor posture contributes towards back pain.", [("CLM105", 1, 14, 43, "error", "contributes towards back pain")]),
    # A degree word between a phrasal effect verb and its particle.
    ("particle-after-degree", "Poor posture contributes more to neck strain than long hours at a desk.",
     [("CLM105", 1, 14, 45, "error", "contributes more to neck strain")]),
    ("translate-to", "Better balance translated to fewer falls at home.", [("CLM105", 1, 16, 41, "error", "translated to fewer falls")]),
    # An effect noun with "with" naming its cause; "safe" read as a noun in a list of ratings.
    ("effect-noun-with-cause", "The trial showed a safe and effective reduction in swelling with the cold wrap.",
     [("CLM105", 1, 11, 48, "error", "showed a safe and effective reduction")]),
    # A later hedging adverb governs what follows it, as a modal does; at the clause's end it hedges the claim.
    ("later-possibly-explains", "The diet lowered blood pressure, possibly through weight loss.", [("CLM105", 1, 10, 32, "error", "lowered blood pressure")]),
    ("later-possibly-coordinated", "The diet lowered blood pressure and possibly improved sleep.", [("CLM105", 1, 10, 32, "error", "lowered blood pressure")]),
    ("trailing-possibly", "The diet lowered blood pressure, possibly.", []),
    # "This study" and "the present study" are the writer's own: no source a reader can look up.
    ("this-study", "This study shows that daily stretching relieves back pain.", [("CLM105", 1, 40, 58, "error", "relieves back pain")]),
    ("present-study", "The present study found that daily stretching relieves back pain.", [("CLM105", 1, 47, 65, "error", "relieves back pain")]),
    ("a-study", "A study found that daily stretching relieves back pain.", []),
    # A requisite adjective rating a generic head noun: what the subject is needed for.
    ("requisite-factor", "Early movement is a key factor in healing after surgery.", [("CLM105", 1, 16, 42, "error", "is a key factor in healing")]),
    ("requisite-most-step", "Good wound care is the most critical step for a fast recovery.",
     [("CLM105", 1, 17, 62, "error", "is the most critical step for a fast recovery")]),
    ("requisite-the-key", "Exercise is the key to weight loss.", []),
    ("requisite-people", "Nurses are key elements for patients.", []),
    ("requisite-risk-factor", "Smoking is a key risk factor for gum disease.", []),
    # A plural subject read as a verb no longer hides its own verb.
    ("plural-subject-then-verb", "Blood zinc levels protected against cramps.", [("CLM105", 1, 19, 43, "error", "protected against cramps")]),
]


@pytest.mark.parametrize(("text", "expected"), [(text, expected) for _, text, expected in SHAPES], ids=[case[0] for case in SHAPES])
def test_result_shapes(text: str, expected: Expected) -> None:
    assert _claims(text) == expected


def test_this_study_is_attribution_on_a_reporting_page() -> None:
    """On a news page "this study shows" attributes the result to the study being reported."""
    findings = lint_text("This study shows that daily stretching relieves back pain.", "article.txt", select=["CLM"], config=Config(page_type="reporting"))
    assert findings == []
