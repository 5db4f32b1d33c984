"""`spelling`: words missing from an offline dictionary (pyspellchecker) and from the word lists.

Works with no network: pyspellchecker ships its dictionaries in its wheel. Accepted
besides the dictionary: the rule's `word-lists` (files next to the rule file, such as
rules/grammar/medical-words.txt) and the project's words from config
(`settings: {spelling: {words: [...]}}`, shared with the grammar type).

Left alone, because a dictionary cannot judge them: words with digits or inner capitals,
ALL-CAPS acronyms, e-mail addresses, paths and domains, one- and two-letter words, and
(by default) capitalized words inside a sentence, which are mostly names and brands.
Options:
- word-lists: files of accepted words, one per line, '#' comments; relative to the rule file.
- ignore-capitalized (default true): skip capitalized words that do not start a sentence.
- min-length (default 3): shorter words are not checked.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import regex

from claimlint.checks import Check, Hit, RunContext
from claimlint.checks.wordlists import PROJECT_WORDS, WORD_LISTS, in_word_list, normalize, project_words, read_word_lists
from claimlint.document import Document
from claimlint.spec import Option, RuleSpec, SettingError, SettingsSchema

DESCRIPTION = "Flags words missing from an offline dictionary (pyspellchecker) and the medical and project word lists."
OPTIONS = {
    "word-lists": WORD_LISTS,
    "ignore-capitalized": Option("bool", True, help="skip capitalized words inside a sentence (names, brands)"),
    "min-length": Option("int", 3, help="words shorter than this are not checked"),
}


@dataclass(frozen=True)
class SpellingSettings:
    words: tuple[str, ...] = ()
    language: str = "en"  # a pyspellchecker dictionary


def _settings(values: Mapping[str, Any]) -> SpellingSettings:
    language = str(values["language"] or "en").split("-")[0].split("_")[0].lower()
    if language != "en":
        from spellchecker import SpellChecker  # the module only; its dictionaries load later

        if language not in SpellChecker.languages():
            known = ", ".join(SpellChecker.languages())
            raise SettingError("language", f"settings.spelling.language: no pyspellchecker dictionary for {language!r}; known: {known}")
    return SpellingSettings(tuple(values["words"]), language)


SETTINGS = SettingsSchema(
    "spelling",
    {
        "words": PROJECT_WORDS,
        "language": Option("str", "en", help="pyspellchecker dictionary: en (default), es, fr, de, pt, it, nl, ru, ..."),
    },
    _settings,
)

_CHUNK = regex.compile(r"\S+")
# Characters that make a chunk code, a path, an address or a number rather than words.
_TECHNICAL = regex.compile(r"[\p{N}@/\\_=#<>{}|~^*+$%&]|\p{L}\.\p{L}")
_WORD = regex.compile(r"\p{L}+(?:['\u2019]\p{L}+)*")


@functools.lru_cache(maxsize=4)
def load_dictionary(language: str) -> Any:
    """pyspellchecker's dictionary for `language` (its data ships in the wheel); loaded once per process."""
    from spellchecker import SpellChecker  # about 0.3 s to load the English dictionary

    return SpellChecker(language=language, distance=1)


def known_words(language: str, cache_dir: Path | None) -> frozenset[str]:
    """The dictionary's words (lower case). Kept as a plain word list in the cache folder,
    so a run reads it in a few milliseconds; the full SpellChecker loads only to suggest."""
    from importlib.metadata import version

    from claimlint.cache import Cache

    cache = Cache(cache_dir) if cache_dir is not None else None
    key = f"{language}-{version('pyspellchecker')}"
    cached = cache.get("spelling", key) if cache is not None else None
    if isinstance(cached, str):
        return frozenset(cached.split("\n"))
    words = frozenset(load_dictionary(language).word_frequency.dictionary)
    if cache is not None:
        cache.put("spelling", key, "\n".join(sorted(words)))
    return words


@dataclass(frozen=True)
class SpellingCheck(Check):
    spec: RuleSpec
    words: frozenset[str]  # the rule's word lists
    ignore_capitalized: bool
    min_length: int
    dictionary: frozenset[str] | None = None  # the dictionary's words, bound by prepare
    language: str = "en"
    accepted: frozenset[str] = frozenset()  # word lists and project words

    def prepare(self, context: RunContext) -> SpellingCheck:
        """Load the dictionary, once per run."""
        language = context.settings_of(SETTINGS).language
        dictionary = known_words(language, context.cache_dir)
        return replace(self, dictionary=dictionary, language=language, accepted=self.words | project_words(context))

    def run(self, doc: Document, context: RunContext) -> Iterator[Hit]:
        assert self.dictionary is not None, "prepare() binds the dictionary"
        unknown = self.unknown_words(doc)
        if not unknown:
            return
        for start, end, word in self.candidates(doc, unknown):
            yield Hit(start, end, self.spec.render(match=word), self.suggestion(word))

    def unknown_words(self, doc: Document) -> frozenset[str]:
        """The distinct in-scope words of the document that are worth checking and unknown.

        Whether a word is known depends on the word alone, so each distinct word is looked up
        once; only the few unknown ones are then walked occurrence by occurrence (`candidates`).
        """
        text = doc.text
        words: set[str] = set()
        for block in doc.blocks_of(self.spec.scope):
            words.update(_WORD.findall(text, block.start, block.end))
        return frozenset(word for word in words if not self.is_known(word) and self.worth_checking(word))

    def worth_checking(self, word: str) -> bool:
        """Long enough, and not an acronym or a word with inner capitals (a brand, a gene...)."""
        return len(word) >= self.min_length and not word.isupper() and not any(c.isupper() for c in word[1:])

    def candidates(self, doc: Document, words: frozenset[str]) -> Iterator[tuple[int, int, str]]:
        """(start, end, word) of each occurrence of `words` worth looking up, in prose offsets.

        Skipped: words inside a technical chunk (code, a path, an address, a number) and, with
        ignore-capitalized, capitalized words that do not start a sentence.
        """
        text = doc.text
        for block in doc.blocks_of(self.spec.scope):
            if words.isdisjoint(_WORD.findall(text, block.start, block.end)):
                continue
            for chunk in _CHUNK.finditer(text, block.start, block.end):
                found = [match for match in _WORD.finditer(text, chunk.start(), chunk.end()) if match.group() in words]
                if not found or _TECHNICAL.search(chunk.group()):
                    continue
                for match in found:
                    word = match.group()
                    if word[0].isupper() and self.ignore_capitalized and not _starts_sentence(doc, match.start()):
                        continue
                    yield match.start(), match.end(), word

    def is_known(self, word: str) -> bool:
        lowered = normalize(word)
        dictionary = self.dictionary or frozenset()
        if lowered in dictionary:  # most words: settled without the word-list forms
            return True
        if in_word_list(word, self.accepted):
            return True
        return lowered.endswith("'s") and lowered[:-2] in dictionary

    def suggestion(self, word: str) -> str | None:
        correction = load_dictionary(self.language).correction(normalize(word))
        if not correction or correction == normalize(word):
            return None
        return str(correction).capitalize() if word[0].isupper() else str(correction)


def _starts_sentence(doc: Document, offset: int) -> bool:
    sentence = doc.sentence_at(offset)
    start = sentence.start if sentence else 0
    return not any(char.isalnum() for char in doc.text[start:offset])


def build(spec: RuleSpec) -> SpellingCheck:
    min_length = spec.options["min-length"]
    if min_length < 1:
        raise spec.error("min-length must be at least 1", "min-length")
    return SpellingCheck(spec, read_word_lists(spec), bool(spec.options["ignore-capitalized"]), int(min_length))
