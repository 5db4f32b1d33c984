"""The token layer: exact offsets, lemmas, the word class of ambiguous forms, clauses.

The tagger is measured here on the forms the claim rules depend on: each row is a sentence
of our own, a word in it, and the class a reader gives that word there.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from claimlint import language
from claimlint.document import parse_document
from claimlint.source import SourceText, decode


def _tags(text: str) -> dict[str, str]:
    layer = language.analyse(text, [(0, len(text))])
    return {token.text: token.pos for token in layer.tokens}


AMBIGUOUS = [
    ("Lower back pain is common in runners.", "Lower", "ADJ"),
    ("Lower your blood sugar with a short walk.", "Lower", "VERB"),
    ("He has had lower back pain for years.", "lower", "ADJ"),
    ("Smoking is the leading cause of gum disease.", "leading", "ADJ"),
    ("Exercise reduces the risk of falls.", "Exercise", "NOUN"),
    ("Exercise reduces the risk of falls.", "reduces", "VERB"),
    ("Massage improved the range of motion.", "improved", "VERB"),
    ("This treats the symptoms, not the cause.", "treats", "VERB"),
    ("The balm soothes itching and reduces swelling.", "reduces", "VERB"),
    ("Reduce wrinkles and fine lines.", "Reduce", "VERB"),
    ("Reduce wrinkles and fine lines.", "lines", "NOUN"),
    ("She takes blood pressure lowering drugs.", "lowering", "ADJ"),
    ("Stiffness gets worse with increasing age.", "increasing", "ADJ"),
    ("Tea was associated with reduced risk.", "reduced", "ADJ"),
    ("Lower scores mean reduced pain.", "reduced", "ADJ"),
    ("Enhanced imaging and improved tools are coming.", "improved", "ADJ"),
    ("The device helps to reduce snoring.", "reduce", "VERB"),
    ("It can lead to weight gain.", "weight", "NOUN"),
    ("Patients report less pain after the procedure.", "report", "VERB"),
    ("The clinic's laser melts away fat.", "laser", "NOUN"),
    ("The clinic's laser melts away fat.", "melts", "VERB"),
    ("Stem cells help joints regenerate.", "help", "VERB"),
    ("By lowering stress, sleep improves.", "lowering", "VERB"),
    # A plural subject before its past verb, not a verb before an adjective.
    ("Blood zinc levels protected against cramps.", "levels", "NOUN"),
    ("Blood zinc levels protected against cramps.", "protected", "VERB"),
    ("The gel helps damaged skin.", "helps", "VERB"),
    ("The gel helps damaged skin.", "damaged", "ADJ"),
]


@pytest.mark.parametrize(("text", "word", "expected"), AMBIGUOUS, ids=[f"{w}:{t[:24]}" for t, w, _ in AMBIGUOUS])
def test_ambiguous_forms_get_the_class_they_have_in_context(text: str, word: str, expected: str) -> None:
    assert _tags(text)[word] == expected


def test_lemmas_come_from_the_lexicon() -> None:
    layer = language.analyse("Aspirin halves the risk and relieved the pains.", [(0, 47)])
    assert [(t.text, t.lemma) for t in layer.tokens if t.pos in (language.VERB, language.NOUN)] == [
        ("Aspirin", "aspirin"), ("halves", "halve"), ("risk", "risk"), ("relieved", "relieve"), ("pains", "pain"),
    ]


def test_token_offsets_are_exact_on_a_document_with_markup_and_unicode() -> None:
    source = decode("a.md", "# Héading\n\nThe **clinic’s** laser — well-being, 2× “faster” 😀 recovery.\n".encode())
    assert isinstance(source, SourceText)
    doc = parse_document(source)
    layer = doc.language
    assert layer.tokens, "the layer has tokens"
    for token in layer.tokens:
        assert doc.text[token.start:token.end] == token.text
    assert [t.text for t in layer.tokens if t.text[0].isalpha()] == ["Héading", "The", "clinic", "laser", "well-being", "faster", "recovery"]
    assert any(t.text == "\u2019s" and t.pos == language.POSS for t in layer.tokens)


def test_the_layer_is_built_once_per_document() -> None:
    source = decode("a.txt", b"Yoga eases stress.")
    assert isinstance(source, SourceText)
    doc = parse_document(source)
    assert doc.language is doc.language


def test_clauses_split_at_contrast_and_semicolons() -> None:
    text = "Results may vary, but this cream relieves itching; it works fast."
    spans = language.clause_spans(text, 0, len(text))
    assert [text[a:b].strip(" ,;") for a, b in spans] == ["Results may vary", "this cream relieves itching", "it works fast."]
    layer = language.analyse(text, [(0, len(text))])
    assert layer.clause_at(text.index("relieves")) == spans[1]


def test_the_lexicon_read_from_lemminflects_files_agrees_with_its_api() -> None:
    from lemminflect import getAllLemmas

    words = "reduces lower leading halves better treats pains relieved was 'd all another exercise worse soothing".split()
    for word in words:
        assert language._lexicon_classes(word) == dict(getAllLemmas(word)), word


def test_the_lemma_table_read_by_form_is_the_whole_table_merged() -> None:
    """Every form of lemminflect's table (and its overrides) gets the classes and lemmas that
    reading the whole table into one dictionary gives, as lemminflect merges them."""
    import gzip

    table = language._lemma_table()
    assert table is not None
    whole: dict[str, dict[str, tuple[str, ...]]] = {}
    spec = importlib.util.find_spec("lemminflect")
    assert spec is not None and spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations))) / "resources"
    with gzip.open(folder / "lemma_lu.csv.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            form, category, lemmas = line.rstrip("\n").split(",", 2)
            upos = category.upper()
            whole.setdefault(form, {})[language.AUX if upos == language.MODAL else upos] = tuple(lemmas.split("/"))
    for line in (folder / "lemma_overrides.csv").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            form, upos, lemma = line.split(",")
            whole.setdefault(form, {})[upos] = (lemma,)
    assert len(whole) > 50_000
    for form, classes in whole.items():
        assert list(table.classes(form).items()) == list(classes.items()), form
    assert table.classes("notawordatall") == {}
