"""The linguistic layer: tokens with lemma and word class, and clause boundaries, for a whole document.

Built once per document on first use (Document.language) and shared by every rule that
names lemmas or phrase shapes. Offsets are prose offsets, like every other span a check sees.

Lemmas and the word classes a form can have come from lemminflect's lexicon (shipped in its
wheel; no download). Which class a form has in context is decided by a small left-to-right
tagger over closed-class words and a few shape rules ("the lower back" is an adjective,
"to lower your risk" a verb). It is tuned for what the claim rules ask (is this effect word a
verb with an object?), not as a general tagger; tests/unit/test_language.py measures it on
ambiguous forms.
"""

from __future__ import annotations

import bisect
import functools
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import regex
from claimlint.patterns import lazy_regex

# Coarse word classes (Universal Dependencies names).
NOUN, VERB, ADJ, ADV, PROPN = "NOUN", "VERB", "ADJ", "ADV", "PROPN"
AUX, MODAL, DET, PRON, POSS, ADP, CCONJ, SCONJ, PART, NUM, X = (
    "AUX", "MODAL", "DET", "PRON", "POSS", "ADP", "CCONJ", "SCONJ", "PART", "NUM", "X"
)

# A word keeps its inner apostrophes and hyphens ("don't", "well-being"); a possessive or contracted
# "'s" is a token of its own ("the clinic's laser": a possessive, not a plural subject).
# (Runs of letters and digits joined by those marks: the same matches as one mark or letter at a
# time, since each mark must be followed by a letter or digit, in a third less time.)
_WORD = lazy_regex(r"[\p{L}\p{N}]+(?:(?:['\u2019](?=\p{L})(?![sS]\b)|[-.](?=[\p{L}\p{N}]))[\p{L}\p{N}]+)*|['\u2019][sS]\b|[^\s\p{L}\p{N}]")

# A hedge or negation governs its own clause: these end one clause and start another.
CLAUSE_BREAK = lazy_regex(
    r"""
    [;:\u2014]
    | \s[\u2013-]\s
    | ,?\s+(?:but(?!\s+also\b)|however|although|though|whereas|yet|while|even\s+so)\b
    | ,\s+(?:which|who|with)\b
    | ,\s+and\s+(?=(?:it|this|these|that|they|the|patients|people|you|we|there|most|many|some)\b)
    """,
    regex.IGNORECASE | regex.VERSION1 | regex.VERBOSE,
)

_CLOSED: dict[str, str] = {}
for _cls, _words in (
    (DET, "the a an this these those each every some any no all both either neither another such what whatever"),
    (PRON, "i you he she it we they me him us them myself yourself himself herself itself ourselves themselves "
           "who whom someone anyone everyone nobody something anything everything nothing one"),
    (POSS, "my your his her its our their whose"),
    (ADP, "of in on at by for with from into onto over under about against between through during without "
          "within among after before upon via per than like across along around behind beyond toward towards "
          "despite except including"),
    (AUX, "be is am are was were been being have has had having do does did 's 're 've"),
    (MODAL, "can could may might must shall should will would cannot ca 'll 'd"),
    (CCONJ, "and or but nor plus"),
    (SCONJ, "that if because although though while whereas when whether unless since as so where which how why"),
    (PART, "not n't never to"),
    (ADV, "very highly extremely really quite also only just even still already always often usually sometimes "
          "equally particularly especially truly totally completely fully too rather fairly further"),
):
    for _word in _words.split():
        _CLOSED[_word] = _cls
_CLOSED["to"] = PART  # decided in context: infinitive marker or preposition
del _cls, _words, _word

# Verbs that take an infinitive: after them "to" marks a verb ("helps to reduce"), elsewhere often a preposition.
_INFINITIVE_TAKERS = frozenset(
    """help want need aim able try seem appear tend use go designed intended meant likely unlikely way how
    shown found proven known expected hope plan ability order able attempt continue begin start fail manage""".split()
)
# What may follow a finite verb but not a prenominal "-ed" adjective: "levels protected against", "results showed a".
_AFTER_FINITE = frozenset({ADP, DET, POSS, NUM, PRON})
_COMPARATIVES = frozenset("lower higher better worse greater fewer less more faster slower shorter longer".split())
_SUBJECT_PRONOUNS = frozenset("i you he she it we they who which that".split())


class Token(NamedTuple):
    """One word or mark (immutable; a NamedTuple because a document makes one per word, and a
    frozen dataclass cost 2.2 us each to build, a fifth of the token layer)."""

    start: int  # prose offsets, end exclusive
    end: int
    text: str
    lower: str
    lemma: str
    pos: str


@dataclass(frozen=True)
class Language:
    """The tokens and clauses of a document's prose, in order (clauses found on first use: no
    shipped rule reads them, and splitting every sentence cost a seventh of the layer)."""

    tokens: tuple[Token, ...]
    starts: tuple[int, ...]  # token start offsets, for bisect
    text: str = field(repr=False, default="")
    sentences: tuple[tuple[int, int], ...] = field(repr=False, default=())

    @functools.cached_property
    def clauses(self) -> tuple[tuple[int, int], ...]:
        """Clause spans, in order, covering every sentence."""
        return tuple(span for start, end in self.sentences for span in clause_spans(self.text, start, end))

    @functools.cached_property
    def clause_starts(self) -> tuple[int, ...]:
        return tuple(span[0] for span in self.clauses)

    def tokens_in(self, start: int, end: int) -> Sequence[Token]:
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end, first)
        return self.tokens[first:last]

    def index_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self.starts, offset)

    def clause_at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.clause_starts, offset) - 1
        return self.clauses[max(index, 0)]


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of the sentence text[start:end]."""
    spans = []
    clause_start = start
    for match in CLAUSE_BREAK.finditer(text, start, end):
        if match.start() > clause_start:
            spans.append((clause_start, match.start()))
        clause_start = match.end()
    spans.append((clause_start, end))
    return spans


@dataclass(frozen=True)
class _LemmaTable:
    """lemminflect's lemma lookup table as its sorted lines, searched by bisection per form.

    Parsing all 80,000 lines into dictionaries took 0.35 s per process, most of a one-article
    run's language layer; splitting the decompressed file into lines takes about 10 ms, and a
    document looks up only its own few hundred forms (each memoized in `_lexicon_classes`).
    """

    lines: list[str]  # "form,category,lemma/lemma", sorted by form
    forms: list[str]  # the form of each line
    overrides: dict[str, tuple[tuple[str, str], ...]]  # form -> (word class, lemma), in file order

    def classes(self, form: str) -> dict[str, tuple[str, ...]]:
        """Word class -> lemmas, merged as lemminflect's getAllLemmas merges its table and overrides."""
        lines, forms = self.lines, self.forms
        found: dict[str, tuple[str, ...]] = {}
        index = bisect.bisect_left(forms, form)
        while index < len(forms) and forms[index] == form:
            _, category, lemmas = lines[index].split(",", 2)
            upos = category.upper()
            found[AUX if upos == MODAL else upos] = tuple(lemmas.split("/"))
            index += 1
        for upos, lemma in self.overrides.get(form, ()):
            found[upos] = (lemma,)
        return found


def _form_of(line: str) -> str:
    return line.partition(",")[0]


@functools.cache
def _lemma_table() -> _LemmaTable | None:
    """lemminflect's lemma table and overrides, read from its wheel; None if its data files moved.

    The same data and the same merge as lemminflect's getAllLemmas, read directly: importing
    lemminflect imports numpy and builds its tables through deep copies, 0.7 s per process
    (tests/unit/test_language.py checks the two agree).
    """
    import gzip
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("lemminflect")  # finds the package without importing it
    folder = Path(next(iter(spec.submodule_search_locations or ()), "")) / "resources" if spec else Path()
    table, overrides = folder / "lemma_lu.csv.gz", folder / "lemma_overrides.csv"
    if not (table.is_file() and overrides.is_file()):
        return None
    lines = gzip.decompress(table.read_bytes()).decode("utf-8").rstrip("\n").split("\n")
    forms = [_form_of(line) for line in lines]
    if any(map(operator.gt, forms, forms[1:])):
        return None  # not sorted by form (another lemminflect): bisection would miss forms
    merged: dict[str, list[tuple[str, str]]] = {}
    for line in overrides.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            form, upos, lemma = line.split(",")
            merged.setdefault(form, []).append((upos, lemma))
    return _LemmaTable(lines, forms, {form: tuple(entries) for form, entries in merged.items()})


@functools.cache
def _lexicon_classes(lower: str) -> dict[str, tuple[str, ...]]:
    """Word class -> lemmas that the form can have, from lemminflect's lexicon (read on first use)."""
    table = _lemma_table()
    if table is not None:
        return table.classes(lower)
    from lemminflect import getAllLemmas  # its data files were not where we read them

    return dict(getAllLemmas(lower))


@functools.cache
def _open_candidates(capitalised: bool, lower: str) -> dict[str, str]:
    """Word class -> lemma, for an open-class form; out-of-vocabulary forms by their ending."""
    classes = _lexicon_classes(lower)
    if classes:
        return {cls: lemmas[0] for cls, lemmas in classes.items() if cls in (NOUN, VERB, ADJ, ADV, PROPN)} or {NOUN: lower}
    if lower.endswith("ly"):
        return {ADV: lower}
    if lower.endswith(("ous", "ive", "ful", "less", "able", "ible", "ic", "al")):
        return {ADJ: lower}
    if capitalised:
        return {PROPN: lower}
    return {NOUN: lower}


class _Context(NamedTuple):  # built for each ambiguous form: a NamedTuple, as Token
    previous: str  # word class of the previous token ("" at a sentence or clause start)
    before_previous: str
    prev_lower: str
    next_lower: str
    next_classes: frozenset[str]  # classes the next form can have (its closed class, if closed)
    last_verb: str  # " es s ed" the endings of the verbs tagged so far in this clause: coordinated verbs share them


def _choose(cands: dict[str, str], lower: str, c: _Context) -> str:
    """The word class of an ambiguous open-class form, from its neighbours."""
    has = cands.__contains__
    next_closed = _CLOSED.get(c.next_lower)
    next_nominal = next_closed is None and bool(c.next_classes & {NOUN, ADJ, PROPN, NUM}) and not c.next_lower.endswith("ly")
    previous = c.previous
    if has(VERB):
        inflected = cands[VERB] != lower
        if not has(NOUN) and not has(ADJ):
            if lower.endswith("ing") and previous == NOUN and c.next_classes & {NOUN} and next_closed is None and c.before_previous not in (AUX, MODAL):
                return ADJ  # a compound modifier: "blood pressure lowering drugs"
            if previous in (DET, POSS, ADP) and inflected and not lower.endswith("s") and (next_nominal or c.next_lower in ("of",)):
                if not (previous == ADP and lower.endswith("ing")) or c.prev_lower == "with":  # "with increasing age"
                    return ADJ  # "a leading cause", "the reduced risk", "with reduced risk"
            if (c.prev_lower == "" or previous == CCONJ) and lower.endswith("ed") and not c.last_verb and next_nominal:
                return ADJ  # "Enhanced imaging and improved instruments are ..."
            if previous == VERB and lower.endswith("ed") and next_nominal:
                return ADJ  # "lower scores mean reduced pain", "patients showed improved function"
            return VERB
        if c.prev_lower in ("help", "helps", "helped", "helping") and not inflected:
            return VERB  # "helps reduce pain", "to help support the palate"
        if previous == VERB and has(ADJ) and next_nominal:
            return ADJ  # "promotes complete digestion"
        if previous in (MODAL, PART) or (previous == PRON and c.prev_lower in _SUBJECT_PRONOUNS):
            return VERB  # "may reduce", "to lower", "not improve", "it reduces"
        if lower.endswith("ing") and previous == ADP and c.prev_lower not in ("of", "with") and (next_closed in (DET, POSS, PRON, NUM) or next_nominal):
            return VERB  # "by reducing the risk", "for relieving pain"
        verb_next = next_nominal or next_closed in (DET, POSS) or next_closed == ADP and c.next_lower != "of" or c.next_lower == "to"
        if previous == DET and c.prev_lower in ("this", "that", "these", "those") and inflected and verb_next:
            return VERB  # "this treats depression"
        if previous in (DET, POSS, ADP, NUM, ADJ):
            if has(ADJ) and (next_nominal or lower in _COMPARATIVES):
                return ADJ  # "the lower back", "a leading cause"
            return NOUN if has(NOUN) else ADJ if has(ADJ) else VERB
        if lower in _COMPARATIVES and has(ADJ):
            return VERB if next_closed in (DET, POSS, PRON) else ADJ
        if next_closed in (DET, POSS, NUM) or c.next_lower[:1].isdigit():
            return VERB  # "reduces the risk", "cut 20 pounds"
        if next_closed == PRON and c.next_lower in ("you", "them", "us", "him", "it", "yourself", "themselves"):
            return VERB
        if previous == CCONJ and c.before_previous != ADJ and f" {_ending(lower)}" in c.last_verb and (verb_next or c.next_lower in ("to", "up", "in")):
            return VERB  # "prevents fatigue and increases accuracy"
        if inflected and lower.endswith("s") and previous in (NOUN, PROPN, ADV) and c.next_lower[:1].isalnum():
            return VERB  # "exercise reduces"
        if inflected and lower.endswith("ed") and previous in (NOUN, PROPN, PRON, ADV) and next_nominal:
            return VERB  # "the drug reduced pain"
        if previous in (NOUN, PROPN) and c.prev_lower.endswith("s") and not inflected and c.next_lower[:1].isalnum() and c.next_classes != {NOUN}:
            return VERB  # "painkillers work as well", "patients report less pain"
        if lower.endswith("ing") and previous == NOUN and c.next_classes & {NOUN} and next_closed is None and not c.next_lower.endswith("ly"):
            if c.before_previous not in (AUX, MODAL):
                return ADJ  # a compound modifier: "cholesterol lowering drugs", "pain relieving cream"
        if previous == AUX and (inflected or not has(NOUN)):
            return VERB  # "was reduced", "is improving"
        if previous == ADV and c.before_previous not in (DET, POSS, ADP, AUX) and not (has(ADJ) and next_nominal):
            return VERB  # "significantly improves"
        if previous == ADV and c.before_previous == AUX and inflected and lower.endswith(("ed", "en")) and not next_nominal:
            return VERB  # a passive with an adverb: "was strongly affected by"
        next_is_verb_form = VERB in c.next_classes and c.next_lower.endswith(("s", "ed"))
        if not previous and has(NOUN) and next_is_verb_form:
            return NOUN  # the subject: "Exercise reduces pain", "Massage improved sleep"
        if not previous and not inflected and not (has(ADJ) and next_nominal) and next_closed not in (AUX, MODAL) and c.next_lower != "of":
            return VERB  # an imperative, or a bullet's or heading's verb
        if not previous and lower.endswith("ing") and (next_nominal or next_closed in (DET, POSS)):
            return VERB  # a participle clause: ", enabling patients to ..."
        if not previous and inflected and lower.endswith("s") and next_nominal:
            return VERB  # a bullet's verb: "Reduces swelling"
    if has(ADJ) and next_nominal:
        return ADJ
    if has(NOUN):
        return NOUN
    for cls in (ADJ, VERB, ADV, PROPN):
        if has(cls):
            return cls
    return X


def _ending(form: str) -> str:
    return "ing" if form.endswith("ing") else "ed" if form.endswith("ed") else "s" if form.endswith("s") else "base"


_AUX_LEMMAS = {"is": "be", "am": "be", "are": "be", "was": "be", "were": "be", "been": "be", "being": "be", "'s": "be",
               "'re": "be", "has": "have", "had": "have", "having": "have", "'ve": "have", "does": "do", "did": "do"}


@functools.lru_cache(maxsize=1 << 16)  # pure: a form's lower case and candidate classes, whatever its context
def _form(word: str) -> tuple[str, dict[str, str] | None, tuple[str, str] | None]:
    """(lower case with straight apostrophes, word class -> lemma or None for a closed word or a mark,
    and (word class, lemma) when the form gets them whatever its context, else None)."""
    lower = word.lower().replace("\u2019", "'")
    if lower in _CLOSED or not lower[0].isalnum():
        context_free = lower not in ("'s", "to", "that") and lower[0].isalnum()
        return lower, None, (_CLOSED[lower], _AUX_LEMMAS.get(lower, lower)) if context_free else None
    if lower[0].isdigit():
        return lower, {NUM: lower}, (NUM, lower)
    cands = _open_candidates(word[:1].isupper(), lower)
    return lower, cands, next(iter(cands.items())) if len(cands) == 1 and VERB not in cands else None


def _tag_sentence(text: str, start: int, end: int, tokens: list[Token]) -> None:
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]
    forms = [_form(word) for _, _, word in words]
    lowers = [lower for lower, _, _ in forms]
    cands: list[dict[str, str] | None] = [cand for _, cand, _ in forms]
    previous = before_previous = prev_lower = last_verb = ""
    count = len(words)
    for index, ((word_start, word_end, word), (lower, cand, context_free)) in enumerate(zip(words, forms)):
        if context_free is not None:  # most words: a closed word, a number, a one-class form
            pos, lemma = context_free
            tokens.append(Token(word_start, word_end, word, lower, lemma, pos))
            before_previous, previous, prev_lower = previous, pos, lower
            continue
        next_lower = lowers[index + 1] if index + 1 < count else ""
        next_cand = cands[index + 1] if index + 1 < count else None
        if lower == "'s":
            pos = POSS if previous in (NOUN, PROPN) else AUX  # "the clinic's laser", "it's"
            tokens.append(Token(word_start, word_end, word, lower, "be" if pos == AUX else lower, pos))
            before_previous, previous, prev_lower = previous, pos, lower
            continue
        if not lower[0].isalnum():
            tokens.append(Token(word_start, word_end, word, lower, lower, X))
            previous = before_previous = ""  # a comma, dash or bullet starts afresh
            if lower in ";:":
                last_verb = ""
            prev_lower = lower
            continue
        if cand is None:
            pos = _CLOSED[lower]
            lemma = _AUX_LEMMAS.get(lower, lower)
            if lower == "to":
                takes_infinitive = prev_lower in _INFINITIVE_TAKERS or (bool(tokens) and tokens[-1].lemma in _INFINITIVE_TAKERS)
                verb_only = next_cand is not None and VERB in next_cand and NOUN not in next_cand and ADJ not in next_cand
                then = lowers[index + 2] if index + 2 < count else ""
                verb_with_object = next_cand is not None and VERB in next_cand and _CLOSED.get(then) in (DET, POSS)
                then_cand = cands[index + 2] if index + 2 < count else None
                verb_chain = next_lower == "help" and then_cand is not None and VERB in then_cand  # "to help reduce pain"
                pos = PART if takes_infinitive or verb_only or verb_with_object or verb_chain else ADP
            elif lower == "that" and previous in (NOUN, PROPN) and next_cand is not None and VERB in next_cand:
                pos = PRON  # a relative "that" before its verb: "a condition that causes"
        elif len(cand) == 1 and VERB not in cand:
            pos, lemma = next(iter(cand.items()))
        else:
            context = _Context(previous, before_previous, prev_lower, next_lower,
                               frozenset(next_cand) if next_cand else frozenset({_CLOSED.get(next_lower, X)}), last_verb)
            pos = _choose(cand, lower, context)
            lemma = cand.get(pos, next(iter(cand.values())))
            if previous == VERB and lower.endswith("ed") and VERB in cand and prev_lower.endswith("s") and _CLOSED.get(next_lower) in _AFTER_FINITE:
                prior_cand = cands[index - 1]
                if prior_cand is not None and NOUN in prior_cand:
                    # "plasma levels protected against", "trial results showed a": the "-s" form was the plural
                    # subject, this is its verb (an adjective "-ed" does not stand before a preposition or article)
                    tokens[-1] = tokens[-1]._replace(lemma=prior_cand[NOUN], pos=NOUN)
                    pos, lemma = VERB, cand[VERB]
            if pos == VERB:
                last_verb += f" {_ending(lower)}"
        tokens.append(Token(word_start, word_end, word, lower, lemma, pos))
        before_previous, previous, prev_lower = previous, pos, lower


def tag_sentence(text: str, start: int, end: int) -> tuple[Token, ...]:
    """The tokens of the sentence text[start:end]: what `analyse` gives for it, as a tag never looks across a sentence."""
    tokens: list[Token] = []
    _tag_sentence(text, start, end, tokens)
    return tuple(tokens)


def analyse(text: str, sentences: Sequence[tuple[int, int]], tagged: Callable[[int, int], Sequence[Token]] | None = None) -> Language:
    """Tokens and clauses of text, sentence by sentence (a tag never looks across a sentence).

    `tagged(start, end)`, when given, is where a sentence's tokens come from (a document's own
    per-sentence memo, Document.tokens_of), so a sentence tagged before is not tagged again.
    """
    tokens: list[Token] = []
    for sentence_start, sentence_end in sentences:
        if tagged is None:
            _tag_sentence(text, sentence_start, sentence_end, tokens)
        else:
            tokens.extend(tagged(sentence_start, sentence_end))
    return Language(tokens=tuple(tokens), starts=tuple(token.start for token in tokens), text=text, sentences=tuple(sentences))


@functools.lru_cache(maxsize=1 << 16)  # pure: one answer per form
def possible_lemmas(lower: str) -> frozenset[str]:
    """Every lemma a token of this lower-case form (apostrophes straight) can get, whatever its
    context: the tagger picks one of these (a closed word's, a number's, or one of the lexicon's
    for the form's open classes)."""
    lemmas = {lower, _AUX_LEMMAS.get(lower, lower)}
    if lower not in _CLOSED and lower[:1].isalnum() and not lower[0].isdigit():
        lemmas.update(_open_candidates(False, lower).values())  # capitalised or not: the same lemmas
    return frozenset(lemmas)


@functools.lru_cache(maxsize=1 << 16)  # pure; `lemmas` is one rule's cue set (its hash is kept)
def _may_have(form: str, lemmas: frozenset[str]) -> bool:
    return not lemmas.isdisjoint(possible_lemmas(form.lower().replace("\u2019", "'")))


@functools.lru_cache(maxsize=1 << 16)  # pure: white-space-separated pieces of text repeat ("the", "pain,")
def _piece_may_have(piece: str, lemmas: frozenset[str]) -> bool:
    return any(_may_have(form, lemmas) for form in _WORD.findall(piece))


def may_hold_lemma(text: str, sentences: Sequence[tuple[int, int]], lemmas: frozenset[str]) -> list[bool]:
    """For each sentence text[start:end], whether some token of it can have one of `lemmas`, read
    from its words alone (no tagging): when not, no tagging of the sentence gives a token such a
    lemma. A rule that looks only at tokens with its lemmas (checks/claim/effects.find) tags only
    the sentences that pass: on the claims-dev articles, 39% of the words.

    No token holds white space or looks past it, so a sentence's tokens are those of its
    white-space-separated pieces (`str.split` splits at every character `regex` calls white space
    and at a few more, none of which a word holds); each distinct piece is read once.
    """
    pieces = [text[start:end].split() for start, end in sentences]
    holding = {piece for piece in set().union(*pieces) if _piece_may_have(piece, lemmas)}
    return [not holding.isdisjoint(words) for words in pieces]
