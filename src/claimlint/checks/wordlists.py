"""Accepted-word lists shared by the spelling and grammar types: rule files' `word-lists`,
and the project's words (`settings.spelling.words` and `settings.grammar.words`, one list)."""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path
from typing import TYPE_CHECKING

from claimlint.spec import Option, RuleSpec

if TYPE_CHECKING:
    from claimlint.checks import RunContext

WORD_LISTS = Option("list", (), help="files of accepted words, one per line; relative to the rule file")
PROJECT_WORDS = Option("list", (), help="project words to accept (one list for the spelling and grammar types)")


def normalize(word: str) -> str:
    return word.strip().replace("\u2019", "'").lower()


def read_word_lists(spec: RuleSpec) -> frozenset[str]:
    """The words of the rule's `word-lists` files, lower-cased."""
    folder = Path(spec.path).parent
    words: set[str] = set()
    for name in spec.options.get("word-lists", ()):
        path = folder / name
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except OSError as error:
            raise spec.error(f"cannot read word list {str(path)!r}: {error.strerror}", "word-lists") from None
        words.update(normalize(line) for line in (line.split("#", 1)[0] for line in lines) if line.strip())
    return frozenset(words)


def project_words(context: RunContext) -> frozenset[str]:
    """settings.spelling.words and settings.grammar.words: either section's list serves both types."""
    from claimlint.checks import grammar, spelling

    words = context.settings_of(spelling.SETTINGS).words + context.settings_of(grammar.SETTINGS).words
    return frozenset(normalize(word) for word in words)


def in_word_list(word: str, words: Container[str]) -> bool:
    """`word` or its singular / non-possessive form is in `words` (lower-cased)."""
    word = normalize(word)
    if word.endswith("'s"):
        word = word[:-2]
    word = word.rstrip("'")
    if word in words:
        return True
    if word.endswith("ies") and word[:-3] + "y" in words:
        return True
    return (word.endswith("es") and word[:-2] in words) or (word.endswith("s") and word[:-1] in words)
