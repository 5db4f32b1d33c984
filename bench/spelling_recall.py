"""GRM102's recall on planted misspellings, and its findings on clean text, measured on texts you point it at.

    .venv/bin/python bench/spelling_recall.py ../shared/claims-dev/articles/{0[1-9],1[0-9],20}_*

For each (typo, intended) pair of bench/spelling/typos.tsv whose intended word occurs in the
texts, the first occurrence not yet used is replaced by the typo (capitalization kept) in a
copy under a temporary folder, never in the project; recall is the share of planted typos
GRM102 marks at exactly the planted span. The copies are deleted afterwards. Also prints
the findings on the unchanged texts (to be read: which are wrong?) and the prose word count,
and the speed of the check once its dictionary is loaded.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from claimlint import engine
from claimlint.config import Config
from claimlint.document import parse_document
from claimlint.rulefile import default_rules_dir, load_rule_file
from claimlint.source import decode

TYPOS = Path(__file__).resolve().parent / "spelling" / "typos.tsv"


def typo_pairs() -> list[tuple[str, str]]:
    rows = [line.split("\t") for line in TYPOS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [(typo, intended) for typo, intended in rows[1:]]


def lint(paths: list[Path]) -> dict[str, list[tuple[int, int, int, str]]]:
    """GRM102 findings per file name: (line, column, end_column, excerpt)."""
    config = Config().with_overrides(select=("GRM102",))
    spec = load_rule_file(default_rules_dir() / "grammar" / "spelling.yaml")[0]
    ruleset = engine.build_ruleset(config, [spec])
    context = engine.run_context(config, tuple(str(p) for p in paths), use_cache=True)
    ruleset, notices = engine.prepare_ruleset(ruleset, context)
    for notice in notices:
        print("notice:", notice.message)
    found = {}
    for path in paths:
        source = decode(str(path), path.read_bytes())
        found[path.name] = [(f.line, f.column, f.end_column, f.excerpt) for f in engine.lint_source(source, ruleset, context, config)]  # type: ignore[arg-type]
    return found


def plant(texts: dict[str, str], pairs: list[tuple[str, str]]) -> tuple[dict[str, str], list[tuple[str, str, str, int]]]:
    """Texts with typos planted, and what went where: (file, typo, intended, offset)."""
    planted: list[tuple[str, str, str, int]] = []
    texts = dict(texts)
    used: set[tuple[str, int]] = set()
    for typo, intended in pairs:
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(intended)}(?![\w'’-])", re.IGNORECASE)
        for name, text in texts.items():
            match = next((m for m in pattern.finditer(text) if (name, m.start()) not in used), None)
            if match is None:
                continue
            word = match.group()
            replacement = typo.capitalize() if word[0].isupper() else typo
            texts[name] = text[: match.start()] + replacement + text[match.end() :]
            shift = len(replacement) - len(word)
            used = {(n, o + shift if n == name and o > match.start() else o) for n, o in used} | {(name, match.start())}
            planted = [(n, t, i, o + shift if n == name and o > match.start() else o) for n, t, i, o in planted]
            planted.append((name, replacement, intended, match.start()))
            break
    return texts, planted


def line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def main(arguments: list[str]) -> int:
    paths = [Path(argument) for argument in arguments]
    texts = {path.name: path.read_text(encoding="utf-8") for path in paths}
    words = 0
    for path in paths:
        doc = parse_document(decode(str(path), path.read_bytes()))  # type: ignore[arg-type]
        words += len(re.findall(r"\w+(?:['’]\w+)*", doc.text))
    clean = lint(paths)
    findings = [(name, *finding) for name, found in clean.items() for finding in found]
    print(f"clean texts: {len(paths)} files, {words} prose words, {len(findings)} GRM102 findings ({1000 * len(findings) / words:.2f} per 1,000 words)")
    for name, line, column, _, excerpt in findings:
        print(f"  {name}:{line}:{column} {excerpt}")

    with tempfile.TemporaryDirectory(prefix="claimlint-typos-") as folder:
        planted_texts, planted = plant(texts, typo_pairs())
        copies = []
        for name, text in planted_texts.items():
            copy = Path(folder) / name
            copy.write_text(text, encoding="utf-8")
            copies.append(copy)
        found = lint(copies)
    hits, misses = 0, []
    for name, typo, intended, offset in planted:
        line, column = line_column(planted_texts[name], offset)
        if any(f[0] == line and f[1] == column and f[3] == typo for f in found[name]):
            hits += 1
        else:
            misses.append(f"{typo} ({intended}) at {name}:{line}:{column}")
    print(f"planted {len(planted)} of {len(typo_pairs())} typos (the others' intended words do not occur); found {hits}: recall {hits / len(planted):.3f}")
    for miss in misses:
        print("  missed:", miss)

    # Speed once loaded: the check alone over every text, repeated.
    spec = load_rule_file(default_rules_dir() / "grammar" / "spelling.yaml")[0]
    config = Config().with_overrides(select=("GRM102",))
    ruleset, _ = engine.prepare_ruleset(engine.build_ruleset(config, [spec]), engine.run_context(config, (), use_cache=True))
    [check] = ruleset.checks
    docs = [parse_document(decode(str(path), path.read_bytes())) for path in paths]  # type: ignore[arg-type]
    context = engine.run_context(config, (), use_cache=False)
    began, rounds = time.process_time(), 20
    for _ in range(rounds):
        for doc in docs:
            list(check.run(doc, context))
    seconds = time.process_time() - began
    print(f"speed: {rounds * words / seconds:,.0f} words/s of CPU time ({rounds} rounds of {words} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
