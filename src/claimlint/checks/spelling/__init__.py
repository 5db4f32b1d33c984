"""`spelling`: words missing from an offline dictionary and from the word lists.

English: the Hunspell dictionaries installed on the machine (en_US, en_GB and the medical
en_med_glut; Debian's hunspell-en-us, hunspell-en-gb, hunspell-en-med, which .ci/dev.py
installs), found offline and merged (see `hunspell`). Without them: one notice, and
pyspellchecker's bundled list (it ships in its wheel). Other languages: pyspellchecker.
Accepted besides the dictionary: the rule's `word-lists` (files next to the rule file, such
as rules/grammar/medical-words.txt) and the project's words from config
(`settings: {spelling: {words: [...]}}`, shared with the grammar type).

Left alone, because a dictionary cannot judge them: words with digits or inner capitals,
ALL-CAPS acronyms, e-mail addresses, paths and domains, one- and two-letter words,
(by default) capitalized words inside a sentence, which are mostly names and brands, and
a capitalized word starting a sentence unless it is one edit from a dictionary word
('Recieve' is reported, a surname heading a reference is not).
Options:
- word-lists: files of accepted words, one per line, '#' comments; relative to the rule file.
- ignore-capitalized (default true): skip capitalized words that do not start a sentence.
- min-length (default 3): shorter words are not checked.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Container, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import regex

from claimlint.cache import mapped_trie, user_cache_folder
from claimlint.checks import Check, Hit, RunContext, Unavailable
from claimlint.checks.spelling import hunspell
from claimlint.checks.wordlists import PROJECT_WORDS, WORD_LISTS, in_word_list, normalize, project_words, read_word_lists
from claimlint.document import Document
from claimlint.spec import Option, RuleSpec, SettingError, SettingsSchema

DESCRIPTION = "Flags words missing from an offline dictionary (Hunspell en_US, en_GB and medical; else pyspellchecker) and the medical and project word lists."
MESSAGE_FIELDS = frozenset({'match'})  # what `message`/`suggest` may name (rulefile checks at load)
OPTIONS = {
    "word-lists": WORD_LISTS,
    "ignore-capitalized": Option("bool", True, help="skip capitalized words inside a sentence (names, brands)"),
    "min-length": Option("int", 3, help="words shorter than this are not checked"),
}


@dataclass(frozen=True)
class SpellingSettings:
    words: tuple[str, ...] = ()
    language: str = "en"  # en: the Hunspell dictionaries (else pyspellchecker's); other languages: pyspellchecker


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
        "language": Option("str", "en", help="en (default: the Hunspell dictionaries, else pyspellchecker's), or a pyspellchecker dictionary: es, fr, de, pt, it, nl, ru, ..."),
    },
    _settings,
)

_CHUNK = regex.compile(r"\S+")
# Characters that make a chunk code, a path, an address or a number rather than words.
_TECHNICAL = regex.compile(r"[\p{N}@/\\_=#<>{}|~^*+$%&]|\p{L}\.\p{L}")
_WORD = regex.compile(r"\p{L}+(?:['\u2019]\p{L}+)*")
_NEXT_CAPITALIZED = regex.compile(r"[ \t]+\p{Lu}")


_LETTERS = "abcdefghijklmnopqrstuvwxyz'"


def one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away from `word` (lower case)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {left + right[1:] for left, right in splits if right}
    transposes = {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    replaces = {left + letter + right[1:] for left, right in splits if right for letter in _LETTERS}
    inserts = {left + letter + right for left, right in splits for letter in _LETTERS}
    return deletes | transposes | replaces | inserts


HUNSPELL_MISSING = (
    "spelling: no Hunspell English dictionary found (install hunspell-en-us, hunspell-en-gb and hunspell-en-med, "
    "or set DICPATH); GRM102 uses pyspellchecker's bundled word list, which knows fewer medical terms"
)


def english_words(context: RunContext, environ: Mapping[str, str], home: Path) -> tuple[Container[str], str] | None:
    """The merged Hunspell English word set (cached) and the key of its files, or None when no
    en_US dictionary is installed."""
    found = hunspell.find("en", environ)
    if found is None:
        return None
    folder = context.cache_dir / "spelling" if context.cache_dir is not None else user_cache_folder(environ, home)
    return hunspell.load(found, folder), found.key()


@functools.lru_cache(maxsize=4)
def load_dictionary(language: str) -> Any:
    """pyspellchecker's dictionary for `language` (its data ships in the wheel); loaded once per process."""
    from spellchecker import SpellChecker  # about 0.3 s to load the English dictionary

    return SpellChecker(language=language, distance=1)


@functools.lru_cache(maxsize=4)
def word_frequencies(language: str, cache_folder: Path | None) -> Callable[[str], int]:
    """word -> its count in pyspellchecker's list for `language` (0 if absent), to rank suggestions.

    With a cache folder the counts are a marisa RecordTrie mapped from a file there (built on
    first use): a one-article pre-commit check with a typo spent about 0.12 s of its 0.6 s
    loading the whole SpellChecker to rank a few candidates."""
    if cache_folder is None:
        counts = load_dictionary(language).word_frequency
        return lambda word: int(counts[word])
    import marisa_trie  # a compiled module without type stubs

    def build() -> Any:
        counts = load_dictionary(language).word_frequency.dictionary
        return marisa_trie.RecordTrie("<I", ((word, (count,)) for word, count in counts.items()))

    trie = mapped_trie(cache_folder / f"frequencies-{bundled_key(language)}.marisa", lambda: marisa_trie.RecordTrie("<I"), build)
    return lambda word: int(trie[word][0][0]) if word in trie else 0


def bundled_key(language: str) -> str:
    """Names pyspellchecker's word list for `language`: it changes with the package's version."""
    from importlib.metadata import version

    return f"{language}-{version('pyspellchecker')}"


def known_words(language: str, cache_dir: Path | None) -> frozenset[str]:
    """The dictionary's words (lower case). Kept as a plain word list in the cache folder,
    so a run reads it in a few milliseconds; the full SpellChecker loads only to suggest."""
    from claimlint.cache import Cache

    cache = Cache(cache_dir) if cache_dir is not None else None
    key = bundled_key(language)
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
    dictionary: Container[str] | None = None  # the dictionary's words, bound by prepare
    language: str = "en"
    accepted: frozenset[str] = frozenset()  # word lists and project words
    source: str = ""  # "hunspell" or "pyspellchecker"
    # Which files or package version `dictionary` came from: installing Hunspell, or updating
    # it, changes the findings, so cached results must not outlive it (runner.ruleset_fingerprint).
    dictionary_key: str = ""
    frequencies_folder: Path | None = None  # where the ranking's word counts are kept (the cache folder's spelling/)

    def prepare(self, context: RunContext) -> SpellingCheck | Unavailable:
        """Load the dictionary, once per run (English without Hunspell: the fallback, said once)."""
        import os

        language = context.settings_of(SETTINGS).language
        accepted = self.words | project_words(context)
        folder = context.cache_dir / "spelling" if context.cache_dir is not None else None
        if language == "en":
            found = english_words(context, os.environ, Path.home())
            if found is not None:
                words, key = found
                return replace(
                    self, dictionary=words, language=language, accepted=accepted, source="hunspell", dictionary_key=key, frequencies_folder=folder
                )
        dictionary = known_words(language, context.cache_dir)
        prepared = replace(
            self,
            dictionary=dictionary,
            language=language,
            accepted=accepted,
            source="pyspellchecker",
            dictionary_key=bundled_key(language),
            frequencies_folder=folder,
        )
        return Unavailable(HUNSPELL_MISSING, fallback=prepared) if language == "en" else prepared

    def bound_key(self) -> str:
        return f"{self.source}:{self.dictionary_key}"

    def run(self, doc: Document, context: RunContext) -> Iterator[Hit]:
        assert self.dictionary is not None, "prepare() binds the dictionary"
        unknown = self.unknown_words(doc)
        if not unknown:
            return
        # One finding per unknown word and file, at its first occurrence: a term the dictionary
        # lacks is often used many times, and one finding says it as well as ten.
        occurrences: dict[str, list[tuple[int, int]]] = {}
        for start, end, word in self.candidates(doc, unknown):
            occurrences.setdefault(word, []).append((start, end))
        for word, spans in sorted(occurrences.items(), key=lambda item: item[1][0]):
            start, end = spans[0]
            message = self.spec.render(match=word)
            if len(spans) > 1:
                message += f" ({len(spans)} times in this file; the first is marked)"
            yield Hit(start, end, message, self.suggestion(word))

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
                    if word[0].isupper() and self.ignore_capitalized and self.looks_like_a_name(doc, match.start(), match.end(), chunk.group()):
                        continue
                    yield match.start(), match.end(), word

    def looks_like_a_name(self, doc: Document, start: int, end: int, chunk: str) -> bool:
        return looks_like_a_name(doc, start, end, chunk, self.near_words)

    def is_known(self, word: str) -> bool:
        lowered = normalize(word)
        dictionary = self.dictionary or frozenset()
        if lowered in dictionary:  # most words: settled without the word-list forms
            return True
        return in_word_list(word, self.accepted) or in_word_list(word, dictionary)

    def near_words(self, word: str) -> list[str]:
        """Dictionary and listed words one edit from `word` (the likely intended words of a typo)."""
        dictionary = self.dictionary or frozenset()
        return sorted(candidate for candidate in one_edit(normalize(word)) if candidate in dictionary or candidate in self.accepted)

    def suggestion(self, word: str) -> str | None:
        """The most frequent word one edit away (frequencies: pyspellchecker's English list)."""
        near = self.near_words(word)
        if not near:
            return None
        frequency = word_frequencies(self.language, self.frequencies_folder) if self.language in ("en", "es", "fr", "de", "pt", "it", "nl", "ru") else None
        best = max(near, key=lambda candidate: (frequency(candidate) if frequency is not None else 0, -near.index(candidate)))
        return best.capitalize() if word[0].isupper() else best


def looks_like_a_name(doc: Document, start: int, end: int, chunk: str, near_words: Callable[[str], list[str]]) -> bool:
    """A capitalized unknown word is taken for a name (not checked) inside a sentence, in a
    capitalized compound (Oxy-Powder), before a capitalized word or initials (`Palan PR`,
    `Nutr Cancer`: references), or when no dictionary word is one edit from it."""
    if not _starts_sentence(doc, start):
        return True
    if any(part[:1].isupper() for part in regex.split(r"[-\u2010\u2011]", chunk)[1:]):
        return True
    if _NEXT_CAPITALIZED.match(doc.text, end):
        return True
    return not near_words(doc.text[start:end])


def judged_words(word: str) -> list[str]:
    """The words a dictionary would judge in `word` (a LanguageTool match): its hyphen-separated parts."""
    return [part for part in regex.split(r"[-\u2010\u2011]", word) if part]


def _starts_sentence(doc: Document, offset: int) -> bool:
    sentence = doc.sentence_at(offset)
    start = sentence.start if sentence else 0
    return not any(char.isalnum() for char in doc.text[start:offset])


def build(spec: RuleSpec) -> SpellingCheck:
    min_length = spec.options["min-length"]
    if min_length < 1:
        raise spec.error("min-length must be at least 1", "min-length")
    return SpellingCheck(spec, read_word_lists(spec), bool(spec.options["ignore-capitalized"]), int(min_length))
