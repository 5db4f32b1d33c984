"""`duplicate`: boilerplate. Sentences copied (nearly) verbatim from other articles of the corpus
or repeated inside one article, and templated openings shared with other sentences.

Options:
- match: passage (near-copies in other articles, or earlier in this one; consecutive copied
  sentences of a paragraph make one finding), or opener (sentences of other articles, or
  earlier ones of this article, opening with the same words: "In conclusion, X offers ...").
- threshold: the similarity (Jaccard of word shingles, 0-1) at which two sentences count as
  copies. For `opener`, places at or above it are left to the passage rule.
- min_articles: how many other articles must share an opener (default 1).
- max_places: how many other places the message names (the count of all is always given).

The corpus is RunContext.corpus (the config's `corpus` globs, or the files of the run); the
index is shaped by `settings: duplicate:` in the config (claimlint.checks.duplicate.sketch.IndexSettings), which
also lists text that is meant to repeat: `exempt_patterns` (a paragraph matching one, like a
disclaimer) and `exempt_files` (articles of text to reuse freely).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar, NamedTuple

from claimlint.cache import Cache
from claimlint import patterns
from claimlint.checks import Check, Hit, RunContext
from claimlint.checks.duplicate import query, sketch, store
from claimlint.checks.duplicate.copies import Copies
from claimlint.checks.duplicate.query import Group, Match
from claimlint.document import Document
from claimlint.finding import RelatedLocation
from claimlint.spec import Option, RuleSpec, SettingError, SettingsSchema

DESCRIPTION = "Finds boilerplate: sentences copied from other articles, shared templated openings, repeated sentences."
MESSAGE_FIELDS = frozenset({'what', 'where', 'similarity', 'opening'})  # what `message`/`suggest` may name (rulefile checks at load)
OPTIONS = {
    "match": Option("str", "passage", help="passage or opener"),
    "threshold": Option("float", 0.6, help="similarity (0-1) at which two sentences count as copies"),
    "min_articles": Option("int", 1, help="opener: how many other articles must share the opening"),
    "max_places": Option("int", 3, help="how many other places to name in the message"),
}
MATCHES = ("passage", "opener")


_DEFAULTS = sketch.IndexSettings()
_COUNTS = ("shingle", "min_words", "sketch", "bands", "opener_words", "max_postings")


def _settings(values: Mapping[str, Any]) -> sketch.IndexSettings:
    for key in _COUNTS:
        if not isinstance(values[key], int) or values[key] < 1:
            raise SettingError(key, f"settings.duplicate.{key} must be a positive whole number")
    if values["bands"] > 16:
        raise SettingError("bands", "settings.duplicate.bands is at most 16")
    for key in ("exempt_patterns", "extend_exempt_patterns"):
        for pattern in values[key]:
            try:
                patterns.compile_pattern(pattern)
            except patterns.PatternError as error:
                raise SettingError(key, f"settings.duplicate.{key}: {error}") from None
    exempt = tuple(values["exempt_patterns"]) + tuple(values["extend_exempt_patterns"])
    return sketch.IndexSettings(**{key: values[key] for key in _COUNTS}, exempt_patterns=exempt, exempt_files=tuple(values["exempt_files"]))


SETTINGS = SettingsSchema(
    "duplicate",
    {
        "shingle": Option("int", _DEFAULTS.shingle, help="words per shingle"),
        "min_words": Option("int", _DEFAULTS.min_words, help="shorter sentences are not compared"),
        "sketch": Option("int", _DEFAULTS.sketch, help="bottom-k MinHash sketch size"),
        "bands": Option("int", _DEFAULTS.bands, help="LSH bands (at most 16)"),
        "opener_words": Option("int", _DEFAULTS.opener_words, help="words of a sentence's opening, for templated openers"),
        "max_postings": Option("int", _DEFAULTS.max_postings, help="a band key shared by more sentences is a common phrase, skipped"),
        "exempt_patterns": Option("list", _DEFAULTS.exempt_patterns, help="regexes: a paragraph matching one is meant to repeat"),
        "extend_exempt_patterns": Option("list", (), help="regexes added to exempt_patterns"),
        "exempt_files": Option("list", (), help="articles whose every sentence is meant to repeat"),
    },
    _settings,
)


def index_settings(context: RunContext) -> sketch.IndexSettings:
    return context.settings_of(SETTINGS)


def corpus_index(context: RunContext) -> store.CorpusIndex:
    """The index of the run's corpus, brought up to date (on disk unless --no-cache); once per run."""
    settings = index_settings(context)
    cache = Cache(context.cache_dir) if context.cache_dir is not None else None
    return context.derived(("corpus-index", settings), lambda: store.build_index(context.corpus, settings, cache))


class Place(NamedTuple):
    """One place a finding names (a tuple: a sentence opening like a site-wide template has one
    in each of thousands of articles)."""

    path: str
    line: int
    column: int
    similarity: float


class Places(NamedTuple):
    """What a finding says of its places, one per article: the first few in report order, the
    checked article's own and the count, taken without sorting or building every place."""

    leading: list[Place]  # the first max_places + 1 in report order: max_places others at least, when there are
    own: Place | None  # the place in the checked article itself (an earlier sentence), if any
    all_places: int  # own included

    @property
    def others(self) -> int:
        return self.all_places - (self.own is not None)


@dataclass(frozen=True)
class DuplicateCheck(Check):
    # Findings depend on the whole corpus, so cached results are keyed by it too (runner).
    uses_corpus: ClassVar[bool] = True
    spec: RuleSpec
    match: str
    threshold: float
    min_articles: int
    max_places: int
    index: store.CorpusIndex | None = None  # bound by prepare()

    def prepare(self, context: RunContext) -> DuplicateCheck:
        """Once per run: bind the corpus index, so every document (and worker) shares it."""
        return replace(self, index=corpus_index(context))

    def load_for(self, documents: int) -> None:
        if self.index is not None:
            query.take_snapshot(self.index, documents)

    def unload(self) -> None:
        if self.index is not None:
            self.index.snapshot = None  # forked workers keep their (shared) copy

    def run(self, doc: Document, context: RunContext) -> Iterator[Hit]:
        index = self.index
        assert index is not None, "prepare() binds the corpus index"
        # Both boilerplate rules look at the same sentences and the same neighbours: once per document.
        units = doc.derived(("corpus-units", index.settings), lambda: sketch.units_of(doc, index.settings, timeout=context.pattern_timeout))
        near = doc.derived(("corpus-neighbours", index.database), lambda: query.neighbours(index, doc.path, units))
        if self.match == "passage":
            yield from self._passages(doc, index, units, near)
        else:
            yield from self._openers(doc, index, units, near)

    # --- the two kinds ------------------------------------------------------------------

    def _passages(self, doc: Document, index: store.CorpusIndex, units: Sequence[sketch.Unit], near: query.Neighbours) -> Iterator[Hit]:
        settings = index.settings
        earlier = query.earlier_copies(units, self.threshold, settings)
        elsewhere = query.similar_elsewhere(index, near, units, self.threshold)
        runs: list[list[tuple[sketch.Unit, list[tuple[Group, float]], Match | None]]] = []
        previous: sketch.Unit | None = None
        for unit, own, groups in zip(units, earlier, elsewhere):
            if unit.exempt:
                previous = None
                continue
            mine = Match(doc.path, own[0].line, own[0].column, own[1], False) if own else None
            if (not groups and mine is None) or any(group.exempt for group, _ in groups):
                previous = None
                continue
            adjacent = previous is not None and doc.block_at(previous.start) == doc.block_at(unit.start)
            if adjacent and runs:
                runs[-1].append((unit, groups, mine))
            else:
                runs.append([(unit, groups, mine)])
            previous = unit
        named = query.places(index, doc.path, sorted({group.fingerprint for run in runs for _, groups, _ in run for group, _ in groups}), near)
        for run in runs:
            first_per_path: dict[str, Place] = {}
            best: list[float] = []
            for _, groups, mine in run:
                # An article the run's earlier sentences did not name: its most alike copy for this
                # sentence, the first line of equals (no Match made for each copy of each group).
                chosen: dict[str, tuple[float, int, int]] = {}
                listed = [(score, named.named(group.fingerprint)) for group, score in groups]
                listed += [(mine.similarity, [(mine.path, mine.line, mine.column)])] if mine else []
                for score, copies in listed:
                    for path, line, column in copies:
                        if path in first_per_path:
                            continue
                        kept = chosen.get(path)
                        if kept is None or score > kept[0] or (score == kept[0] and line < kept[1]):
                            chosen[path] = (score, line, column)
                for path, (similarity, line, column) in chosen.items():
                    first_per_path[path] = Place(path, line, column, similarity)
                best.append(max([score for _, score in groups] + ([mine.similarity] if mine else [])))
            score = sum(best) / len(best)
            what = "This sentence also stands" if len(run) == 1 else f"These {len(run)} sentences also stand"
            leading = heapq.nsmallest(self.max_places + 1, first_per_path.values(), key=lambda p: (-p.similarity, p.path, p.line))
            places = Places(leading, first_per_path.get(doc.path), len(first_per_path))
            total = _total(places, [[group for group, _ in groups] for _, groups, _ in run], named)
            message = self.spec.render(what=what, where=self._where(doc, places, total), similarity=f"{score:.2f}")
            yield self._hit(run[0][0].start, run[-1][0].end, message, places, score, _count(places, total))

    def _openers(self, doc: Document, index: store.CorpusIndex, units: Sequence[sketch.Unit], near: query.Neighbours) -> Iterator[Hit]:
        settings = index.settings
        words = settings.opener_words
        earlier = query.earlier_openers(units, self.threshold, settings)
        elsewhere = query.openers_elsewhere(index, near, units)
        wanted: list[tuple[sketch.Unit, list[Group], Match | None, dict[int, float]]] = []
        for unit, own, found in zip(units, earlier, elsewhere):
            if unit.exempt or not unit.opener:
                continue
            if any(group.exempt for group, _ in found):
                continue
            templated = [group for group, score in found if score < self.threshold]
            mine = Match(doc.path, own[0].line, own[0].column, own[1], False) if own else None
            if templated or mine:
                wanted.append((unit, templated, mine, {group.fingerprint: score for group, score in found}))
        named = query.places(index, doc.path, sorted({group.fingerprint for _, groups, _, _ in wanted for group in groups}), near)
        for unit, templated, mine, scores in wanted:
            # Each article's first place (the last of equal lines, in group order), by path. A site-wide
            # template names a hundred groups of many places per sentence: no Match made for each.
            first = named.first_per_article([group.fingerprint for group in templated], [scores[group.fingerprint] for group in templated], self.max_places + 1)
            # The article itself is never among the copies named: its own place comes last.
            own_first = Place(mine.path, mine.line, mine.column, mine.similarity) if mine else None
            leading = sorted([Place(*place) for place in first.leading] + ([own_first] if own_first else []))[: self.max_places + 1]
            places = Places(leading, own_first, first.articles + (own_first is not None))
            best = max(first.best, own_first.similarity) if own_first else first.best
            template = near.opener_articles.get(sketch.signed(unit.opener))  # a site-wide template: counted in the index
            total = template if template is not None else _total(places, [templated], named)
            if _count(places, total) < self.min_articles:
                continue
            end = _end_of_words(doc.text, unit.start, unit.end, words)
            opening = doc.text[unit.start:end]
            message = self.spec.render(opening=opening, where=self._where(doc, places, total))
            yield self._hit(unit.start, end, message, places, best, _count(places, total))

    # --- shared -----------------------------------------------------------------------------

    def _where(self, doc: Document, places: Places, total_others: int | None = None) -> str:
        """ "2 other articles: a.md:5, b.md:9" / "line 3 of this article" / both, with "and N more"."""
        parts = []
        if places.others:
            count = max(total_others or 0, places.others)
            others = [place for place in places.leading if place.path != doc.path][: self.max_places]
            named = ", ".join(f"{place.path}:{place.line}" for place in others)
            rest = count - min(places.others, self.max_places)
            plural = "article" if count == 1 else "articles"
            parts.append(f"{count} other {plural}: {named}" + (f" and {rest} more" if rest > 0 else ""))
        if places.own is not None:
            parts.append(f"line {places.own.line} of this article")
        return " and ".join(parts)

    def _hit(self, start: int, end: int, message: str, places: Places, score: float, count: int) -> Hit:
        related = tuple(RelatedLocation(p.path, p.line, p.column, f"similarity {p.similarity:.2f}") for p in places.leading[: self.max_places])
        data = (("similarity", round(score, 3)), ("places", count), ("match", self.match))
        return Hit(start, end, message, related=related, data=data)


def _total(places: Places, groups_per_sentence: Sequence[Sequence[Group]], named: Copies) -> int:
    """How many other articles: those named when every group was read whole, else at least the
    most articles one group is in (a sample of it was named)."""
    named_paths = places.others
    groups = [group for sentence in groups_per_sentence for group in sentence]
    if all(named.count(group.fingerprint) >= group.others for group in groups):
        return named_paths
    return max(named_paths, max(group.others for group in groups))


def _count(places: Places, total_others: int) -> int:
    """All the places: the other articles counted, and this one when it repeats itself."""
    return max(places.all_places, total_others + (places.own is not None))


def _end_of_words(text: str, start: int, end: int, count: int) -> int:
    """The prose offset just past the `count`-th word from `start` (the span of an opener)."""
    for number, match in enumerate(sketch._WORD.finditer(text, start, end), 1):
        if number == count:
            return int(match.end())
    return end


def build(spec: RuleSpec) -> DuplicateCheck:
    match = spec.options["match"]
    if match not in MATCHES:
        raise spec.error(f"unknown match {match!r}; use one of {', '.join(MATCHES)}", "match")
    threshold = float(spec.options["threshold"])
    if not 0 < threshold <= 1:
        raise spec.error("threshold must be above 0 and at most 1", "threshold")
    for key in ("min_articles", "max_places"):
        if spec.options[key] < 1:
            raise spec.error(f"{key} must be at least 1", key)
    return DuplicateCheck(spec, match, threshold, spec.options["min_articles"], spec.options["max_places"])
