"""What surrounds a claim trigger in its sentence: hedges, negation, sources, questions, mentions.

Pure functions over one sentence's text and a trigger span (offsets into that text).
The lexicons are built in (they describe English, not a house style); rules choose how
each finding reacts through their options (see checks/claim.py).
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass

import regex

from claimlint.language import CLAUSE_BREAK
from claimlint.patterns import BranchSearch, lazy_regex


class HedgeStrength(enum.IntEnum):
    NONE = 0
    WEAK = 1  # "can", "often", "typically": lowers a claim's severity
    STRONG = 2  # "may", "studies suggest", "in some cases": clears most claims


@dataclass(frozen=True, slots=True)
class Hedge:
    strength: HedgeStrength
    words: str = ""  # the hedge as written, for the message


@dataclass(frozen=True, slots=True)
class Surroundings:
    """Everything the claim check needs to know about one trigger."""

    hedge: Hedge
    negated: bool
    sourced: bool
    question: bool
    mention: bool


_FLAGS = regex.IGNORECASE | regex.VERSION1

# A hedge governs its own clause: these end one clause and start another.
# One definition of where a clause ends, shared with the token layer (language.clause_spans).
_CLAUSE_BREAK = CLAUSE_BREAK

_NOUNS = r"(?:patients|people|adults|children|women|men|users|individuals|cases|studies|trials)"
# "may" as a month ("in May", "May 2021") or as permission ("you may be eligible") is no hedge.
_NOT_EPISTEMIC = lazy_regex(
    r"""
    (?<=\b(?i:in|of|since|until|by|early|late|mid|from|during|through|last|next|this)\s+)May\b
    | \bMay\s+\d
    | \bmay\s+(?:not\s+)?be\s+(?:eligible|entitled|used|taken|given|prescribed|offered|asked|required|allowed|permitted|applied)\b
    | \byou\s+may\s+(?:also\s+)?(?:want|wish|choose|like|prefer|call|contact|ask|book|visit|email|write)\b
    """,
    regex.VERSION1 | regex.VERBOSE,
)
_STRONG = lazy_regex(
    r"""
    \b(?:may|might|could|would|possibly|perhaps|probably|potentially|likely|unlikely|conceivably)\b
    | \b(?:appear(?:s|ed)?|seem(?:s|ed)?|is\s+thought|are\s+thought|is\s+believed|are\s+believed)\s+to\b
    | \b(?:is|are|was|were|be|been)\s+(?:\w+\s+)?(?:associated|linked|correlated|tied)\s+(?:with|to)\b
    | \b(?:studies|research|evidence|data|trials|findings|results)\s+(?:\w+\s+)?(?:suggests?|indicates?|hints?)\b
    | \bsuggest(?:s|ed|ing)?\b(?!\s+(?:you|that\s+you)\b)
    | \b(?:think|thinks|thought|believe|believes|believed)\s+that\b
    | \b(?:I|we)\s+(?:\w+\s+)?(?:think|believe|suspect)\b
    | \b(?:people|many|most|some|experts|doctors|proponents|supporters)\s+(?:\w+\s+)?(?:think|believe|feel)\b
    | \b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:reported|said|claimed|thought|believed|reputed)\s+to\b
    | \b(?:some|limited|preliminary|early|emerging)\s+(?:evidence|research|studies|data)\b
    | \b(?:individual\s+)?results\s+(?:may\s+)?vary\b | \bnot\s+everyone\b
    """,
    _FLAGS | regex.VERBOSE,
)
# Purpose and open questions govern only what follows them: "designed to reduce pain", "studying whether it helps".
_PURPOSE = lazy_regex(
    r"""
    \b(?:designed|intended|meant)\s+to\b | \baims?\s+to\b | \baimed\s+at\b
    | \bthe\s+(?:main\s+|primary\s+|overall\s+)?(?:goal|aim|purpose|objective)s?\s+(?:of\s+(?:[\w'-]+\s+){1,6}?)?(?:is|are|was|were)\b
    | \bfocus(?:es|ed|ing)?\s+on\b | \bhopes?\s+to\b | \bwhether\b | \bwanted\s+to\s+(?:find\s+out|know|see|assess)\b
    | \b(?:have|has|need|needs)\s+to\s+(?:show|prove|demonstrate)\b | \bto\s+find\s+out\b | \b(?:is|are)\s+needed\s+to\b
    | \b(?:study|trial|research|review)\s+(?:on|into|examining|investigating|testing|looking\s+at)\b
    """,
    _FLAGS | regex.VERBOSE,
)
# "Some patients", "in some cases": they scope a claim to part of the population.
_QUANTIFIER = lazy_regex(
    rf"""
    \b(?:in|for)\s+(?:some|many|certain|a\s+few)\s+(?:\w+\s+)?{_NOUNS}\b
    | \b(?:in|for)\s+some\b(?=\s*(?:[,.;:!?)]|$|of\b))
    | \b(?:some|many|certain|a\s+few|a\s+number\s+of)\s+(?:\w+\s+)?{_NOUNS}\b
    """,
    _FLAGS | regex.VERBOSE,
)
_WEAK = lazy_regex(
    r"""
    \b(?:can|often|typically|usually|generally|frequently|commonly|normally|mostly|largely|relatively|nearly|almost)\b
    | \btends?\s+to\b | \bin\s+most\s+cases\b
    """,
    _FLAGS | regex.VERBOSE,
)
_NEGATION = lazy_regex(r"\b(?:not|no|never|cannot|neither|nor|none|nothing|nobody)\b|n['\u2019]t\b", _FLAGS)
# "not only improves", "no longer needs": the claim still stands.
_NOT_NEGATION = lazy_regex(
    r"\b(?:not\s+(?:only|just|merely)|no\s+(?:doubt|wonder|matter|longer))\b"
    r"|(?<=\bbut\s)not\s+(?:[\w-]+\s+){0,3}[\w-]+\s*,",  # "X, but not Y, reduced pain": the negation is Y's
    _FLAGS,
)
_NEGATION_WINDOW_WORDS = 6
# A negated evidence frame scopes over everything after it: "there is no evidence that any
# remedy can prevent or cure ...", "no data showing that screening affects survival".
_NEGATED_EVIDENCE = lazy_regex(
    r"""
    \b(?:no|little|insufficient|not\s+enough|lack\s+of|without)\s+(?:\w+\s+){0,2}?(?:evidence|data|proof|studies|research)\b
    | \b(?:has|have|had)\s+not\s+been\s+(?:shown|proven|proved|demonstrated|established)\b
    | \bnothing\s+(?:shows|suggests|proves)\b | \bunproven\b
    """,
    _FLAGS | regex.VERBOSE,
)
_SOURCE = BranchSearch(
    r"""
    \[\s*\d+(?:\s*[,\u2013-]\s*\d+)*\s*\]
    | \(\s*[\p{Lu}][\p{L}'-]+(?:\s+et\s+al\.?|\s+(?:and|&)\s+[\p{Lu}][\p{L}'-]+)?,?\s+(?:19|20)\d\d[a-z]?\s*\)
    | (?i:\baccording\s+to\b | \bpublished\s+in\b | \bdata\s+from\b | \bresearchers\s+(?:at|from)\b)
    | (?i:\b(?:19|20)\d\d\s+(?:\w+\s+){0,3}?(?:study|trial|review|meta-analysis|survey|report|analysis|audit)\b)
    | (?i:\b(?:researchers|scientists|experts|investigators|the\s+authors|doctors)\s+(?:say|said|says|found|report(?:ed)?|conclude[d]?|note[d]?)\b)
    | (?i:\b(?:they|he|she)\s+(?:say|says|said)\b | \bresearch\s+(?:has|have)\s+(?:shown|found)\b)
    | (?<=\p{L}[.,])\d{1,3}(?:\s*,\s*\d{1,3})*(?=\s|$)
    | (?i:\b(?:trial|study|review|analysis|survey)\b[^.;!?]{0,120}?\b(?:found|showed|concluded|reported)\b)
    | (?i:\b(?:high|moderate|low)(?:-|\s)(?:quality|certainty)\s+evidence\b | \b(?:this|the)\s+(?:review|trial|study|analysis)\s+(?:found|shows|showed|concluded)\b)
    | (?i:\b(?:study|trial|review|meta-analysis|survey|audit)\s+(?:of|involving|with|in)\s+(?:more\s+than\s+|over\s+|nearly\s+|about\s+)?\d[\d,]*\b)
    | \b(?:CDC|NIH|WHO|NHS|NICE|AHRQ|Cochrane|Mayo\s+Clinic|Cleveland\s+Clinic|Centers\s+for\s+Disease\s+Control|World\s+Health\s+Organi[sz]ation|National\s+Institutes?\s+of\s+\w+)\b
    | \b(?:American|British|European)\s+(?:Heart|Cancer|Diabetes|Academy|College|Association|Society)\b
    """,
    regex.VERSION1 | regex.VERBOSE,
)
# Talking about a claim is not making it: "be wary of products marketed as miracle cures".
_MENTION = lazy_regex(
    r"""
    \bclaims?\s+(?:to|that)\b | \bclaimed\b | \b(?:marketed|advertised|sold|touted|hyped|billed|labell?ed)\s+as\b
    | \bpromis(?:e|es|ed|ing)\s+(?:to|that)\b | \bso-called\b | \bbeware\b | \bbe\s+(?:wary|skeptical|sceptical|suspicious)\b
    | \bred\s+flags?\b | \btoo\s+good\s+to\s+be\s+true\b | \b(?:watch|look)\s+out\s+for\b
    | \b(?:words|phrases|terms)\s+(?:like|such\s+as)\b | \bthe\s+(?:word|phrase|term)\b
    """,
    _FLAGS | regex.VERBOSE,
)
_CLOSING_QUOTE = lazy_regex(r"[^.!?;\"\u201d]{0,15}[\"'\u201d\u2019](?!\w)")
_OPEN_QUOTES = "\"'\u201c\u2018"
_CLOSE_QUOTES = "\"'\u201d\u2019"


@functools.lru_cache(maxsize=256)
def _breaks(sentence: str) -> tuple[tuple[int, int], ...]:
    """Clause-break spans of a sentence; every trigger of every rule in it shares them."""
    return tuple(match.span() for match in _CLAUSE_BREAK.finditer(sentence))


@functools.lru_cache(maxsize=1024)
def _found(pattern: regex.Pattern[str], sentence: str, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    """(start, end, text) of pattern's matches in sentence[start:end], scanned once per clause for all its triggers."""
    return tuple((match.start(), match.end(), match.group()) for match in pattern.finditer(sentence, start, end))


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of `sentence` holding the trigger sentence[start:end]."""
    clause_start, clause_end = 0, len(sentence)
    for break_start, break_end in _breaks(sentence):
        if break_end <= start:
            clause_start = break_end
        elif break_start >= end:
            clause_end = break_start
            break
    return clause_start, clause_end


_MODALS = frozenset("may might could would can".split())
# Hedging adverbs that, like a modal, govern what follows them: in "X improved Y, possibly through Z"
# the hedge is on the explanation, not on the claim before it ("X improved Y, possibly." hedges it).
_LATER_ADVERBS = frozenset("possibly perhaps probably potentially likely conceivably".split())
# Weak hedges that are degrees of the word after them: they hedge a claim only right before it ("nearly halves").
_DEGREE_ADVERBS = frozenset("relatively nearly almost".split())
_MEANS = lazy_regex(r"\W*(?:by|through)\s+", _FLAGS)


def hedge_in(sentence: str, start: int, end: int, *, quantifiers: bool = True, clause: tuple[int, int] | None = None) -> Hedge:
    """The strongest hedge in the trigger's clause (words inside the trigger do not count)."""
    clause_start, clause_end = clause or clause_bounds(sentence, start, end)
    not_epistemic = [(a, b) for a, b, _ in _found(_NOT_EPISTEMIC, sentence, clause_start, clause_end)]

    def usable(match_start: int, match_end: int, text: str) -> bool:
        inside_trigger = match_start < end and start < match_end
        permission = any(a <= match_start < b for a, b in not_epistemic)
        # A modal governs the verb after it: in "reduces pain and may improve sleep" it hedges only the second claim;
        # "..., suggesting that" after a claim draws an inference from it, it does not hedge it.
        later_modal = match_start >= end and (text.strip().lower() in _MODALS or text.lower().startswith("suggest"))
        if match_start >= end and text.strip().lower() in _LATER_ADVERBS:
            later_modal = any(c.isalnum() for c in sentence[match_end:clause_end])  # "..., possibly." still hedges
        return not inside_trigger and not permission and not later_modal

    strong_patterns = (_STRONG, _QUANTIFIER) if quantifiers else (_STRONG,)
    for pattern in strong_patterns:
        for match_start, match_end, text in _found(pattern, sentence, clause_start, clause_end):
            if usable(match_start, match_end, text):
                return Hedge(HedgeStrength.STRONG, text.strip())
    for _, match_end, text in _found(_PURPOSE, sentence, 0, len(sentence)):
        if match_end <= start and not _main_verb_after_purpose(sentence, text, match_end, start, end):
            return Hedge(HedgeStrength.STRONG, text.strip())  # a goal or a research question governs the rest of its sentence
        break
    for match_start, match_end, text in _found(_WEAK, sentence, clause_start, clause_end):
        # A weak adverb or modal governs what follows it ("can reduce", "often improves"): in "reduced
        # pain and was generally safe" it qualifies the second predicate; "in most cases" may trail.
        # A leading means adjunct ("By easing pain, patients often ...") shares the main clause's hedge.
        if text.lower() in _DEGREE_ADVERBS and sentence[match_end:start].strip():
            continue  # "a relatively brief course of X reduced ...": a degree of another word, not a hedge on the claim
        if usable(match_start, match_end, text) and (match_start < end or text.lower().startswith("in") or _MEANS.fullmatch(sentence, clause_start, start)):
            return Hedge(HedgeStrength.WEAK, text.strip())
    return Hedge(HedgeStrength.NONE)


_COORDINATED = lazy_regex(r"(?:\band|\bor|,)\s*$", _FLAGS)
_FINITE_OPENERS = frozenset("is are was were has have had does do did".split())
_SUBORDINATORS = lazy_regex(r"\b(?:that|whether|if|how|why|what|which|who)\b", _FLAGS)


def _main_verb_after_purpose(sentence: str, purpose: str, purpose_end: int, start: int, end: int) -> bool:
    """A purpose governs its own non-finite complement ("aimed at reducing pain", "designed to ease
    strain"), not the sentence's finite main verb after it: in "Classes with a focus on cooking
    cut salt intake" and "Messages focused on sleep were effective" the claim stands. "Whether"
    and a "that" clause between them ("aims to show that X reduces pain") still govern."""
    if purpose.strip().lower() == "whether" or _SUBORDINATORS.search(sentence, purpose_end, start):
        return False
    if _COORDINATED.search(sentence, 0, start):
        return False  # "designed to ease strain, allowing X and improved Y": a coordinated part shares the purpose
    first = sentence[start:end].split(" ", 1)[0].lower()
    return first in _FINITE_OPENERS or len(first) > 3 and (first.endswith("ed") or first.endswith("s") and not first.endswith(("ss", "us", "is")))


def is_negated(sentence: str, start: int, end: int, clause: tuple[int, int] | None = None) -> bool:
    """A negation shortly before the trigger in its clause: "does not cure", "no procedure is risk-free"."""
    clause_start, _ = clause or clause_bounds(sentence, start, end)
    if _NEGATED_EVIDENCE.search(sentence, 0, start):
        return True
    for match in _NEGATION.finditer(sentence, clause_start, start):
        if _NOT_NEGATION.match(sentence, match.start()):
            continue
        if len(sentence[match.end():start].split()) <= _NEGATION_WINDOW_WORDS:
            return True
    return False


_OWN_STUDY = lazy_regex(r"\b(?:we|our)\b", _FLAGS)
_THIS_BEFORE = lazy_regex(r"\b(?:this|the\s+(?:present|current))\s+$", _FLAGS)
_OWN_BEFORE = lazy_regex(r"\b(?:our|we)\s+(?:own\s+)?$", _FLAGS)


def _own_result(sentence: str, match: regex.Match[str]) -> bool:
    """"In our study of 40 patients we found ...", "our study findings showed", "according to our data",
    "this study shows", "the present study found": the writer's own result, which cites nobody (the
    claims-dev protocol keeps "our studies show" a claim). A study named only by "this" or "the
    present" is no source a reader can look up; on reporting pages attribution still clears it
    ("..., the study found": pagetype.is_attributed)."""
    text = match.group().lower()
    if text.startswith("according to"):
        return sentence[match.end():match.end() + 5].lower().strip().startswith("our")
    if not text.startswith(("trial", "study", "review", "analysis", "survey", "this", "the ")):
        return False
    if _THIS_BEFORE.search(sentence, 0, match.start()) is not None or text.startswith("this"):
        return True
    return _OWN_BEFORE.search(sentence, 0, match.start()) is not None or _OWN_STUDY.search(text) is not None


def is_sourced(sentence: str) -> bool:
    """A citation or a named source in the sentence: "[3]", "(Smith, 2020)", "according to the CDC"."""
    match = _SOURCE.search(sentence)
    while match is not None:
        if not _own_result(sentence, match):
            return True
        match = _SOURCE.search(sentence, match.end())
    return False


def is_question(sentence: str) -> bool:
    return sentence.rstrip().rstrip(_CLOSE_QUOTES + ")]").endswith("?")


def is_mention(sentence: str, start: int, end: int, clause: tuple[int, int] | None = None) -> bool:
    """The trigger is talked about, not asserted: in quotes of its own, or after "claims to", "beware of"."""
    before = sentence[:start].rstrip()
    if before and before[-1] in _OPEN_QUOTES:
        if _CLOSING_QUOTE.match(sentence, end):
            return True
    clause_start, clause_end = clause or clause_bounds(sentence, start, end)
    return _MENTION.search(sentence, clause_start, clause_end) is not None


def surroundings(sentence: str, start: int, end: int, *, quantifiers: bool = True, sourced: bool | None = None) -> Surroundings:
    """All of the above for one trigger; `sourced` may be passed in when the caller already knows it."""
    clause = clause_bounds(sentence, start, end)
    return Surroundings(
        hedge=hedge_in(sentence, start, end, quantifiers=quantifiers, clause=clause),
        negated=is_negated(sentence, start, end, clause),
        sourced=is_sourced(sentence) if sourced is None else sourced,
        question=is_question(sentence),
        mention=is_mention(sentence, start, end, clause),
    )
