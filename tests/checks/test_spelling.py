"""GRM102 (`spelling`): an offline dictionary plus the medical and project word lists."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from claimlint.checks import RunContext
from claimlint.checks.spelling import SpellingCheck, build, in_word_list, read_word_lists
from claimlint.config import Config, ConfigError
from claimlint.document import parse_document
from claimlint.spec import RuleFileError
from claimlint.rulefile import default_rules_dir, load_rule_file
from claimlint.source import read_source
from tests.conftest import ROOT, lint_text, typed_settings

RULES = default_rules_dir() / "grammar"
SPELLING_SPEC = load_rule_file(RULES / "spelling.yaml")[0].spec


def spans(findings: list[Any]) -> list[tuple[str, int, int, int, int, str, str | None]]:
    return [(f.rule, f.line, f.column, f.end_line, f.end_column, f.excerpt, f.suggestion) for f in findings]


def test_misspellings_are_flagged_at_their_place_with_a_correction() -> None:
    article = "# Aftercare\n\n**Recieve** the vaccine, then rest for seperate days.\n\n- Take `recieve()` as needed.\n"
    assert spans(lint_text(article, "care.md", select=["GRM102"])) == [
        ("GRM102", 3, 3, 3, 10, "Recieve", "Receive"),
        ("GRM102", 3, 40, 3, 48, "seperate", "separate"),
    ]


def test_html_entities_and_tags_do_not_shift_the_word() -> None:
    article = "<p>Rest&nbsp;&amp; <em>ice</em>, then seperate the dressings.</p>\n"
    assert spans(lint_text(article, "care.html", select=["GRM102"])) == [("GRM102", 1, 39, 1, 47, "seperate", "separate")]


def test_medical_terms_plurals_and_possessives_are_known() -> None:
    article = (
        "The microdiscectomy was done under fluoroscopy. Laminectomies and kyphoplasties followed.\n"
        "The laminectomy's scar healed, and the patient's radiculopathy eased.\n"
    )
    assert lint_text(article, select=["GRM102"]) == []


def test_without_the_word_list_medical_terms_are_flagged() -> None:
    bare = replace(SPELLING_SPEC, options={**SPELLING_SPEC.options, "word-lists": ()})
    findings = lint_text("The microdiscectomy went well.", specs=[bare], select=["GRM102"])
    assert [f.excerpt for f in findings] == ["microdiscectomy"]


def test_project_words_from_config_are_accepted_by_both_sections() -> None:
    article = "Ask about Physiozen and kinetape at the clinic. Our kinetape works.\n"
    flagged = [f.excerpt for f in lint_text(article, select=["GRM102"])]
    assert flagged == ["kinetape", "kinetape"]
    for section in ("spelling", "grammar"):
        assert lint_text(article, select=["GRM102"], config=Config(settings={section: {"words": ["Kinetape"]}})) == []


def test_names_acronyms_codes_addresses_and_numbers_are_left_alone() -> None:
    article = (
        "Ask Dr. Okonkwo about NSAIDs, an MRI or the iPhone reminder. Write to help@clinc.org or see "
        "clinc.org/ortho-kb, bring form X12b and 3mg doses, e.g. twice daily.\n"
    )
    assert lint_text(article, select=["GRM102"]) == []


def test_capitalized_words_mid_sentence_are_checked_when_asked() -> None:
    checking = replace(SPELLING_SPEC, options={**SPELLING_SPEC.options, "ignore-capitalized": False})
    findings = lint_text("We met Okonkwo today.", specs=[checking], select=["GRM102"])
    assert [f.excerpt for f in findings] == ["Okonkwo"]


def test_each_occurrence_of_an_unknown_word_is_judged_in_its_own_place() -> None:
    # The word is looked up once per document, but whether an occurrence counts depends on
    # where it stands: in a path it is code, mid-sentence capitalized it is a name.
    article = "Seperate the bandages. Files go to notes/seperate today.\nWe Seperate them, then seperate again.\n"
    assert spans(lint_text(article, select=["GRM102"])) == [
        ("GRM102", 1, 1, 1, 9, "Seperate", "Separate"),
        ("GRM102", 2, 24, 2, 32, "seperate", "separate"),
    ]


def test_short_words_are_skipped_below_min_length() -> None:
    assert [f.excerpt for f in lint_text("Teh cat sat.", select=["GRM102"])] == ["Teh"]
    longer = replace(SPELLING_SPEC, options={**SPELLING_SPEC.options, "min-length": 4})
    assert lint_text("Teh cat sat.", specs=[longer], select=["GRM102"]) == []


def test_unknown_settings_are_config_errors() -> None:
    with pytest.raises(ConfigError, match=r"claimlint.yaml:1: unknown key 'settings.spelling.word' \(did you mean 'words'\?\)"):
        typed_settings({"spelling": {"word": ["x"]}})
    with pytest.raises(ConfigError, match="settings.spelling.words must be a list, not dict"):
        typed_settings({"spelling": {"words": {"a": 1}}})
    with pytest.raises(ConfigError, match="no pyspellchecker dictionary for 'xx'"):
        typed_settings({"spelling": {"language": "xx"}})


def test_prepare_loads_the_dictionary_once_for_the_run() -> None:
    check = build(SPELLING_SPEC).prepare(RunContext(settings=typed_settings({"spelling": {"words": ["kinetape"]}})))
    assert isinstance(check, SpellingCheck) and check.dictionary is not None
    assert check.is_known("kinetape") and check.is_known("microdiscectomy") and not check.is_known("seperate")


def test_a_missing_word_list_is_a_rule_file_error(tmp_path: Path) -> None:
    rule = tmp_path / "spell.yaml"
    rule.write_text(
        "code: GRM190\nname: my-spelling\ntype: spelling\ncategory: grammar\nseverity: info\n"
        "message: \"'{match}'?\"\nrationale: Our own spelling rule for the house style.\n"
        "word-lists: [missing.txt]\nexamples: {fail: [seperate], pass: [separate]}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError, match=r"spell.yaml:8:1: rule GRM190: cannot read word list"):
        load_rule_file(rule)


def test_word_list_forms() -> None:
    words = frozenset({"laminectomy", "biopsy", "fistula", "abscess"})
    assert all(in_word_list(w, words) for w in ["Laminectomy", "laminectomies", "biopsies", "fistulas", "abscesses", "laminectomy\u2019s"])
    assert not in_word_list("laminectom", words)


# --- the shipped data (as codespell tests its dictionary) ---


def test_medical_word_list_is_clean_and_covers_the_named_terms() -> None:
    lines = (RULES / "medical-words.txt").read_text(encoding="utf-8").splitlines()
    entries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert len(entries) >= 300
    assert len({e.lower() for e in entries}) == len(entries), "duplicate entries"
    assert all(" " not in e and e == e.strip() for e in entries)
    words = read_word_lists(SPELLING_SPEC)
    assert {"microdiscectomy", "fluoroscopy", "laminectomy"} <= words


# --- precision on the seeds (the figures in docs/grammar.md) ---


def test_false_positives_on_the_seeds_are_the_measured_ones() -> None:
    check = build(SPELLING_SPEC).prepare(RunContext())
    flagged = []
    for path in sorted((ROOT / "seeds").iterdir()):
        source = read_source(str(path), 10_000_000)
        doc = parse_document(source)  # type: ignore[arg-type]
        flagged += [(path.name, word) for _, _, word in check.candidates(doc, check.unknown_words(doc))]
    # Every word flagged on the (edited, published) seeds is a real word the dictionary lacks.
    assert flagged == [("001_409005381332b2ab.txt", "transformative")]


def test_dictionary_words_are_cached_as_a_word_list(tmp_path: Path) -> None:
    from claimlint.checks.spelling import known_words

    fresh = known_words("en", tmp_path)
    assert "surgery" in fresh and "recieve" not in fresh
    assert list((tmp_path / "spelling").rglob("*"))
    assert known_words("en", tmp_path) == fresh
