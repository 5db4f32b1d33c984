"""GRM101 (`grammar`): LanguageTool's /v2/check JSON -> findings, and life without LanguageTool.

Responses are written by hand in the documented /v2/check format; offsets in them count
UTF-16 code units, as LanguageTool's do. Sockets are blocked (pytest-socket) except in the
live test, which runs only when CLAIMLINT_LANGUAGETOOL_URL names a server.
"""

from __future__ import annotations

import io
import json
import os
import socket
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from claimlint import cli, engine
from claimlint.checks.grammar import languagetool
from claimlint.checks import RunContext, Unavailable
from claimlint.checks.grammar import SETTINGS, GrammarCheck, batches, build
from claimlint.config import Config, ConfigError
from claimlint.document import parse_document
from claimlint.markup import Block, BlockKind
from claimlint.rulefile import default_rules_dir, load_rule_file
from tests.conftest import lint_text, source_of, typed_settings

GRAMMAR_SPEC = load_rule_file(default_rules_dir() / "grammar" / "grammar.yaml")[0]


def lt_match(offset: int, length: int, rule_id: str, category: str, issue: str, message: str, replacements: list[str]) -> dict[str, Any]:
    """One match as /v2/check documents it."""
    return {
        "message": message,
        "shortMessage": "",
        "replacements": [{"value": value} for value in replacements],
        "offset": offset,
        "length": length,
        "context": {"text": "...", "offset": 0, "length": length},
        "sentence": "...",
        "type": {"typeName": "Other"},
        "rule": {"id": rule_id, "description": message, "issueType": issue, "category": {"id": category, "name": category.title()}},
    }


def lt_response(*matches: dict[str, Any]) -> dict[str, Any]:
    return {
        "software": {"name": "LanguageTool", "version": "6.4", "buildDate": "2024-03-28", "apiVersion": 1, "status": ""},
        "language": {"name": "English (US)", "code": "en-US", "detectedLanguage": {"name": "English (US)", "code": "en-US"}},
        "matches": list(matches),
    }


HE_GO = ("HE_VERB_AGR", "GRAMMAR", "grammar", "The pronoun 'He' is usually used with a third-person verb: 'goes'.", ["goes"])
TEH = ("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Possible spelling mistake found.", ["The", "Tech"])
MICRO = ("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Possible spelling mistake found.", ["microscopy"])
MISTAKES = {" go ": HE_GO, "Teh": TEH, "microdiscectomy": MICRO}


class FakeLanguageTool:
    """Stands in for a server: answers each mistake of MISTAKES found in the text, with UTF-16 offsets."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def __call__(self, url: str, params: Mapping[str, str], timeout: float) -> Mapping[str, Any]:
        text = params["text"]
        self.sent.append(text)
        matches = []
        for needle, (rule_id, category, issue, message, replacements) in MISTAKES.items():
            word = needle.strip()
            index = text.find(needle)
            while index >= 0:
                start = index + needle.index(word)
                utf16 = len(text[:start].encode("utf-16-le")) // 2
                matches.append(lt_match(utf16, len(word), rule_id, category, issue, message, replacements))
                index = text.find(needle, index + 1)
        return lt_response(*sorted(matches, key=lambda m: m["offset"]))


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> FakeLanguageTool:
    """A configured LanguageTool that is the fake above: prepare() finds it as it would a real one."""
    fake = FakeLanguageTool()
    monkeypatch.setattr(languagetool, "locate", lambda *args, **kwargs: languagetool.Backend("server", "http://lt.test"))
    monkeypatch.setattr(languagetool, "connect", lambda backend, timeout, start_timeout: languagetool.Connection(backend.where, timeout, fake))
    return fake


def spans(findings: list[Any]) -> list[tuple[str, int, int, int, int, str]]:
    return [(f.rule, f.line, f.column, f.end_line, f.end_column, f.excerpt) for f in findings]


# --- the pure mapping ---


def test_response_maps_to_prose_offsets_with_message_and_suggestion() -> None:
    text = "Rest the knee. He go to physio."
    response = lt_response(lt_match(18, 2, *HE_GO))
    [hit] = languagetool.hits_from_response(response, text, 100, GRAMMAR_SPEC)
    assert (hit.start, hit.end) == (118, 120)
    assert hit.message == "The pronoun 'He' is usually used with a third-person verb: 'goes'. (LanguageTool HE_VERB_AGR)"
    assert hit.suggestion == "goes"
    assert dict(hit.data) == {"lt_rule": "HE_VERB_AGR", "lt_category": "GRAMMAR", "lt_replacements": ("goes",)}


def test_offsets_after_an_emoji_count_utf16_units() -> None:
    text = "\U0001F600 He go home."  # the emoji is two UTF-16 units, one Python character
    [hit] = languagetool.hits_from_response(lt_response(lt_match(6, 2, *HE_GO)), text, 0, GRAMMAR_SPEC)
    assert text[hit.start:hit.end] == "go"


def test_spelling_matches_on_listed_words_are_dropped() -> None:
    text = "Teh microdiscectomy and teh laminectomies went well."
    response = lt_response(lt_match(0, 3, *TEH), lt_match(4, 15, *MICRO), lt_match(24, 3, *TEH), lt_match(28, 13, *MICRO))
    words = frozenset({"microdiscectomy", "laminectomy"})
    hits = languagetool.hits_from_response(response, text, 0, GRAMMAR_SPEC, lambda word: word.lower() in words or word.lower()[:-3] + "y" in words)
    assert [text[h.start:h.end] for h in hits] == ["Teh", "teh"]


def test_rule_sub_id_zero_length_and_out_of_range_matches() -> None:
    text = "It is good ."
    sub = lt_match(10, 0, "COMMA_PARENTHESIS_WHITESPACE", "TYPOGRAPHY", "whitespace", "Don't put a space before the full stop.", [])
    sub["rule"]["subId"] = "1"
    stray = lt_match(50, 2, *HE_GO)
    [hit] = languagetool.hits_from_response(lt_response(sub, stray), text, 0, GRAMMAR_SPEC)
    assert (hit.start, hit.end, hit.suggestion) == (10, 11, None)  # widened to one character, so it can be shown
    assert dict(hit.data)["lt_rule"] == "COMMA_PARENTHESIS_WHITESPACE[1]"


def test_post_check_sends_the_documented_form_and_reads_json(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []

    def fake_urlopen(request: urllib.request.Request, timeout: float) -> Any:
        seen.append((request.full_url, request.get_method(), urllib.parse.parse_qs(request.data.decode()), timeout))  # type: ignore[union-attr]
        return io.BytesIO(json.dumps(lt_response(lt_match(3, 2, *HE_GO))).encode())

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    params = languagetool.request_params("He go.", "en-US", ["B_RULE", "A_RULE"], ["STYLE"])
    answer = languagetool.post_check("http://lt.test:8081", params, 4.0)
    assert answer["matches"][0]["rule"]["id"] == "HE_VERB_AGR"
    assert seen == [(
        "http://lt.test:8081/v2/check", "POST",
        {"text": ["He go."], "language": ["en-US"], "disabledRules": ["A_RULE,B_RULE"], "disabledCategories": ["STYLE"]}, 4.0,
    )]
    assert languagetool.base_url("http://lt.test:8081/v2/") == languagetool.base_url("http://lt.test:8081") == "http://lt.test:8081"


def test_batches_group_whole_blocks_up_to_the_limit() -> None:
    blocks = tuple(Block(BlockKind.PARAGRAPH, start, end) for start, end in [(0, 40), (42, 90), (92, 100), (102, 300)])
    assert list(batches(blocks, 95)) == [(0, 90), (92, 100), (102, 300)]
    assert list(batches(blocks, 100)) == [(0, 100), (102, 300)]
    assert list(batches(blocks, 1000)) == [(0, 300)]


# --- through the document model: Markdown and HTML ---


def test_markdown_prose_only_is_sent_and_findings_land_in_the_file(fake_server: FakeLanguageTool) -> None:
    article = "# Knee care\n\nRest **the** knee. He go to `physio --now` every week.\n\n```\nhe go to\n```\n\n- Teh brace \U0001F600 he go now.\n"
    findings = lint_text(article, "knee.md", select=["GRM101"])
    assert spans(findings) == [
        ("GRM101", 3, 23, 3, 25, "go"),
        ("GRM101", 9, 3, 9, 6, "Teh"),
        ("GRM101", 9, 18, 9, 20, "go"),  # the emoji is one column
    ]
    [sent] = fake_server.sent  # one request for the whole article
    assert "**" not in sent and "`" not in sent and "physio" not in sent and "he go to" not in sent
    assert findings[1].suggestion == "The" and findings[1].data[0] == ("lt_rule", "MORFOLOGIK_RULE_EN_US")


def test_html_entities_and_tags_map_back_to_source_columns(fake_server: FakeLanguageTool) -> None:
    article = "<h1>Knee&nbsp;care</h1>\n<p>Rest <b>the</b> knee &amp; he go to <code>he go</code> class.</p>\n<script>he go</script>\n"
    findings = lint_text(article, "knee.html", select=["GRM101"])
    assert spans(findings) == [("GRM101", 2, 34, 2, 36, "go")]
    assert all("<" not in text and "he go</" not in text for text in fake_server.sent)


def test_medical_and_project_words_are_not_typos(fake_server: FakeLanguageTool) -> None:
    article = "Teh microdiscectomy helped.\n"
    assert spans(lint_text(article, select=["GRM101"])) == [("GRM101", 1, 1, 1, 4, "Teh")]
    config = Config(settings=typed_settings({"spelling": {"words": ["Teh"]}}))
    assert lint_text(article, select=["GRM101"], config=config) == []


def test_a_match_outside_the_rule_scope_is_dropped(fake_server: FakeLanguageTool) -> None:
    paragraphs_only = replace(GRAMMAR_SPEC, scope=frozenset({BlockKind.PARAGRAPH}))
    findings = lint_text("# He go home\n\nHe go to class.\n", "a.md", specs=[paragraphs_only], select=["GRM101"])
    assert spans(findings) == [("GRM101", 3, 4, 3, 6, "go")]


def test_answers_are_cached_by_content(fake_server: FakeLanguageTool, tmp_path: Path) -> None:
    config = Config(root=tmp_path)
    ruleset = engine.build_ruleset(config.with_overrides(select=("GRM101",)), [GRAMMAR_SPEC])
    context = RunContext(cache_dir=tmp_path / "cache")
    ruleset, notices = engine.prepare_ruleset(ruleset, context)
    assert notices == ()
    first = engine.lint_source(source_of("He go to class."), ruleset, context, config)
    again = engine.lint_source(source_of("He go to class."), ruleset, context, config)
    assert spans(first) == spans(again) == [("GRM101", 1, 4, 1, 6, "go")]
    assert len(fake_server.sent) == 1  # the unchanged article was not sent again
    engine.lint_source(source_of("He go to school."), ruleset, context, config)
    assert len(fake_server.sent) == 2
    assert (tmp_path / "cache" / "languagetool").is_dir()


# --- finding LanguageTool without the network ---


def _install(folder: Path, version: str) -> Path:
    install = folder / f"LanguageTool-{version}"
    install.mkdir(parents=True)
    (install / "languagetool-server.jar").write_bytes(b"")
    return install


def test_locate_prefers_the_configured_url_then_the_environment(tmp_path: Path) -> None:
    env = {languagetool.URL_VARIABLE: "http://env:8010/v2/"}
    java = lambda name: "/usr/bin/java"  # noqa: E731
    assert languagetool.locate("http://cfg:8081/", False, env, tmp_path, java) == languagetool.Backend("server", "http://cfg:8081")
    assert languagetool.locate(None, False, env, tmp_path, java) == languagetool.Backend("server", "http://env:8010")


def test_locate_finds_the_newest_local_install_only_with_java(tmp_path: Path) -> None:
    downloads = tmp_path / "lt"
    _install(downloads, "6.3")
    newest = _install(downloads, "6.10")
    env = {"LTP_PATH": str(downloads)}
    assert languagetool.locate(None, False, env, tmp_path, lambda name: "/usr/bin/java") == languagetool.Backend("local", str(newest), "6.10")
    assert languagetool.locate(None, False, env, tmp_path, lambda name: None) is None


def test_locate_downloads_only_when_the_user_opts_in(tmp_path: Path) -> None:
    java = lambda name: "/usr/bin/java"  # noqa: E731
    assert languagetool.locate(None, False, {}, tmp_path, java) is None
    assert languagetool.locate(None, True, {}, tmp_path, java) == languagetool.Backend("download", "")
    assert languagetool.locate(None, False, {languagetool.DOWNLOAD_VARIABLE: "1"}, tmp_path, java) == languagetool.Backend("download", "")
    assert not (tmp_path / ".cache").exists()  # looking created nothing


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_a_local_install_that_dies_at_start_is_one_quick_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install = _install(tmp_path / "lt", "6.4")
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    java = bin_folder / "java"
    java.write_text(f"#!/bin/sh\necho \"$@\" > {bin_folder / 'args'}\nexit 1\n", encoding="utf-8")
    java.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_folder))
    backend = languagetool.Backend("local", str(install), "6.4")
    result = languagetool.start_local(backend, 1.0, 30.0, port=8999)
    assert result == f"the local LanguageTool 6.4 in {install} exited at start with status 1"  # once, not once per port
    jar = install / "languagetool-server.jar"
    assert (bin_folder / "args").read_text().split() == ["-cp", str(jar), "org.languagetool.server.HTTPServer", "-p", "8999"]


def test_a_local_install_needs_its_jar_and_java(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    install = _install(tmp_path / "lt", "6.4")
    assert languagetool.start_local(languagetool.Backend("local", str(install), "6.4"), 1.0, 1.0).endswith("java is not on PATH")
    (install / "languagetool-server.jar").unlink()
    assert languagetool.start_local(languagetool.Backend("local", str(install), "6.4"), 1.0, 1.0).endswith("no server jar")


# --- the run without LanguageTool (sockets blocked) ---


@pytest.fixture
def no_languagetool(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """No server in the environment, an empty download folder; records any socket the run tries to open."""
    monkeypatch.delenv(languagetool.URL_VARIABLE, raising=False)
    monkeypatch.delenv(languagetool.DOWNLOAD_VARIABLE, raising=False)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "no-languagetool"))
    attempts: list[str] = []

    class RecordingSocket(socket.socket):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            attempts.append(repr(args))
            super().__init__(*args, **kwargs)

    def recording(name: str, real: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args!r}")
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(socket, "socket", RecordingSocket)
    monkeypatch.setattr(socket, "getaddrinfo", recording("getaddrinfo", socket.getaddrinfo))
    monkeypatch.setattr(socket, "create_connection", recording("create_connection", socket.create_connection))
    return attempts


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_the_socket_recorder_sees_a_connection_attempt(no_languagetool: list[str]) -> None:
    assert languagetool.probe("http://127.0.0.1:9", 1.0) is not None
    assert no_languagetool, "the recorder missed an attempt, so the no-waiting test below could not fail"


def _articles(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.md").write_text("# Knee\n\nMost patients ambulate on the first postoperative day.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Take an analgesic prior to the appointment.\n", encoding="utf-8")
    (folder / "c.html").write_text("<p>He go to class.</p>\n", encoding="utf-8")


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_without_languagetool_one_notice_and_every_other_finding(
    in_tmp: Path, no_languagetool: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _articles(in_tmp / "articles")
    code, out, err = run_cli(["check", "articles", "--no-cache"], capsys)
    baseline_code, baseline_out, baseline_err = run_cli(["check", "articles", "--no-cache", "--ignore", "GRM101"], capsys)
    notices = [line for line in err.splitlines() if "grammar skipped" in line]
    assert len(notices) == 1 and err.count("claimlint:") == 1, err
    assert "CLAIMLINT_LANGUAGETOOL_URL" in notices[0] and "docs/grammar.md" in notices[0]
    assert baseline_err == ""
    assert (code, out) == (baseline_code, baseline_out)  # same findings, same exit status
    assert "RDB101" in out
    assert no_languagetool == []  # nothing tried to connect: no waiting on a cut network


def test_the_notice_is_listed_in_json(in_tmp: Path, no_languagetool: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    _articles(in_tmp / "articles")
    code, out, err = run_cli(["check", "articles", "--no-cache", "--format", "json"], capsys)
    document = json.loads(out)
    assert [n["rules"] for n in document["notices"]] == [["GRM101"]]
    assert document["notices"][0]["message"] in err
    assert not any(f["rule"] == "GRM101" for f in document["findings"]) and document["findings"]


def test_a_suppression_of_the_skipped_rule_is_not_unused(in_tmp: Path, no_languagetool: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    (in_tmp / "a.md").write_text("<!-- claimlint: disable-next-line GRM101 -->\nHe go to class.\n", encoding="utf-8")
    code, out, err = run_cli(["check", "a.md", "--no-cache"], capsys)
    assert "SYS003" not in out and code == 0


@pytest.mark.parametrize("how", ["flag", "config"])
def test_requiring_grammar_turns_the_absence_into_exit_2(
    how: str, in_tmp: Path, no_languagetool: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _articles(in_tmp / "articles")
    args = ["check", "articles", "--no-cache"]
    if how == "flag":
        args.append("--require-grammar")
    else:
        (in_tmp / "claimlint.yaml").write_text("settings:\n  grammar:\n    require: true\n", encoding="utf-8")
    code, out, err = run_cli(args, capsys)
    assert code == cli.ExitCode.USAGE and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("claimlint: error: grammar skipped: no LanguageTool")


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_an_unreachable_server_is_one_notice_naming_it(in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _articles(in_tmp / "articles")
    monkeypatch.setenv(languagetool.URL_VARIABLE, "http://127.0.0.1:9/")  # sockets are blocked: it cannot answer
    code, out, err = run_cli(["check", "articles", "--no-cache"], capsys)
    assert len(err.splitlines()) == 1
    assert err.startswith("claimlint: grammar skipped: the LanguageTool server at http://127.0.0.1:9 did not answer")
    assert "RDB101" in out


def test_unknown_grammar_settings_are_config_errors(in_tmp: Path, no_languagetool: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    (in_tmp / "a.txt").write_text("Fine.\n", encoding="utf-8")
    (in_tmp / "claimlint.yaml").write_text("settings:\n  grammar:\n    urll: http://localhost:8081\n", encoding="utf-8")
    code, out, err = run_cli(["check", "a.txt"], capsys)
    assert code == cli.ExitCode.USAGE
    assert err == f"claimlint: {in_tmp / 'claimlint.yaml'}:3: unknown key 'settings.grammar.urll' (did you mean 'url'?); known: {', '.join(SETTINGS.keys)}\n"


def test_prepare_reads_settings(no_languagetool: list[str]) -> None:
    check = build(GRAMMAR_SPEC)
    with pytest.raises(ConfigError, match="timeout must be a positive number"):
        typed_settings({"grammar": {"timeout": 0}})
    unavailable = check.prepare(RunContext(settings=typed_settings({"grammar": {"require": True}})))
    assert isinstance(unavailable, Unavailable) and unavailable.required


# --- a real LanguageTool, when one is configured ---


@pytest.mark.enable_socket
@pytest.mark.skipif(not os.environ.get(languagetool.URL_VARIABLE), reason=f"set {languagetool.URL_VARIABLE} to a LanguageTool server to run")
def test_live_languagetool_finds_agreement_and_accepts_medical_words() -> None:
    article = "# Recovery\n\nAfter the **microdiscectomy**, he go home the same day.\n"
    check = build(GRAMMAR_SPEC).prepare(RunContext())
    assert isinstance(check, GrammarCheck), check
    findings = lint_text(article, "recovery.md", select=["GRM101"])
    assert ("GRM101", 3, 40, 3, 42, "go") in spans(findings), spans(findings)
    assert not any("microdiscectomy" in f.excerpt for f in findings)
