"""GRM102 (`spelling`): the installed Hunspell dictionaries (en_US, en_GB, medical) plus the word lists.

.ci/dev.py installs Debian's hunspell-en-us, hunspell-en-gb and hunspell-en-med; the tests
that need them skip with that reason on a machine without them. The fallback
(pyspellchecker's list, with one notice) is tested by hiding them.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from claimlint import engine
from claimlint.cache import DEFAULT_FOLDER, user_cache_folder
from claimlint.checks import RunContext, Unavailable
from claimlint.checks.spelling import HUNSPELL_MISSING, SpellingCheck, build, hunspell, in_word_list, read_word_lists, word_frequencies
from claimlint.config import Config, ConfigError
from claimlint.document import parse_document
from claimlint.spec import RuleFileError
from claimlint.rulefile import default_rules_dir, load_rule_file
from claimlint.source import read_source
from tests.conftest import ROOT, as_checks, lint_text, source_of, typed_settings

# The findings pinned here are the Hunspell dictionaries' (what a user of .ci/dev.py gets).
pytestmark = pytest.mark.skipif(
    hunspell.find("en", os.environ) is None,
    reason="no Hunspell English dictionary: python3 .ci/dev.py test installs hunspell-en-us, hunspell-en-gb, hunspell-en-med (as root)",
)
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


def test_without_the_word_list_newer_drug_names_are_flagged() -> None:
    # The medical dictionary (2014) predates semaglutide; medical-words.txt has it.
    bare = replace(SPELLING_SPEC, options={**SPELLING_SPEC.options, "word-lists": ()})
    findings = lint_text("Weekly semaglutide after the microdiscectomy.", specs=[bare], select=["GRM102"])
    assert [f.excerpt for f in findings] == ["semaglutide"]
    assert lint_text("Weekly semaglutide after the microdiscectomy.", select=["GRM102"]) == []


def test_project_words_from_config_are_accepted_by_both_sections() -> None:
    article = "Ask about Physiozen and kinetape at the clinic. Our kinetape works.\n"
    [finding] = lint_text(article, select=["GRM102"])  # one finding per word and file, at the first
    assert (finding.excerpt, finding.column) == ("kinetape", 25)
    assert finding.message.endswith("check the spelling. (2 times in this file; the first is marked)")
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


def test_capitalized_words_starting_a_sentence_are_names_unless_one_edit_from_a_word() -> None:
    article = (
        "Okonkwo said the brace helps. Recieve it at the desk.\n\n"
        "- Mbeki AT, Olufemi PR. Knee braces. Clin Rehabil 2019;3:1-9.\n"
        "- Flexobrace-Plus is sold online.\n"
    )
    assert [(f.excerpt, f.suggestion) for f in lint_text(article, "refs.md", select=["GRM102"])] == [("Recieve", "Receive")]


def test_suggestions_rank_by_the_same_counts_from_the_cache_folders_trie(tmp_path: Path) -> None:
    """The counts that rank suggestions come from pyspellchecker's list, or from the trie built
    from it in the cache folder and mapped by the next process: the same numbers."""
    words = ["the", "ten", "tea", "receive", "relieve", "qzxvwk"]
    from_the_list = [word_frequencies("en", None)(word) for word in words]
    folder = tmp_path / "spelling"
    built = word_frequencies("en", folder)
    assert [built(word) for word in words] == from_the_list
    assert len(list(folder.glob("frequencies-*.marisa"))) == 1
    word_frequencies.cache_clear()  # as a new process: the file is mapped, not built
    mapped = word_frequencies("en", folder)
    assert [mapped(word) for word in words] == from_the_list
    assert from_the_list[0] > from_the_list[1] > 0 and from_the_list[-1] == 0


def test_a_run_with_the_cache_suggests_what_one_without_it_does(in_tmp: Path) -> None:
    article = "Teh brace helps. Recieve it at the desk and relievve the pain.\n"
    Path("a.md").write_text(article, encoding="utf-8")
    config = Config(root=Path.cwd()).with_overrides(select=("GRM102",))
    ruleset = engine.build_ruleset(config, as_checks([SPELLING_SPEC]))
    suggested = []
    for use_cache in (False, True, True):  # no cache; the trie built; the trie mapped
        word_frequencies.cache_clear()
        context = engine.run_context(config, ("a.md",), use_cache=use_cache)
        prepared, _ = engine.prepare_ruleset(ruleset, context)
        suggested.append([(f.excerpt, f.suggestion) for f in engine.lint_source(source_of(article, "a.md"), prepared, context, config)])
    assert suggested[0] == [("Teh", "The"), ("Recieve", "Receive"), ("relievve", "relieve")]
    assert suggested[1] == suggested[0] and suggested[2] == suggested[0]
    assert len(list(Path(DEFAULT_FOLDER).rglob("frequencies-*.marisa"))) == 1


def test_units_drug_and_gene_names_and_defined_abbreviations_are_not_typos() -> None:
    article = (
        "Take 500 mcg of methotrexate or adalimumab weekly; 2,000 kcal a day; 5 mmol/L; BP 120/80 mmHg. "
        "BRCA1 and TP53 variants matter. Obstructive sleep apnoea (OSA) and dermatitis herpetiformis (DH) "
        "are treated; OSA responds to CPAP, and a randomised trial of programmes in haematology followed.\n"
    )
    assert lint_text(article, select=["GRM102"]) == []


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
    # The seeds are edited, published text: with the Hunspell dictionaries nothing is flagged
    # (pyspellchecker's list flagged 'transformative').
    assert flagged == []


def test_the_hunspell_words_are_expanded_once_then_read_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    found = hunspell.find("en", {})
    if found is None:
        pytest.skip("no Hunspell English dictionary installed (python3 .ci/dev.py test installs hunspell-en-us)")
    assert found.names[0] == "en_US" and "en_med_glut" in found.names
    folder = user_cache_folder(os.environ, Path.home())  # shared with every run: one expansion per machine
    words = hunspell.load(found, folder)
    assert all(word in words for word in ("receive", "received", "receives", "laminectomy", "laminectomies", "randomised", "chondroitin"))
    assert not any(word in words for word in ("recieve", "seperate"))
    assert (folder / f"hunspell-en-{found.key()}.marisa").is_file()
    monkeypatch.setattr(hunspell, "expand", lambda found: pytest.fail("expanded again despite the cache"))
    again = hunspell.load(found, folder)
    assert "laminectomies" in again and "recieve" not in again and len(again) == len(words)  # type: ignore[arg-type]


def test_an_affix_flag_makes_its_forms(tmp_path: Path) -> None:
    (tmp_path / "xx_XX.aff").write_text("SET UTF-8\nSFX S Y 2\nSFX S y ies [^aeiou]y\nSFX S 0 s [^y]\nPFX U Y 1\nPFX U 0 un .\n", encoding="utf-8")
    (tmp_path / "xx_XX.dic").write_text("3\nbiopsy/S\nknee/S\nhealed/U\n", encoding="utf-8")
    found = hunspell.Found("xx", ((tmp_path / "xx_XX.dic", tmp_path / "xx_XX.aff"),))
    assert hunspell.expand(found) == {"biopsy", "biopsies", "knee", "knees", "healed", "unhealed"}


def test_without_hunspell_one_notice_and_the_bundled_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hunspell, "SEARCH_FOLDERS", ())
    monkeypatch.setenv("DICPATH", str(tmp_path))
    prepared = build(SPELLING_SPEC).prepare(RunContext())
    assert isinstance(prepared, Unavailable) and prepared.message == HUNSPELL_MISSING
    assert isinstance(prepared.fallback, SpellingCheck) and prepared.fallback.source == "pyspellchecker"
    findings, notices = lint_with_notices("Recieve the microdiscectomy report.")
    assert [f.excerpt for f in findings] == ["Recieve"] and [n.message for n in notices] == [HUNSPELL_MISSING]


def lint_with_notices(text: str) -> tuple[list[Any], tuple[Any, ...]]:
    config = Config().with_overrides(select=("GRM102",))
    ruleset = engine.build_ruleset(config, as_checks([SPELLING_SPEC]))
    context = engine.run_context(config, ("a.txt",), use_cache=False)
    ruleset, notices = engine.prepare_ruleset(ruleset, context)
    return engine.lint_source(source_of(text), ruleset, context, config), notices


def test_dictionary_words_are_cached_as_a_word_list(tmp_path: Path) -> None:
    from claimlint.checks.spelling import known_words

    fresh = known_words("en", tmp_path)
    assert "surgery" in fresh and "recieve" not in fresh
    assert list((tmp_path / "spelling").rglob("*"))
    assert known_words("en", tmp_path) == fresh


def test_installing_hunspell_is_not_hidden_by_results_cached_without_it(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: the first run's findings (pyspellchecker's list) were kept for the file and
    # given back after Hunspell was installed, until the article itself changed.
    from claimlint.cli import main

    (in_tmp / "a.md").write_text("A transformative approach to knee surgery helps people walk again.\n", encoding="utf-8")
    hidden = in_tmp / "no-dictionaries"
    hidden.mkdir()
    installed = list(hunspell.SEARCH_FOLDERS)
    monkeypatch.setattr(hunspell, "SEARCH_FOLDERS", ())
    monkeypatch.setenv("DICPATH", str(hidden))
    main(["check", "--select", "GRM102", "a.md"])
    assert "GRM102 'transformative'" in capsys.readouterr().out
    monkeypatch.setattr(hunspell, "SEARCH_FOLDERS", tuple(installed))
    monkeypatch.delenv("DICPATH")
    main(["check", "--select", "GRM102", "a.md"])
    assert "transformative" not in capsys.readouterr().out
