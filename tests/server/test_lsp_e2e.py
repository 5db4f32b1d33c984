"""`claimlint server` driven over stdio by a real LSP client (pytest-lsp), as an editor drives it.

The workspace is a folder with its own claimlint.yaml and rules: the golden test pack (TST001
flags 'cures', TST002 swaps 'utilize') plus the shipped disclaimer and duplicated-passage rules.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pygls.protocol import default_converter
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from tests.conftest import FIXTURES, ROOT

PUBLISHED: dict[int, list[types.PublishDiagnosticsParams]] = {}  # per client: every notification, in order
CONFIG = "default-rules: false\nrules: [rules]\ncorpus: ['site/*.md']\n"
# Plenty of medical words, no disclaimer: DSC101 fires on the heading.
MEDICAL = (
    "# Knee surgery 🦵\r\n"
    "\r\n"
    "Your doctor and the surgical team plan the treatment. Patients see the physician after surgery.\r\n"
    "The 😀 tea cures colds.\r\n"
)


def _recording_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)

    def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        PUBLISHED.setdefault(id(ls), []).append(params)

    def register_capability(ls: LanguageClient, params: types.RegistrationParams) -> None:
        """As an editor does: accept the server's file watchers."""

    features = {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish, types.CLIENT_REGISTER_CAPABILITY: register_capability}
    register_lsp_features(client, features)
    return client


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "claimlint.yaml").write_text(CONFIG, encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(FIXTURES / "rules" / "golden.yaml", rules)
    shutil.copy(ROOT / "rules" / "disclaimer" / "medical-disclaimer.yaml", rules)
    shutil.copy(ROOT / "rules" / "boilerplate" / "duplicated-passage.yaml", rules)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "other.md").write_text(
        "# Hips\n\nMost people walk with a frame for the first two weeks after the operation.\n", encoding="utf-8"
    )
    return tmp_path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "claimlint", "server"], client_factory=_recording_client))
async def client(lsp_client: LanguageClient, workspace: Path) -> AsyncIterator[Any]:
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="site")],
        initialization_options={"debounceMs": 50},
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def _diagnostics(client: LanguageClient, uri: str, version: int | None, timeout: float = 60, after: int = 0) -> list[types.Diagnostic]:
    """The diagnostics published for `uri` at `version` (waiting for them), among the
    notifications after the first `after`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        for params in PUBLISHED.get(id(client), [])[after:]:
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)
        await asyncio.sleep(0.01)
    raise AssertionError(f"no diagnostics for {uri} version {version}")


def _open(client: LanguageClient, path: Path, text: str, language: str = "markdown") -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    return uri


def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def _span(diagnostic: types.Diagnostic) -> tuple[str | int | None, int, int, int, int]:
    r = diagnostic.range
    return (diagnostic.code, r.start.line, r.start.character, r.end.line, r.end.character)


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits the way an editor does: positions in UTF-16 code units, lines split at CR, LF, CRLF."""
    import re

    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def offset(position: types.Position) -> int:
        start = starts[position.line]
        units = 0
        index = start
        while units < position.character:
            units += 2 if ord(text[index]) > 0xFFFF else 1
            index += 1
        return index

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


@pytest.mark.asyncio
async def test_open_edit_hover_code_actions(client: LanguageClient, workspace: Path) -> None:
    article = workspace / "site" / "knee.md"
    uri = _open(client, article, MEDICAL)

    diagnostics = await _diagnostics(client, uri, 1)
    # Exact ranges in UTF-16 code units across CRLF lines: 🦵 and 😀 are two units each.
    assert sorted(_span(d) for d in diagnostics) == [("DSC101", 0, 2, 0, 17), ("TST001", 3, 11, 3, 16)]
    cures = next(d for d in diagnostics if d.code == "TST001")
    assert cures.severity == types.DiagnosticSeverity.Error and cures.source == "claimlint"
    assert cures.message == "'cures' is a test trigger."
    assert cures.code_description is not None and cures.code_description.href == (workspace / "rules" / "golden.yaml").as_uri()

    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=3, character=13))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "**TST001** `golden-claim-words` (error)" in hover.contents.value
    assert "**Why:** Test rule for exact positions." in hover.contents.value

    # An edit: the finding moves with the text and a new one appears.
    edited = MEDICAL.replace("The 😀 tea cures colds.", "We utilize 🍵🍵 and it cures colds.")
    _change(client, uri, 2, edited)
    diagnostics = await _diagnostics(client, uri, 2)
    assert sorted(_span(d) for d in diagnostics) == [("DSC101", 0, 2, 0, 17), ("TST001", 3, 23, 3, 28), ("TST002", 3, 3, 3, 10)]

    # Code actions on the 'cures' line: disable it for this line.
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=3, character=23), end=types.Position(line=3, character=28)),
            context=types.CodeActionContext(diagnostics=[d for d in diagnostics if d.code == "TST001"]),
        )
    )
    assert actions is not None
    titles = [action.title for action in actions if isinstance(action, types.CodeAction)]
    assert titles == ["Disable TST001 (golden-claim-words) for this line"]
    action = actions[0]
    assert isinstance(action, types.CodeAction) and action.edit is not None and action.edit.changes is not None
    disabled = _apply(edited, action.edit.changes[uri])
    assert disabled.splitlines()[3:5] == ["<!-- claimlint: disable-next-line TST001 -->", "We utilize 🍵🍵 and it cures colds."]
    assert "-->\r\nWe utilize" in disabled  # the file's own line break
    _change(client, uri, 3, disabled)
    assert sorted(_span(d) for d in await _diagnostics(client, uri, 3)) == [("DSC101", 0, 2, 0, 17), ("TST002", 4, 3, 4, 10)]

    # The suggested disclaimer, inserted as the last paragraph, clears DSC101.
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=4), end=types.Position(line=0, character=4)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert actions is not None
    insert = next(a for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("Insert the suggested disclaimer"))
    assert insert.edit is not None and insert.edit.changes is not None
    with_disclaimer = _apply(disabled, insert.edit.changes[uri])
    assert with_disclaimer.startswith(disabled + "\r\nThis article is for informational purposes only")
    _change(client, uri, 4, with_disclaimer)
    assert sorted(_span(d) for d in await _diagnostics(client, uri, 4)) == [("TST002", 4, 3, 4, 10)]
    assert not article.exists()  # nothing of the buffer was written


@pytest.mark.asyncio
async def test_unsaved_buffer_is_compared_with_the_corpus(client: LanguageClient, workspace: Path) -> None:
    saved = "# Knees\n\nRest the leg.\n"
    article = workspace / "site" / "knee.md"
    article.write_text(saved, encoding="utf-8")
    copied = "# Knees\n\nRest the leg. Most people walk with a frame for the first two weeks after the operation.\n"
    uri = _open(client, article, copied)
    diagnostics = await _diagnostics(client, uri, 1)
    assert [_span(d) for d in diagnostics] == [("DUP101", 2, 14, 2, 88)]
    assert diagnostics[0].related_information is not None
    assert diagnostics[0].related_information[0].location.uri == (workspace / "site" / "other.md").as_uri()
    assert diagnostics[0].related_information[0].location.range.start == types.Position(line=2, character=0)
    assert article.read_text(encoding="utf-8") == saved


@pytest.mark.asyncio
async def test_config_change_is_picked_up_and_a_bad_config_is_shown(client: LanguageClient, workspace: Path) -> None:
    uri = _open(client, workspace / "note.txt", "It cures colds.\n", "plaintext")
    assert [_span(d) for d in await _diagnostics(client, uri, 1)] == [("TST001", 0, 3, 0, 8)]

    (workspace / "claimlint.yaml").write_text(CONFIG + "severity: {TST001: info}\n", encoding="utf-8")
    _change(client, uri, 2, "It cures colds. It cures.\n")
    diagnostics = await _diagnostics(client, uri, 2)
    assert [(_span(d), d.severity) for d in diagnostics] == [
        (("TST001", 0, 3, 0, 8), types.DiagnosticSeverity.Information),
        (("TST001", 0, 19, 0, 24), types.DiagnosticSeverity.Information),
    ]

    (workspace / "claimlint.yaml").write_text(CONFIG + "ignor: [TST001]\n", encoding="utf-8")
    _change(client, uri, 3, "It cures.\n")
    diagnostics = await _diagnostics(client, uri, 3)
    assert [d.message for d in diagnostics] == [f"claimlint cannot lint: {workspace / 'claimlint.yaml'}:4: unknown key 'ignor' (did you mean 'ignore'?)"]


@pytest.mark.asyncio
async def test_a_saved_article_joins_the_corpus_of_open_documents(client: LanguageClient, workspace: Path) -> None:
    text = "# Knees\n\nIce the joint for twenty minutes every evening after the long walk.\n"
    uri = _open(client, workspace / "site" / "knee.md", text)
    assert await _diagnostics(client, uri, 1) == []

    saved = workspace / "site" / "ice.md"
    saved.write_text("# Ice\n\nIce the joint for twenty minutes every evening after the long walk.\n", encoding="utf-8")
    seen = len(PUBLISHED[id(client)])
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=saved.as_uri())))
    diagnostics = await _diagnostics(client, uri, 1, after=seen)
    assert [_span(d) for d in diagnostics] == [("DUP101", 2, 0, 2, 67)]
    assert "site/ice.md:3" in diagnostics[0].message


@pytest.mark.asyncio
async def test_an_edited_rule_file_relints_open_documents(client: LanguageClient, workspace: Path) -> None:
    uri = _open(client, workspace / "note.txt", "It cures colds.\n", "plaintext")
    assert [d.message for d in await _diagnostics(client, uri, 1)] == ["'cures' is a test trigger."]

    rules = workspace / "rules" / "golden.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("is a test trigger.", "is still a test trigger."), encoding="utf-8")
    seen = len(PUBLISHED[id(client)])
    change = types.FileEvent(uri=rules.as_uri(), type=types.FileChangeType.Changed)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[change]))
    assert [d.message for d in await _diagnostics(client, uri, 1, after=seen)] == ["'cures' is still a test trigger."]


@pytest.mark.asyncio
async def test_a_drop_in_replacement_is_a_quick_fix(client: LanguageClient, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Outside every workspace folder: the document's own folder's config (the shipped cure rule)."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "rules").mkdir()
    shutil.copy(ROOT / "rules" / "claims" / "cure.yaml", elsewhere / "rules")
    (elsewhere / "claimlint.yaml").write_text("default-rules: false\nrules: [rules]\n", encoding="utf-8")
    text = "# Tea\r\n\r\nThis herbal 🌿 tea cures arthritis.\r\n"
    uri = _open(client, elsewhere / "tea.md", text)
    diagnostics = await _diagnostics(client, uri, 1)
    assert [_span(d) for d in diagnostics] == [("CLM101", 2, 19, 2, 24)]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostics[0].range,
            context=types.CodeActionContext(diagnostics=diagnostics),
        )
    )
    assert actions is not None
    replace = next(a for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("Replace"))
    assert replace.title == "Replace with 'may help treat' (CLM101)" and replace.is_preferred
    assert replace.edit is not None and replace.edit.changes is not None
    fixed = _apply(text, replace.edit.changes[uri])
    assert fixed == "# Tea\r\n\r\nThis herbal 🌿 tea may help treat arthritis.\r\n"
    _change(client, uri, 2, fixed)
    assert await _diagnostics(client, uri, 2) == []
