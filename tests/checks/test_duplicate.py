"""`duplicate` rules over a corpus: copied passages, templated openers, repeats, exemptions, the cached index."""

from __future__ import annotations

import os
import subprocess
import sys
from array import array

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from claimlint import engine, runner
from claimlint.checks.duplicate import query, sketch, snapshot, store
from claimlint.cache import Cache
from claimlint.config import Config, ConfigError, load_config
from claimlint.document import parse_document
from claimlint.source import decode, read_source
from claimlint.finding import Finding
from claimlint.spec import RuleFileError
from claimlint.rulefile import load_rule_file
from tests.conftest import ROOT, typed_settings

SPECS = [spec for path in sorted((ROOT / "rules" / "boilerplate").glob("*.yaml")) for spec in load_rule_file(path)]

SHARED = "Walking every day after surgery helps your blood flow and lowers the risk of clots in the legs."
SHARED_2 = "Most people can go back to light work two weeks after the operation if the wound heals well."
OPENER = "In conclusion, minimally invasive spine surgery offers"
DISCLAIMER = "This article is for informational purposes only and is not a substitute for professional medical advice."


def lint(files: dict[str, str], check: list[str] | None = None, settings: dict[str, Any] | None = None, cache: bool = False, jobs: int = 1) -> list[Finding]:
    """Write the articles in the current folder and lint `check` (default: all) against all of them."""
    for name, text in files.items():
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(text, encoding="utf-8")
    config = Config(root=Path.cwd(), settings={"duplicate": settings or {}}, corpus=tuple(files))
    ruleset = engine.build_ruleset(config, SPECS)
    targets = check or list(files)
    context = engine.run_context(config, targets, use_cache=cache)
    ruleset, _ = engine.prepare_ruleset(ruleset, context)
    return list(runner.run(targets, ruleset, context, config, jobs=jobs).findings)


def summary(findings: list[Finding]) -> list[tuple[str, str, int, int, int, int]]:
    return [(f.rule, f.path, f.line, f.column, f.end_line, f.end_column) for f in findings]


def test_a_sentence_copied_from_another_article_names_it(in_tmp: Path) -> None:
    findings = lint(
        {"a.txt": f"Our clinic helps people heal. {SHARED}\n", "b.txt": f"Rest at home for a day.\n\n{SHARED} Call us with questions.\n"},
        check=["a.txt"],
    )
    start = len("Our clinic helps people heal. ") + 1
    assert summary(findings) == [("DUP101", "a.txt", 1, start, 1, start + len(SHARED))]
    finding = findings[0]
    assert finding.message == (
        "This sentence also stands in 1 other article: b.txt:3 (similarity 1.00). "
        "Rewrite it for this article, or make it a shared block."
    )
    assert [(r.path, r.line, r.column) for r in finding.related] == [("b.txt", 3, 1)]
    assert dict(finding.data)["similarity"] == 1.0


def test_consecutive_copied_sentences_make_one_finding(in_tmp: Path) -> None:
    findings = lint({"a.txt": f"{SHARED} {SHARED_2}\n", "b.txt": f"Intro text here.\n\n{SHARED} {SHARED_2}\n"}, check=["a.txt"])
    assert summary(findings) == [("DUP101", "a.txt", 1, 1, 1, len(SHARED) + len(SHARED_2) + 2)]
    assert findings[0].message.startswith("These 2 sentences also stand in 1 other article: b.txt:3 (similarity 1.00)")


def test_a_near_copy_is_found_and_a_different_sentence_is_not(in_tmp: Path) -> None:
    near = SHARED.replace("lowers", "cuts")
    different = "Walking is good for you, and most patients enjoy short trips around the garden after lunch."
    findings = lint({"a.txt": f"{near}\n\n{different}\n", "b.txt": f"{SHARED}\n"}, check=["a.txt"])
    assert [(f.rule, f.line) for f in findings] == [("DUP101", 1)]
    assert dict(findings[0].data)["similarity"] == pytest.approx(13 / 19, abs=0.001)


def test_a_sentence_repeated_inside_one_article(in_tmp: Path) -> None:
    findings = lint({"a.md": f"# Care\n\n{SHARED}\n\nSomething else entirely is said here today.\n\n{SHARED}\n"})
    assert summary(findings) == [("DUP101", "a.md", 7, 1, 7, len(SHARED) + 1)]
    assert "also stands in line 3 of this article" in findings[0].message


def test_templated_opener_shared_with_other_articles(in_tmp: Path) -> None:
    files = {
        "a.txt": f"{OPENER} a multitude of benefits that directly improve joint health.\n",
        "b.txt": f"Intro.\n\n{OPENER} numerous benefits that extend beyond the operating room.\n",
        "c.txt": f"{OPENER} a cutting-edge approach to pain management.\n",
    }
    findings = lint(files, check=["a.txt"])
    assert summary(findings) == [("DUP102", "a.txt", 1, 1, 1, len(OPENER) + 1)]
    assert findings[0].message == (
        f"'{OPENER}' is a templated opener: sentences in 2 other articles: b.txt:3, c.txt:1 open the same way. "
        "Say it the way this article needs."
    )
    assert [r.path for r in findings[0].related] == ["b.txt", "c.txt"]


def test_many_places_are_counted_and_three_named(in_tmp: Path) -> None:
    files = {f"{name}.txt": f"{SHARED}\n" for name in "abcdef"}
    findings = lint(files, check=["a.txt"])
    assert findings[0].message.startswith("This sentence also stands in 5 other articles: b.txt:1, c.txt:1, d.txt:1 and 2 more")
    assert len(findings[0].related) == 3 and dict(findings[0].data)["places"] == 5


def test_the_articles_own_earlier_place_is_named_after_the_first_others_in_report_order(in_tmp: Path) -> None:
    """z.txt sorts after the five other articles: its own earlier sentence is still named and
    counted, though only the first three others are (the rules keep those and a count, not a
    sorted list of every place)."""
    endings = ["numerous benefits that extend beyond the operating room.", "a cutting-edge approach to pain management.", "faster recovery with smaller scars for most adults."]
    files = {f"{name}.txt": f"Intro {name} here.\n\n{SHARED}\n\n{OPENER} {endings[number % 3]}\n" for number, name in enumerate("abcde")}
    files["z.txt"] = f"{SHARED}\n\nIn between.\n\n{SHARED}\n\n{OPENER} a new life for people with back pain.\n\n{OPENER} many benefits for older adults.\n"
    findings = lint(files, check=["z.txt"])
    assert [(f.rule, f.line, dict(f.data)["places"], [r.path for r in f.related]) for f in findings] == [
        ("DUP101", 1, 5, ["a.txt", "b.txt", "c.txt"]),
        ("DUP101", 5, 6, ["a.txt", "b.txt", "c.txt"]),
        ("DUP102", 7, 5, ["a.txt", "b.txt", "c.txt"]),
        ("DUP102", 9, 6, ["a.txt", "b.txt", "c.txt"]),
    ]
    assert "5 other articles: a.txt:3, b.txt:3, c.txt:3 and 2 more and line 1 of this article (similarity 1.00)" in findings[1].message
    assert "5 other articles: a.txt:5, b.txt:5, c.txt:5 and 2 more and line 7 of this article open the same way" in findings[3].message


def test_a_shared_disclaimer_is_not_boilerplate(in_tmp: Path) -> None:
    files = {
        "a.txt": f"Knee pain is common.\n\n{DISCLAIMER} Always ask your doctor about your own health and your own medicines.\n",
        "b.txt": f"Hip pain is common too.\n\n{DISCLAIMER} Always ask your doctor about your own health and your own medicines.\n",
    }
    assert lint(files) == []


def test_configured_exempt_files_and_patterns(in_tmp: Path) -> None:
    files = {"a.txt": f"{SHARED}\n", "b.txt": f"{SHARED}\n", "shared/walking.txt": f"{SHARED}\n"}
    assert [f.rule for f in lint(files, check=["a.txt"])] == ["DUP101"]
    assert lint(files, check=["a.txt"], settings={"exempt_files": ["shared/walking.txt"]}) == []
    assert lint(files, check=["a.txt"], settings={"extend_exempt_patterns": ["blood flow"]}) == []


def test_corpus_globs_come_from_the_config_relative_to_its_folder(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (in_tmp / "site" / "articles").mkdir(parents=True)
    (in_tmp / "site" / "articles" / "old.md").write_text(f"{SHARED}\n", encoding="utf-8")
    (in_tmp / "site" / "articles" / "notes.csv").write_text(f"{SHARED}\n", encoding="utf-8")
    (in_tmp / "site" / "new.md").write_text(f"{SHARED}\n", encoding="utf-8")
    config = Config(root=in_tmp / "site", corpus=("articles/**/*",))
    assert engine.corpus_paths(config, ["site/new.md"]) == ("site/new.md", "site/articles/old.md")
    assert engine.corpus_paths(Config(root=in_tmp), ["x.md"]) == ("x.md",)  # no corpus configured: the run's files


def _rows(index: store.CorpusIndex) -> list[tuple[object, ...]]:
    """Every indexed sentence of the run's corpus, by path: what queries can see."""
    query = "SELECT u.file, u.line, u.col, u.exempt, g.sketch, g.opener, g.words FROM units u JOIN groups g USING (fingerprint)"
    rows = index.connection().execute(query)
    return sorted((index.paths_by_id[row[0]], *row[1:]) for row in rows if row[0] in index.paths_by_id)


def test_the_index_is_kept_on_disk_and_only_changed_articles_are_read_again(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in "abc":
        Path(f"{name}.txt").write_text(f"Article {name} starts here with its own words. {SHARED}\n", encoding="utf-8")
    analyzed: list[str] = []
    real_analyze = store._analyze
    monkeypatch.setattr(store, "_analyze", lambda job: analyzed.append(job[0]) or real_analyze(job))
    cache = Cache(in_tmp / ".cache")
    paths = ["a.txt", "b.txt", "c.txt"]
    first = _rows(store.build_index(paths, sketch.IndexSettings(), cache, workers=1))
    assert analyzed == paths
    Path("b.txt").write_text(f"Article b was edited. {SHARED_2}\n", encoding="utf-8")
    os.utime("c.txt", (1, 1))  # touched, same content: read and hashed, not parsed again
    analyzed.clear()
    second = _rows(store.build_index(paths, sketch.IndexSettings(), cache, workers=1))
    assert analyzed == ["b.txt"]
    assert [row for row in second if row[0] != "b.txt"] == [row for row in first if row[0] != "b.txt"]
    assert [row for row in second if row[0] == "b.txt"] != [row for row in first if row[0] == "b.txt"]
    analyzed.clear()
    store.build_index(paths, sketch.IndexSettings(shingle=4), cache, workers=1)
    assert analyzed == paths  # other settings, another index
    assert second == _rows(store.build_index(paths, sketch.IndexSettings(), None, workers=1))  # the cache changes nothing


def test_a_damaged_index_is_rebuilt(in_tmp: Path) -> None:
    Path("a.txt").write_text(f"{SHARED}\n", encoding="utf-8")
    cache = Cache(in_tmp / ".cache")
    expected = _rows(store.build_index(["a.txt"], sketch.IndexSettings(), cache, workers=1))
    (database,) = (in_tmp / ".cache" / "corpus").glob("*.sqlite3")
    database.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(str(database) + suffix).unlink(missing_ok=True)
    assert _rows(store.build_index(["a.txt"], sketch.IndexSettings(), cache, workers=1)) == expected


def test_a_locked_index_is_never_taken_for_damaged(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # "database is locked" is an OperationalError, a kind of DatabaseError: a run that met
    # another run's lock deleted that run's index as damaged, and the other got "disk I/O error".
    import sqlite3

    Path("a.txt").write_text(f"{SHARED}\n", encoding="utf-8")
    cache = Cache(in_tmp / ".cache")
    expected = _rows(store.build_index(["a.txt"], sketch.IndexSettings(), cache, workers=1))
    (database,) = (in_tmp / ".cache" / "corpus").glob("*.sqlite3")
    kept = database.read_bytes()

    def locked(path: str) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database is locked")

    with monkeypatch.context() as patched:
        patched.setattr(store, "_connect", locked)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            store.build_index(["a.txt"], sketch.IndexSettings(), cache, workers=1)
    assert database.read_bytes() == kept
    assert _rows(store.build_index(["a.txt"], sketch.IndexSettings(), cache, workers=1)) == expected


def test_no_cache_writes_nothing(in_tmp: Path) -> None:
    lint({"a.txt": f"{SHARED}\n", "b.txt": f"{SHARED}\n"}, cache=False)
    assert not (in_tmp / ".claimlint_cache").exists()
    lint({"a.txt": f"{SHARED}\n", "b.txt": f"{SHARED}\n"}, cache=True)
    assert list((in_tmp / ".claimlint_cache" / "corpus").glob("*.sqlite3"))


def test_worker_processes_build_the_same_index(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = []
    for number in range(6):
        Path(f"{number}.md").write_text(f"# Article {number}\n\nNumber {number} has some words of its own here. {SHARED}\n", encoding="utf-8")
        paths.append(f"{number}.md")
    monkeypatch.setattr(store, "PARALLEL_FROM", 2)
    pooled = _rows(store.build_index(paths, sketch.IndexSettings(), None, workers=2))
    assert pooled and pooled == _rows(store.build_index(paths, sketch.IndexSettings(), None, workers=1))


def test_similarity_is_exact_for_short_sentences_and_lsh_finds_copies() -> None:
    settings = sketch.IndexSettings()
    short = [sketch.Unit(0, 1, 1, 1, values, (), 0, False, 8) for values in ((1, 2, 3, 4), (3, 4, 5, 6))]
    assert sketch.similarity(short[0], short[1], settings) == pytest.approx(2 / 6)
    long = [sketch.Unit(0, 1, 1, 1, tuple(range(start, start + 16)), (), 0, False, 40) for start in (0, 8)]
    assert sketch.similarity(long[0], long[1], settings) == pytest.approx(8 / 16)  # the bottom-16 of the union: 0..15
    words = sketch.normalized_words(SHARED)
    changed = sketch.normalized_words(SHARED.replace("lowers", "cuts"))
    first, second = sketch.shingle_hashes(words, 3), sketch.shingle_hashes(changed, 3)
    assert len(first & second) / len(first | second) == pytest.approx(13 / 19)  # one word of 18 changed
    assert set(sketch.band_keys(first, 4)) & set(sketch.band_keys(second, 4))  # they meet in the index


# Sketches drawn from a small pool (so pairs overlap at every size) that also holds the table's
# and the units' pad values: a real hash equal to a pad must not change which pairs pass.
_POOL = st.sampled_from([*range(40), 0xFFFFFFFF, 0xFFFFFFFE])
_SKETCHES = st.lists(st.lists(_POOL, min_size=1, max_size=16, unique=True).map(sorted), min_size=1, max_size=12)


@hypothesis_settings(max_examples=300, deadline=None)
@given(units=_SKETCHES, groups=_SKETCHES, threshold=st.sampled_from([0.6, 0.3, 1.0]), limit=st.integers(1, 20), data=st.data())
def test_the_sketch_table_gives_the_bound_and_the_similarities_of_the_python_code(
    units: list[list[int]], groups: list[list[int]], threshold: float, limit: int, data: st.DataObject
) -> None:
    settings = sketch.IndexSettings()
    # Word counts on both sides of `whole`: 8 words hold all their 6 shingles in the sketch, 30 do not.
    mine = [sketch.Unit(0, 1, 1, 1, tuple(values), (), 0, False, data.draw(st.sampled_from([8, 18, 30]))) for values in units]
    everything = {1000 + n: query.Group(1000 + n, array("I", values), data.draw(st.sampled_from([8, 18, 30])), 0, False, 1) for n, values in enumerate(groups)}
    table = sketch.SketchTable(settings, limit)
    table.place(list(everything)[:limit], everything)  # earlier rows, maybe started again below
    wanted = [fp for n, fp in enumerate(everything) if n % 2 == 0 or len(groups) <= limit]
    table.place(wanted, everything)
    assert set(wanted) <= set(table.rows)
    candidates = [data.draw(st.lists(st.sampled_from(wanted), unique=True)) for _ in mine]
    rows = [[table.rows[fp] for fp in fps] for fps in candidates]
    kept = sorted((n, table.fingerprints[row]) for n, row in table.reachable(mine, [found + [-1] for found in rows], threshold))  # -1: no row
    expected = [(n, fp) for n, fps in enumerate(candidates) for fp in sorted(fps) if sketch.may_reach(set(mine[n].sketch), everything[fp].sketch, threshold)]
    assert kept == expected
    assert table.similarities(mine, rows) == [[sketch.similarity(unit, everything[fp], settings) for fp in fps] for unit, fps in zip(mine, candidates)]


def test_findings_are_the_same_when_numpy_bounds_the_pairs(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A process past query.VECTORIZE_FROM pairs compares them with numpy: the findings do not change."""
    words = "patients who walk every morning after knee surgery often recover their balance sooner than those who rest in bed".split()
    articles = {}
    for number in range(12):
        changed = [f"w{number}x{position}" if (position * 7 + number) % 12 < number % 6 else word for position, word in enumerate(words)]
        short = " ".join(changed[: 8 + number % 5])
        articles[f"{number:02d}.txt"] = f"{' '.join(changed).capitalize()}. {short.capitalize()}. {SHARED}\n"
    python_bound = lint(articles)
    monkeypatch.setattr(query, "VECTORIZE_FROM", 0)
    numpy_bound = lint(articles)
    assert numpy_bound == python_bound
    similarities = {dict(finding.data)["similarity"] for finding in python_bound if finding.rule == "DUP101"}
    assert 1.0 in similarities and len(similarities) > 2  # copies and near copies of several degrees


_COPY = st.tuples(st.integers(0, 7), st.integers(1, 6), st.integers(1, 3))  # file id, line, column


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    groups=st.dictionaries(st.integers(1, 30), st.lists(_COPY, max_size=12).map(sorted), max_size=8),
    asked=st.lists(st.tuples(st.integers(1, 32), st.sampled_from([0.25, 0.5, 0.75, 1.0])), max_size=10, unique_by=lambda pair: pair[0]),
    keep=st.integers(1, 5),
)
def test_copies_as_arrays_answer_as_copies_as_lists(groups: dict[int, list[tuple[int, int, int]]], asked: list[tuple[int, float]], keep: int) -> None:
    """Each article's first copy (lowest line, the last of equal lines in group order), the count
    and the best score; each group's copies in order: the same from numpy arrays as from lists."""
    import numpy

    from claimlint.checks.duplicate.copies import ArrayCopies, ListedCopies

    paths = {file_id: f"{'ba'[file_id % 2]}/{7 - file_id}.md" for file_id in range(8)}  # path order is not file id order
    ranks = numpy.argsort(numpy.argsort([paths[file_id] for file_id in range(8)]))
    rows = [row for fp_rows in groups.values() for row in fp_rows]
    table = numpy.array(rows, numpy.int32).reshape(len(rows), 3)
    arrays = ArrayCopies(list(groups), [len(fp_rows) for fp_rows in groups.values()], table[:, 0], table[:, 1], table[:, 2], paths, ranks)
    lists = ListedCopies({fp: [(paths[file_id], line, column) for file_id, line, column in fp_rows] for fp, fp_rows in groups.items()})
    fps, scores = [fp for fp, _ in asked], [score for _, score in asked]
    assert arrays.first_per_article(fps, scores, keep) == lists.first_per_article(fps, scores, keep)
    assert [(arrays.count(fp), list(arrays.named(fp))) for fp in range(33)] == [(lists.count(fp), list(lists.named(fp))) for fp in range(33)]


def test_findings_are_the_same_when_a_snapshot_of_the_index_answers(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A process past query.SNAPSHOT_FROM documents reads groups and copies from arrays, not SQLite: the findings do not change."""
    words = "readers who stretch before a long run often feel less stiff the next morning than those who skip it".split()
    articles = {}
    for number in range(10):
        changed = [f"v{number}y{position}" if (position * 5 + number) % 10 < number % 4 else word for position, word in enumerate(words)]
        tail = " ".join(f"t{number}z{position}" for position in range(6))  # a templated opening, then words of its own
        articles[f"{number:02d}.txt"] = f"{' '.join(changed).capitalize()}. In short, this plan of ours works for {tail}. {SHARED}\n"
    from_sqlite = lint(articles)
    monkeypatch.setattr(query, "SNAPSHOT_FROM", 0)
    taken: list[object] = []
    read_snapshot = snapshot.read_snapshot
    monkeypatch.setattr(snapshot, "read_snapshot", lambda *given, **options: taken.append(read_snapshot(*given, **options)) or taken[-1])
    from_arrays = lint(articles)
    assert taken, "the snapshot answered"
    assert from_arrays == from_sqlite
    assert {finding.rule for finding in from_sqlite} >= {"DUP101", "DUP102"}


@pytest.mark.skipif(sys.platform == "win32", reason="workers are forked where the platform can")
def test_a_pool_s_workers_share_the_snapshot_their_parent_read_before_forking(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers that will each query more than query.SNAPSHOT_FROM documents inherit one snapshot,
    read by the parent before they fork (none of their own), and the findings do not change."""
    articles = {f"{number:02d}.txt": f"Article {number} opens with words of its own, {number} of them. {SHARED}\n" for number in range(runner.POOL_THRESHOLD + 6)}
    from_sqlite = lint(articles)
    monkeypatch.setattr(query, "SNAPSHOT_FROM", 5)
    readers = Path("readers.txt")
    read_snapshot = snapshot.read_snapshot

    def counted(*given: Any, **options: Any) -> snapshot.Snapshot:
        with readers.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        return read_snapshot(*given, **options)

    monkeypatch.setattr(snapshot, "read_snapshot", counted)
    pooled = lint(articles, jobs=2)
    assert readers.read_text(encoding="utf-8").split() == [str(os.getpid())]
    assert pooled == from_sqlite and len(from_sqlite) == len(articles)


def test_an_interrupt_as_a_pooled_build_gives_memory_back_leaves_no_temporary_index(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ctrl-C or SIGTERM (a KeyboardInterrupt) landing in the collection after a large build:
    the temporary index already has its owner, so its folder goes."""
    import tempfile

    temporary = in_tmp / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    paths = []
    for number in range(store.PARALLEL_FROM):
        Path(f"{number}.txt").write_text(f"Article {number} has a first sentence of its own, {number} in all. {SHARED}\n", encoding="utf-8")
        paths.append(f"{number}.txt")

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "give_back_freed_memory", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.build_index(paths, sketch.IndexSettings(), None, workers=2)
    assert list(temporary.iterdir()) == []


def test_an_article_changed_after_it_was_hashed_is_left_out_of_the_build(in_tmp: Path) -> None:
    """The index's workers read each article again (the parent keeps no site's bytes): one that no
    longer has the content hashed is not stored under that hash."""
    import hashlib

    Path("a.txt").write_text(f"{SHARED}\n", encoding="utf-8")
    content_hash = hashlib.sha256(Path("a.txt").read_bytes()).hexdigest()
    settings = sketch.IndexSettings()
    units = store._analyze(("a.txt", content_hash, settings))
    assert units is not None and [unit.line for unit in units] == [1]
    Path("a.txt").write_text(f"{SHARED_2}\n", encoding="utf-8")
    assert store._analyze(("a.txt", content_hash, settings)) is None
    Path("a.txt").unlink()
    assert store._analyze(("a.txt", content_hash, settings)) is None


def test_a_snapshot_holds_every_group_row_and_copy_the_index_does(in_tmp: Path) -> None:
    paths = []
    for number in range(4):
        Path(f"{number}.txt").write_text(f"Article number {number} has a first sentence of its own here.\n\n{SHARED}\n\n{SHARED}\n", encoding="utf-8")
        paths.append(f"{number}.txt")
    index = store.build_index(paths, sketch.IndexSettings(), None, workers=1)
    connection = index.connection()
    taken = snapshot.read_snapshot(connection, sketch.IndexSettings())
    groups = connection.execute("SELECT fingerprint, sketch, words, opener, exempt, files FROM groups ORDER BY fingerprint DESC").fetchall()
    wanted = [row[0] for row in groups] + [12345]  # a fingerprint the index does not hold
    rows, missing = taken.groups(wanted)
    assert rows == groups and missing == [12345]
    copies = connection.execute("SELECT fingerprint, file, line, col FROM units ORDER BY fingerprint, file, line, col").fetchall()
    left_out = frozenset({index.file_ids["0.txt"]})
    expected: dict[int, list[tuple[str, int, int]]] = {}
    for fp, file_id, line, column in copies:
        if file_id not in left_out:
            expected.setdefault(fp, []).append((index.paths_by_id[file_id], line, column))
    import numpy

    kept_files = numpy.array([file_id not in left_out for file_id in range(max(index.paths_by_id) + 1)])
    counts, files, lines, columns, absent = taken.copies_of(wanted, kept_files)
    cut = iter(zip([index.paths_by_id[file_id] for file_id in files.tolist()], lines.tolist(), columns.tolist()))
    named = {fp: [next(cut) for _ in range(count)] for fp, count in zip(wanted, counts.tolist())}
    assert {fp: copies for fp, copies in named.items() if copies} == expected and absent == [12345]
    assert max(map(len, expected.values())) == 6  # the shared sentence: twice in each of the 3 articles left
    assert len(expected) == 4  # 0.txt's own first sentence has no copy left


@pytest.mark.parametrize(
    ("body", "problem"),
    [("match: clone\n", "unknown match 'clone'"), ("threshold: 1.5\n", "threshold must be above 0"), ("max_places: 0\n", "max_places must be at least 1")],
)
def test_bad_rule_options_fail_at_load(tmp_path: Path, body: str, problem: str) -> None:
    rule = "code: TST301\nname: t\ntype: duplicate\ncategory: boilerplate\nseverity: info\nmessage: m\nrationale: r\nexamples: {fail: [x]}\n"
    (tmp_path / "r.yaml").write_text(rule + body, encoding="utf-8")
    with pytest.raises(RuleFileError, match=problem):
        load_rule_file(tmp_path / "r.yaml")


@pytest.mark.parametrize(
    ("section", "problem"),
    [
        ("    shingles: 3\n", "claimlint.yaml:4: unknown key 'settings.duplicate.shingles' (did you mean 'shingle'?)"),
        ("    min_words: 0\n", "claimlint.yaml:4: settings.duplicate.min_words must be a positive whole number"),
        ("    bands: 17\n", "claimlint.yaml:4: settings.duplicate.bands is at most 16"),
        ("    sketch: 16\n    exempt_patterns: ['(unclosed']\n", "claimlint.yaml:5: settings.duplicate.exempt_patterns: "),
    ],
)
def test_bad_settings_are_config_errors_at_their_line(in_tmp: Path, section: str, problem: str) -> None:
    """Found when the config loads (exit 2), not when the rules run (a notice and exit 0)."""
    (in_tmp / "claimlint.yaml").write_text("corpus: []\nsettings:\n  duplicate:\n" + section, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(in_tmp / "claimlint.yaml")
    assert str(raised.value).startswith(problem.replace("claimlint.yaml", str(in_tmp / "claimlint.yaml")))


def test_a_site_wide_template_is_counted_without_fetching_every_copy(in_tmp: Path) -> None:
    """Past max_postings sentences an opener is a site-wide template: a sample is named, every article counted."""
    files = {
        f"{number}.txt": f"{OPENER} {topic} to patients who need it, with {number} weeks of rest and care.\n"
        for number, topic in enumerate(["relief", "comfort", "speed", "hope", "choice", "less pain"])
    }
    findings = lint(files, check=["0.txt"], settings={"max_postings": 3})
    (finding,) = [f for f in findings if f.rule == "DUP102"]
    assert finding.message.startswith(f"'{OPENER}' is a templated opener: sentences in 5 other articles: 1.txt:1, 2.txt:1, 3.txt:1 and 2 more")
    uncapped = [f for f in lint(files, check=["0.txt"]) if f.rule == "DUP102"]
    assert [f.message for f in uncapped] == [finding.message]


# --- scale: copies collapse into groups -------------------------------------------------------------


def test_a_site_wide_opener_counts_the_articles_its_groups_are_in_not_those_of_its_copies_openings(in_tmp: Path) -> None:
    """A group of copies keeps the opener of its first copy. z.txt's sentence opens like the
    template but is a copy (the same bottom-k sketch) of 0.txt's, which opens "In brief": the
    index counts the template's groups in b, c and d, so z.txt has 3 others, not 3 less its own.
    (The count of a cache holding other folders, read from the groups, was 3 already.)"""
    tail = "a shorter stay in hospital, less blood loss and a quicker return to daily walks for most adults who have lived with long-term pain in the lower back."
    copy, original = sketch.units_of(parse_document(decode("z.txt", f"{OPENER} {tail}\n\nIn brief, minimally invasive spine surgery offers {tail}\n".encode())), sketch.IndexSettings())
    assert sketch.fingerprint(copy) == sketch.fingerprint(original) and copy.opener != original.opener
    endings = ["numerous benefits that extend beyond the operating room.", "a cutting-edge approach to pain management.", "faster recovery with smaller scars for most adults."]
    files = {"0.txt": f"In brief, minimally invasive spine surgery offers {tail}\n"}
    files.update({f"{name}.txt": f"Intro {name} here.\n\n{OPENER} {ending}\n" for name, ending in zip("bcd", endings)})
    files["z.txt"] = f"{OPENER} {tail}\n"
    # 0.txt checked (so indexed) first: the shared group keeps its opener, "In brief".
    findings = [finding for finding in lint(files, check=["0.txt", "z.txt"], settings={"max_postings": 2}) if finding.path == "z.txt"]
    assert [(f.rule, dict(f.data)["places"]) for f in findings] == [("DUP101", 1), ("DUP102", 3)]
    assert f"'{OPENER}' is a templated opener: sentences in 3 other articles: b.txt:3, c.txt:3 and 1 more open the same way." in findings[1].message


def test_many_copies_give_one_finding_per_copy_naming_the_count(in_tmp: Path) -> None:
    """40 articles share a sentence (more than max_postings): one group, one finding per article, the count of all."""
    files = {f"{number:02d}.txt": f"Article {number} opens with words of its own about knees. {SHARED}\n" for number in range(40)}
    findings = [f for f in lint(files, settings={"max_postings": 5}) if f.rule == "DUP101"]
    assert sorted(f.path for f in findings) == sorted(files)
    start = len("Article 00 opens with words of its own about knees. ")
    first = next(f for f in findings if f.path == "00.txt")
    assert (first.line, first.column, first.end_column) == (1, start - 1 + 1, start - 1 + 1 + len(SHARED))
    assert first.message.startswith("This sentence also stands in 39 other articles: 01.txt:1, 02.txt:1, 03.txt:1 and 36 more")
    assert {f.message.split(":")[0] for f in findings} == {"This sentence also stands in 39 other articles"}
    assert all(dict(f.data)["places"] == 39 for f in findings)


def test_a_document_reads_the_same_rows_however_often_its_sentences_are_copied(in_tmp: Path) -> None:
    """Neighbours of one article hold one group per copied sentence, whether it has 10 or 120 copies."""
    article = f"{SHARED} {SHARED_2}\n\nKnee pain after a long walk often eases with rest, ice and a gentle stretch in the evening.\n"
    sizes = {}
    for copies in (10, 120):
        folder = in_tmp / str(copies)
        folder.mkdir()
        paths = []
        for number in range(copies):
            (folder / f"{number}.txt").write_text(article, encoding="utf-8")
            paths.append(str(folder / f"{number}.txt"))
        index = store.build_index(paths, sketch.IndexSettings(), None, workers=1)
        doc = parse_document(read_source(paths[0]))  # type: ignore[arg-type]
        units = sketch.units_of(doc, index.settings)
        near = query.neighbours(index, paths[0], units)
        named = query.places(index, paths[0], sorted(near.groups), near)
        sizes[copies] = (len(near.groups), max(named.count(fp) for fp in near.groups), sorted(g.others for g in near.groups.values()))
    assert sizes[10][0] == sizes[120][0] == 3  # three distinct sentences, three groups
    assert sizes[10][2] == [9, 9, 9] and sizes[120][2] == [119, 119, 119]  # counted, not fetched
    assert sizes[10][1] == 9  # a group in at most max_postings (100) other articles: every copy named
    assert sizes[120][1] == query.SAMPLE  # a larger one: a sample of its copies


def test_groups_read_once_per_process_leave_each_document_its_own_count(in_tmp: Path) -> None:
    """A group read for one article and reused for the next still leaves out the next one's own copy."""
    near_copy = SHARED.replace("every day", "each day")
    articles = {
        "a.txt": f"{SHARED} Our nurses answer calls at night.\n",
        "b.txt": f"{SHARED} {SHARED_2}\n",
        "c.txt": f"{SHARED_2} {near_copy}\n",
    }
    for name, text in articles.items():
        Path(name).write_text(text, encoding="utf-8")
    paths = [str(in_tmp / name) for name in articles]
    shared_index = store.build_index(paths, sketch.IndexSettings(), None, workers=1)
    assert shared_index.only_corpus
    others = {}
    for path in paths:
        doc = parse_document(read_source(path))  # type: ignore[arg-type]
        units = sketch.units_of(doc, shared_index.settings)
        reused = query.neighbours(shared_index, path, units)
        fresh = query.neighbours(store.build_index(paths, sketch.IndexSettings(), None, workers=1), path, units)
        assert reused == fresh
        others[Path(path).name] = sorted(group.others for group in reused.groups.values())
    assert shared_index.groups_seen and shared_index.postings_seen  # the second and third articles reused what the first read
    # a: SHARED is in b and near-copied in c (the near copy's own group: 1 article);
    # b: SHARED in a, SHARED_2 in c, the near copy in c; c: SHARED_2 in b, SHARED in a and b.
    assert others == {"a.txt": [1, 1], "b.txt": [1, 1, 1], "c.txt": [1, 2]}


def test_copies_read_once_per_process_leave_out_each_document_its_own(in_tmp: Path) -> None:
    """The places of a group read for one article and reused for the next name no copy in the next one."""
    articles = {name: f"{SHARED} Our nurses answer calls at night in {name}.\n" for name in ("a.txt", "b.txt", "c.txt")}
    for name, text in articles.items():
        Path(name).write_text(text, encoding="utf-8")
    paths = [str(in_tmp / name) for name in articles]
    shared_index = store.build_index(paths, sketch.IndexSettings(), None, workers=1)
    named = {}
    for path in paths:
        units = sketch.units_of(parse_document(read_source(path)), shared_index.settings)  # type: ignore[arg-type]
        near = query.neighbours(shared_index, path, units)
        fresh_index = store.build_index(paths, sketch.IndexSettings(), None, workers=1)
        reused = query.places(shared_index, path, list(near.groups), near)
        fresh = query.places(fresh_index, path, list(near.groups), query.neighbours(fresh_index, path, units))
        assert [list(reused.named(fp)) for fp in near.groups] == [list(fresh.named(fp)) for fp in near.groups]
        named[Path(path).name] = sorted(Path(place[0]).name for fp in near.groups for place in reused.named(fp))
    assert shared_index.places_seen  # the second and third articles reused what the first read
    # Two groups name the other two articles: SHARED, and the second sentence (near copies, one group each).
    assert named == {"a.txt": ["b.txt", "b.txt", "c.txt", "c.txt"], "b.txt": ["a.txt", "a.txt", "c.txt", "c.txt"], "c.txt": ["a.txt", "a.txt", "b.txt", "b.txt"]}


def test_the_corpus_index_finds_the_same_exempt_paragraphs_without_the_token_index(in_tmp: Path) -> None:
    Path("a.md").write_text(
        f"# Disclaimer and walking\n\n{SHARED}\n\n- {DISCLAIMER}\n- {SHARED_2}\n\n> Our advice is not a substitute for a visit.\n"
        f"> It is never meant to replace the care your own doctor gives you.\n\n{SHARED_2} This page does not provide medical advice of any kind.\n",
        encoding="utf-8",
    )
    doc = parse_document(read_source("a.md"))  # type: ignore[arg-type]
    settings = sketch.IndexSettings()
    units = sketch.units_of(doc, settings, token_index=False)
    assert units == sketch.units_of(doc, settings)
    assert [(unit.line, unit.exempt) for unit in units] == [(3, False), (5, True), (6, False), (8, True), (9, True), (11, True), (11, True)]


def test_a_long_article_of_one_repeated_sentence_is_one_finding(in_tmp: Path) -> None:
    findings = lint({"a.txt": f"{SHARED} " * 3000 + "\n"})
    assert summary(findings) == [("DUP101", "a.txt", 1, len(SHARED) + 2, 1, (len(SHARED) + 1) * 3000)]
    assert findings[0].message.startswith("These 2999 sentences also stand in line 1 of this article")


@pytest.mark.slow
def test_a_copy_heavy_corpus_finishes_under_a_generous_bound(in_tmp: Path) -> None:
    """1,500 articles, 300 copies of each seed, the whole default pack in a new process: quadratic
    grouping took minutes for this; a generous bound for a slow CI machine."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for number in range(1500):
        Path(f"{number:04d}_{seeds[number % 5].name}").write_bytes(seeds[number % 5].read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "claimlint", "check", "--no-cache", "--quiet", "--fail-on", "never", "--select", "DUP", "."],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr
    first = [line for line in done.stdout.splitlines() if line.startswith("0000_") and "DUP101" in line]
    assert first and all("299 other articles" in line for line in first)


def test_files_of_earlier_runs_outside_the_corpus_are_not_counted(in_tmp: Path) -> None:
    """The on-disk index keeps every file it has seen; a run counts and names only its own corpus."""
    files = {f"{name}.txt": f"Article {name} has its own opening words here. {SHARED}\n" for name in "abcd"}
    lint(files, cache=True)
    findings = lint({name: files[name] for name in ("a.txt", "b.txt")}, cache=True)
    assert [f.message.split(" (")[0] for f in findings if f.path == "a.txt"] == ["This sentence also stands in 1 other article: b.txt:1"]


def _varied_articles(prefix: str, count: int) -> dict[str, str]:
    """Articles sharing near-copies of one sentence, a templated opening and SHARED."""
    words = "readers who stretch before a long run often feel less stiff the next morning than those who skip it".split()
    articles = {}
    for number in range(count):
        changed = [f"v{number}y{position}" if (position * 5 + number) % 10 < number % 4 else word for position, word in enumerate(words)]
        tail = " ".join(f"{prefix}{number}z{position}" for position in range(6))
        articles[f"{prefix}/{number:02d}.txt"] = f"{' '.join(changed).capitalize()}. In short, this plan of ours works for {tail}. {SHARED}\n"
    return articles


def test_beside_another_folder_the_corpus_queries_look_up_each_copys_file(in_tmp: Path) -> None:
    """A cache's index that holds another folder keeps its queries to the corpus's files. Written
    as `file IN (SELECT id ...)`, SQLite sought each group's copies once per corpus file: a
    site-wide opener's copies took 0.22 s on site-10000, which has 952 such openers.
    Each copy's file is looked up instead (the findings stay the corpus's alone: the test below)."""
    settings = sketch.IndexSettings(max_postings=3)
    cache = Cache(in_tmp / ".cache")
    for prefix, count in (("other", 4), ("site", 6)):
        for name, text in _varied_articles(prefix, count).items():
            Path(name).parent.mkdir(exist_ok=True)
            Path(name).write_text(text, encoding="utf-8")
    site = sorted(str(path) for path in Path("site").iterdir())
    store.build_index(sorted(str(path) for path in Path("other").iterdir()), settings, cache, workers=1)
    index = store.build_index(site, settings, cache, workers=1)
    assert not index.only_corpus
    statements: list[str] = []
    index.connection().set_trace_callback(statements.append)
    doc = parse_document(read_source(site[0]))  # type: ignore[arg-type]
    units = sketch.units_of(doc, index.settings)
    near = query.neighbours(index, site[0], units)
    assert near.opener_articles == {opener: 5 for opener in near.opener_articles} != {}  # a template of the site's 6 articles
    query.places(index, site[0], sorted(near.groups), near)
    scoped = [statement for statement in statements if "corpus_files" in statement]
    assert any("opener" in statement for statement in scoped) and any("ORDER BY file" in statement for statement in scoped)
    explain = index.connection()
    explain.set_trace_callback(None)
    plans = {statement: [row[3] for row in explain.execute("EXPLAIN QUERY PLAN " + statement)] for statement in scoped}
    # Seeking by (fingerprint, file) over a list of files is meant only for the files outside the
    # corpus, counted when they are the shorter list (query._groups_counted).
    seeks = {statement: plan for statement, plan in plans.items() if "NOT IN" not in statement and any("fingerprint=? AND file=?" in step for step in plan)}
    assert seeks == {}


@pytest.mark.parametrize("outside, inside", [(2, 10), (12, 3)], ids=["few-outside", "few-inside"])
@pytest.mark.parametrize("snapshot_from", [0, None], ids=["snapshot", "sqlite"])
def test_a_cached_index_holding_other_folders_gives_the_findings_of_the_corpus_alone(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, outside: int, inside: int, snapshot_from: int | None
) -> None:
    """The cache's index keeps the files of earlier runs over other folders; counted by the corpus's
    files or by the group's articles less the outside ones, from SQLite or a snapshot, a run's
    findings are those of an index of its corpus alone."""
    if snapshot_from is not None:
        monkeypatch.setattr(query, "SNAPSHOT_FROM", snapshot_from)
    capped = {"max_postings": 3}  # the shared opening is a site-wide template, its articles counted apart
    corpus = _varied_articles("site", inside)
    alone = lint(corpus, settings=capped)
    lint(_varied_articles("other", outside), settings=capped, cache=True)
    beside_others = lint(corpus, settings=capped, cache=True)
    assert beside_others == alone
    assert {finding.rule for finding in alone} >= {"DUP101", "DUP102"}
    templated = [finding.message for finding in alone if finding.rule == "DUP102"]
    assert templated and all(f"sentences in {inside - 1} other articles" in message for message in templated)


def test_an_edited_article_is_refreshed_and_queried_without_scanning_a_table(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pre-commit case: after one edit, the refresh and the queries reach rows through the
    indexes. A statement that scans `groups` (79,000 rows on a 1,000-article site) costs
    milliseconds on every commit; an opener lookup must say `opener != 0` to use its partial index."""
    articles = {f"{number}.txt": f"{OPENER} {topic} with {number} weeks of rest. {SHARED}\n" for number, topic in enumerate(["relief", "comfort", "speed", "hope", "choice"])}
    for name, text in articles.items():
        Path(name).write_text(text, encoding="utf-8")
    paths = sorted(articles)
    cache = Cache(in_tmp / ".cache")
    store.build_index(paths, sketch.IndexSettings(max_postings=3), cache, workers=1)  # new index: full recount
    Path("0.txt").write_text(f"{OPENER} relief after an edit. {SHARED_2} {SHARED}\n", encoding="utf-8")
    statements: list[str] = []
    real_connect = store._connect

    def traced(database: str, **options: Any) -> Any:  # the build's connection, then the queries' own
        connection = real_connect(database, **options)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(store, "_connect", traced)
    index = store.build_index(paths, sketch.IndexSettings(max_postings=3), cache, workers=1)
    doc = parse_document(read_source("0.txt"))  # type: ignore[arg-type]
    near = query.neighbours(index, "0.txt", sketch.units_of(doc, index.settings))
    assert near.opener_articles  # the template path ran (more than max_postings openers alike)
    plans = {}
    explain = index.connection()
    explain.set_trace_callback(None)
    for statement in statements:
        if statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE", "INSERT")):
            plans[statement] = [row[3] for row in explain.execute("EXPLAIN QUERY PLAN " + statement)]
    assert any("opener" in statement for statement in plans)
    scans = {statement: [step for step in plan if _scans_a_table(step, plan)] for statement, plan in plans.items()}
    assert {statement: steps for statement, steps in scans.items() if steps} == {}


def _scans_a_table(step: str, plan: list[str]) -> bool:
    """A plan step reading a whole table; `files` is read whole by design (every corpus file is
    stat-ed against its row), and a materialized subquery is the statement's own few rows."""
    materialized = {other.split()[1] for other in plan if other.startswith("MATERIALIZE")}
    return step.startswith("SCAN ") and step.split()[1] not in {"files", *materialized}
