"""On seeds/: each seed reads at college level (RDB102 at its hardest paragraphs); the templated
openers and conclusions the seeds share are boilerplate naming the other seeds; a shared
disclaimer is not boilerplate."""

from __future__ import annotations

from pathlib import Path

from claimlint import engine, runner
from claimlint.config import Config
from claimlint.finding import Finding, Severity
from claimlint.rulefile import load_rule_dirs
from tests.conftest import ROOT

SEEDS = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "seeds").glob("*.txt"))
SPECS = load_rule_dirs([ROOT / "rules" / "readability", ROOT / "rules" / "boilerplate"])


def run(paths: list[str], config: Config | None = None) -> list[Finding]:
    config = config or Config(root=ROOT)
    ruleset = engine.build_ruleset(config, SPECS)
    context = engine.run_context(config, paths, use_cache=False)
    ruleset, _ = engine.prepare_ruleset(ruleset, context)
    return list(runner.run(paths, ruleset, context, config, jobs=1).findings)


def test_each_seed_gets_a_grade_finding_at_its_hardest_paragraphs(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    findings = [f for f in run(SEEDS) if f.rule == "RDB102"]
    assert sorted(f.path for f in findings) == SEEDS
    for finding in findings:
        data = dict(finding.data)
        assert data["metric"] == "flesch_kincaid_grade" and data["value"] > 12 and data["target"] == 8  # college level
        assert finding.severity is Severity.WARNING
        assert finding.line == data["drivers"][0] and len(data["drivers"]) == 3
        assert f"line {finding.line} (" in finding.message
    by_path = {f.path: (f.line, dict(f.data)["drivers"]) for f in findings}
    # Seed 000: the opening paragraph (line 3) is its hardest, then lines 9 and 7.
    assert by_path["seeds/000_55d904b4bd3efbaf.txt"] == (3, [3, 9, 7])
    assert by_path["seeds/003_5c496783509ed38a.txt"] == (15, [15, 5, 11])


def test_shared_openers_and_conclusions_name_the_other_seeds(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    boilerplate = [f for f in run(SEEDS) if f.rule.startswith("DUP")]
    assert {f.path for f in boilerplate} == set(SEEDS)
    advantages = [f for f in boilerplate if f.excerpt == "One of the primary advantages of minimally"]
    assert [(f.path, f.line, [r.path for r in f.related]) for f in advantages] == [
        ("seeds/000_55d904b4bd3efbaf.txt", 5, ["seeds/002_daca7136149f9f5b.txt"]),
        ("seeds/002_daca7136149f9f5b.txt", 5, ["seeds/000_55d904b4bd3efbaf.txt"]),
    ]
    conclusions = [f for f in boilerplate if f.excerpt == "In conclusion, minimally invasive spine surgery offers"]
    assert [(f.path, f.line) for f in conclusions] == [
        ("seeds/000_55d904b4bd3efbaf.txt", 15),
        ("seeds/001_409005381332b2ab.txt", 19),
        ("seeds/004_663049ce17194fc1.txt", 8),
    ]
    assert "seeds/001_409005381332b2ab.txt:19, seeds/004_663049ce17194fc1.txt:8" in conclusions[0].message


def test_a_plain_language_article_and_a_shared_disclaimer(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    disclaimer = (
        "This article is for informational purposes only. It is not a substitute for professional medical "
        "advice, diagnosis or treatment. Always ask your doctor or another qualified health provider about a medical condition."
    )
    for seed in SEEDS[:2]:
        text = (ROOT / seed).read_text(encoding="utf-8")
        (tmp_path / Path(seed).name).write_text(f"{text}\n\n{disclaimer}\n", encoding="utf-8")
    plain = (
        "Back surgery through small cuts\n\nThe surgeon makes a few small cuts instead of one big one. "
        "Most people have less pain and go home sooner. Many can walk the same day.\n\n"
        "You will still need to rest. Take short walks each day and do not lift heavy things for a few weeks. "
        "Call your doctor if you get a fever or if the pain gets worse.\n\n" + disclaimer + "\n"
    )
    (tmp_path / "plain.txt").write_text(plain, encoding="utf-8")
    paths = [Path(seed).name for seed in SEEDS[:2]] + ["plain.txt"]
    findings = run(paths, Config(root=tmp_path))
    assert [f for f in findings if f.path == "plain.txt"] == []
    assert not [f for f in findings if f.rule.startswith("DUP") and "informational purposes" in f.context]
    assert {f.rule for f in findings if f.path != "plain.txt"} >= {"RDB102", "DUP102"}
