"""Page type: whether an article sells, reports or advises, which decides how its claims weigh.

Health-claim law (FTC, FDA, UK CAP) targets advertising and promotion; journalism reports
what named sources say. So one sentence weighs differently by page:

- `promotional`: sales, clinic, supplement and programme pages, a sponsor's own press
  release. The page adopts what it quotes: attribution does not clear a claim, and the
  regulated kinds (cure, guarantee, safety, statistic, efficacy) are errors.
- `reporting`: news, agency releases, evidence summaries, official leaflets. A claim
  attributed to a named source in its own or the next sentence is sourced; claims are at
  most warnings; no disclaimer is asked for.
- `advice`: the page speaks in its own voice without selling (health advice, patient
  education). Rules keep their own severity; a disclaimer is asked for.

The type comes from, in order: the article's front matter (`page-type: reporting`), the
config (`page-type:`, per path through `overrides:`), else `infer(doc)` from the text's
signals (commerce: prices, order buttons, refund offers, first-person promotion, press-release
furniture; reporting: attribution verbs, datelines, bylines, study citations).
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex
from claimlint import patterns
from claimlint.patterns import SearchText, lazy_regex

if TYPE_CHECKING:
    from claimlint.document import Document, Sentence


class PageType(str, enum.Enum):
    PROMOTIONAL = "promotional"
    REPORTING = "reporting"
    ADVICE = "advice"


AUTO = "auto"
# What config and front matter accept: a page type, or `auto` to infer it.
CHOICES: tuple[str, ...] = (AUTO, *(kind.value for kind in PageType))
FRONT_MATTER_KEY = "page-type"


@dataclass(frozen=True, slots=True)
class PageVerdict:
    """A document's page type, where it came from, and the signal counts behind an inference."""

    page_type: PageType
    origin: str  # "front matter", "config" or "inferred"
    commerce: int = 0
    reporting: int = 0

    @property
    def promotional(self) -> bool:
        return self.page_type is PageType.PROMOTIONAL

    @property
    def reporting_page(self) -> bool:
        return self.page_type is PageType.REPORTING


_FLAGS = regex.IGNORECASE | regex.VERSION1 | regex.VERBOSE

# Each match is one commerce signal.
_COMMERCE = (
    r"""
    (?:[$\u00a3\u20ac]\s?\d[\d,]*(?:\.\d\d)?(?!\s?(?:million|billion|bn|m)\b))
    | \b\d+(?:\.\d\d)?\s?(?:USD|dollars)\b
    | \b(?:per|a|each|/)\s?(?:bottle|jar|box|pack|month's\ supply)\b
    | \b(?:order|buy|shop|purchase|get\ (?:yours|it|my\ copy|instant\ access))\s+(?:now|today|here)\b
    | \badd\ to\ (?:cart|basket|bag)\b | \bcheckout\b | \bfree\ shipping\b | \bshipping\ (?:and|&)\ handling\b
    | \b(?:money[-\s]back|refund|risk[-\s]free)\b
    | \b(?:best|special|exclusive|limited[-\s]time|introductory)\ (?:value|offer|deal|price|discount)\b
    | \b(?:discount|coupon|promo)\ code\b | \bsave\ \d+\s?%
    | \b(?:our|my)\ (?:clinic|practice|office|centre|center|product|products|formula|supplement|program|programme|system|team|doctors|specialists|patients|clients|customers|treatment|treatments|therapy|services|method|guide|book|protocol)\b
    | \b(?:we|i)\ (?:offer|provide|specialize|specialise|treat|guarantee|recommend\ our|have\ helped|help(?:ed)?\ (?:thousands|hundreds|patients|people|clients))\b
    | \b(?:call|contact|visit)\ (?:us|our\ (?:office|clinic))\b
    | \b(?:book|schedule|request)\ (?:an?\ |your\ )?(?:free\ )?(?:appointment|consultation|visit|assessment|evaluation)\b
    | \bfree\ (?:consultation|trial|bottle|bonus|report|gift)\b
    | \b(?:press\ release|for\ immediate\ release|media\ contacts?|PR\ ?Newswire|Business\ Wire|GlobeNewswire)\b
    """,
    _FLAGS,
)

# Each match is one reporting signal.
_REPORTING = (
    r"""
    \((?:Reuters|AP|AFP|HealthDay(?:\ News)?|Bloomberg)\)
    | \b(?:Reuters\ Health|HealthDay\ News|Associated\ Press|Kaiser\ Health\ News)\b
    | ^\s*By\ (?-i:[A-Z][\w.'-]+(?:\ [A-Z][\w.'-]+){1,3})\s*$
    | ^(?-i:[A-Z]{3,}(?:[ ,][A-Z]{2,})*),?\ (?:\([\w ]+\)\ )?[-\u2013\u2014]
    | \b(?:said|says|told|explained|noted|added|cautioned|wrote)\b(?=\s+(?:Dr\.?|Professor|the|a|an|(?-i:[A-Z])))
    | (?<=[,"\u201d]\s)(?:he|she|they)\ (?:said|says|added|noted|explained)\b
    | \baccording\ to\b
    | \b(?:published|reported|appears)\ (?:online\ )?in\ (?:the\ )?(?:journal|(?-i:[A-Z]))
    | \b(?:researchers|investigators|the\ (?:study|review|trial|analysis|report)(?:'s)?\ (?:authors?|found|showed|concluded))\b
    | \b(?:review\ authors|Cochrane|systematic\ review|meta-analysis)\b
    | (?-i:\b[A-Z][a-z]+)\ (?:said|says|told|explained|added|noted|recalled|cautioned)\b
    | \b(?:very\ )?(?:low|moderate|high)[-\ ](?:certainty|quality)\ evidence\b
    | \b\d[\d,]*\ (?:studies|trials|participants)\b
    | \bwe\ (?:identified|included|judged|searched|conducted|assessed|reviewed)\b
    | \bthis\ (?:review|summary)\b
    """,
    _FLAGS | regex.MULTILINE,
)


@functools.lru_cache(maxsize=None)  # pure; split once per process, when a page type is first inferred
def _signals(source: str, flags: int) -> patterns.Pattern:
    # Split at its branches: counted at the tokens that fit a branch's first letters, and only
    # the branches whose words the page has, with the whole regex's matches (patterns.split_alternation).
    return patterns.split_alternation(source, flags)

PROMOTIONAL_SIGNALS = 3  # commerce signals that make a page promotional
PRESS_RELEASE = lazy_regex(r"\b(?:press\ release|for\ immediate\ release|media\ contacts?|PR\ ?Newswire|Business\ Wire|GlobeNewswire)\b", _FLAGS)
REPORTING_PER_1000_WORDS = 4.0  # reporting signals, per 1,000 words, that make a page reporting


def parse_choice(value: object) -> str:
    """A config or front-matter value -> one of CHOICES; ValueError naming the choices."""
    text = str(value).strip().lower() if isinstance(value, str) else ""
    if text not in CHOICES:
        raise ValueError(f"page type must be one of {', '.join(CHOICES)}, not {value!r}")
    return text


def infer(prose: str | SearchText) -> PageVerdict:
    """The page type its prose shows; `advice` when it neither sells nor reports."""
    searched = prose if isinstance(prose, SearchText) else SearchText(prose)
    text = searched.text
    commerce = sum(1 for _ in patterns.finditer(_signals(*_COMMERCE), searched, timeout=None))
    reported = sum(1 for _ in patterns.finditer(_signals(*_REPORTING), searched, timeout=None))
    # Quoted experts tell reporting from advice, but never outweigh commerce: an advertorial
    # quotes its doctors at length too.
    reporting = reported + len(quoted_speech(text))
    words = max(len(text.split()), 1)
    if PRESS_RELEASE.search(text) or commerce >= PROMOTIONAL_SIGNALS and commerce * 2 >= reported:
        kind = PageType.PROMOTIONAL
    elif reporting * 1000 / words >= REPORTING_PER_1000_WORDS and reporting >= 2:
        kind = PageType.REPORTING
    else:
        kind = PageType.ADVICE
    return PageVerdict(kind, "inferred", commerce, reporting)


def resolve(doc: Document, configured: str = AUTO) -> PageVerdict:
    """The document's page type: front matter, then the config's `page-type`, then inference.

    Computed once per document and configured value, shared by every rule.
    """
    return doc.derived(("page-type", configured), lambda: _resolve(doc, configured))


def _resolve(doc: Document, configured: str) -> PageVerdict:
    declared = doc.front_matter.get(FRONT_MATTER_KEY)
    if declared is not None:
        try:
            choice = parse_choice(declared)
        except ValueError:
            choice = AUTO  # a bad value in an article is not worth stopping the run; the config is validated
        if choice != AUTO:
            return PageVerdict(PageType(choice), "front matter")
    if configured != AUTO:
        return PageVerdict(PageType(configured), "config")
    return infer(doc.search_text)


# A named source said, found or reported something: "the study found", "Dr. Lee said", "according to".
_ATTRIBUTION = lazy_regex(
    r"""
    \baccording\ to\b
    | (?:(?-i:\b[A-Z][a-z]+)|\b(?:study|studies|review|trial|analysis|report|researchers|scientists|authors|experts?|survey|data|findings|he|she|they))\b
      (?:,[^,.;]{1,80},|(?:\s+[\w'-]+){0,2}?,?)\s+
      (?:said|say|says|told|explained|noted|added|cautioned|warned|wrote|writes|estimate|estimates|estimated|reported|reports|concluded|found|find|finds|showed|show|shows)\b
    | \b(?:said|says|explained|added|noted|told|wrote)\s+(?:Dr\.?|Professor|Prof\.?|the|(?-i:[A-Z]))
    | \bpublished\ (?:online\ )?in\b
    """,
    _FLAGS,
)


def is_attributed(doc: Document, sentence: Sentence) -> bool:
    """A named source in this sentence or the next one ("..., the study found", "Dr. Lee said"),
    the sentence is inside a named speaker's quoted paragraphs (`quoted_speech`), or the page
    is an evidence summary (`is_evidence_summary`), whose results are its studies'."""
    if doc.derived("evidence-summary", lambda: is_evidence_summary(doc.text)):
        return True  # every result an evidence summary states is the reviewed studies' finding
    found = doc.derived("attributed-sentences", lambda: _attributed_sentences(doc))
    index = _index_of(doc, sentence)
    if index in found or index + 1 in found or is_quoted_speech(doc, sentence):
        return True
    spans = doc.derived("attributed-quotes", lambda: attributed_quotes(doc.text))
    return any(start <= sentence.start < end for start, end in spans)


# A quotation with its speech verb beside it: '"... . ...," said Dr. Lee', '"...," Lee told us',
# 'Lee said: "... ."'. Every sentence inside the quotation marks is the speaker's.
_QUOTATION = lazy_regex(r"""[\u201c"]((?:[^\u201c\u201d"\n]|\n(?![ \t]*\n)){12,3000}?)[\u201d"]""")
_SPEECH_VERB = r"(?:said|says|told|explained|added|noted|cautioned|warned|wrote|recalled|argued|asked|insisted)"
_SPEAKER_AFTER = lazy_regex(
    rf"""\s*(?:{_SPEECH_VERB}\s+(?:Dr\.?|Prof\.?|Professor|the|an?|(?-i:[A-Z]))
    | (?:he|she|they)\s+{_SPEECH_VERB}\b
    | (?-i:[A-Z][\w.'-]+)(?:\s+(?-i:[A-Z][\w.'-]+)){{0,3}}\s+{_SPEECH_VERB}\b)""",
    _FLAGS,
)
_SPEAKER_BEFORE = lazy_regex(rf"\b{_SPEECH_VERB}(?:\s+\w+)?\s*[:,]\s*$", _FLAGS)


def attributed_quotes(text: str) -> tuple[tuple[int, int], ...]:
    """Spans inside quotation marks whose speaker a speech verb names right before or after."""
    found = []
    for match in _QUOTATION.finditer(text):
        after = _SPEAKER_AFTER.match(text, match.end(), min(len(text), match.end() + 80))
        before = _SPEAKER_BEFORE.search(text, max(0, match.start() - 60), match.start())
        if after or before:
            found.append(match.span())
    return tuple(found)


# A review's own voice about its method: "we searched ... databases", "we included 12 trials",
# "we judged the evidence ...". News about a review reports it in the third person.
_REVIEW_METHOD = lazy_regex(
    r"""
    \bwe\ (?:searched|identified|included|found|conducted|reviewed|assessed|judged|pooled|analysed|analyzed)\b
    [^.;]{0,60}?\b(?:studies|trials|search|searches|evidence|literature|participants|databases?|data|risk\ of\ bias)\b
    """,
    _FLAGS,
)
_REVIEW_NAME = lazy_regex(r"\b(?:Cochrane|systematic\ review|meta-analysis|(?:this|our|the)\ (?:review|summary))\b", _FLAGS)


def is_evidence_summary(text: str) -> bool:
    """A review's summary in its own voice: two method statements, or one and the review named."""
    method = sum(1 for _ in zip(range(2), _REVIEW_METHOD.finditer(text)))
    return method >= 2 or method == 1 and _REVIEW_NAME.search(text) is not None


def is_quoted_speech(doc: Document, sentence: Sentence) -> bool:
    """The sentence starts inside a paragraph of direct speech by a speaker the text names."""
    spans = doc.derived("quoted-speech", lambda: quoted_speech(doc.text))
    return any(start <= sentence.start < end for start, end in spans)


# A paragraph of direct speech: it opens with a double quotation mark and has a sentence's worth of words.
_QUOTED_PARAGRAPH = lazy_regex(r"[ \t]*[\u201c\u201e\"](?=(?:\S+\s+){6})")
_PARAGRAPH_BREAK = lazy_regex(r"\n[ \t]*\n")
# Who speaks, introduced in a sentence of its own before the quote: a titled name or a name,
# then what the person is or does ("Dr. Ana Ruiz is chair of ...", "Ana Ruiz, a cardiologist
# at ..., has studied ..."). A signature line under an endorsement ("-Dr. Ana Ruiz") names no
# role in a sentence, so it introduces nothing.
_SPEAKER = lazy_regex(
    r"""
    ^(?!\s*[-\u2013\u2014*\u2022])(?=(?:\S+\s+){5})[^\n]*?
    (?:\b(?:Dr|Prof|Professor)\.?\ (?-i:[A-Z][\w'-]+(?:\ [A-Z][\w.'-]+){0,2})|(?-i:\b[A-Z][a-z]+(?:\ [A-Z]\.)?\ [A-Z][\w'-]+))
    (?:,[^,.]{3,120},)?\ (?:is|was|has|heads|leads|directs|chairs|(?<=,)\ ?(?:an?|the))\ (?-i:[a-z])
    """,
    _FLAGS | regex.MULTILINE,
)


# "Dr. Ames is our lead surgeon": the page's own spokesperson, whose quotes are the page's claims.
_OWN_VOICE = lazy_regex(r"\b(?:our|we|us)\b", _FLAGS)


def quoted_speech(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the paragraphs of direct speech whose speaker the text names.

    A run of paragraphs that each open with a quotation mark is one speaker's turn (long
    quotes in news features open every paragraph and close only the last); the speaker is
    introduced in the paragraph before the run. Quotes that name their speaker inside
    ("..., said Dr. Lee") are counted by `_REPORTING` and attributed sentence by sentence.
    Testimonials under a "Success story #2" heading or a "-Jean, Ohio" signature have no such
    introduction, and "Dr. Ames is our lead surgeon" introduces the page's own voice, so
    neither is counted here (and a promotional page adopts what it quotes anyway).
    """
    paragraphs: list[tuple[int, int]] = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > position:
            paragraphs.append((position, match.start()))
        position = match.end()
    if position < len(text):
        paragraphs.append((position, len(text)))
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(paragraphs):
        if not _QUOTED_PARAGRAPH.match(text, paragraphs[index][0]):
            index += 1
            continue
        run_end = index
        while run_end + 1 < len(paragraphs) and _QUOTED_PARAGRAPH.match(text, paragraphs[run_end + 1][0]):
            run_end += 1
        before = paragraphs[index - 1] if index else (0, 0)
        if _SPEAKER.search(text, before[0], before[1]) and not _OWN_VOICE.search(text, before[0], before[1]):
            found.extend(paragraphs[index:run_end + 1])
        index = run_end + 1
    return tuple(found)


def _attributed_sentences(doc: Document) -> frozenset[int]:
    text = doc.text
    # Only a sentence holding one of the words every attribution has ("said", "according to"...) is searched.
    searched = doc.search_text
    required = _attribution_words() if searched.foldable else ()
    return frozenset(
        index for index, sentence in enumerate(doc.sentences)
        if (not required or searched.holds_within(required, sentence.start, sentence.end)) and _ATTRIBUTION.search(text, sentence.start, sentence.end)
    )


@functools.cache  # pure: derived from a constant, once per process
def _attribution_words() -> patterns.Required:
    """Sets of texts every _ATTRIBUTION match contains (its speech and finding verbs are more than a rule token's 16)."""
    return patterns.required_literals(_ATTRIBUTION.pattern, True, limit=32)


def _index_of(doc: Document, sentence: Sentence) -> int:
    starts = doc.derived("sentence-index", lambda: {s.start: i for i, s in enumerate(doc.sentences)})
    return starts.get(sentence.start, -2)
