"""Shared inputs for the reporter tests: a small rule pack, real articles, and a hand-made
result carrying what other checks attach (related locations, metric data, odd file names)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from claimlint import engine, runner
from claimlint.config import Config
from claimlint.finding import RunResult
from claimlint.finding import Category, Finding, RelatedLocation, Severity
from claimlint.spec import RuleSpec
from claimlint.rulefile import load_rule_dirs
from tests.conftest import ROOT  # noqa: F401 - re-exported for the tests here
from tests.conftest import as_checks

RULES = {
    "cure.yaml": """\
code: CLM901
name: test-cure
type: pattern
category: claim
severity: error
summary: A promise of a cure.
message: "'{match}' promises a cure."
rationale: Few treatments cure; promising one misleads patients.
fix: Hedge the claim or cite a source.
suggest: may help with
tokens: ['cures?']
examples:
  fail: ["This tea cures arthritis."]
  pass: ["This tea may help with arthritis."]
""",
    "miracle.yaml": """\
code: CLM902
name: test-miracle
type: pattern
category: claim
severity: warning
summary: Hype words.
message: "'{match}' is hype."
rationale: Hype words oversell treatments.
fix: Describe the effect plainly.
tokens: ['miracle', 'revolutionary']
examples:
  fail: ["A miracle diet."]
  pass: ["A balanced diet."]
""",
    "jargon.yaml": """\
code: RDB901
name: test-jargon
type: pattern
category: readability
severity: info
summary: Jargon with a plain alternative.
message: "'{match}' is jargon; consider '{suggestion}'."
rationale: Patients understand everyday words better.
fix: Use the plain word.
swap:
  postoperative: after surgery
  analgesics?: pain medicine
examples:
  fail: ["Postoperative care matters."]
  pass: ["Care after surgery matters."]
""",
}

ARTICLES = {
    "heart.md": (
        "# Heart health\r\n\r\n"
        "Walking daily is a miracle for the heart, and this tea cures high blood pressure.\r\n\r\n"
        "\U0001f600 Emoji first:\tthe tea cures colds too.\r\n"
    ),
    "knee.txt": "Knee surgery\r\rPostoperative swelling is common.\rTake an analgesic before bed.\r",
    "sleep.html": "<h1>Sleep</h1>\n<p>A revolutionary mattress cures back pain &amp; more.</p>\n",
}


@pytest.fixture(scope="session")
def rules_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rules")
    for name, text in RULES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def specs(rules_dir: Path) -> list[RuleSpec]:
    return [check.spec for check in load_rule_dirs([rules_dir])]


def write_articles(folder: Path, articles: dict[str, str]) -> list[str]:
    paths = []
    for name, text in articles.items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))  # bytes: keep CRLF and CR as written
        paths.append(str(path))
    return paths


def lint(paths: Sequence[str], specs: Sequence[RuleSpec]) -> RunResult:
    config = Config()
    ruleset = engine.build_ruleset(config, as_checks(specs))
    context = engine.run_context(config, list(paths), use_cache=False)
    ruleset, _ = engine.prepare_ruleset(ruleset, context)
    return runner.run(list(paths), ruleset, context, config, jobs=1)


@pytest.fixture
def linted(in_tmp: Path, specs: list[RuleSpec]) -> tuple[RunResult, dict[str, str]]:
    """A real run over ARTICLES by relative path, as in CI; the result and each article's text as written."""
    (in_tmp / "site").mkdir()
    paths = [str(Path(path).relative_to(in_tmp)) for path in write_articles(in_tmp / "site", ARTICLES)]
    result = lint(paths, specs)
    assert len(result.findings) == 7, result.findings
    return result, {path: Path(path).read_bytes().decode("utf-8") for path in paths}


ODD_NAME = 'odd "name",\n<b>:%.md'


def finding(path: str, line: int, column: int, end_column: int, rule: str, category: Category, severity: Severity, message: str, excerpt: str, **extra: object) -> Finding:
    return Finding(path, line, column, line, end_column, rule, rule.lower(), category, severity, message, excerpt, **extra)  # type: ignore[arg-type]


@pytest.fixture
def synthetic() -> RunResult:
    """What the readability and boilerplate checks attach, and text every format must escape."""
    findings = (
        finding("a.md", 1, 1, 10, "DUP901", Category.BOILERPLATE, Severity.WARNING, "Copied from b.md (similarity 0.97).", "Same text",
                context="Same text here.", related=(RelatedLocation("b.md", 3, 1, "the other copy"),), data=(("similarity", 0.97),)),
        finding("a.md", 2, 1, 5, "RDB902", Category.READABILITY, Severity.WARNING, "Grade 12.5; target 8.", "Long",
                data=(("metric", "flesch_kincaid_grade"), ("value", 12.5), ("target", 8.0), ("unit", "document"))),
        finding("b.md", 3, 1, 10, "DUP901", Category.BOILERPLATE, Severity.WARNING, "Copied from a.md (similarity 0.97).", "Same text",
                context="Same text here.", related=(RelatedLocation("a.md", 1, 1, "the other copy"),), data=(("similarity", 0.97),)),
        finding(ODD_NAME, 1, 2, 6, "CLM901", Category.CLAIM, Severity.ERROR,
                "100% sure: a, b\nand <script>alert(1)</script> | *bold* [x](y)", "cure", suggestion="may help <i>"),
    )
    return RunResult(findings, (), ("a.md", "b.md", ODD_NAME), ())
