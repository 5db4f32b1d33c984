"""`claim`: one kind of health claim, reported at its trigger words unless hedged, negated or sourced.

PASS/FAIL live in each rule's `examples`. Options:
- kind: the claim kind, shown in the message ({kind}) and in the finding's data.
- triggers: regexes for the claim's words; all of a rule's triggers run as one alternation.
- mild_triggers: like triggers, but reported one severity level lower.
- exceptions: regexes; a trigger starting inside an exception's match is not a claim
  ("no cure", "breakthrough pain", "best practice").
- requires: regexes; if given, the trigger's sentence must match one of them.
- unless: regexes; a trigger whose sentence matches one (outside the trigger) is not a claim.
- hedged / weakly_hedged: what a strong ("may", "studies suggest") or weak ("can",
  "often") hedge in the trigger's clause does: clear, lower (one severity level) or ignore.
- capabilities: where a benefit found by phrase shape and hedged only by "can" ("X can reduce
  pain", "can be effective": what X is able to do) steps down from: `rule` (its severity, default)
  or `page` (the page type's severity, so one level below an error on promotional and advice
  pages). A possible harm or influence ("can cause", "can affect") always steps from the rule.
- quantifier_hedges: whether "some patients", "in some cases" count as strong hedges.
- negation: clear or ignore a trigger shortly after "not", "no", "never" in its clause.
- sourced: what a citation or named source in the sentence does: clear, lower or ignore.
- mentions: clear or ignore a trigger that is talked about ("beware of miracle cures").
- effect_verbs, effect_adjectives, effect_nouns: lemmas of effect words found by phrase
  shape on the token layer (checks/claim/effects.py): a verb with an object ("lead to" names
  a particle), an adjective after a copula, a noun after "have"/"show" or as a clause's subject
  with a predicate; not_outcomes: object head lemmas that are not health outcomes ("price");
  requisite_adjectives: "is critical for recovery" (with what it is needed for); role_nouns:
  "is a determinant of", "plays a key role in" (noun and preposition); success_verbs: "really
  works", "works as well as" (a verb that claims success with no object).
- rewrites: regex -> suggested rewrite, for the first regex matching the whole trigger.
- suggest_kind: whether `suggest` is a drop-in `replacement` for the trigger (the sentence
  stays whole) or `advice` to the writer (default). A rewrite is a replacement unless its text
  starts with "advice: ". Templates may use {rest}: the trigger after its first word. The
  finding's data says which (`suggestion_kind`).
- attributed: on reporting pages, what a named source in the claim's own or the next
  sentence ("..., the study found", "Dr. Lee said") does: clear (default), lower or ignore.
- page_severity: page type -> the severity of an unlowered claim on such pages (see
  pagetype.py), e.g. `{promotional: error}`; other page types keep `severity`, and a lowered
  claim steps down from `severity`. On reporting pages a claim is
  never more than a warning; on promotional pages the page adopts what it quotes, so neither a
  source nor an attribution clears (or lowers) a claim.
- ignorecase (default true).
Questions are never claims, nor are titles in reference lists (checks/claim/references.py). The message and suggestion may use {match}, {kind}, {hedged}
(the trigger with "may" put in front of its verb).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from claimlint import language, pagetype, patterns
from claimlint.checks.claim import effects, hedging, references
from claimlint.checks import Check, Hit, RunContext, compile_option
from claimlint.document import Document, Sentence
from claimlint.finding import Severity
from claimlint.spec import Option, RuleSpec

DESCRIPTION = "Flags one kind of health claim at its trigger words, unless a hedge, negation, source or question clears it."
EFFECTS = ("clear", "lower", "ignore")
MESSAGE_FIELDS = frozenset({'match', 'kind', 'hedged'})  # what `message`/`suggest` may name (rulefile checks at load)
OPTIONS = {
    "kind": Option("str", required=True, help="the claim kind, for the message and the finding's data"),
    "triggers": Option("list", (), help="regexes for the claim's words; a space matches any white space"),
    "mild_triggers": Option("list", (), help="triggers reported one severity level lower"),
    "exceptions": Option("list", (), help="regexes; a trigger starting inside one's match is not a claim"),
    "requires": Option("list", (), help="regexes; the trigger's sentence must match one"),
    "unless": Option("list", (), help="regexes; a match in the sentence, outside the trigger, clears it"),
    "hedged": Option("str", "clear", help="effect of a strong hedge in the clause: clear, lower or ignore"),
    "weakly_hedged": Option("str", "lower", help="effect of a weak hedge in the clause: clear, lower or ignore"),
    "capabilities": Option("str", "rule", help="a weakly hedged benefit ('can reduce pain') steps down from the rule's or the page type's severity: rule or page"),
    "quantifier_hedges": Option("bool", True, help="count 'some patients', 'in some cases' as strong hedges"),
    "negation": Option("str", "clear", help="effect of a negation just before the trigger: clear or ignore"),
    "sourced": Option("str", "ignore", help="effect of a citation or named source in the sentence: clear, lower or ignore"),
    "mentions": Option("str", "clear", help="effect of the trigger being talked about, not asserted: clear or ignore"),
    "effect_verbs": Option("list", (), help="lemmas of effect verbs, found used as a verb with an object ('lead to': with its particle)"),
    "effect_adjectives": Option("list", (), help="lemmas of efficacy adjectives, found after a copula ('is effective')"),
    "effect_nouns": Option("list", (), help="lemmas of effect nouns, found after 'have', 'show' and the like ('had little impact on')"),
    "not_outcomes": Option("list", (), help="object head lemmas that are not health outcomes ('price', 'website')"),
    "requisite_adjectives": Option("list", (), help="lemmas of adjectives that claim with what they are needed for ('is critical for recovery')"),
    "success_verbs": Option("list", (), help="lemmas of verbs that claim success with no object when qualified ('really works', 'works as well as')"),
    "role_nouns": Option("list", (), help="role nouns with their preposition that make the subject a cause ('determinant of', 'role in' after 'play')"),
    "rewrites": Option("map", {}, help="regex -> suggested rewrite when the regex matches the whole trigger ('advice: ...' for advice)"),
    "suggest_kind": Option("str", "advice", help="what `suggest` is: a drop-in replacement for the trigger, or advice"),
    "ignorecase": Option("bool", True, help="match regardless of case"),
    "attributed": Option("str", "clear", help="on reporting pages, effect of a named source in the same or next sentence: clear, lower or ignore"),
    "page_severity": Option("map", {}, help="page type (promotional, reporting, advice) -> severity on such pages"),
}
ADVICE_PREFIX = "advice: "
SUGGESTION_KINDS = ("replacement", "advice")
_TRIM = " \t\r\n,.;:!?\"'\u201c\u201d\u2018\u2019)("


@dataclass(frozen=True)
class Policy:
    hedged: str
    weakly_hedged: str
    quantifier_hedges: bool
    negation: str
    sourced: str
    mentions: str
    attributed: str = "clear"


@dataclass(frozen=True)
class ClaimCheck(Check):
    spec: RuleSpec
    kind: str
    trigger: patterns.Pattern | None
    mild_from: int  # trigger groups numbered from here on are mild
    exceptions: patterns.Pattern | None
    requires: patterns.Pattern | None
    unless: patterns.Pattern | None
    rewrites: tuple[tuple[patterns.Pattern, str], ...]
    policy: Policy
    lexicon: effects.Lexicon | None = None
    page_severity: tuple[tuple[pagetype.PageType, Severity], ...] = ()
    suggest_kind: str = "advice"
    capabilities_from_page: bool = False

    def severity_on(self, page: pagetype.PageType) -> Severity:
        """The rule's severity on this kind of page: reporting pages cap it at warning."""
        severity = dict(self.page_severity).get(page, self.spec.severity)
        if page is pagetype.PageType.REPORTING and severity.rank > Severity.WARNING.rank:
            severity = Severity.WARNING
        return severity

    def run(self, doc: Document, context: RunContext) -> Iterator[Hit]:
        timeout = context.pattern_timeout
        sourced: dict[int, tuple[bool, bool]] = {}  # by sentence start (cited, attributed): triggers share sentences
        taken_until = -1
        page: pagetype.PageVerdict | None = None  # inferred only once a trigger needs it
        for start, end, mild, imperative, capability in self._candidates(doc, timeout):
            if start < taken_until:
                continue  # an effect phrase inside a trigger already judged
            sentence = doc.sentence_at(start)
            if sentence is None:
                continue
            if sentence.block.start in references.reference_blocks(doc):
                continue  # a title in a reference list is no claim
            if page is None:
                page = pagetype.resolve(doc, context.page_type)
            if imperative and not page.promotional:
                continue  # "Lower your stress": advice, unless the page sells what does it
            hit = self._judge(doc, sentence, start, end, mild, timeout, sourced, page, capability)
            if hit is not None:
                taken_until = end
                yield hit

    def _candidates(self, doc: Document, timeout: float) -> list[tuple[int, int, bool, bool, bool]]:
        """(start, end, mild, imperative, capability) of every trigger match and effect phrase, in text order."""
        text = doc.text
        ranges = doc.block_ranges(self.spec.scope)
        found: list[tuple[int, int, bool, bool, bool]] = []
        excepted: list[tuple[int, int]] | None = None  # found only once a trigger needs them
        for match in patterns.finditer_ranges(self.trigger, doc.search_text, ranges, timeout) if self.trigger is not None else ():
            start, end = _trimmed(text, *match.span())
            if start >= end:
                continue
            if self.exceptions is not None:
                if excepted is None:
                    excepted = [m.span() for m in patterns.finditer_ranges(self.exceptions, doc.search_text, ranges, timeout)]
                if patterns.span_at(excepted, start) is not None:
                    continue
            found.append((start, end, int(match.lastgroup[1:]) >= self.mild_from if match.lastgroup else False, False, False))
        if self.lexicon is not None:
            in_scope = [sentence for range_start, range_end in ranges for sentence in doc.sentences_in(range_start, range_end)]
            holding = language.may_hold_lemma(text, [(sentence.start, sentence.end) for sentence in in_scope], self.lexicon.cues)
            for sentence, may_hold in zip(in_scope, holding):
                if may_hold:  # else no word of it can be an effect word: not tagged at all
                    for phrase in effects.find(doc.tokens_of(sentence), self.lexicon):
                        found.append((phrase.start, phrase.end, False, phrase.imperative, phrase.capability))
        found.sort()
        return found

    def _judge(
        self, doc: Document, sentence: Sentence, start: int, end: int, mild: bool, timeout: float, sourced: dict[int, tuple[bool, bool]], page: pagetype.PageVerdict,
        capability: bool = False,
    ) -> Hit | None:
        """The hit for one trigger, or None when its sentence shows it is no claim."""
        text = doc.text
        sentence_start, sentence_end = _sentence_span(text, sentence, start, end)
        if self.requires is not None and patterns.search(self.requires, doc.search_text, sentence_start, sentence_end, timeout) is None:
            return None
        if self.unless is not None:
            for match in patterns.finditer(self.unless, doc.search_text, sentence_start, sentence_end, timeout):
                if match.end() <= start or match.start() >= end:  # the trigger's own words do not clear it
                    return None
        words = text[sentence_start:sentence_end]
        relative_start, relative_end = start - sentence_start, end - sentence_start
        policy = self.policy
        if sentence_start not in sourced:
            if page.promotional:  # the page adopts what it quotes
                sourced[sentence_start] = (False, False)
            else:
                # Attribution (a named source, a quoted expert) clears only in reporting: an advice
                # page that quotes "Dr. Ames, a surgeon at the clinic" may be quoting its own.
                attributed = page.reporting_page and pagetype.is_attributed(doc, sentence)
                # The same sentence span is judged by every claim rule with a trigger in it: searched once.
                cited_here = doc.derived(("sourced", sentence_start, sentence_end), lambda: hedging.is_sourced(words))
                sourced[sentence_start] = (cited_here, attributed)
        cited, attributed = sourced[sentence_start]
        if cited and not hedging.is_sourced(words[:relative_start] + " " * (relative_end - relative_start) + words[relative_end:]):
            cited = False  # the trigger's own words ("according to a German study") are no source for it
        around = hedging.surroundings(words, relative_start, relative_end, quantifiers=policy.quantifier_hedges, sourced=cited)
        if around.question:
            return None
        if policy.negation == "clear" and around.negated:
            return None
        if policy.mentions == "clear" and around.mention:
            return None
        effects = [("mild", "lower")] if mild else []
        if around.hedge.strength is hedging.HedgeStrength.STRONG:
            effects.append((f"hedged by '{around.hedge.words}'", policy.hedged))
        elif around.hedge.strength is hedging.HedgeStrength.WEAK:
            effects.append((f"weakly hedged by '{around.hedge.words}'", policy.weakly_hedged))
        if around.sourced:
            effects.append(("a source is cited", policy.sourced))
        if attributed:
            effects.append(("attributed to a named source", policy.attributed))
        if any(effect == "clear" for _, effect in effects):
            return None
        lowerings = [reason for reason, effect in effects if effect == "lower"]
        # page_severity is for a claim at full strength; a lowered one steps down from the rule's severity,
        # except a benefit only weakly hedged ("can reduce pain") when the rule says capabilities are claims.
        weak_only = len(lowerings) == 1 and around.hedge.strength is hedging.HedgeStrength.WEAK and around.hedge.words.lower() == "can"
        from_page = not lowerings or self.capabilities_from_page and capability and weak_only
        severity = self.severity_on(page.page_type) if from_page else self.spec.severity
        for _ in lowerings:
            severity = severity.lowered()
        severity = min(severity, self.severity_on(page.page_type), key=lambda level: level.rank)
        reasons = [reason for reason in lowerings if reason != "mild"]
        matched = text[start:end]
        fields = {"match": matched, "kind": self.kind, "hedged": hedged_rewrite(matched), "rest": matched.partition(" ")[2]}
        # A page repeats its claim words: each rule tries its rewrites on one wording once per document.
        rewrite = doc.derived(
            ("rewrite", self.spec.code, matched),
            lambda: next((rewrite for pattern, rewrite in self.rewrites if patterns.search(pattern, matched, timeout=timeout)), None),
        ) if self.rewrites else None
        template: str | None
        if rewrite is not None:
            advice = rewrite.startswith(ADVICE_PREFIX)
            template, kind = (rewrite[len(ADVICE_PREFIX):] if advice else rewrite), ("advice" if advice else "replacement")
        else:
            template, kind = self.spec.suggest, self.suggest_kind
        suggestion = " ".join(self.spec.render(template, **fields).split()) if template else None
        message = self.spec.render(**fields)
        if reasons:
            message += f" (lowered: {'; '.join(reasons)})"
        return Hit(
            start,
            end,
            message,
            suggestion,
            severity if severity is not self.spec.severity else None,
            data=(
                ("kind", self.kind),
                ("hedge", around.hedge.strength.name.lower()),
                ("page_type", page.page_type.value),
                *((("suggestion_kind", kind),) if suggestion else ()),
            ),
        )


# A "sentence" longer than this is text without full stops (a 5 MB one-line file was one):
# only this much around the trigger is read for hedges and sources, else each trigger
# rescanned the whole of it and a long file took time with the square of its length.
_SENTENCE_WINDOW = 2_000


def _sentence_span(text: str, sentence: Sentence, trigger_start: int, trigger_end: int) -> tuple[int, int]:
    """A heading's sentence is its whole block; drop the blank lines after it."""
    end = sentence.end
    while end > sentence.start and text[end - 1].isspace():
        end -= 1
    start = sentence.start
    if end - start > _SENTENCE_WINDOW:
        start = max(start, trigger_start - _SENTENCE_WINDOW // 2)
        end = min(end, trigger_end + _SENTENCE_WINDOW // 2)
    return start, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


_COPULA_REWRITES = {"is": "may be", "are": "may be", "be": "may be", "was": "may have been", "were": "may have been",
                    "has": "may have", "have": "may have", "had": "may have had", "proved": "may have proved", "shows": "may show"}
_ES_ENDINGS = ("ches", "shes", "sses", "xes", "zzes", "oes")


def hedged_rewrite(claim: str) -> str:
    """'reduces pain' -> 'may reduce pain'; 'leading to' -> 'possibly leading to'."""
    first, _, rest = claim.partition(" ")
    lower = first.lower()
    capital = first[:1].isupper() and not first.isupper()
    if capital:
        first = first[:1].lower() + first[1:]
        claim = f"{first} {rest}".strip()
    if lower in _COPULA_REWRITES:
        hedged = f"{_COPULA_REWRITES[lower]} {rest}"
    elif lower.endswith("ing"):
        hedged = f"possibly {claim}"
    elif lower.endswith("ed") and not lower.endswith("eed"):
        hedged = f"may have {claim}"
    elif lower.endswith(_ES_ENDINGS):
        hedged = f"may {first[:-2]} {rest}"
    elif lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3:
        hedged = f"may {first[:-1]} {rest}"
    else:
        hedged = f"may {claim}"
    hedged = hedged.strip()
    return hedged[:1].upper() + hedged[1:] if capital else hedged


def build(spec: RuleSpec) -> ClaimCheck:
    options = spec.options
    for key, allowed in (("capabilities", ("rule", "page")), ("suggest_kind", SUGGESTION_KINDS), ("hedged", EFFECTS), ("attributed", EFFECTS), ("weakly_hedged", EFFECTS), ("sourced", EFFECTS), ("negation", ("clear", "ignore")), ("mentions", ("clear", "ignore"))):
        if options[key] not in allowed:
            raise spec.error(f"{key} must be one of {', '.join(allowed)}, not {options[key]!r}", key)
    ignore_case = bool(options["ignorecase"])
    triggers = list(options["triggers"])
    if not triggers and not options["effect_verbs"]:
        raise spec.error("a claim rule needs at least one trigger or effect verb", "triggers")
    trigger = compile_option(spec, "triggers", "mild_triggers", ignore_case=ignore_case, group_prefix="t")
    rewrites = []
    for source, rewrite in options["rewrites"].items():
        try:
            whole = f"^(?:{patterns.phrase_to_regex(source)})$"  # the rewrite fits only if its regex covers the whole trigger
            rewrites.append((patterns.compile_pattern(whole, ignore_case=ignore_case, word_boundaries=False, vetted=spec.vetted), str(rewrite)))
        except patterns.PatternError as error:
            raise spec.error(str(error), "rewrites") from None
    policy = Policy(
        hedged=options["hedged"],
        weakly_hedged=options["weakly_hedged"],
        quantifier_hedges=bool(options["quantifier_hedges"]),
        negation=options["negation"],
        sourced=options["sourced"],
        mentions=options["mentions"],
        attributed=options["attributed"],
    )
    page_severity = []
    for page_name, level in dict(options["page_severity"]).items():
        try:
            page_severity.append((pagetype.PageType(str(page_name)), Severity(str(level))))
        except ValueError:
            raise spec.error(
                f"page_severity maps a page type ({', '.join(p.value for p in pagetype.PageType)}) to error, warning or info, not {page_name!r}: {level!r}",
                "page_severity",
            ) from None
    return ClaimCheck(
        spec=spec,
        kind=str(options["kind"]),
        trigger=trigger,
        mild_from=len(triggers),
        exceptions=compile_option(spec, "exceptions", ignore_case=ignore_case),
        requires=compile_option(spec, "requires", ignore_case=ignore_case),
        unless=compile_option(spec, "unless", ignore_case=ignore_case),
        rewrites=tuple(rewrites),
        policy=policy,
        lexicon=effects.lexicon(
            options["effect_verbs"], options["effect_adjectives"], options["effect_nouns"], options["not_outcomes"],
            options["requisite_adjectives"], options["role_nouns"], options["success_verbs"],
        )
        if options["effect_verbs"] or options["effect_adjectives"] or options["effect_nouns"]
        else None,
        page_severity=tuple(page_severity),
        suggest_kind=str(options["suggest_kind"]),
        capabilities_from_page=options["capabilities"] == "page",
    )
