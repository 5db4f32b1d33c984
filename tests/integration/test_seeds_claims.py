"""The seeds: every unhedged claim found at its exact span, hedged sentences left alone, each seed's missing disclaimer.

The expected lists were decided by reading each seed sentence by sentence (docs/claims.md,
"The seeds"). Kinds 5, 7 and 8 (CLM105, CLM107, CLM108) are the seeds' claims; a weakly
hedged claim ("can", "often") is expected at one level lower: from the rule's severity
(warning -> info), except a benefit hedged only by "can" ("can reduce pain": what the
treatment is able to do), which steps down from the page's (error -> warning).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, lint_text

SEEDS = ROOT / "seeds"

# file -> (rule, line, column, end_column, severity, excerpt), in report order
EXPECTED: dict[str, list[tuple[str, int, int, int, str, str]]] = {
    '000_55d904b4bd3efbaf.txt': [
        ('DSC101', 1, 1, 59, 'warning', 'How Minimally Invasive Spine Surgery Improves Joint Health'),
        ('CLM105', 1, 38, 59, 'error', 'Improves Joint Health'),
        ('CLM107', 3, 45, 59, 'warning', 'revolutionized'),
        ('CLM105', 3, 129, 151, 'error', 'enhancing joint health'),
        ('CLM105', 5, 150, 175, 'error', 'translates to less trauma'),
        ('CLM105', 5, 254, 277, 'error', 'promotes faster healing'),
        ('CLM105', 5, 298, 365, 'error', 'enabling patients to return to their normal activities more quickly'),
        ('CLM105', 7, 1, 35, 'error', 'The impact of MISS on joint health'),
        ('CLM105', 7, 87, 128, 'info', 'result in a lengthy rehabilitation period'),
        ('CLM105', 7, 234, 256, 'error', 'enhance joint mobility'),
        ('CLM105', 7, 260, 281, 'error', 'reducing inflammation'),
        ('CLM105', 7, 286, 324, 'error', 'allowing for more rapid rehabilitation'),
        ('CLM105', 7, 341, 372, 'info', 'report improved range of motion'),
        ('CLM105', 9, 1, 56, 'error', 'Another key benefit of minimally invasive spine surgery'),
        ('CLM105', 9, 153, 173, 'error', 'experience less pain'),
        ('CLM105', 9, 221, 267, 'error', 'minimizes the risk of developing complications'),
        ('CLM105', 9, 325, 382, 'error', 'contribute to a more positive overall recovery experience'),
        ('CLM105', 11, 75, 113, 'info', 'benefit from a lower risk of infection'),
        ('CLM105', 11, 141, 180, 'error', 'reduces exposure to potential pathogens'),
        ('CLM105', 11, 193, 233, 'error', 'leading to a decreased complication rate'),
        ('CLM105', 11, 271, 308, 'error', 'is crucial for optimal joint recovery'),
        ('CLM105', 13, 177, 195, 'error', 'enhances precision'),
        ('CLM105', 13, 221, 247, 'error', 'improves surgical outcomes'),
        ('CLM105', 13, 341, 372, 'error', 'promoting better joint function'),
        ('CLM105', 15, 94, 114, 'error', 'improve joint health'),
        ('CLM105', 15, 121, 143, 'error', 'reducing tissue damage'),
        ('CLM105', 15, 170, 194, 'error', 'lowering infection risks'),
        ('CLM105', 15, 199, 227, 'error', 'enhancing surgical precision'),
    ],
    '001_409005381332b2ab.txt': [
        ('DSC101', 1, 1, 70, 'warning', 'How Minimally Invasive Spine Surgery Improves Your Overall Well-being'),
        ('CLM105', 1, 38, 70, 'error', 'Improves Your Overall Well-being'),
        ('CLM107', 3, 46, 60, 'warning', 'transformative'),
        ('CLM107', 3, 79, 93, 'warning', 'revolutionized'),
        ('CLM105', 3, 252, 285, 'error', 'resulting in significant benefits'),
        ('CLM105', 3, 351, 378, 'error', 'improves overall well-being'),
        ('CLM105', 5, 223, 256, 'info', 'experience shorter hospital stays'),
        ('CLM108', 5, 263, 298, 'error', 'many returning home on the same day'),
        ('CLM105', 5, 410, 449, 'error', 'enhancing their overall quality of life'),
        ('CLM105', 7, 1, 28, 'error', 'Another significant benefit'),
        ('CLM105', 7, 123, 146, 'error', 'mean less tissue damage'),
        ('CLM105', 7, 148, 181, 'error', 'resulting in fewer pain receptors'),
        ('CLM105', 7, 249, 273, 'info', 'report lower pain levels'),
        ('CLM105', 7, 335, 377, 'error', 'contributes to a more comfortable recovery'),
        ('CLM105', 7, 387, 420, 'error', 'reduces the risk of complications'),
        ('CLM105', 9, 39, 73, 'error', 'leads to a lower risk of infection'),
        ('CLM105', 9, 191, 235, 'error', 'is critical for improving overall well-being'),
        ('CLM105', 9, 279, 308, 'info', 'lead to longer hospital stays'),
        ('CLM105', 11, 48, 72, 'error', 'allows for more thorough'),
        ('CLM105', 11, 303, 329, 'error', 'aids in a quicker recovery'),
        ('CLM105', 11, 339, 373, 'error', 'supports better long-term outcomes'),
        ('CLM105', 11, 407, 419, 'error', 'reduced pain'),
        ('CLM105', 13, 35, 65, 'info', 'lead to improved mental health'),
        ('CLM105', 13, 97, 135, 'info', 'have significant psychological effects'),
        ('CLM105', 13, 137, 160, 'info', 'contributing to anxiety'),
        ('CLM105', 13, 180, 196, 'info', 'alleviating pain'),
        ('CLM105', 15, 70, 94, 'info', 'results in less scarring'),
        ('CLM105', 17, 92, 131, 'error', 'promotes a proactive approach to health'),
        ('CLM105', 17, 319, 352, 'warning', 'lead to improved physical fitness'),
        ('CLM105', 19, 127, 167, 'error', "enhancing a patient's overall well-being"),
        ('CLM105', 19, 248, 270, 'error', 'improved mental health'),
        ('CLM105', 19, 310, 324, 'info', 'lead to a more'),
    ],
    '002_daca7136149f9f5b.txt': [
        ('DSC101', 1, 1, 63, 'warning', 'Minimally Invasive Spine Surgery: The Future of Back Treatment'),
        ('CLM107', 1, 35, 48, 'info', 'The Future of'),
        ('CLM107', 3, 54, 68, 'warning', 'groundbreaking'),
        ('CLM105', 3, 273, 301, 'error', 'leading to faster recoveries'),
        ('CLM105', 3, 306, 318, 'error', 'reduced pain'),
        ('CLM105', 5, 161, 194, 'info', 'lead to significant muscle damage'),
        ('CLM105', 5, 274, 301, 'error', 'minimizes tissue disruption'),
        ('CLM105', 5, 306, 340, 'error', 'results in less postoperative pain'),
        ('CLM105', 5, 378, 420, 'info', 'report quicker return to normal activities'),
        ('CLM107', 7, 66, 82, 'info', 'at the forefront'),
        ('CLM105', 7, 255, 282, 'error', 'enhances the surgical field'),
        ('CLM105', 7, 292, 357, 'error', "improves the surgeon's ability to navigate complex spinal anatomy"),
        ('CLM105', 9, 201, 227, 'info', 'provide significant relief'),
        ('CLM105', 11, 65, 98, 'info', 'results in shorter hospital stays'),
        ('CLM108', 11, 100, 146, 'error', 'Many patients are able to go home the same day'),
        ('CLM107', 13, 37, 50, 'info', 'the future of'),
        ('CLM107', 13, 188, 202, 'info', 'paving the way'),
        ('CLM105', 13, 435, 459, 'error', 'improved quality of life'),
        ('CLM107', 15, 55, 68, 'info', 'the future of'),
    ],
    '003_5c496783509ed38a.txt': [
        ('DSC101', 1, 1, 68, 'warning', 'How Minimally Invasive Spine Surgery Improves Post-Surgery Mobility'),
        ('CLM105', 1, 38, 68, 'error', 'Improves Post-Surgery Mobility'),
        ('CLM107', 3, 46, 59, 'warning', 'revolutionary'),
        ('CLM107', 3, 78, 103, 'warning', 'transformed the landscape'),
        ('CLM105', 5, 220, 242, 'info', 'lead to prolonged pain'),
        ('CLM105', 5, 299, 319, 'error', 'minimizes disruption'),
        ('CLM105', 5, 321, 373, 'error', 'allowing for a quicker return to everyday activities'),
        ('CLM105', 7, 26, 52, 'error', 'experience less blood loss'),
        ('CLM105', 7, 84, 102, 'error', 'means a lower risk'),
        ('CLM105', 7, 216, 254, 'info', 'leading to a smoother recovery process'),
        ('CLM108', 9, 85, 151, 'error', 'Many patients report being able to walk independently within hours'),
        ('CLM105', 9, 194, 227, 'error', 'reduces the risk of complications'),
        ('CLM105', 9, 252, 284, 'error', 'promotes overall physical health'),
        ('CLM105', 9, 305, 347, 'error', 'is crucial for maintaining muscle strength'),
        ('CLM105', 11, 90, 113, 'info', 'leads to lower reliance'),
        ('CLM105', 11, 159, 185, 'error', 'enables patients to engage'),
        ('CLM105', 11, 283, 306, 'error', 'improve range of motion'),
        ('CLM105', 13, 255, 280, 'warning', 'lead to improved outcomes'),
        ('CLM105', 15, 136, 174, 'error', 'contributes to more precise operations'),
        ('CLM105', 15, 200, 226, 'error', 'enhances surgical outcomes'),
        ('CLM105', 15, 236, 290, 'error', 'minimizes the risk of damage to surrounding structures'),
        ('CLM105', 15, 300, 331, 'error', 'improving post-surgery mobility'),
        ('CLM107', 17, 51, 63, 'warning', 'game-changer'),
        ('CLM105', 17, 110, 126, 'error', 'minimizes trauma'),
        ('CLM105', 17, 131, 149, 'error', 'speeds up recovery'),
        ('CLM105', 17, 173, 203, 'error', 'improves post-surgery mobility'),
    ],
    '004_663049ce17194fc1.txt': [
        ('DSC101', 1, 1, 67, 'warning', 'Minimally Invasive Spine Surgery for Post-Surgical Pain Management'),
        ('CLM107', 2, 45, 59, 'warning', 'revolutionized'),
        ('CLM105', 2, 195, 229, 'info', 'lead to considerable recovery time'),
        ('CLM105', 2, 349, 360, 'warning', 'reduce pain'),
        ('CLM105', 2, 365, 387, 'warning', 'enhance recovery times'),
        ('CLM105', 3, 83, 103, 'error', 'reduce tissue damage'),
        ('CLM105', 3, 177, 199, 'error', 'experience less trauma'),
        ('CLM105', 3, 224, 253, 'error', 'minimizing postoperative pain'),
        ('CLM105', 3, 263, 312, 'error', 'facilitates a quicker return to normal activities'),
        ('CLM105', 4, 477, 493, 'warning', 'relieve pressure'),
        ('CLM105', 4, 508, 519, 'warning', 'reduce pain'),
        ('CLM105', 5, 333, 365, 'error', 'allows for precise interventions'),
        ('CLM106', 6, 94, 126, 'info', 'quicker than traditional methods'),
        ('CLM108', 6, 128, 178, 'error', 'Most patients are able to return home the same day'),
        ('CLM105', 6, 214, 251, 'error', 'leads to a decrease in hospital stays'),
        ('CLM105', 6, 302, 342, 'warning', 'promote a quicker rehabilitation process'),
        ('CLM105', 7, 168, 191, 'info', 'cause debilitating pain'),
        ('CLM105', 7, 292, 315, 'info', 'provide targeted relief'),
        ('CLM105', 7, 317, 343, 'warning', 'leading to better outcomes'),
        ('CLM105', 7, 348, 377, 'warning', 'improved patient satisfaction'),
        ('CLM107', 8, 58, 70, 'warning', 'cutting-edge'),
    ],
}

# Strongly hedged (or purpose) sentences of the seeds: no claim finding may touch them.
HEDGED = {
    "000_55d904b4bd3efbaf.txt": ["the potential for improved joint health is likely to grow"],
    "001_409005381332b2ab.txt": ["how these techniques might improve their quality of life"],
    "002_daca7136149f9f5b.txt": ["early results indicate that this approach can be just as effective as traditional methods"],
    "003_5c496783509ed38a.txt": [
        "This technique is designed to reduce trauma to the body by utilizing smaller incisions, allowing for quicker recovery and improved mobility post-surgery.",
        "exploring minimally invasive options could lead to a more favorable recovery experience",
    ],
    "004_663049ce17194fc1.txt": [
        "Minimally invasive techniques aim to alleviate these issues more effectively.",
        "still suffer from pain may find relief through MISS",
        "may provide hope for relief and improved quality of life",
    ],
}


def _findings(name: str) -> list[tuple[str, int, int, int, str, str]]:
    path = SEEDS / name
    findings = lint_text(path.read_bytes(), name, select=["CLM", "DSC"])
    return [(f.rule, f.line, f.column, f.end_column, f.severity.value, f.excerpt) for f in findings]


def test_every_seed_is_listed() -> None:
    assert sorted(EXPECTED) == sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_claims_and_disclaimer_exactly(name: str) -> None:
    assert _findings(name) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_gets_one_missing_disclaimer_at_line_one(name: str) -> None:
    disclaimers = [f for f in _findings(name) if f[0] == "DSC101"]
    assert len(disclaimers) == 1 and disclaimers[0][1:3] == (1, 1)


@pytest.mark.parametrize("name", sorted(HEDGED))
def test_hedged_seed_sentences_get_nothing(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    lines = text.splitlines()
    findings = [f for f in _findings(name) if f[0].startswith("CLM")]
    for phrase in HEDGED[name]:
        line_index = next(i for i, line in enumerate(lines) if phrase in line)
        first = lines[line_index].index(phrase) + 1
        last = first + len(phrase)
        inside = [f for f in findings if f[1] == line_index + 1 and first <= f[2] < last]
        assert not inside, f"{name}: hedged text {phrase!r} got {inside}"

