"""Claim rules measured on third-party text: the claims-dev articles and the PubMed sentences.

    .venv/bin/python bench/claims_eval.py              # per-rule table + both scorers' summaries
    .venv/bin/python bench/claims_eval.py --list       # also the dev scorer's unlabelled findings and caught misses
    .venv/bin/python bench/claims_eval.py --own        # the old figures on our own sentence set (tests/data/claims)
    .venv/bin/python bench/claims_eval.py --speed      # words per second of the claim pack (parsing excluded)

The labelled sets live outside the project (never copied in): claims-dev is looked for in
$CLAIMLINT_CLAIMS_DEV, then in shared/claims-dev beside each parent folder of this checkout.
Labels we added for findings the dev labels do not cover live in bench/claims-dev-labels/*.jsonl
(position + label + why, no article text); they are joined into one file for the scorer's
--extra-labels. Per-rule figures use the scorer's own matching (its score.py is imported), so
they add up to its summary.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "claims"
LABELS_DIR = ROOT / "bench" / "claims-dev-labels"
HALVES = ("dev", "heldout")
# Which rule a MISS of each kind is the business of (for per-rule recall).
KIND_RULE = {
    "cure": "CLM101", "guarantee": "CLM102", "safety": "CLM103", "proof": "CLM104", "causal/efficacy": "CLM105",
    "superlative": "CLM106", "hype": "CLM107", "statistic": "CLM108", "testimonial": "CLM109", "urgency": "CLM110",
    "lab/animal": "CLM111", "bypass-doctor": "CLM112", "disclaimer": "DSC101",
}


def find_claims_dev() -> Path | None:
    env = os.environ.get("CLAIMLINT_CLAIMS_DEV")
    candidates = [Path(env)] if env else []
    candidates += [parent / "shared" / "claims-dev" for parent in ROOT.parents]
    return next((path for path in candidates if (path / "score.py").is_file()), None)


def claimlint_exe() -> str:
    local = Path(sys.executable).with_name("claimlint")
    return str(local) if local.exists() else "claimlint"


def joined_labels(into: Path, claims_dev: Path) -> Path:
    """Every bench/claims-dev-labels/*.jsonl in one file (the scorer takes one).

    Each label gets its article's class (careful or dubious, from the set's SOURCES.md) when it
    has none: the scorer's per-class lines, careful false alarms among them, count only labels
    that carry a class.
    """
    classes = {name: kind for kind, names in _load_scorer(claims_dev).article_classes(sorted(os.listdir(claims_dev / "articles"))).items() for name in names}
    lines = []
    for path in sorted(LABELS_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                label = json.loads(line)
                label.setdefault("class", classes.get(label.get("file", ""), ""))
                lines.append(json.dumps(label))
    into.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    return into


def _load_scorer(claims_dev: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("claims_dev_score", claims_dev / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def per_rule_table(claims_dev: Path, exe: str, extra: Path) -> str:
    """TP/FP/PARTIAL/JUDGEMENT of the labelled findings still found, unlabelled findings and recall, per rule."""
    score = _load_scorer(claims_dev)
    labels = [json.loads(line) for line in open(score.LABELS, encoding="utf-8") if line.strip()]
    labels += score.load_extra(str(extra))
    labelled = [label for label in labels if label["label"] != "MISS"]
    misses = [label for label in labels if label["label"] == "MISS"]
    current, _ = score.run_claimlint(exe)
    matches, taken = score.match_findings(labelled, current)
    counts: dict[str, Counter[str]] = {}
    for index in matches:
        counts.setdefault(labelled[index]["rule"], Counter())[labelled[index]["label"]] += 1
    disclaimer_finding = {c["file"]: j for j, c in enumerate(current) if c["rule"] == "DSC101"}
    covering: set[int] = set()
    for miss in misses:
        rule = KIND_RULE.get(miss.get("kind", ""), "?")
        tally = counts.setdefault(rule, Counter())
        tally["MISS"] += 1
        if miss.get("kind") == "disclaimer":
            caught = miss["file"] in disclaimer_finding
            if caught:
                covering.add(disclaimer_finding[miss["file"]])  # the file's DSC101 is what caught it, as the scorer counts
        else:
            hits = [j for j, c in enumerate(current) if c.get("category") == "claim" and c["file"] == miss["file"] and score.span_overlap(c, miss)]
            covering.update(hits[:1])  # the scorer lets the first covering finding stand for the miss
            caught = bool(hits)
        tally["CAUGHT"] += int(caught)
    for j, finding in enumerate(current):
        if j not in taken and j not in covering:
            counts.setdefault(finding["rule"], Counter())["UNLABELLED"] += 1
    all_tp = Counter(label["rule"] for label in labelled if label["label"] == "TP")
    rows = ["| rule | TP | FP | PARTIAL | JUDGEMENT | unlabelled | precision | misses caught | recall |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    total: Counter[str] = Counter()
    for rule in sorted(counts):
        c = counts[rule]
        total.update(c)
        total["ALL_TP"] += all_tp[rule]
        precision = c["TP"] / (c["TP"] + c["FP"]) if c["TP"] + c["FP"] else 0.0
        recall_den = all_tp[rule] + c["MISS"]
        recall = (c["TP"] + c["CAUGHT"]) / recall_den if recall_den else 0.0
        rows.append(f"| {rule} | {c['TP']} | {c['FP']} | {c['PARTIAL']} | {c['JUDGEMENT']} | {c['UNLABELLED']} | {precision:.2f} | {c['CAUGHT']}/{c['MISS']} | {recall:.2f} |")
    precision = total["TP"] / (total["TP"] + total["FP"]) if total["TP"] + total["FP"] else 0.0
    recall = (total["TP"] + total["CAUGHT"]) / (total["ALL_TP"] + total["MISS"]) if total["ALL_TP"] + total["MISS"] else 0.0
    rows.append(f"| **overall** | {total['TP']} | {total['FP']} | {total['PARTIAL']} | {total['JUDGEMENT']} | {total['UNLABELLED']} | {precision:.2f} | {total['CAUGHT']}/{total['MISS']} | {recall:.2f} |")
    return "\n".join(rows) + "\n"


def third_party(list_findings: bool) -> int:
    claims_dev = find_claims_dev()
    if claims_dev is None:
        sys.stderr.write("claims_eval: claims-dev not found (set CLAIMLINT_CLAIMS_DEV or put shared/claims-dev beside a parent folder); nothing measured\n")
        return 2
    exe = claimlint_exe()
    with tempfile.TemporaryDirectory() as work:
        extra = joined_labels(Path(work) / "extra-labels.jsonl", claims_dev)
        sys.stdout.write(f"## claims-dev ({claims_dev}), extra labels: {sum(1 for _ in extra.open())} from {LABELS_DIR.relative_to(ROOT)}/*.jsonl\n\n")
        sys.stdout.write(per_rule_table(claims_dev, exe, extra) + "\n")
        command = [sys.executable, str(claims_dev / "score.py"), exe, "--extra-labels", str(extra)] + (["--list"] if list_findings else [])
        sys.stdout.write(subprocess.run(command, capture_output=True, text=True, check=False).stdout + "\n")
    pubmed = claims_dev / "pubmed" / "score.py"
    if not pubmed.is_file():
        sys.stderr.write(f"claims_eval: {pubmed} not found; PubMed not measured\n")
        return 2
    sys.stdout.write("## PubMed conclusion sentences\n\n")
    sys.stdout.write(subprocess.run([sys.executable, str(pubmed), exe], capture_output=True, text=True, check=False).stdout)
    return 0


# --- our own sentence set (tests/data/claims), kept for comparison ---


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
    from claimlint import engine
    from claimlint.config import Config
    from claimlint.rulefile import default_rules_dir, load_rule_dirs
    from claimlint.source import SourceText, decode

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


def own_table(name: str) -> str:
    examples = read_half(name)
    predictions = predict([example.sentence for example in examples])
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for example, predicted in zip(examples, predictions):
        tp.update(predicted & example.kinds)
        fp.update(predicted - example.kinds)
        fn.update(example.kinds - predicted)
    t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision = t / (t + f) if t + f else 0.0
    recall = t / (t + n) if t + n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"own {name} set ({len(examples)} sentences, written by us): precision {precision:.2f} recall {recall:.2f} F1 {f1:.2f}\n"


def speed(repeat: int = 40) -> str:
    """Words per second of the CLM rules alone on the seeds joined `repeat` times: token layer and page type included, parsing and sentence splitting not."""
    import time

    from claimlint import engine
    from claimlint.config import Config
    from claimlint.document import parse_document
    from claimlint.rulefile import default_rules_dir, load_rule_dirs
    from claimlint.source import SourceText, decode

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in seeds * repeat)
    source = decode("seeds.txt", text.encode("utf-8"))
    assert isinstance(source, SourceText)
    config = Config().with_overrides(select=("CLM",))
    ruleset = engine.build_ruleset(config, load_rule_dirs([default_rules_dir()]))
    context = engine.run_context(config, ("seeds.txt",), use_cache=False)
    # Once-per-process work is not per-document work: the lexicon loads, and the rules'
    # patterns compile (on first use, patterns.py) on one pass over the seeds as their own document.
    warm_source = decode("warm.txt", "\n\n".join(path.read_text(encoding="utf-8") for path in seeds).encode("utf-8"))
    assert isinstance(warm_source, SourceText)
    warm = parse_document(warm_source)
    for check in ruleset.checks:
        list(check.run(warm, context))
    doc = parse_document(source)
    doc.sentences  # noqa: B018 - sentence splitting is the document's cost, not the claim pack's
    started, cpu_started = time.perf_counter(), time.process_time()
    hits = sum(1 for check in ruleset.checks for _ in check.run(doc, context))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    words = len(text.split())
    return f"claim pack: {words} words, {hits} hits, {seconds:.3f} s wall, {cpu:.3f} s CPU, {words / cpu:,.0f} words per CPU second\n"


def speed_articles() -> str:
    """Words per second of the CLM rules alone over the claims-dev articles, each its own document
    (real text: each article pays its own index, page type and token layer); parsing not timed."""
    import time

    from claimlint import engine
    from claimlint.config import Config
    from claimlint.document import Document, parse_document
    from claimlint.rulefile import default_rules_dir, load_rule_dirs
    from claimlint.source import SourceText, read_source

    claims_dev = find_claims_dev()
    if claims_dev is None:
        return "claims_eval: claims-dev not found (set CLAIMLINT_CLAIMS_DEV); nothing measured\n"
    paths = sorted(str(path) for path in (claims_dev / "articles").iterdir() if path.is_file())
    config = Config().with_overrides(select=("CLM",))
    ruleset = engine.build_ruleset(config, load_rule_dirs([default_rules_dir()]))
    context = engine.run_context(config, tuple(paths), use_cache=False)

    def documents() -> list[Document]:
        found = []
        for path in paths:
            source = read_source(path, 100_000_000)
            if isinstance(source, SourceText):
                found.append(parse_document(source))
                found[-1].sentences  # noqa: B018 - sentence splitting is the document's cost
        return found

    for doc in documents():  # once-per-process work (compiles, the lexicon) is not per-document work
        for check in ruleset.checks:
            list(check.run(doc, context))
    docs = documents()
    words = sum(len(doc.text.split()) for doc in docs)
    started, cpu_started = time.perf_counter(), time.process_time()
    hits = sum(1 for doc in docs for check in ruleset.checks for _ in check.run(doc, context))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return f"claim pack on {len(docs)} claims-dev articles: {words} words, {hits} hits, {seconds:.3f} s wall, {cpu:.3f} s CPU, {words / cpu:,.0f} words per CPU second\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--list", action="store_true", help="also print the dev scorer's unlabelled findings and caught misses")
    parser.add_argument("--own", action="store_true", help="score our own sentence set (tests/data/claims) instead")
    parser.add_argument("--speed", action="store_true", help="measure the claim pack's words per second instead")
    parser.add_argument("--speed-articles", action="store_true", help="the same over the claims-dev articles, each its own document")
    args = parser.parse_args(argv)
    if args.speed:
        sys.stdout.write(speed())
        return 0
    if args.speed_articles:
        sys.stdout.write(speed_articles())
        return 0
    if args.own:
        for name in HALVES:
            sys.stdout.write(own_table(name))
        return 0
    return third_party(args.list)


if __name__ == "__main__":
    raise SystemExit(main())
