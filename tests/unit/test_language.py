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


ROOT = Path(__file__).resolve().parents[2]


def _documents_of_our_own() -> list[tuple[str, list[tuple[int, int]]]]:
    """The seeds and our own claim sentences (tests/data/claims), each with its sentences."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    for half in ("dev", "heldout"):
        rows = (ROOT / "tests" / "data" / "claims" / f"{half}.tsv").read_text(encoding="utf-8").splitlines()
        texts.append("\n\n".join(row.split("\t", 1)[1] for row in rows if "\t" in row and not row.startswith("#")))
    documents = []
    for index, text in enumerate(texts):
        source = decode(f"d{index}.txt", text.encode("utf-8"))
        assert isinstance(source, SourceText)
        doc = parse_document(source)
        documents.append((doc.text, [(sentence.start, sentence.end) for sentence in doc.sentences]))
    return documents


def test_a_sentence_tagged_alone_gets_the_tokens_the_whole_layer_gives_it() -> None:
    for text, sentences in _documents_of_our_own():
        layer = language.analyse(text, sentences)
        for start, end in sentences:
            assert language.tag_sentence(text, start, end) == tuple(layer.tokens_in(start, end)), text[start:end]


def test_a_document_tags_each_sentence_once_and_its_layer_reuses_them() -> None:
    source = decode("a.txt", "Yoga eases stress. Rest heals.".encode())
    assert isinstance(source, SourceText)
    doc = parse_document(source)
    first = doc.tokens_of(doc.sentences[0])
    assert first is doc.tokens_of(doc.sentences[0])
    assert [t.lemma for t in first] == ["yoga", "ease", "stress", "."]
    assert doc.language.tokens[: len(first)] == first
    assert doc.language.tokens == language.analyse(doc.text, [(s.start, s.end) for s in doc.sentences]).tokens


CUES = frozenset({"reduce", "lead", "effective", "benefit", "work"})


def test_a_sentence_may_hold_a_lemma_through_any_inflection_or_spelling() -> None:
    sentences = [
        ("It LED to relief.", True),  # "led" -> lead
        ("Pain was halved.", False),
        ("Worked wonders!", True),
        ("The benefits\u2019 size.", True),  # before a curly apostrophe
        ("Costs rose.", False),
        ("Reduction, not\treducing...", True),
        ("it\u2019s fine.", False),
        ("(reduces)", True),  # inside punctuation
        ("Effectively-run clinics.", False),  # one hyphenated word, no lemma of it a cue
    ]
    text, spans = "", []
    for sentence, _ in sentences:
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence + "  \n"
    assert language.may_hold_lemma(text, spans, CUES) == [expected for _, expected in sentences]


def test_a_sentence_that_may_hold_no_cue_lemma_has_no_token_with_one() -> None:
    """The filter may let through a sentence whose tagging gives no cue (only the tagger knows
    "lead" the metal from "lead to"), never the other way round."""
    cues = frozenset("reduce lower improve help cause lead affect effective benefit effect work critical role support".split())
    kept = dropped = 0
    for text, sentences in _documents_of_our_own():
        for (start, end), may_hold in zip(sentences, language.may_hold_lemma(text, sentences, cues)):
            lemmas = {token.lemma for token in language.tag_sentence(text, start, end)}
            if may_hold:
                kept += 1
            else:
                dropped += 1
                assert not lemmas & cues, text[start:end]
    assert kept > 100 and dropped > 100  # both kinds were met
