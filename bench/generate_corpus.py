#!/usr/bin/env python3
"""A deterministic corpus of generated health articles, for benchmarks.

    python bench/generate_corpus.py OUT_DIR --count N --seed S

Writes N articles (300 to 3,000 words; about two thirds Markdown, one third plain text) on
varied topics. Sentences are assembled from independent parts, so articles differ the way
real ones do, with what a linter should find mixed in at realistic rates: shared boilerplate
(a stock disclaimer, templated openers and conclusions, a few copied sentences), hedged and
unhedged claims, and long sentences. The same N and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

TOPICS = [
    ("knee replacement", "knee arthritis", "a knee replacement", "orthopedic surgeon"),
    ("physical therapy for low back pain", "low back pain", "physical therapy", "physical therapist"),
    ("cataract surgery", "cataracts", "cataract surgery", "eye surgeon"),
    ("type 2 diabetes management", "type 2 diabetes", "metformin", "diabetes educator"),
    ("high blood pressure", "hypertension", "blood pressure medicine", "family doctor"),
    ("migraine prevention", "migraine", "preventive medicine", "neurologist"),
    ("sleep apnea", "sleep apnea", "a CPAP machine", "sleep specialist"),
    ("asthma in children", "childhood asthma", "an inhaled steroid", "pediatrician"),
    ("hip fracture recovery", "a hip fracture", "hip surgery", "orthopedic surgeon"),
    ("acid reflux", "acid reflux", "a proton pump inhibitor", "gastroenterologist"),
    ("seasonal allergies", "hay fever", "a nasal spray", "allergist"),
    ("plantar fasciitis", "heel pain", "stretching exercises", "podiatrist"),
    ("depression", "depression", "talk therapy", "psychologist"),
    ("osteoporosis", "osteoporosis", "a bone-building medicine", "endocrinologist"),
    ("carpal tunnel syndrome", "carpal tunnel syndrome", "a wrist splint", "hand surgeon"),
    ("varicose veins", "varicose veins", "compression stockings", "vein specialist"),
    ("cholesterol", "high cholesterol", "a statin", "cardiologist"),
    ("shingles", "shingles", "the shingles vaccine", "pharmacist"),
    ("rotator cuff tears", "a rotator cuff tear", "shoulder surgery", "sports medicine doctor"),
    ("kidney stones", "kidney stones", "shock wave lithotripsy", "urologist"),
    ("thyroid disease", "an underactive thyroid", "thyroid hormone", "endocrinologist"),
    ("gum disease", "gum disease", "a deep cleaning", "dentist"),
    ("psoriasis", "psoriasis", "a biologic medicine", "dermatologist"),
    ("heart failure", "heart failure", "a water pill", "cardiologist"),
]

SUBJECTS = [
    "Many patients", "Most adults", "People with {condition}", "Older adults", "Some patients",
    "Patients who try {treatment}", "Adults over fifty", "Younger patients", "People who exercise",
    "Smokers", "Women with {condition}", "Men with {condition}", "Families", "Caregivers",
    "Patients in small studies", "People who sleep poorly", "Busy parents", "Office workers",
]
# Real articles rarely open two sentences with the same seven words: lead-ins and qualifiers
# vary the openings as writers do (without them, every "Many patients often notice ..." would be
# a site-wide template).
LEADS = [
    "", "", "", "", "In practice,", "Over time,", "At first,", "In our clinic,", "During treatment,", "After a while,",
    "On the whole,", "In many cases,", "For a start,", "Looking back,", "In the long run,", "By comparison,",
    "At the same time,", "In winter,", "On weekends,", "Between visits,", "In the clinic,", "Without a plan,",
    "With {treatment},", "Before {treatment},", "Once diagnosed,", "In rural areas,", "In the city,", "Every spring,",
]
QUALIFIERS = [
    "", "", "", "newly diagnosed", "recently treated", "otherwise healthy", "active", "retired", "working",
    "first-time", "long-term", "local", "younger", "older", "anxious", "busy", "careful", "curious",
]
VERBS = [
    "often notice", "may see", "sometimes report", "tend to have", "can expect", "usually need",
    "rarely face", "commonly describe", "are likely to get", "frequently ask about", "should watch for",
    "can lower their risk of", "may benefit from", "often worry about", "seldom mention",
]
OBJECTS = [
    "less stiffness in the morning", "fewer visits to the emergency room", "better sleep at night",
    "a slower return to work", "mild side effects in the first week", "more energy during the day",
    "a clear plan for the next visit", "pain that comes and goes", "changes in appetite",
    "a lower dose after a few months", "questions about the cost", "swelling near the joint",
    "trouble climbing stairs", "a short stay in the hospital", "headaches after meals",
    "a rash that fades", "steady blood sugar", "dizziness when standing", "a follow-up scan",
    "support from a nurse", "weight changes", "stronger muscles", "shorter flare-ups",
]
TAILS = [
    "after starting {treatment}", "within a few weeks", "when they keep a diary", "in the first year",
    "if they skip doses", "during the winter", "after a visit to the {specialist}", "at home",
    "when they walk every day", "while they wait for results", "with the right support",
    "before surgery", "once the swelling goes down", "as they get older", "on busy days",
]
ASIDES = [
    "according to their care team", "in a recent survey of {n} clinics", "based on {n} years of records",
    "which surprised their nurses", "though the numbers are small", "as a {specialist} explained",
    "even without a change in diet", "especially after {n} weeks", "said one patient in {city}",
    "at least at first", "in our {n}-bed unit", "for reasons that are still unclear",
    "compared with {n} years ago", "with help from a pharmacist", "in spite of the cold weather",
    "by the time of the {ordinal} visit", "after a long wait", "thanks to a simple reminder",
    "in a clinic in {city}", "when the dose was split in two",
]
CITIES = ["Leeds", "Tucson", "Dayton", "Cork", "Perth", "Halifax", "Fresno", "Bergen", "Austin", "Dundee", "Omaha", "Raleigh"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth"]
HEDGED = [
    "{treatment} may help some people with {condition}, but results vary.",
    "Studies suggest that {treatment} can reduce symptoms of {condition} for many patients.",
    "Some research links {treatment} to fewer flare-ups, although more trials are needed.",
    "Your {specialist} can tell you whether {treatment} is likely to help in your case.",
    "In one small trial, about half of the patients with {condition} felt better after {treatment}.",
]
UNHEDGED = [
    "{treatment} cures {condition} in every patient.",
    "{treatment} eliminates pain completely and permanently.",
    "{treatment} has revolutionized the treatment of {condition}.",
    "{treatment} is 100% effective and has no side effects.",
    "Doctors agree that {treatment} is the only treatment that works.",
    "9 out of 10 patients never have {condition} again after {treatment}.",
]
LONG = [
    "Because {condition} affects each person differently, and because {treatment} interacts with other "
    "medicines, the dose, the schedule and the follow-up visits are usually adjusted over several months "
    "by the {specialist} together with the patient and, when needed, with the family as well.",
    "Although many people with {condition} manage their symptoms at home with rest, simple exercises and "
    "over-the-counter medicine, a visit to a {specialist} is worthwhile when the symptoms last longer than "
    "a few weeks or keep coming back after they seemed to be gone.",
]
OPENERS = [
    "One of the primary advantages of {treatment} is that it fits into daily life for most patients.",
    "One of the primary advantages of {treatment} is the short recovery time.",
]
CONCLUSIONS = [
    "In conclusion, {treatment} offers a range of benefits for people living with {condition}.",
    "In conclusion, {treatment} offers real hope, and your {specialist} can help you decide.",
]
COPIED = [
    "Always bring a complete list of your medicines, including vitamins and supplements, to every appointment.",
    "Keep a simple diary of your symptoms so you can share the pattern with your care team.",
]
DISCLAIMER = (
    "This article is for informational purposes only and is not a substitute for professional medical "
    "advice. Always ask your doctor about your own health."
)
HEADINGS = ["What it is", "Symptoms", "Treatment options", "Recovery", "Living with it", "When to call a doctor", "Questions to ask"]


def sentence(rng: random.Random, fill: dict[str, str]) -> str:
    """One sentence; about 1 in 12 is a claim (hedged or not), 1 in 50 a long one."""
    roll = rng.random()
    if roll < 0.05:
        template = rng.choice(HEDGED)
    elif roll < 0.08:
        template = rng.choice(UNHEDGED)
    elif roll < 0.10:
        template = rng.choice(LONG)
    else:
        subject = rng.choice(SUBJECTS)
        qualifier = rng.choice(QUALIFIERS)
        if qualifier and subject.split()[0] in ("Many", "Most", "Some"):
            first, rest = subject.split(" ", 1)
            subject = f"{first} {qualifier} {rest}"
        lead = rng.choice(LEADS)
        subject = f"{lead} {subject[0].lower()}{subject[1:]}" if lead else subject
        template = f"{subject} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."
    if rng.random() < 0.7:  # an aside makes most sentences unique, as in real articles
        template = template[:-1] + ", " + rng.choice(ASIDES) + "."
    values = dict(fill, n=str(rng.randint(2, 40)), city=rng.choice(CITIES), ordinal=rng.choice(ORDINALS))
    text = template.format(**values)
    return text[0].upper() + text[1:]


def article(rng: random.Random, number: int) -> tuple[str, str]:
    topic, condition, treatment, specialist = rng.choice(TOPICS)
    fill = {"condition": condition, "treatment": treatment, "specialist": specialist}
    markdown = rng.random() < 0.67
    target_words = rng.randint(300, 3000)
    title = f"{topic.capitalize()}: what to know ({number})"
    paragraphs: list[str] = []
    words = 0
    if rng.random() < 0.3:
        paragraphs.append(rng.choice(OPENERS).format(**fill))
    headings = iter(rng.sample(HEADINGS, len(HEADINGS)))
    while words < target_words:
        if markdown and rng.random() < 0.15:
            heading = next(headings, None)
            if heading:
                paragraphs.append(f"## {heading}")
        if markdown and rng.random() < 0.1:
            items = [f"- {sentence(rng, fill)}" for _ in range(rng.randint(2, 5))]
            paragraphs.append("\n".join(items))
        else:
            body = [sentence(rng, fill) for _ in range(rng.randint(2, 6))]
            if rng.random() < 0.03:
                body.insert(rng.randrange(len(body)), rng.choice(COPIED))
            paragraphs.append(" ".join(body))
        words = sum(len(p.split()) for p in paragraphs)
    if rng.random() < 0.3:
        paragraphs.append(rng.choice(CONCLUSIONS).format(**fill))
    if rng.random() < 0.5:
        paragraphs.append(DISCLAIMER)
    head = f"# {title}" if markdown else title
    return ("md" if markdown else "txt"), "\n\n".join([head, *paragraphs]) + "\n"


def generate(out_dir: Path, count: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        suffix, text = article(rng, number)
        path = out_dir / f"article_{number:05d}.{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    paths = generate(args.out_dir, args.count, args.seed)
    print(f"wrote {len(paths)} articles to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
