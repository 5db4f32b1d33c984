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
- quantifier_hedges: whether "some patients", "in some cases" count as strong hedges.
- negation: clear or ignore a trigger shortly after "not", "no", "never" in its clause.
- sourced: what a citation or named source in the sentence does: clear, lower or ignore.
- mentions: clear or ignore a trigger that is talked about ("beware of miracle cures").
- rewrites: regex -> suggested rewrite, for the first regex matching the whole trigger.
- ignorecase (default true).
Questions are never claims. The message and suggestion may use {match}, {kind}, {hedged}
(the trigger with "may" put in front of its verb).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from claimlint import patterns
from claimlint.checks.claim import hedging
from claimlint.checks import Check, Hit, RunContext, compile_option
from claimlint.document import Document, Sentence
from claimlint.finding import Severity
from claimlint.spec import Option, RuleSpec

DESCRIPTION = "Flags one kind of health claim at its trigger words, unless a hedge, negation, source or question clears it."
EFFECTS = ("clear", "lower", "ignore")
OPTIONS = {
    "kind": Option("str", required=True, help="the claim kind, for the message and the finding's data"),
    "triggers": Option("list", required=True, help="regexes for the claim's words; a space matches any white space"),
    "mild_triggers": Option("list", (), help="triggers reported one severity level lower"),
    "exceptions": Option("list", (), help="regexes; a trigger starting inside one's match is not a claim"),
    "requires": Option("list", (), help="regexes; the trigger's sentence must match one"),
    "unless": Option("list", (), help="regexes; a match in the sentence, outside the trigger, clears it"),
    "hedged": Option("str", "clear", help="effect of a strong hedge in the clause: clear, lower or ignore"),
    "weakly_hedged": Option("str", "lower", help="effect of a weak hedge in the clause: clear, lower or ignore"),
    "quantifier_hedges": Option("bool", True, help="count 'some patients', 'in some cases' as strong hedges"),
    "negation": Option("str", "clear", help="effect of a negation just before the trigger: clear or ignore"),
    "sourced": Option("str", "ignore", help="effect of a citation or named source in the sentence: clear, lower or ignore"),
    "mentions": Option("str", "clear", help="effect of the trigger being talked about, not asserted: clear or ignore"),
    "rewrites": Option("map", {}, help="regex -> suggested rewrite when the regex matches the whole trigger"),
    "ignorecase": Option("bool", True, help="match regardless of case"),
}
_TRIM = " \t\r\n,.;:!?\"'\u201c\u201d\u2018\u2019)("


@dataclass(frozen=True)
class Policy:
    hedged: str
    weakly_hedged: str
    quantifier_hedges: bool
    negation: str
    sourced: str
    mentions: str


@dataclass(frozen=True)
class ClaimCheck(Check):
    spec: RuleSpec
    kind: str
    trigger: patterns.Pattern
    mild_from: int  # trigger groups numbered from here on are mild
    exceptions: patterns.Pattern | None
    requires: patterns.Pattern | None
    unless: patterns.Pattern | None
    rewrites: tuple[tuple[patterns.Pattern, str], ...]
    policy: Policy

    def run(self, doc: Document, context: RunContext) -> Iterator[Hit]:
        text = doc.text
        timeout = context.pattern_timeout
        sourced: dict[int, bool] = {}  # by sentence start: several triggers often share a sentence
        ranges = doc.block_ranges(self.spec.scope)
        excepted: list[tuple[int, int]] | None = None  # found only once a trigger needs them
        for match in patterns.finditer_ranges(self.trigger, doc.search_text, ranges, timeout):
            start, end = _trimmed(text, *match.span())
            if start >= end:
                continue
            if self.exceptions is not None:
                if excepted is None:
                    excepted = [m.span() for m in patterns.finditer_ranges(self.exceptions, doc.search_text, ranges, timeout)]
                if patterns.span_at(excepted, start) is not None:
                    continue
            sentence = doc.sentence_at(start)
            if sentence is None:
                continue
            mild = int(match.lastgroup[1:]) >= self.mild_from if match.lastgroup else False
            hit = self._judge(doc, sentence, start, end, mild, timeout, sourced)
            if hit is not None:
                yield hit

    def _judge(self, doc: Document, sentence: Sentence, start: int, end: int, mild: bool, timeout: float, sourced: dict[int, bool]) -> Hit | None:
        """The hit for one trigger, or None when its sentence shows it is no claim."""
        text = doc.text
        sentence_start, sentence_end = _sentence_span(text, sentence)
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
            sourced[sentence_start] = hedging.is_sourced(words)
        around = hedging.surroundings(
            words, relative_start, relative_end, quantifiers=policy.quantifier_hedges, sourced=sourced[sentence_start]
        )
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
        if any(effect == "clear" for _, effect in effects):
            return None
        severity = self.spec.severity
        reasons = []
        for reason, effect in effects:
            if effect == "lower":
                severity = severity.lowered()
                if reason != "mild":
                    reasons.append(reason)
        matched = text[start:end]
        fields = {"match": matched, "kind": self.kind, "hedged": hedged_rewrite(matched)}
        template = next((rewrite for pattern, rewrite in self.rewrites if patterns.search(pattern, matched, timeout=timeout)), self.spec.suggest)
        suggestion = self.spec.render(template, **fields) if template else None
        message = self.spec.render(**fields)
        if reasons:
            message += f" (lowered: {'; '.join(reasons)})"
        return Hit(
            start,
            end,
            message,
            suggestion,
            severity if severity is not self.spec.severity else None,
            data=(("kind", self.kind), ("hedge", around.hedge.strength.name.lower())),
        )


def _sentence_span(text: str, sentence: Sentence) -> tuple[int, int]:
    """A heading's sentence is its whole block; drop the blank lines after it."""
    end = sentence.end
    while end > sentence.start and text[end - 1].isspace():
        end -= 1
    return sentence.start, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


_ES_ENDINGS = ("ches", "shes", "sses", "xes", "zzes", "oes")


def hedged_rewrite(claim: str) -> str:
    """'reduces pain' -> 'may reduce pain'; 'leading to' -> 'possibly leading to'."""
    first, _, rest = claim.partition(" ")
    lower = first.lower()
    if lower.endswith("ing"):
        hedged = f"possibly {claim}"
    elif lower.endswith(_ES_ENDINGS):
        hedged = f"may {first[:-2]} {rest}"
    elif lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3:
        hedged = f"may {first[:-1]} {rest}"
    else:
        hedged = f"may {claim}"
    return hedged.strip()


def build(spec: RuleSpec) -> ClaimCheck:
    options = spec.options
    for key, allowed in (("hedged", EFFECTS), ("weakly_hedged", EFFECTS), ("sourced", EFFECTS), ("negation", ("clear", "ignore")), ("mentions", ("clear", "ignore"))):
        if options[key] not in allowed:
            raise spec.error(f"{key} must be one of {', '.join(allowed)}, not {options[key]!r}", key)
    ignore_case = bool(options["ignorecase"])
    triggers = list(options["triggers"])
    if not triggers:
        raise spec.error("a claim rule needs at least one trigger", "triggers")
    trigger = compile_option(spec, "triggers", "mild_triggers", ignore_case=ignore_case, group_prefix="t")
    assert trigger is not None
    rewrites = []
    for source, rewrite in options["rewrites"].items():
        try:
            whole = f"^(?:{patterns.phrase_to_regex(source)})$"  # the rewrite fits only if its regex covers the whole trigger
            rewrites.append((patterns.compile_pattern(whole, ignore_case=ignore_case, word_boundaries=False), str(rewrite)))
        except patterns.PatternError as error:
            raise spec.error(str(error), "rewrites") from None
    policy = Policy(
        hedged=options["hedged"],
        weakly_hedged=options["weakly_hedged"],
        quantifier_hedges=bool(options["quantifier_hedges"]),
        negation=options["negation"],
        sourced=options["sourced"],
        mentions=options["mentions"],
    )
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
    )
