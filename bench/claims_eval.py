"""Precision, recall and F1 of the default claim rules on the labelled sentence set.

    .venv/bin/python bench/claims_eval.py            # both halves
    .venv/bin/python bench/claims_eval.py --errors dev   # also list the dev half's mistakes
    .venv/bin/python bench/claims_eval.py --speed        # words per second of the claim rules on seeds/

Each line of tests/data/claims/{dev,heldout}.tsv is `KINDS<TAB>SENTENCE` (KINDS: `none` or
comma-separated claim kinds). A sentence counts as predicted for a kind when any CLM rule
of that kind reports a finding in it, at any severity. Tune on dev only; held-out is the
honest figure.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from claimlint import engine
from claimlint.config import Config
from claimlint.rulefile import default_rules_dir, load_rule_dirs
from claimlint.source import SourceText, decode

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "claims"
HALVES = ("dev", "heldout")


@dataclass(frozen=True)
class Example:
    kinds: frozenset[str]
    sentence: str


def read_half(name: str) -> list[Example]:
    examples = []
    for line in (DATA / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kinds, sentence = line.split("\t", 1)
        examples.append(Example(frozenset() if kinds == "none" else frozenset(kinds.split(",")), sentence))
    return examples


def predict(sentences: Sequence[str]) -> list[frozenset[str]]:
    config = Config().with_overrides(select=("CLM",))
    rules = load_rule_dirs([default_rules_dir()])
    ruleset = engine.build_ruleset(config, rules)
    kind_of = {rule.spec.code: str(rule.spec.options["kind"]) for rule in rules if rule.spec.type == "claim"}
    context = engine.run_context(config, ("sentence.txt",), use_cache=False)
    predictions = []
    for sentence in sentences:
        source = decode("sentence.txt", sentence.encode("utf-8"))
        assert isinstance(source, SourceText)
        findings = engine.lint_source(source, ruleset, context, config)
        predictions.append(frozenset(kind_of[f.rule] for f in findings if f.rule in kind_of))
    return predictions


def score(examples: Sequence[Example], predictions: Sequence[frozenset[str]]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    true_positive: Counter[str] = Counter()
    false_positive: Counter[str] = Counter()
    false_negative: Counter[str] = Counter()
    for example, predicted in zip(examples, predictions):
        for kind in predicted & example.kinds:
            true_positive[kind] += 1
        for kind in predicted - example.kinds:
            false_positive[kind] += 1
        for kind in example.kinds - predicted:
            false_negative[kind] += 1
    return true_positive, false_positive, false_negative


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def table(name: str, examples: Sequence[Example], predictions: Sequence[frozenset[str]]) -> str:
    tp, fp, fn = score(examples, predictions)
    kinds = sorted(set(tp) | set(fp) | set(fn))
    lines = [f"### {name}: {len(examples)} sentences, {sum(1 for e in examples if e.kinds)} with a claim", ""]
    lines += ["| kind | TP | FP | FN | precision | recall | F1 |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    rows = [(kind, tp[kind], fp[kind], fn[kind]) for kind in kinds]
    rows.append(("**overall**", sum(tp.values()), sum(fp.values()), sum(fn.values())))
    for kind, t, f, n in rows:
        precision, recall = _ratio(t, t + f), _ratio(t, t + n)
        f1 = _ratio(2 * precision * recall, precision + recall)
        lines.append(f"| {kind} | {t} | {f} | {n} | {precision:.2f} | {recall:.2f} | {f1:.2f} |")
    return "\n".join(lines) + "\n"


def errors(examples: Sequence[Example], predictions: Sequence[frozenset[str]]) -> str:
    lines = []
    for example, predicted in zip(examples, predictions):
        if predicted != example.kinds:
            extra, missed = sorted(predicted - example.kinds), sorted(example.kinds - predicted)
            lines.append(f"  +{','.join(extra) or '-'} -{','.join(missed) or '-'}  {example.sentence}")
    return "\n".join(lines) + "\n"


def speed(repeat: int = 40) -> str:
    """Words per second of the CLM rules alone (parsing excluded) on the seeds joined `repeat` times."""
    import time

    from claimlint.document import parse_document

    seeds = sorted((DATA.parents[2] / "seeds").glob("*.txt"))
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in seeds * repeat)
    source = decode("seeds.txt", text.encode("utf-8"))
    assert isinstance(source, SourceText)
    config = Config().with_overrides(select=("CLM",))
    ruleset = engine.build_ruleset(config, load_rule_dirs([default_rules_dir()]))
    context = engine.run_context(config, ("seeds.txt",), use_cache=False)
    doc = parse_document(source)
    doc.sentences  # noqa: B018 - sentence splitting is the document's cost, not the claim pass's
    started = time.perf_counter()
    hits = sum(1 for check in ruleset.checks for _ in check.run(doc, context))
    seconds = time.perf_counter() - started
    words = len(text.split())
    return f"claim pass: {words} words, {hits} hits, {seconds:.3f} s, {words / seconds:,.0f} words/s\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", choices=HALVES, help="also list the sentences this half gets wrong")
    parser.add_argument("halves", nargs="*", help="which halves to score: dev, heldout (default: both)")
    parser.add_argument("--speed", action="store_true", help="measure the claim pass's words per second instead")
    args = parser.parse_args(argv)
    if args.speed:
        sys.stdout.write(speed())
        return 0
    unknown = set(args.halves) - set(HALVES)
    if unknown:
        parser.error(f"unknown half: {', '.join(sorted(unknown))}")
    for name in args.halves or HALVES:
        examples = read_half(name)
        predictions = predict([example.sentence for example in examples])
        sys.stdout.write(table(name, examples, predictions) + "\n")
        if args.errors == name:
            sys.stdout.write(errors(examples, predictions) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
