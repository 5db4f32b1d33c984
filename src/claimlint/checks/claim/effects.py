"""Effect claims by phrase shape: an effect word used as a predicate, with what it acts on.

Over the document's token layer (claimlint.language), not inflection lists:
- an effect verb (by lemma) used as a verb, with an object noun phrase of any noun
  ("affects early development", "halves the risk of stroke", "improved the ability to
  identify"), or in the passive ("pain was reduced");
- an efficacy adjective after a copula ("is effective", "proved beneficial"), or an effect
  noun after a verb of having or showing ("had little impact on", "showed positive effects").
Left out by shape, not by sentence: adjectives ("lower back pain", "a leading cause of"),
routes ("vessels leading to the brain"), definitions ("a condition that causes pain"),
correlations ("associated with reduced risk", where "reduced" is an adjective) and
objects that are not health outcomes (a price, a website).
Hedges, negation and sources are judged afterwards by the claim check, per clause.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from claimlint import language as lang
from claimlint.language import Token

_NOMINAL = frozenset({lang.DET, lang.POSS, lang.ADJ, lang.NOUN, lang.PROPN, lang.NUM})
_NP_INNER = frozenset({lang.ADJ, lang.NOUN, lang.PROPN, lang.NUM, lang.ADV})
# Nouns a relative clause defines rather than promotes: "a condition that causes pain".
_DEFINED = frozenset(
    """condition disease disorder syndrome infection illness virus bacterium bacteria germ parasite fungus injury
    problem inflammation hormone enzyme protein chemical substance gene mutation process tumor tumour cell organ
    gland nerve part system molecule toxin allergen factor reaction deficiency mechanism polypeptide peptide
    receptor antibody antioxidant nutrient vitamin mineral""".split()
)
# "vessels leading to the brain": a route, not a result.
_ROUTES = frozenset("vessel artery vein nerve duct tube canal passage pathway road path door step stair channel tract airway".split())
# A passive states a result only for verbs of change: "pain was reduced", not "it can be treated".
_PASSIVE_RESULTS = frozenset(
    """reduce lower decrease cut halve improve enhance boost increase prevent relieve alleviate ease lessen
    accelerate speed restore shorten minimize minimise eliminate achieve""".split()
)
# "to reduce pain" is a purpose or a goal; after these it is the claim itself: "helps to reduce pain".
# Verbs of change whose passive with an agent states a cause: "was affected by", "is driven by".
_CHANGED_BY = _PASSIVE_RESULTS | frozenset(
    "affect influence impact alter amplify diminish worsen raise elevate inhibit suppress attenuate mitigate stimulate promote drive mediate".split()
)
_AMOUNTS = frozenset("one half a about up more less over nearly almost approximately around roughly".split())  # "reduced by one third"
_VAGUE_AGENTS = frozenset("many several various multiple numerous other different some variety number range host".split())
# "was shown to reduce", "were found to benefit from": a verb of finding before the infinitive reports the result.
_CLAIMING_INFINITIVE = frozenset("help proven shown able guaranteed known ability capacity power show prove find demonstrate".split())
_CHANGES = frozenset("decrease increase reduction improvement drop rise fall change decline gain loss".split())
_DEGREE = frozenset("more most less as equally so highly very safe well".split())
# "a beneficial effect of", "the protective effect on": the adjective makes the effect a claim wherever it stands.
_EVALUATIVE = frozenset(
    "beneficial favourable favorable positive protective therapeutic detrimental harmful synergistic significant lasting".split()
)
_CONFIRMING = frozenset("confirm demonstrate prove establish support".split())
# What follows an effect noun that says what it acts on or how it compares: "an effect on", "efficacy comparable to".
# "showed a reduction in pain with the new gel": "with" names what brought it.
_EFFECT_COMPLEMENTS = frozenset("on in for to against from with comparable similar equivalent equal superior".split())
# Degree words between a phrasal effect verb and its particle: "contributes more to", "leads also to".
_PARTICLE_DEGREES = frozenset("more most less also further much".split())
_COPULAS = frozenset("be prove remain become".split())
_SHOWING = frozenset("have show produce provide offer yield deliver bring exert demonstrate give confer convey".split())
# "is a cheap and effective remedy for", "remains a protective measure against": the head noun an efficacy adjective rates.
_RATED_HEADS = frozenset(
    "treatment therapy method option intervention approach way strategy tool means agent measure factor alternative remedy drug medicine procedure choice".split()
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """One effect phrase: prose offsets and what its shape says.

    `imperative`: the verb opens the sentence in its base form ("Lower your stress"): advice on
    most pages, a promise on a promotional one (the claim check decides by page type).
    `capability`: a benefit the subject is said to bring ("X reduces pain", "is effective"), not
    a possible harm or a neutral influence ("can cause", "affects"): "can" before it states what
    X is able to do rather than what might happen.
    """

    start: int
    end: int
    imperative: bool = False
    capability: bool = False


# Causal verbs whose "can" reads as a possibility (a risk, an influence), not as a benefit X is able to bring.
_POSSIBILITY = frozenset(
    """cause induce lead result contribute give affect influence impact alter worsen raise elevate increase
    predispose amplify diminish translate allow enable facilitate kill destroy trigger suppress inhibit block""".split()
)


# Outcomes that are benefits whatever follows: after "lead to", "contribute to", "result in" they make the verb a benefit.
_BETTER = frozenset("improved better healthier enhanced".split())


@dataclass(frozen=True)  # not slots: `cues` is cached on it
class Lexicon:
    verbs: dict[str, tuple[tuple[str, ...], ...]]  # lemma -> the particle sequences it takes (() for a plain transitive use)
    adjectives: frozenset[str]
    nouns: frozenset[str]
    not_outcomes: frozenset[str]
    requisites: frozenset[str] = frozenset()  # "is critical for recovery": adjectives that claim only with what they are needed for
    successes: frozenset[str] = frozenset()  # "really works", "works as well as": verbs that claim success with no object
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "is a determinant of", "plays a key role in": role noun -> its prepositions

    @functools.cached_property
    def cues(self) -> frozenset[str]:
        """Every lemma `find` starts a phrase at: a sentence none of whose words can have one
        (language.may_hold_lemma) holds no effect phrase, and is not tagged at all."""
        return frozenset(self.verbs) | self.adjectives | self.nouns | self.requisites | self.successes | frozenset(self.roles)


def lexicon(
    verbs: Sequence[str], adjectives: Sequence[str], nouns: Sequence[str], not_outcomes: Sequence[str],
    requisites: Sequence[str] = (), roles: Sequence[str] = (), successes: Sequence[str] = (),
) -> Lexicon:
    """'lead to' -> lead needs 'to'; 'reduce' -> a plain transitive verb; 'role in' -> role takes 'in'."""
    by_lemma: dict[str, tuple[tuple[str, ...], ...]] = {}
    for entry in verbs:
        head, *particles = entry.lower().split()
        by_lemma[head] = (*by_lemma.get(head, ()), tuple(particles))
    role_prepositions: dict[str, tuple[str, ...]] = {}
    for noun, _, preposition in (entry.lower().partition(" ") for entry in roles):
        role_prepositions[noun] = (*role_prepositions.get(noun, ()), preposition)
    return Lexicon(
        by_lemma, frozenset(a.lower() for a in adjectives), frozenset(n.lower() for n in nouns), frozenset(n.lower() for n in not_outcomes),
        requisites=frozenset(r.lower() for r in requisites), successes=frozenset(v.lower() for v in successes), roles=role_prepositions,
    )


def _object_end(tokens: Sequence[Token], index: int, not_outcomes: frozenset[str]) -> int | None:
    """Index just past the noun phrase starting at tokens[index] (adverbs skipped first); None if there is none."""
    count = len(tokens)
    while index < count and tokens[index].pos == lang.ADV:
        index += 1
    if index >= count:
        return None
    first = tokens[index]
    modifier = first.pos == lang.VERB and first.lower.endswith("ed") and index + 1 < count and tokens[index + 1].pos in _NOMINAL
    if first.pos not in _NOMINAL and not (first.pos == lang.VERB and first.lower.endswith("ing")) and not modifier:
        return None  # "lead to improved health": a participle modifies the outcome
    end = index + 1
    head = first
    while end < count and (tokens[end].pos in _NP_INNER or tokens[end].lower == "'s" or _plural_at_end(tokens, end) or _inner_and(tokens, end) or tokens[end].text == "-" or tokens[end].pos == lang.VERB and tokens[end].lower.endswith("ing") and tokens[end - 1].pos in (lang.DET, lang.ADJ)):
        if tokens[end].pos in (lang.NOUN, lang.PROPN) or _plural_at_end(tokens, end) or _nominal_gerund(tokens, end):
            head = tokens[end]
        end += 1
    if head.pos not in (lang.NOUN, lang.PROPN, lang.VERB, lang.NUM) and head is first and first.pos in (lang.DET, lang.POSS):
        return None
    if head.lemma in not_outcomes:
        return None
    if head is first and first.lower in _DEGREE and all(t.pos == lang.ADV for t in tokens[index + 1:end]):
        return None  # "decreased more rapidly": a manner, not an object
    # "the risk of heart attack", "the ability to identify risks": the outcome is inside.
    if end + 1 < count and (tokens[end].lower in ("of", "to") and tokens[end].pos == lang.ADP or tokens[end].lower == "in" and head.lemma in _CHANGES) and tokens[end + 1].pos in _NOMINAL | {lang.VERB}:
        inner = _object_end(tokens, end + 1, not_outcomes)
        if inner is not None:
            return inner
    if end + 1 < count and tokens[end].lower == "to" and tokens[end + 1].pos == lang.VERB and head.lemma in ("ability", "capacity", "chance", "time"):
        inner = _object_end(tokens, end + 2, not_outcomes)
        return inner if inner is not None else end + 2
    return end


def _nominal_gerund(tokens: Sequence[Token], index: int) -> bool:
    """"the lowering of LDL", "the healing of wounds": an -ing form heading a noun phrase before "of"."""
    token = tokens[index]
    return token.lower.endswith("ing") and index + 1 < len(tokens) and tokens[index + 1].lower == "of" and tokens[index - 1].pos in (lang.DET, lang.POSS, lang.ADJ)


def _inner_and(tokens: Sequence[Token], index: int) -> bool:
    """"their cognitive and motor function": a conjunction between two modifiers of one noun."""
    return (
        tokens[index].pos == lang.CCONJ and index + 1 < len(tokens) and tokens[index - 1].pos == lang.ADJ
        and tokens[index + 1].pos in (lang.ADJ, lang.NOUN, lang.VERB) and index + 2 < len(tokens) and tokens[index + 2].pos == lang.NOUN
    )


def _headline_passive(tokens: Sequence[Token], verb: int, not_outcomes: frozenset[str]) -> int | None:
    """Last token of "Knee Pain Eased With Massage", "Heart attacks reduced with daily aspirin": a headline's
    passive without its "be", an outcome then a verb of change and its cause. Only in a sentence with no
    auxiliary or other verb before it (prose has its "was"); "scores improved in both groups" names no cause."""
    token = tokens[verb]
    if not token.lower.endswith("ed") or verb < 1 or tokens[verb - 1].pos not in (lang.NOUN, lang.PROPN, lang.VERB):
        return None
    if any(t.pos in (lang.AUX, lang.MODAL) or t.pos == lang.VERB and not (t.lower.endswith("s") and i == verb - 1) for i, t in enumerate(tokens[:verb])):
        return None
    if verb + 2 >= len(tokens) or tokens[verb + 1].lower not in ("with", "by", "after", "using", "through"):
        return None
    end = _object_end(tokens, verb + 2, not_outcomes)
    if end is None or tokens[verb + 2].pos == lang.NUM or tokens[verb + 2].lower in _AMOUNTS:
        return None  # "reduced by a third" is an amount
    return end - 1


def _listed_noun_phrase(tokens: Sequence[Token], verb: int, end: int) -> bool:
    """"With its small incisions, reduced recovery times, and ...": a participle in a list of noun phrases."""
    if not tokens[verb].lower.endswith("ed") or verb < 2 or tokens[verb - 1].text != "," or tokens[verb - 2].pos != lang.NOUN:
        return False
    return end >= len(tokens) or tokens[end].text in (",", ";") or tokens[end].pos == lang.CCONJ


def _passive_agent(tokens: Sequence[Token], index: int) -> bool:
    """A passive names its cause: "by massage", "with the use of X" (not "by one third", "in both groups")."""
    window = tokens[index:index + 6]
    for position, token in enumerate(window):
        if token.lower == "by":
            following = window[position + 1] if position + 1 < len(window) else None
            then = window[position + 2] if position + 2 < len(window) else None
            if following is not None and following.lower in ("more", "less") and then is not None and then.pos == lang.ADJ:
                return True  # "can be increased by more aggressive feeding": a cause, not an amount
            return following is not None and following.pos != lang.NUM and following.lower not in _AMOUNTS
        if token.lower == "with" and any(t.lemma in ("use", "treatment", "help") for t in window[position + 1:position + 4]):
            return True
        if token.lower in ("using", "through", "via") and position + 1 < len(window) and window[position + 1].pos != lang.NUM:
            return True  # "can be achieved using stents", "was reduced through massage"
    return False


def _agent_follows(tokens: Sequence[Token], verb: int) -> bool:
    """A verb of change in the passive with its cause right after it: "was strongly affected by diet",
    "were influenced by sleep"; not "by one third", not a vague cause ("influenced by many factors").
    "Caused by" and "supported by" stay out: they define or cite more than they claim."""
    if tokens[verb].lemma not in _CHANGED_BY:
        return False
    index = verb + 1
    while index < len(tokens) and tokens[index].pos == lang.ADV:
        index += 1
    if index + 1 >= len(tokens) or tokens[index].lower != "by":
        return False
    following = tokens[index + 1]
    if following.lower == "a" and index + 2 < len(tokens):
        following = tokens[index + 2]  # "by a variety of factors", "by a third"
    if following.lower in _VAGUE_AGENTS or following.lower in _AMOUNTS or following.lower in ("third", "quarter", "fifth", "tenth"):
        return False
    return following.pos in (lang.DET, lang.POSS, lang.ADJ, lang.NOUN, lang.PROPN) or following.pos == lang.VERB and following.lower.endswith("ing")


def _compound_part(tokens: Sequence[Token], index: int) -> bool:
    """A noun, hyphen or conjunction inside the noun phrase before an effect noun ("comfort benefit", "safe and effective")."""
    token = tokens[index]
    if token.pos in (lang.NOUN, lang.PROPN) and "-" in token.text and index + 1 < len(tokens) and tokens[index + 1].pos in (lang.ADJ, lang.NOUN):
        return True  # "first-rate liver-protective benefits": a hyphenated modifier
    if token.pos == lang.NOUN and index + 2 < len(tokens) and tokens[index + 1].pos == lang.CCONJ and tokens[index + 2].pos == lang.ADJ:
        return True  # "safe and effective reduction": "safe" may read as a noun in a list of ratings
    if token.pos in (lang.NOUN, lang.PROPN) or token.text == "-":
        return index > 0 and tokens[index - 1].pos in (lang.ADJ, lang.DET, lang.NUM, lang.NOUN, lang.PROPN)
    return token.pos == lang.CCONJ and index > 0 and tokens[index - 1].pos in (lang.ADJ, lang.NOUN) and tokens[index + 1].pos == lang.ADJ


def _rated_predicate(tokens: Sequence[Token], index: int) -> tuple[int, int] | None:
    """(copula, head) of "X is a cheap and effective remedy", "remains a protective measure": an efficacy
    adjective rating what X is; None for any other use ("an effective dose was found")."""
    head = index + 1
    while head < len(tokens) and head - index <= 4 and (tokens[head].pos in (lang.NOUN, lang.ADJ, lang.PROPN, lang.CCONJ) or tokens[head].text == ",") and tokens[head].lemma not in _RATED_HEADS:
        head += 1
    if head >= len(tokens) or tokens[head].lemma not in _RATED_HEADS or tokens[head].pos != lang.NOUN:
        return None
    start = index - 1
    # "safe" may read as a noun before "and effective": a list of ratings
    while start >= 0 and (tokens[start].pos in (lang.ADJ, lang.ADV, lang.CCONJ) or tokens[start].text == "," or tokens[start].pos == lang.NOUN and (tokens[start + 1].pos == lang.CCONJ or tokens[start + 1].text == ",")):
        start -= 1
    if start >= 2 and tokens[start].lower == "the" and tokens[start - 1].lower == "of" and tokens[start - 2].lower == "one":
        start -= 2  # "is one of the effective treatments"
    elif start < 1 or tokens[start].lower not in ("a", "an"):
        return None
    if any(t.lower in ("only", "not", "no", "never") for t in tokens[start:index]):
        return None
    copula = tokens[start - 1]
    # "X is a safe and effective remedy", "the clinic offers an effective treatment for headaches"
    if (copula.lemma in _COPULAS or copula.lemma in _OFFERING) and copula.pos in (lang.VERB, lang.AUX):
        return start - 1, head
    return None


_OFFERING = frozenset("offer provide deliver".split())
# Generic heads a requisite adjective may rate: "a key factor in healing", "an essential step for recovery".
_REQUISITE_HEADS = frozenset("factor element component step part issue aspect ingredient".split())
_CORRELATING = frozenset("associate link correlate relate tie".split())


# People a study describes: "patients had increased risk" says what they have, not what was done to them.
_PEOPLE = frozenset(
    """patient people person woman man child individual subject participant adult user smoker infant girl boy
    mother father survivor case group control they those we resident worker student""".split()
)


def _describes_people(tokens: Sequence[Token], verb: int, aux: int) -> bool:
    """"Patients with diabetes have increased risk", "those who smoke had reduced function": an -ed form
    after "have" whose clause's subject is people reads as an adjective (their state), not as a perfect."""
    if tokens[aux].lemma != "have" or not tokens[verb].lower.endswith("ed"):
        return False
    # the subject opens the clause of "have": after "that", a comma or a subordinator ("..., indicating that children have ...")
    clause = max((i + 1 for i in range(aux) if tokens[i].lower == "that" or tokens[i].text in (",", ";", ":")), default=0)
    for index, token in enumerate(tokens[:aux]):
        if index < clause:
            continue
        if token.pos in (lang.NOUN, lang.PROPN, lang.PRON):
            while index + 1 < aux and tokens[index + 1].pos in (lang.NOUN, lang.PROPN):
                index += 1  # the head of "kidney disease patients" is its last noun
            return tokens[index].lemma in _PEOPLE or tokens[index].lower in _PEOPLE
    return False


def _modifies_noun(tokens: Sequence[Token], verb: int, end: int) -> bool:
    """An -ed form that modifies a noun phrase rather than acting on it: "treated patients" (only
    people after it), "indicate markedly increased risk" (after another verb), "increased fat mass
    is shown" and "significantly raised levels were found" (the phrase is the subject of a "be")."""
    token = tokens[verb]
    if not token.lower.endswith("ed"):
        return False
    people = _PEOPLE - {"control", "case", "group"}  # "improved glycemic control" acts on an outcome
    after = tokens[end].text if end < len(tokens) else ""
    if all(t.lemma in people or t.pos in (lang.ADJ, lang.ADV) for t in tokens[verb + 1:end]) and after != "to" and after[:1] not in ("'", "\u2019"):
        return True
    back = verb - 1
    while back >= 0 and tokens[back].pos == lang.ADV:
        back -= 1
    if back < verb - 1 and back >= 0 and tokens[back].pos == lang.VERB:
        return True
    # "had dynamic or persistently elevated values": coordinated with an adjective, not after a copula
    if back >= 2 and tokens[back].pos == lang.CCONJ and tokens[back - 1].pos == lang.ADJ and tokens[back - 2].lemma != "be":
        return True
    return end < len(tokens) and tokens[end].pos == lang.AUX and tokens[end].lemma == "be"


_ANYONE = frozenset("you your yourself everyone everybody anyone anybody one".split())
# Verbs whose subject is an agent's accomplishment when it is a person: "patients achieved remission"
# tells a group's outcome (correlational in a study), "the treatment achieved remission" what it does.
_ACCOMPLISHED = frozenset({"achieve"})
_PERSONAL_PRONOUNS = frozenset("i you he she we they who".split())


def _person_subject(tokens: Sequence[Token], verb: int) -> bool:
    """The nearest noun or pronoun before the verb in its clause names a person ("Dr. Lee", "you", "patients")."""
    for index in range(verb - 1, -1, -1):
        token = tokens[index]
        if token.text in (",", ";", ":") or token.pos == lang.SCONJ:
            return False
        if token.pos == lang.PRON:
            return token.lower in _PERSONAL_PRONOUNS
        if token.pos in (lang.NOUN, lang.PROPN):
            title = index - 2 if index > 1 and tokens[index - 1].text == "." else index - 1  # "Dr. Lee", "Dr Lee"
            titled = title >= 0 and tokens[title].lower.rstrip(".") in ("dr", "mr", "mrs", "ms", "prof")
            return token.lemma in _PEOPLE or titled
    return False


def _people_can(tokens: Sequence[Token], verb: int, end: int) -> bool:
    """"You can lower your cholesterol", "everyone can support their hearing", "patients can ease
    their pain": what people are able to do for themselves (advice, a goal), not what a treatment does."""
    if any(t.lower in ("your", "yourself") for t in tokens[verb:end]):
        return True
    for index in range(verb - 1, max(-1, verb - 5), -1):
        if tokens[index].pos == lang.MODAL:
            subject = index - 1
            while subject > 0 and tokens[subject].pos == lang.ADV:
                subject -= 1
            return subject >= 0 and (tokens[subject].lower in _ANYONE or tokens[subject].lemma in _PEOPLE)
    return False


def _gerund_complement(tokens: Sequence[Token], adjective: int, not_outcomes: frozenset[str]) -> int:
    """Index of the last token of "effective [in|at] reducing pain" (the adjective itself when no gerund follows)."""
    if adjective + 2 < len(tokens) and tokens[adjective + 1].lower in ("in", "at", "for") and tokens[adjective + 2].lower.endswith("ing"):
        end = _object_end(tokens, adjective + 3, not_outcomes)
        return (end if end is not None else adjective + 3) - 1
    return adjective


def _plural_at_end(tokens: Sequence[Token], index: int) -> bool:
    """"infection risks and ...": a noun-or-verb -s form after a noun, with nothing it could act on after it."""
    token = tokens[index]
    if token.pos != lang.VERB or not token.lower.endswith("s") or tokens[index - 1].pos not in (lang.NOUN, lang.PROPN):
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    # "research projects to help", "MIPS projects have generated": no verb takes an auxiliary after it
    return following is None or following.pos in (lang.CCONJ, lang.X, lang.ADP, lang.PART, lang.SCONJ, lang.AUX, lang.MODAL)


def _defines(tokens: Sequence[Token], verb: int) -> bool:
    """A definition, not a claim: "a condition that causes pain", "X is a hormone that regulates sleep",
    "conditions affecting the heart"."""
    index = verb - 1
    while index >= 0 and tokens[index].pos == lang.ADV:
        index -= 1
    if index >= 0 and tokens[verb].lower.endswith("ing") and tokens[index].lemma in _DEFINED and index == verb - 1:
        return True  # "conditions affecting the heart"
    if index < 1 or tokens[index].lower not in ("that", "which", "who"):
        return False
    if tokens[index - 1].lemma in _DEFINED:
        return True
    # "X is/are (a) [adjectives] noun that ...": the copula says what X is.
    back = index - 1
    # "cell-derived, hormone-like proteins that ...": commas between the modifiers too
    while back >= 0 and (tokens[back].pos in (lang.NOUN, lang.ADJ, lang.PROPN) or tokens[back].text == "-" or tokens[back].text == "," and back > 0 and tokens[back - 1].pos in (lang.ADJ, lang.NOUN)):
        back -= 1
    if back >= 0 and tokens[back].pos == lang.DET and tokens[back].lower in ("a", "an"):
        back -= 1
    return back >= 0 and back < index - 1 and tokens[back].pos == lang.AUX and tokens[back].lemma == "be"


_ADVISING = frozenset("should must ought".split())


def _advised(tokens: Sequence[Token], index: int) -> bool:
    """"you should be taking aspirin and altering your lifestyle": advice, not an effect claim."""
    for token in reversed(tokens[max(0, index - 10):index]):
        if token.lower in (";", ":", "?", "!"):
            return False
        if token.lower in _ADVISING:
            return True
    return False


def _mechanism_or_use(tokens: Sequence[Token], index: int) -> bool:
    """"antioxidants work by blocking oxidation", "traditionally used for increasing energy": how or what for, not a result.

    A "for" or "by" frame spans a list: "used for calming nerves, easing cramps and increasing energy"."""
    if index < 1:
        return False
    token = tokens[index]
    if tokens[index - 1].lower in (",", "and", "or") and token.lower.endswith("ing"):
        for back in range(index - 2, max(0, index - 16), -1):
            if tokens[back].text in (";", ":", ".") or tokens[back].pos in (lang.AUX, lang.MODAL):
                return False
            if tokens[back].lower in ("by", "for") and tokens[back + 1].pos == lang.VERB:
                return _mechanism_or_use(tokens, back + 1)
        return False
    # after "for" a verb names a use with or without its -ing ("used for ease pain" is a slip of the pen)
    if tokens[index - 1].lower not in ("by", "for", "in") or not (token.lower.endswith("ing") or tokens[index - 1].lower == "for" and token.lower == token.lemma):
        return False
    window = tokens[max(0, index - 7):index - 1]
    if tokens[index - 1].lower == "by":
        return bool(window) and window[-1].lemma in ("work", "act", "function", "operate")
    return any(token.lemma in ("use", "traditional", "traditionally", "formula", "remedy", "effectiveness", "study") for token in window)


# "the disorder led to meltdowns", "the disease kills thousands": the course of an illness, not
# what an exposure or treatment does to it.
_AILMENTS = frozenset(
    """condition disease disorder syndrome infection illness injury virus bacterium bacteria germ parasite
    fungus tumor tumour cancer""".split()
)


def _ailment_subject(tokens: Sequence[Token], index: int) -> bool:
    """The verb's subject is an illness: its head noun stands right before the verb (adverbs and
    auxiliaries skipped) and opens a noun phrase at the clause start or after a determiner."""
    back = index - 1
    while back >= 0 and tokens[back].pos in (lang.ADV, lang.AUX, lang.MODAL, lang.PART):
        back -= 1
    if back < 0 or tokens[back].pos != lang.NOUN or tokens[back].lemma not in _AILMENTS:
        return False
    before = tokens[back - 1] if back > 0 else None
    while before is not None and before.pos in (lang.ADJ, lang.NOUN):  # "heart disease", "chronic infection"
        back -= 1
        before = tokens[back - 1] if back > 0 else None
    return before is None or before.pos in (lang.DET, lang.POSS) or before.text in (",", ";", ":")


def _past_relative(tokens: Sequence[Token], index: int) -> bool:
    """"gels that lowered the temperature of the skin", "the stress that once caused it": a
    relative clause in the past tense tells which thing is meant by what it did, not what it does."""
    token = tokens[index]
    if token.lower == token.lemma or token.lower.endswith(("s", "ing")):
        return False  # present or base form: "a gel that lowers ..." claims
    back = index - 1
    while back >= 0 and (tokens[back].pos == lang.ADV or tokens[back].lower == "once"):  # the tagger reads "once" as a noun
        back -= 1
    return back >= 1 and tokens[back].lower in ("that", "which") and tokens[back - 1].pos in (lang.NOUN, lang.PROPN)


def _gerund_in_subject(tokens: Sequence[Token], index: int) -> bool:
    """"Different ways of enhancing the view did not ...": an -ing after "noun of" before any verb
    of the sentence names an action inside the subject; the main verb says what it did."""
    if index < 2 or not tokens[index].lower.endswith("ing") or tokens[index - 1].lower != "of" or tokens[index - 2].pos != lang.NOUN:
        return False
    return not any(t.pos in (lang.VERB, lang.AUX, lang.MODAL) for t in tokens[:index - 2])


def _in_subject(tokens: Sequence[Token], index: int) -> bool:
    """The exposure, not the claim: a gerund subject ("Reducing salt intake lowers blood pressure",
    "reducing carbs could reduce relapse") or a relative clause inside a subject that a later modal
    hedges ("Programmes that increase screening may also increase ..."): the claim is the main verb's."""
    token = tokens[index]
    opens = index == 0 or index == 1 and tokens[0].pos == lang.X or tokens[index - 1].lower in ("thus", "therefore", "that", "so")
    if token.lower.endswith("ing") and opens:
        return any(t.pos in (lang.MODAL, lang.AUX) or t.pos == lang.VERB and t.lower.endswith(("s", "ed")) for t in tokens[index + 2:index + 12])
    # After a comma "-ing" opens a participle clause ("..., resulting in less pain"): that is a claim,
    # unless a modal follows in the same stretch: then the gerund is the subject ("..., reducing carbs could lower ...").
    if token.lower.endswith("ing") and index > 0 and tokens[index - 1].lower in (",", "while", "and", "whereas"):
        window = tokens[index + 2:index + 12]
        for position, following in enumerate(window):
            if following.text == "," and position + 1 < len(window) and window[position + 1].pos == lang.MODAL:
                return True  # "Preventing X, and extending Y, could be crucial": a list of gerund subjects
            if following.text in (",", ";", ":") or following.pos == lang.PRON and following.lower in ("that", "which", "who"):
                return False
            if following.pos == lang.MODAL:
                return True
        return False
    if index > 0 and tokens[index - 1].lower in ("that", "which", "who") and tokens[index - 1].pos == lang.PRON:
        return any(t.pos == lang.MODAL for t in tokens[index + 1:index + 14])
    return False


def _participle_in_subject(tokens: Sequence[Token], index: int) -> bool:
    """"Drug events resulting in admission are common", "Creams containing X reduce ...": an -ing form
    right after the subject's noun, before any verb of the sentence, tells which things are meant;
    the claim, if any, is the main verb's."""
    if index < 1 or not tokens[index].lower.endswith("ing") or tokens[index - 1].pos not in (lang.NOUN, lang.PROPN):
        return False
    if any(t.pos in (lang.VERB, lang.AUX, lang.MODAL) or t.text in (",", ";", ":") for t in tokens[:index]):
        return False
    return any(t.pos in (lang.AUX, lang.MODAL) or t.pos == lang.VERB and t.lower.endswith(("s", "ed")) for t in tokens[index + 2:index + 16])


def _found_to(tokens: Sequence[Token], to: int) -> bool:
    """"was found to reduce", "was found significantly to improve", "we found the drug to reduce": a verb
    of finding (or "help", "able") before the infinitive reports a result, not a purpose."""
    back = to - 1
    while back >= 0 and tokens[back].pos == lang.ADV:
        back -= 1
    if back >= 0 and tokens[back].lemma in _CLAIMING_INFINITIVE:
        return True
    objects = 0
    while back >= 0 and objects < 3 and tokens[back].pos in (lang.DET, lang.ADJ, lang.NOUN, lang.PROPN, lang.NUM):
        back -= 1
        objects += 1
    return 0 < objects and back >= 0 and tokens[back].lemma in ("find", "show", "prove", "demonstrate") and tokens[back].pos == lang.VERB


def _in_name(tokens: Sequence[Token], index: int) -> bool:
    """A capitalised word inside a name ("Bullet Speed Tip Drill Bit"), not a verb."""
    token = tokens[index]
    if index == 0 or not token.text[:1].isupper() or token.text.isupper():
        return False
    words = [t for t in tokens if t.text[:1].isalpha()]
    if sum(1 for t in words if t.text[:1].isupper()) * 5 >= len(words) * 3:
        return False  # a title-case heading or bullet: its capitals say nothing
    previous = tokens[index - 1]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return previous.text not in ("-", "\u2022", "*", ".", ")", ":") and following is not None and following.text[:1].isupper()


_NEGATORS = frozenset("not no never n't nothing none".split())
_RESEARCH = frozenset("study trial investigation research data evidence work analysis review follow-up finding result".split())
# A predicate that leaves an effect open: "the effect of X on Y is unclear", "... was studied".
_UNSETTLED = frozenset(
    """unclear unknown uncertain ambiguous inconclusive controversial debated debatable mixed conflicting limited
    study examine investigate assess evaluate measure test explore analyse analyze compare determine
    need require remain seem appear likely possible thought believed expected hoped""".split()
)
# What a study sees of an effect with no "of"/"on" after it: "effects were observed within a week".
_OBSERVED = frozenset("observe see find note maintain sustain persist last confirm demonstrate establish".split())
# Effect nouns whose noun phrase, as a clause's subject, reports the effect itself ("The benefits of X were
# maintained"); "improvement" and "reduction" as subjects mostly describe a group's change.
_SUBJECT_EFFECTS = frozenset("effect impact benefit efficacy effectiveness influence".split())
_CLAUSE_OPENERS = frozenset(
    "that however moreover furthermore thus therefore overall importantly finally also although though because since whereas while when".split()
)
# With no "of"/"on", a predicate adjective that says an effect held: "the effects were statistically significant".
_HELD = frozenset("significant substantial marked sustained lasting durable robust large strong considerable".split())


def _opens_clause(tokens: Sequence[Token], index: int) -> bool:
    """tokens[index] starts its clause: the sentence start, or after a comma, colon, "that" or a linking adverb."""
    if index == 0:
        return True
    before = tokens[index - 1]
    return before.pos == lang.X or before.lower in _CLAUSE_OPENERS and (index == 1 or tokens[index - 2].pos == lang.X or before.lower == "that" or before.pos == lang.SCONJ)


def _predicate(tokens: Sequence[Token], start: int) -> int | None:
    """Index of the first verb, auxiliary or modal from `start` to the end of its clause."""
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.text in (";", ":", "?", "!") or token.lower in ("but", "whereas", "while", "although"):
            return None
        if token.pos in (lang.AUX, lang.MODAL) or token.pos == lang.VERB and not token.lower.endswith("ing"):
            return index  # "the effects of classes focusing on salt were ...": a participle is no predicate
    return None


def _effect_subject(tokens: Sequence[Token], noun: int, not_outcomes: frozenset[str]) -> tuple[int, int] | None:
    """(first, last) token of an effect noun phrase that is its clause's subject and is said to hold:
    "The benefits of the drug were maintained", "the tea's effect on sleep was small", "Effects were
    observed within a week". None for a bare topic ("The effects of coffee on sleep"), an open
    question ("... is unclear", "... was studied"), a negated or hedged predicate ("was not",
    "may be"), or a possible effect ("the possible effect of X")."""
    start = noun
    while start > 0 and (tokens[start - 1].pos in (lang.ADJ, lang.DET, lang.NUM, lang.NOUN, lang.PROPN, lang.POSS, lang.CCONJ) or tokens[start - 1].text == "-"):
        start -= 1
    while start < noun and tokens[start].pos == lang.CCONJ:
        start += 1
    if not _opens_clause(tokens, start):
        return None
    modifiers = {t.lower for t in tokens[start:noun]}
    if modifiers & (_NEGATORS | {"possible", "potential", "putative", "any", "side", "adverse", "placebo", "such"}):
        return None
    last = noun
    position = noun + 1
    complemented = False
    while position + 1 < len(tokens) and tokens[position].lower in ("of", "on"):
        end = _object_end(tokens, position + 1, not_outcomes)
        if end is None:
            break
        last, position, complemented = end - 1, end, True
    verb = _predicate(tokens, position)
    if verb is None or tokens[verb].pos == lang.MODAL:
        return None  # a topic or heading, or a modal that hedges it ("... may be small")
    window = tokens[verb:verb + 4]
    if any(t.lower in _NEGATORS or t.lemma in _UNSETTLED or t.lower in _UNSETTLED for t in window):
        return None
    if not complemented:
        # "Effects were observed within a week", "the effects were significant": with no "of"/"on", a verb of
        # finding or an adjective of size says it held
        observed = verb + 1 if tokens[verb].lemma == "be" and verb + 1 < len(tokens) else verb
        while tokens[verb].lemma == "be" and observed + 1 < len(tokens) and tokens[observed].pos == lang.ADV:
            observed += 1  # "were statistically significant"
        held = tokens[observed].lemma in _OBSERVED or tokens[verb].lemma == "be" and tokens[observed].lower in _HELD
        return (start, observed) if held else None
    return start, last


def _requisite(tokens: Sequence[Token], index: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """(copula, last) of "X is critical for treatment success", "are central in achieving better
    results", "is necessary to reduce obesity": what X is needed for, when that is an outcome or an
    effect. Not "it is essential to drink water" (advice), "is important for patients" (people),
    "is key to the door" (no outcome: a price, a device)."""
    back = index - 1
    # "is critical", "are absolutely key", "is the most critical step", "are key elements"
    while back >= 0 and index - back <= 4 and (tokens[back].pos == lang.ADV or tokens[back].lower in ("a", "an", "the", "most")):
        back -= 1
    if back < 1 or tokens[back].lemma not in _COPULAS or tokens[back].pos not in (lang.AUX, lang.VERB):
        return None
    subject = back - 1
    while subject > 0 and tokens[subject].pos == lang.ADV:
        subject -= 1
    if tokens[subject].lower in ("it", "this", "that", "what", "which", "there") or tokens[subject].pos == lang.X or tokens[subject].lemma in _RESEARCH:
        return None  # "it is essential to ...": advice; "more studies are necessary for ...": research needs
    if any(t.lower in _NEGATORS or t.lower == "only" for t in tokens[back:index]):
        return None
    after = index + 1
    if after < len(tokens) and tokens[after].lemma in _REQUISITE_HEADS and tokens[after].pos == lang.NOUN:
        after += 1  # "is a key factor in recovery", "the most critical step for success": the adjective's noun
    elif any(t.pos == lang.DET for t in tokens[back + 1:index]):
        return None  # "is the key": a noun phrase with no head we know
    if after + 1 >= len(tokens) or tokens[after].lower not in ("for", "in", "to"):
        return None
    following = tokens[after + 1]
    if following.pos == lang.VERB and following.lemma in lexicon.verbs and (following.lower.endswith("ing") or tokens[after].lower == "to"):
        end = _object_end(tokens, after + 2, lexicon.not_outcomes)  # "critical to achieving", "necessary to reduce"
    elif tokens[after].lower == "to" and following.pos == lang.VERB and not following.lower.endswith("ing"):
        return None  # "is essential to take the pills": advice ("critical to addressing ..." names what it serves)
    else:
        end = _object_end(tokens, after + 1, lexicon.not_outcomes)
    if end is None or any(t.lemma in _PEOPLE or t.lower in _ANYONE or t.pos == lang.PRON for t in tokens[after + 1:end]):
        return None
    return back, end - 1


def _causal_role(tokens: Sequence[Token], index: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """(verb, last) of "X is an independent determinant of mortality", "X plays a key role in
    recovery": a role that makes X a cause. "Role" needs "play"; the others a copula."""
    prepositions = lexicon.roles[tokens[index].lemma]
    back = index - 1
    while back >= 0 and (tokens[back].pos in (lang.ADJ, lang.ADV, lang.DET, lang.NUM, lang.CCONJ, lang.NOUN) or tokens[back].text in ("-", ",")):
        back -= 1  # "a key role", "an independent, major determinant"
    if back < 1 or any(t.lower in _NEGATORS for t in tokens[back:index]):
        return None
    verb = tokens[back]
    if tokens[index].lemma == "role":
        if verb.lemma != "play" or verb.pos != lang.VERB:
            return None
    elif verb.lemma not in _COPULAS or verb.pos not in (lang.AUX, lang.VERB):
        return None
    if index + 2 >= len(tokens) or tokens[index + 1].lower not in prepositions:
        return None
    end = _object_end(tokens, index + 2, lexicon.not_outcomes)
    if end is None or any(t.lemma in _PEOPLE for t in tokens[index + 2:end]):
        return None
    return back, end - 1


# After a success verb these say how well it succeeds: "works well", "works as well as", "works wonders".
_SUCCESS_MANNER = frozenset("well better wonders miracles fast quickly effectively great best brilliantly".split())
_EMPHATIC = frozenset("really actually truly definitely certainly do does did".split())
_WORKERS = frozenset("i we he she nurse doctor surgeon physician therapist staff team employee worker".split())


def _succeeds(tokens: Sequence[Token], index: int) -> int | None:
    """Index of the last token of "this remedy really works", "painkillers work as well as opioids",
    "the diet works so well": a treatment said to succeed. None for how something works ("how
    well it works", "works by blocking"), people at work ("nurses work well together"), negations."""
    back = index - 1
    emphatic = False
    while back >= 0 and (tokens[back].pos in (lang.ADV, lang.MODAL) or tokens[back].lower in _EMPHATIC):
        emphatic = emphatic or tokens[back].lower in _EMPHATIC
        back -= 1
    subject = tokens[back] if back >= 0 else None
    if subject is None or subject.lower in _WORKERS or subject.lemma in _WORKERS or subject.lemma in _PEOPLE or subject.pos in (lang.PART, lang.SCONJ):
        return None  # "to work", "how it works"; a person working is no claim
    if any(t.lower in _NEGATORS or t.lower in ("how", "whether", "if", "why") for t in tokens[max(0, index - 6):index]):
        return None
    after = index + 1
    if after < len(tokens) and tokens[after].lower in ("so", "very", "really", "just", "equally", "as"):
        after += 1  # "works so well", "works as well as"
    if after < len(tokens) and tokens[after].lower in _SUCCESS_MANNER:
        if after + 2 < len(tokens) and tokens[after + 1].lower == "as":
            return after + 1  # "as well as"
        return after
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    if emphatic and (not following or following in (".", "!", ",", ";") or following.lower() in ("for", "even", "and", "but")):
        return index  # "this stuff really works!", "they do work even if ..."
    return None


def find(tokens: Sequence[Token], lexicon: Lexicon) -> Iterator[Phrase]:
    """The effect phrases among one sentence's tokens, each started at a token whose lemma is one of `lexicon.cues`."""
    count = len(tokens)
    cues = lexicon.cues
    purpose_until = -1  # "to ease aches, aid rest and lift mood": the purpose spans a list
    for index, token in enumerate(tokens):
        lemma = token.lemma
        if lemma not in cues:
            continue  # the contract the claim check's sentence filter relies on (Lexicon.cues)
        if token.pos == lang.VERB and lemma in lexicon.successes:
            last = _succeeds(tokens, index)
            if last is not None:
                start = index
                while start > 0 and tokens[start - 1].lower in _EMPHATIC:
                    start -= 1
                yield Phrase(tokens[start].start, tokens[last].end, capability=True)
        elif token.pos == lang.VERB and lemma in lexicon.verbs:
            if index <= purpose_until + 3 and token.lower == lemma and index > 0 and tokens[index - 1].lower in (",", "and", "or"):
                purpose_until = index + 6
                continue
            if _in_name(tokens, index) or _mechanism_or_use(tokens, index) or _advised(tokens, index) or _in_subject(tokens, index):
                continue
            if _ailment_subject(tokens, index) or _gerund_in_subject(tokens, index) or _past_relative(tokens, index) or _participle_in_subject(tokens, index):
                continue
            after = index + 1
            particles = next((p for p in sorted(lexicon.verbs[lemma], key=len, reverse=True)
                              if tuple(t.lower for t in tokens[after:after + len(p)]) == p), None)
            if particles is None:
                # "contributes significantly to", "leads directly to", "contributes more to": adverbs before the particle
                skipped = after
                while skipped < count and skipped - after < 2 and (tokens[skipped].pos == lang.ADV and tokens[skipped].lower.endswith("ly") or tokens[skipped].lower in _PARTICLE_DEGREES):
                    skipped += 1
                particles = next((p for p in lexicon.verbs[lemma] if p and skipped > after and tuple(t.lower for t in tokens[skipped:skipped + len(p)]) == p), None)
                if particles is None:
                    continue
                after = skipped
            after += len(particles)
            if not particles and after < count and tokens[after].lower in ("up", "down", "off", "away", "back", "out"):
                after += 1  # "speeds up recovery", "melts away fat", "drives out toxins"
            if lemma in _ACCOMPLISHED and _person_subject(tokens, index):
                continue  # "the surgeon achieved great success", "you achieve the best results": a person's doing
            if _defines(tokens, index):
                continue
            infinitive = index > 0 and tokens[index - 1].lower == "to" and tokens[index - 1].pos == lang.PART and token.lower == lemma
            after_help = index > 1 and tokens[index - 1].lemma == "help" and tokens[index - 2].lower == "to"
            if infinitive and not _found_to(tokens, index - 1) or after_help:
                purpose_until = index + 6
                continue  # "used to reduce pain", "the goal is to improve sleep", "inserts to help support the palate"
            if index > 0 and tokens[index - 1].lower.endswith(("n't", "n\u2019t")):
                continue  # "didn't improve": a negation; emphatic "does enhance recovery" is the claim, stressed
            if lemma == "lead" and index > 0 and tokens[index - 1].lemma in _ROUTES:
                continue
            back = index - 1
            while back > 0 and tokens[back].pos == lang.ADV:
                back -= 1
            previous = tokens[back] if back >= 0 else None
            if previous is not None and previous.lower in ("who", "whom") and previous.pos == lang.PRON:
                continue  # "patients who reduced their intake": a group told by what it did; the claim is the main verb's
            if previous is not None and previous.pos == lang.AUX and _describes_people(tokens, index, back):
                continue
            if previous is not None and previous.pos == lang.AUX and previous.lemma == "be" and token.lower.endswith(("ed", "en")) and not particles:
                if not (lemma in _PASSIVE_RESULTS and _passive_agent(tokens, index + 1) or _agent_follows(tokens, index)):
                    continue  # "levels were reduced in patients" describes; "pain was reduced by massage" claims
                # "pain can be reduced by massage": what massage can do, like "massage can reduce pain"
                yield Phrase(previous.start, token.end, capability=lemma not in _POSSIBILITY)  # the passive: "pain was reduced"
                continue
            end = _object_end(tokens, after, lexicon.not_outcomes)
            headline = _headline_passive(tokens, index, lexicon.not_outcomes) if end is None and lemma in _PASSIVE_RESULTS else None
            if headline is not None:
                yield Phrase(token.start, tokens[headline].end, capability=True)  # "Knee Pain Eased With Massage"
                continue
            if end is None and after + 1 < count and tokens[after].pos == lang.CCONJ and tokens[after + 1].pos == lang.VERB:
                end = _object_end(tokens, after + 2, lexicon.not_outcomes)  # "reducing or eliminating symptoms"
            if end is not None and lemma == "stop" and tokens[after].lower.endswith("ing"):
                continue  # "stop taking your pills" is advice about a habit (CLM112 judges it)
            if end is not None:
                if end + 1 < count and tokens[end].lower == "to" and tokens[end + 1].pos == lang.VERB:
                    end = _object_end(tokens, end + 2, lexicon.not_outcomes) or end + 2  # "enables patients to return to work"
                if _listed_noun_phrase(tokens, index, end) or _modifies_noun(tokens, index, end):
                    continue
                opens = index == 0 or tokens[index - 1].pos == lang.X and tokens[index - 1].lower in ("-", "\u2022", "*", ")", ".")
                helped = back >= 0 and tokens[back].lemma == "help"  # "can help lower": the writer's own hedge
                # "can lead to better sleep" is a benefit X is able to bring, like "can improve sleep"; "can lead to ulcers" a risk
                brings_benefit = lemma in _POSSIBILITY and bool(particles) and tokens[after].lower in _BETTER
                capability = (lemma not in _POSSIBILITY or brings_benefit) and not helped and not _people_can(tokens, index, end)
                yield Phrase(token.start, tokens[end - 1].end, opens and token.lower == lemma, capability)
        elif lemma in lexicon.requisites and token.pos in (lang.ADJ, lang.NOUN):
            needed = _requisite(tokens, index, lexicon)
            if needed is not None:
                yield Phrase(tokens[needed[0]].start, tokens[needed[1]].end, capability=True)
        elif lemma in lexicon.roles and token.pos == lang.NOUN:
            role = _causal_role(tokens, index, lexicon)
            if role is not None:
                yield Phrase(tokens[role[0]].start, tokens[role[1]].end)
        elif lemma in lexicon.adjectives and token.pos in (lang.ADJ, lang.NOUN, lang.ADV, lang.VERB):
            back = index - 1
            # "is very effective", "were equally effective", "is safe and effective", "is more effective than"
            while back >= 0 and index - back <= 4 and (tokens[back].pos in (lang.ADV, lang.CCONJ) or tokens[back].lower in _DEGREE or tokens[back].pos == lang.ADJ and tokens[back - 1:back] and tokens[back + 1].pos == lang.CCONJ):
                back -= 1
            if any(t.lower in ("only", "not", "no", "never") for t in tokens[back + 1:index]):
                continue  # "only effective if fitted well": a caution
            adverb = token.lower.endswith("ly")
            if adverb and index + 1 < count and tokens[index + 1].lemma in _CORRELATING:
                continue  # "was favorably associated with": correlational wording
            if not adverb and back >= 0 and (tokens[back].lemma in _COPULAS or tokens[back].pos == lang.AUX and tokens[back].lemma == "be"):
                last = _gerund_complement(tokens, index, lexicon.not_outcomes)  # "is effective in reducing pain": one claim
                yield Phrase(tokens[back].start, tokens[last].end, capability=True)  # "is very effective"
            elif token.lower.endswith("ly") and index + 1 < count and tokens[index + 1].pos == lang.VERB:
                yield Phrase(token.start, tokens[index + 1].end, capability=True)  # "effectively relieves"
            else:
                rated = _rated_predicate(tokens, index)
                if rated is not None:
                    yield Phrase(tokens[rated[0]].start, tokens[rated[1]].end, capability=True)  # "is a cheap and effective remedy"
        elif token.pos == lang.NOUN and lemma in lexicon.nouns:
            back = index - 1
            # "had a clear long-lasting effect", "gives a real comfort benefit", "a safe and effective weight reduction"
            while back >= 0 and (tokens[back].pos in (lang.ADJ, lang.DET, lang.ADV, lang.NUM) or _compound_part(tokens, back)):
                back -= 1
            between = {t.lower for t in tokens[back + 1:index]}
            if "no" in between or index > 0 and tokens[index - 1].lower in ("side", "adverse", "placebo"):
                continue  # "has no effect" (negated: not flagged), "side effects"
            following = tokens[index + 1].lower if index + 1 < count else ""
            evaluated = bool(between & _EVALUATIVE)
            if back >= 1 and tokens[back].lower.endswith("ing") and tokens[back - 1].lemma in _RESEARCH:
                continue  # "data showing a substantial benefit": what some evidence is, not a claim of the benefit
            if back >= 0 and tokens[back].lemma in _SHOWING | _CONFIRMING and tokens[back].pos in (lang.VERB, lang.AUX, lang.NOUN):
                if following in _EFFECT_COMPLEMENTS or following == "of" and (evaluated or tokens[back].lemma in _CONFIRMING) or not following[:1].isalnum():
                    yield Phrase(tokens[back].start, token.end)
                    continue
            if evaluated and following in ("of", "on"):
                yield Phrase(tokens[back + 1].start, token.end)  # "the beneficial effect of exercise on ..."
                continue
            subject = _effect_subject(tokens, index, lexicon.not_outcomes) if lemma in _SUBJECT_EFFECTS else None
            if subject is not None:
                yield Phrase(tokens[subject[0]].start, tokens[subject[1]].end)  # "The benefits of the drug were maintained"
