"""The runner: results cache, process pool and progress give the same findings as a plain run."""

from __future__ import annotations

from pathlib import Path

from claimlint import engine, runner
from claimlint.cache import Cache
from claimlint.config import Config
from claimlint.rulefile import load_rule_file
from tests.conftest import FIXTURES

SPECS = load_rule_file(FIXTURES / "rules" / "golden.yaml")


def _corpus(folder: Path, count: int) -> list[str]:
    paths = []
    for index in range(count):
        path = folder / f"article{index:03d}.md"
        path.write_text(f"# Article {index}\n\nThis cures {index} things.\nWe utilize tools.\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def _run(paths: list[str], **options: object) -> engine.RunResult:
    config = Config()
    ruleset = engine.build_ruleset(config, SPECS)
    context = engine.run_context(config, paths, use_cache=False)
    ruleset, _ = engine.prepare_ruleset(ruleset, context)
    return runner.run(paths, ruleset, context, config, **options)  # type: ignore[arg-type]


def test_pool_gives_the_same_findings_as_a_serial_run(tmp_path: Path) -> None:
    paths = _corpus(tmp_path, runner.POOL_THRESHOLD * 2)
    serial = _run(paths, jobs=1)
    pooled = _run(paths, jobs=2)
    assert len(serial.findings) == 2 * len(paths)
    assert pooled.findings == serial.findings


def test_a_finding_with_every_field_set_crosses_a_pickle_whole() -> None:
    """What a worker sends the parent: each field back in its place, related places and data included."""
    import pickle

    from claimlint.finding import Category, Finding, RelatedLocation, Severity

    finding = Finding(
        "a.md", 2, 5, 3, 1, "DUP101", "copy", Category.BOILERPLATE, Severity.WARNING, "Also in b.md:7", "the sentence",
        suggestion="Rewrite it", context="Before. The sentence", related=(RelatedLocation("b.md", 7, 3, "similarity 0.90"), RelatedLocation("c.md", 1)),
        data=(("similarity", 0.9), ("places", 2)), offset=12, end_offset=40,
    )
    back = pickle.loads(pickle.dumps(finding, pickle.HIGHEST_PROTOCOL))
    assert back == finding and back.related[0].note == "similarity 0.90" and (back.offset, back.end_offset) == (12, 40)
    assert pickle.loads(pickle.dumps(finding.related[1])) == RelatedLocation("c.md", 1, 1, "")


def test_cache_returns_identical_findings_and_relints_a_changed_file(tmp_path: Path) -> None:
    paths = _corpus(tmp_path, 5)
    cache = Cache(tmp_path / "cache")
    first = _run(paths, jobs=1, cache=cache)
    assert any((tmp_path / "cache" / "results").rglob("*"))
    second = _run(paths, jobs=1, cache=cache)
    assert second.findings == first.findings
    assert [f.context for f in second.findings] == [f.context for f in first.findings]

    Path(paths[0]).write_text("# Article 0\n\nNothing here now.\n", encoding="utf-8")
    third = _run(paths, jobs=1, cache=cache)
    assert [f for f in third.findings if f.path == paths[0]] == []
    assert [f for f in third.findings if f.path != paths[0]] == [f for f in first.findings if f.path != paths[0]]


def test_corrupt_cache_entries_are_ignored_and_rewritten(tmp_path: Path) -> None:
    paths = _corpus(tmp_path, 3)
    cache = Cache(tmp_path / "cache")
    first = _run(paths, jobs=1, cache=cache)
    for entry in (tmp_path / "cache" / "results").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"\x00not json")
    assert _run(paths, jobs=1, cache=cache).findings == first.findings


def test_progress_counts_every_file(tmp_path: Path) -> None:
    paths = _corpus(tmp_path, 4)
    seen: list[tuple[int, int]] = []
    _run(paths, jobs=1, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)


def test_cached_boilerplate_findings_follow_the_rest_of_the_corpus(tmp_path: Path) -> None:
    """An unchanged article's cached results are not reused once another article of the corpus changes."""
    from tests.conftest import default_checks

    shared = "Walking every day keeps the joints moving and lifts the mood of most people we see."
    (tmp_path / "a.txt").write_text(f"Article a says this.\n\n{shared}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Article b says something else entirely, in words of its own today.\n", encoding="utf-8")
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    config = Config(select=("DUP101",))
    ruleset = engine.build_ruleset(config, default_checks())
    cache = Cache(tmp_path / "cache")

    def run() -> engine.RunResult:  # as the CLI does: each run has its context and prepares its checks
        context = engine.run_context(config, paths, use_cache=False)
        prepared, _ = engine.prepare_ruleset(ruleset, context)
        return runner.run(paths, prepared, context, config, jobs=1, cache=cache)

    assert run().findings == ()
    (tmp_path / "b.txt").write_text(f"Article b copies a.\n\n{shared}\n", encoding="utf-8")
    again = run()
    assert {f.path for f in again.findings} == set(paths)


def test_equal_parts_of_findings_are_kept_once_and_types_stay_apart() -> None:
    from claimlint.finding import Category, Finding, RelatedLocation, Severity

    def made(data: tuple[tuple[str, object], ...], note: str) -> Finding:
        # Each part built afresh, as unpickling a worker's results gives them.
        related = (RelatedLocation("".join("b.md"), 3, 1, "".join(note)),)
        sentence = " ".join(["The", "same", "sentence."])
        return Finding(
            "".join("a.md"), 1, 1, 1, 5, "DUP101", "copy", Category.BOILERPLATE, Severity.INFO, f"Repeated: {sentence}", sentence,
            context=" ".join([sentence, "Around it."]), related=related, data=data,
        )

    first = made((("similarity", float("0.75")), ("places", 2)), "similarity 0.75")
    second = made((("similarity", float("0.75")), ("places", 2)), "similarity 0.75")
    whole_number = made((("similarity", 1), ("places", 2)), "n")
    whole_float = made((("similarity", 1.0), ("places", 2)), "n")
    listed = made((("hardest", [3, 9]),), "n")
    kept = runner.shared_parts((first, second, whole_number, whole_float, listed), {})
    assert kept == (first, second, whole_number, whole_float, listed)
    assert kept[1].data is kept[0].data and kept[1].related[0] is kept[0].related[0]
    assert all(getattr(kept[1], name) is getattr(kept[0], name) for name in ("path", "message", "excerpt", "context"))
    assert first.excerpt is not second.excerpt  # the test's own premise: built apart
    assert kept[2].data is not kept[3].data and type(kept[3].data[0][1]) is float
    assert kept[4].data is listed.data


def test_findings_past_the_loose_limit_are_packed_and_read_back_in_report_order(tmp_path: Path) -> None:
    from claimlint import packed
    from claimlint.reporters import ReportSettings, renderer

    paths = _corpus(tmp_path, 9)
    paths = paths[4:] + paths[:4]  # given out of order: the report is by path all the same
    loose = _run(paths, jobs=1)
    kept = _run(paths, jobs=1, loose=5)  # the first two files' findings stay objects, the next ones are packed
    assert isinstance(loose.findings, tuple) and isinstance(kept.findings, packed.Findings)
    assert len(kept.findings) == len(loose.findings) == 18
    assert list(kept.findings) == list(loose.findings) and kept.findings == loose.findings
    assert [f.sort_key for f in kept.findings] == sorted(f.sort_key for f in loose.findings)
    assert [kept.findings[index] for index in (0, 7, 8, -1)] == [loose.findings[index] for index in (0, 7, 8, -1)]
    assert kept.findings[3:11] == loose.findings[3:11]
    settings = ReportSettings(statistics=True)
    assert renderer("text")(kept, settings) == renderer("text")(loose, settings)

    cache = Cache(tmp_path / "cache")
    _run(paths, jobs=1, cache=cache, loose=0)
    from_cache = _run(paths, jobs=1, cache=cache, loose=0)  # every file's findings read from the cache, then packed
    assert isinstance(from_cache.findings, packed.Findings) and from_cache.findings == loose.findings


def test_packed_boilerplate_findings_keep_their_places_data_and_offsets(tmp_path: Path) -> None:
    from tests.conftest import default_checks

    shared = "Walking every day keeps the joints moving and lifts the mood of most people we see."
    for name in ("c", "a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"Article {name} starts here.\n\n{shared}\n", encoding="utf-8")
    paths = [str(tmp_path / f"{name}.txt") for name in ("c", "a", "b")]
    config = Config(select=("DUP101",))
    context = engine.run_context(config, paths, use_cache=False)
    ruleset, _ = engine.prepare_ruleset(engine.build_ruleset(config, default_checks()), context)
    loose = runner.run(paths, ruleset, context, config, jobs=1).findings
    kept = runner.run(paths, ruleset, context, config, jobs=1, loose=0).findings
    assert [(Path(f.path).name, f.line, f.column, len(f.related)) for f in loose] == [("a.txt", 3, 1, 2), ("b.txt", 3, 1, 2), ("c.txt", 3, 1, 2)]
    assert all(f.data and f.offset for f in loose)
    assert kept == loose  # every field: related places and notes, data, context, offsets
