"""`grammar`: LanguageTool's grammar, punctuation, style and spelling matches on the prose.

LanguageTool is found once per run by `prepare` (see claimlint.checks.grammar.languagetool): a server
URL from config or CLAIMLINT_LANGUAGETOOL_URL, a local install, or an opted-in download.
With none, `prepare` returns a notice and the rule sits the run out; nothing waits.
Prose only goes out, in batches of whole blocks; answers are cached by content hash.

Settings (`settings: {grammar: {...}}` in claimlint.yaml):
url, language (en-US), disabled-rules, disabled-categories, words, allow-download,
require, timeout (seconds, 10), start-timeout (60), batch-chars (15000). See docs/grammar.md.
Options:
- word-lists: files of accepted words (spelling matches on them are dropped); relative to the rule file.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimlint.checks.grammar import languagetool
from claimlint.cache import Cache, digest
from claimlint.checks import Check, Hit, RunContext, Unavailable
from claimlint.checks.spelling import english_words, judged_words, looks_like_a_name, one_edit
from claimlint.checks.wordlists import PROJECT_WORDS, WORD_LISTS, in_word_list, project_words, read_word_lists
from claimlint.document import Document
from claimlint.markup import Block
from claimlint.spec import Option, RuleSpec, SettingError, SettingsSchema

DESCRIPTION = "Grammar, punctuation and spelling from LanguageTool (a server or a local install); skipped with one notice when there is none."
MESSAGE_FIELDS = frozenset({'lt_message', 'lt_rule', 'lt_category', 'match'})  # what `message`/`suggest` may name (rulefile checks at load)
OPTIONS = {
    "word-lists": WORD_LISTS,
}
CACHE_NAMESPACE = "languagetool"
HOW_TO_ENABLE = (
    f"set {languagetool.URL_VARIABLE} or settings: {{grammar: {{url: ...}}}} to a LanguageTool server (docs/grammar.md); "
    "--ignore GRM101 silences this"
)


# LanguageTool's opinions rather than errors, off unless a project lists its own (chosen by reading
# every GRM101 finding on 20 careful published health texts, docs/grammar.md): style, redundancy
# and repetition advice; optional commas; the newspaper convention of opening each paragraph of a
# long quotation without closing the one before; en dashes.
DEFAULT_DISABLED_CATEGORIES = ("STYLE", "REDUNDANCY", "REPETITIONS_STYLE")
DEFAULT_DISABLED_RULES = (
    "COMMA_COMPOUND_SENTENCE",
    "COMMA_COMPOUND_SENTENCE_2",
    "DASH_RULE",
    "EN_UNPAIRED_QUOTES",
    "SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA",
)


@dataclass(frozen=True)
class GrammarSettings:
    url: str | None = None
    language: str = "en-US"
    disabled_rules: tuple[str, ...] = DEFAULT_DISABLED_RULES
    disabled_categories: tuple[str, ...] = DEFAULT_DISABLED_CATEGORIES
    words: tuple[str, ...] = ()
    allow_download: bool = False
    require: bool = False
    timeout: float = 10.0
    start_timeout: float = 60.0
    batch_chars: int = 15000


def _settings(values: Mapping[str, Any]) -> GrammarSettings:
    for key in ("timeout", "start-timeout"):
        if values[key] <= 0:
            raise SettingError(key, f"settings.grammar.{key} must be a positive number of seconds")
    batch_chars = values["batch-chars"]
    if not isinstance(batch_chars, int) or batch_chars < 100:
        raise SettingError("batch-chars", "settings.grammar.batch-chars must be a whole number of at least 100")
    return GrammarSettings(
        url=values["url"] or None,
        language=values["language"] or "en-US",
        disabled_rules=values["disabled-rules"],
        disabled_categories=values["disabled-categories"],
        words=values["words"],
        allow_download=values["allow-download"],
        require=values["require"],
        timeout=float(values["timeout"]),
        start_timeout=float(values["start-timeout"]),
        batch_chars=batch_chars,
    )


SETTINGS = SettingsSchema(
    "grammar",
    {
        "url": Option("str", None, help="a LanguageTool server, e.g. http://localhost:8081 (or CLAIMLINT_LANGUAGETOOL_URL)"),
        "language": Option("str", "en-US", help="LanguageTool language code (default en-US)"),
        "disabled-rules": Option(
            "list", DEFAULT_DISABLED_RULES, help="LanguageTool rule ids not to report (default: optional-comma, quotation and dash rules; [] reports them)"
        ),
        "disabled-categories": Option(
            "list", DEFAULT_DISABLED_CATEGORIES, help="LanguageTool category ids not to report (default: STYLE, REDUNDANCY, REPETITIONS_STYLE; [] reports them)"
        ),
        "words": PROJECT_WORDS,
        "allow-download": Option("bool", False, help="let language_tool_python download LanguageTool (about 250 MB) if none is installed"),
        "require": Option("bool", False, help="a run without LanguageTool is an error (exit 2), like --require-grammar"),
        "timeout": Option("float", 10.0, help="seconds to wait for the server (default 10)"),
        "start-timeout": Option("float", 60.0, help="seconds to wait for a local LanguageTool to start (default 60)"),
        "batch-chars": Option("int", 15000, help="most characters sent in one request (default 15000)"),
    },
    _settings,
)


def batches(blocks: tuple[Block, ...], limit: int) -> Iterator[tuple[int, int]]:
    """Prose spans of consecutive whole blocks, each at most `limit` characters (a longer block goes alone)."""
    start = end = None
    for block in blocks:
        if start is not None and end is not None and block.end - start > limit:
            yield start, end
            start = None
        if start is None:
            start = block.start
        end = block.end
    if start is not None and end is not None:
        yield start, end


@dataclass(frozen=True)
class GrammarCheck(Check):
    spec: RuleSpec
    words: frozenset[str]  # the rule's word lists
    settings: GrammarSettings = GrammarSettings()
    connection: languagetool.Connection | None = None  # bound by prepare
    accepted: frozenset[str] = frozenset()
    dictionary: Container[str] = frozenset()  # the spelling rule's Hunspell words (English), so GRM101 agrees with GRM102
    dictionary_key: str = ""  # which Hunspell files those are ("": none): cached results are keyed by it

    def prepare(self, context: RunContext) -> GrammarCheck | Unavailable:
        """Find LanguageTool once per run; without one, say so once and sit the run out."""
        settings = context.settings_of(SETTINGS)
        backend = languagetool.locate(settings.url, settings.allow_download, os.environ, Path.home())
        if backend is None:
            message = f"grammar skipped: no LanguageTool server configured and none installed; {HOW_TO_ENABLE}"
            return Unavailable(message, required=settings.require)
        connection = languagetool.connect(backend, settings.timeout, settings.start_timeout)
        if isinstance(connection, str):
            return Unavailable(f"grammar skipped: {connection}; {HOW_TO_ENABLE}", required=settings.require)
        found = english_words(context, os.environ, Path.home()) if settings.language.lower().startswith("en") else None
        dictionary, key = found if found is not None else (frozenset(), "")
        return replace(self, settings=settings, connection=connection, accepted=self.words | project_words(context), dictionary=dictionary, dictionary_key=key)

    def bound_key(self) -> str:
        return self.dictionary_key

    def run(self, doc: Document, context: RunContext) -> Iterator[Hit]:
        assert self.connection is not None, "prepare() binds the connection"
        cache = Cache(context.cache_dir) if context.cache_dir else None
        in_scope = [block for block in doc.blocks if block.kind in self.spec.scope]
        if not in_scope:
            return
        for start, end in batches(tuple(in_scope), self.settings.batch_chars):
            sent = languagetool.Compacted.of(doc.text[start:end], functools.partial(removed_before, doc, start))
            matches = self.check_text(sent.text, cache)
            for hit in languagetool.hits_from_response(matches, sent, start, self.spec, functools.partial(self.is_accepted, doc)):
                block = doc.block_at(hit.start)
                if block is not None and block.kind in self.spec.scope:
                    yield hit

    def check_text(self, text: str, cache: Cache | None) -> list[dict[str, Any]]:
        """LanguageTool's matches for `text`, from the cache when the same text was checked the same way."""
        assert self.connection is not None
        settings = self.settings
        params = languagetool.request_params(text, settings.language, settings.disabled_rules, settings.disabled_categories)
        key = digest(json.dumps(params, sort_keys=True))
        if cache is not None:
            cached = cache.get(CACHE_NAMESPACE, key)
            if isinstance(cached, dict):
                try:
                    return languagetool.matches_of(cached)
                except ValueError:
                    pass  # a damaged entry: ask again
        matches = self.connection.check(params)
        if cache is not None:
            cache.put(CACHE_NAMESPACE, key, {"matches": matches})
        return matches

    def is_accepted(self, doc: Document, word: str, offset: int) -> bool:
        """Whether a LanguageTool spelling match on `word` (at prose `offset`) is dropped because the
        spelling rule accepts or leaves alone each of its parts: listed and dictionary words,
        acronyms, words with digits or inner capitals, and capitalized words it takes for names."""
        if in_word_list(word, self.accepted) or in_word_list(word, self.dictionary):
            return True
        position = offset
        for part in judged_words(word):
            start = doc.text.find(part, position)
            position = start + len(part) if start >= 0 else position
            if in_word_list(part, self.accepted) or in_word_list(part, self.dictionary):
                continue
            if part.isupper() or any(char.isdigit() for char in part) or any(char.isupper() for char in part[1:]):
                continue
            if part[:1].isupper() and start >= 0 and looks_like_a_name(doc, start, start + len(part), word, self.near_words):
                continue
            return False
        return True

    def near_words(self, word: str) -> list[str]:
        return [candidate for candidate in one_edit(word.lower()) if candidate in self.dictionary or candidate in self.accepted]


def removed_before(doc: Document, base: int, offset: int) -> bool:
    """Markup (a URL, a tag, code) was left out of the prose just before prose offset `base + offset`."""
    return doc.prose.source_start(base + offset) > doc.prose.source_end(base + offset)


def build(spec: RuleSpec) -> GrammarCheck:
    return GrammarCheck(spec, read_word_lists(spec))
