"""GRM101 (`grammar`): a real LanguageTool's findings, mapped back to the file, and life without one.

The tests marked LOOPBACK run against the pinned LanguageTool that .ci/languagetool.py
installs from Maven Central and tests/conftest.py starts once per session on 127.0.0.1
(sockets stay blocked for everything else). Without it they are skipped with the
install's reason. A loopback proxy in front of the real server plays a server that dies
mid-run, a slow one, and one answering garbage. The pure mapping tests feed hand-written
answers in the documented /v2/check format (offsets in UTF-16 code units).
"""

from __future__ import annotations

import io
import json
import socket
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
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
from tests.conftest import LOOPBACK, languagetool_script, lint_text, source_of, typed_settings

GRAMMAR_RULE = load_rule_file(default_rules_dir() / "grammar" / "grammar.yaml")[0]
GRAMMAR_SPEC = GRAMMAR_RULE.spec


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


def spans(findings: list[Any]) -> list[tuple[str, int, int, int, int, str]]:
    return [(f.rule, f.line, f.column, f.end_line, f.end_column, f.excerpt) for f in findings]


# --- the pure mapping ---


def test_response_maps_to_prose_offsets_with_message_and_suggestion() -> None:
    text = "Rest the knee. He go to physio."
    response = lt_response(lt_match(18, 2, *HE_GO))
    [hit] = languagetool.hits_from_response(response["matches"], languagetool.Compacted.of(text), 100, GRAMMAR_SPEC)
    assert (hit.start, hit.end) == (118, 120)
    assert hit.message == "The pronoun 'He' is usually used with a third-person verb: 'goes'. (LanguageTool HE_VERB_AGR)"
    assert hit.suggestion == "goes"
    assert dict(hit.data) == {"lt_rule": "HE_VERB_AGR", "lt_category": "GRAMMAR", "lt_replacements": ("goes",)}


def test_offsets_after_an_emoji_count_utf16_units() -> None:
    text = "\U0001F600 He go home."  # the emoji is two UTF-16 units, one Python character
    [hit] = languagetool.hits_from_response([lt_match(6, 2, *HE_GO)], languagetool.Compacted.of(text), 0, GRAMMAR_SPEC)
    assert text[hit.start:hit.end] == "go"


def test_spelling_matches_on_listed_words_are_dropped() -> None:
    text = "Teh microdiscectomy and teh laminectomies went well."
    matches = [lt_match(0, 3, *TEH), lt_match(4, 15, *MICRO), lt_match(24, 3, *TEH), lt_match(28, 13, *MICRO)]
    words = frozenset({"microdiscectomy", "laminectomy"})
    known = lambda word, start: word.lower() in words or word.lower()[:-3] + "y" in words  # noqa: E731
    hits = languagetool.hits_from_response(matches, languagetool.Compacted.of(text), 0, GRAMMAR_SPEC, known)
    assert [text[h.start:h.end] for h in hits] == ["Teh", "teh"]


def test_rule_sub_id_zero_length_and_out_of_range_matches() -> None:
    text = "It is good ."
    sub = lt_match(10, 0, "COMMA_PARENTHESIS_WHITESPACE", "TYPOGRAPHY", "whitespace", "Don't put a space before the full stop.", [])
    sub["rule"]["subId"] = "1"
    stray = lt_match(50, 2, *HE_GO)
    [hit] = languagetool.hits_from_response([sub, stray], languagetool.Compacted.of(text), 0, GRAMMAR_SPEC)
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


def test_whitespace_runs_are_sent_as_one_space_and_mapped_back() -> None:
    source = "Take it with      or   juice.\n  \n\nHe go."
    sent = languagetool.Compacted.of(source)
    assert sent.text == "Take it with or juice.\n\nHe go."
    start = sent.text.index("go")
    assert source[slice(*sent.span(start, start + 2))] == "go"
    assert source[slice(*sent.span(sent.text.index("or"), sent.text.index("or") + 2))] == "or"
    assert sent.span(len(sent.text), len(sent.text) + 3) == (len(source), len(source))


def test_answers_that_are_not_languagetool_json_are_refused() -> None:
    with pytest.raises(ValueError, match="no list of matches"):
        languagetool.matches_of({"error": "overloaded"})
    with pytest.raises(ValueError, match="without offset and length"):
        languagetool.matches_of({"matches": [{"offset": "3", "length": 2}]})
    assert languagetool.matches_of(lt_response(lt_match(3, 2, *HE_GO)))[0]["offset"] == 3


# --- a real LanguageTool: what it finds, mapped back through Markdown and HTML ---


@LOOPBACK
def test_real_rule_ids_messages_and_suggestions(languagetool_url: str) -> None:
    findings = lint_text("Rest the knee. He go to physio every week. Their is a brace too.\n", select=["GRM101"])
    assert spans(findings) == [("GRM101", 1, 19, 1, 21, "go"), ("GRM101", 1, 44, 1, 49, "Their")]
    agreement, confusion = findings
    assert dict(agreement.data)["lt_rule"].startswith("HE_VERB_AGR") and dict(agreement.data)["lt_category"] == "GRAMMAR"
    assert agreement.suggestion == "goes" and agreement.message.endswith(f"(LanguageTool {dict(agreement.data)['lt_rule']})")
    assert dict(confusion.data)["lt_rule"].startswith("THEIR_IS") and confusion.suggestion == "There"


@LOOPBACK
def test_markdown_prose_only_is_sent_and_findings_land_in_the_file(languagetool_url: str) -> None:
    article = (
        "---\ntitle: He go\nauthor: he go\n---\n# Knee care\n\n"
        "Rest **the** knee and `he go` apply ice. He go to physio every week.\n\n"
        "```\nhe go to\n```\n\n- Teh brace \U0001F600 helps. She walk daily.\n"
    )
    findings = lint_text(article, "knee.md", select=["GRM101"])
    assert spans(findings) == [
        ("GRM101", 2, 11, 2, 13, "go"),  # the front matter's title is prose (a heading), its author is not
        ("GRM101", 7, 45, 7, 47, "go"),
        ("GRM101", 13, 3, 13, 6, "Teh"),
        ("GRM101", 13, 26, 13, 30, "walk"),  # after the emoji, which is one column (two UTF-16 units)
    ]
    assert findings[2].suggestion == "The" and dict(findings[2].data)["lt_rule"] == "MORFOLOGIK_RULE_EN_US"


@LOOPBACK
def test_html_entities_and_tags_map_back_to_source_columns(languagetool_url: str) -> None:
    article = "<h1>Knee&nbsp;care</h1>\n<p>Rest <b>the</b> knee &amp; he go to <code>he go</code> class.</p>\n<script>he go</script>\n"
    assert spans(lint_text(article, "knee.html", select=["GRM101"])) == [("GRM101", 2, 34, 2, 36, "go")]


@LOOPBACK
def test_blanked_markup_is_not_a_whitespace_finding(languagetool_url: str) -> None:
    # Code spans and links are blanked with spaces to keep offsets; sent as-is they were CONSECUTIVE_SPACES findings.
    article = "Take it with `water` or [juice](https://example.org/a/very/long/path) after meals.\n"
    assert lint_text(article, "a.md", select=["GRM101"]) == []


@LOOPBACK
def test_a_blanked_url_before_a_full_stop_is_not_a_space_before_it(languagetool_url: str) -> None:
    assert lint_text("Read more at https://example.org/knee/rehab.\n", "a.md", select=["GRM101"]) == []
    assert [f.excerpt for f in lint_text("Rest the knee , then ice it.\n", "a.md", select=["GRM101"])] == [" ,"]  # typed: reported


@LOOPBACK
def test_opinion_rules_are_off_by_default_and_a_project_can_turn_them_on(languagetool_url: str) -> None:
    article = "\u201cThe brace helped a lot.\n\n\u201cIt did,\u201d she said.\n"  # a quotation over two paragraphs
    assert lint_text(article, "a.md", select=["GRM101"]) == []
    every = Config(settings={"grammar": {"disabled-rules": [], "disabled-categories": []}})
    assert [dict(f.data)["lt_rule"] for f in lint_text(article, "a.md", select=["GRM101"], config=every)] == ["EN_UNPAIRED_QUOTES"]


@LOOPBACK
def test_medical_and_project_words_are_not_typos(languagetool_url: str) -> None:
    article = "Teh microdiscectomy and kyphoplasty went well with kinetape.\n"
    assert spans(lint_text(article, select=["GRM101"])) == [("GRM101", 1, 1, 1, 4, "Teh"), ("GRM101", 1, 52, 1, 60, "kinetape")]
    assert lint_text(article, select=["GRM101"], config=Config(settings={"spelling": {"words": ["Teh", "kinetape"]}})) == []
    assert lint_text(article, select=["GRM101"], config=Config(settings={"grammar": {"words": ["teh", "kinetape"]}})) == []


@LOOPBACK
def test_what_the_spelling_rule_leaves_alone_is_not_a_grammar_typo_either(languagetool_url: str) -> None:
    # Names mid-sentence and in references, words of the Hunspell medical dictionary (isocarboxazid),
    # and hyphenated words whose parts are words: LanguageTool's speller reports them, GRM102 does not.
    article = "We asked Professor Jongen about isocarboxazid and aloe vera-laden gels.\n\n- Jongen AB, Mbeki C. Gynecol Oncol 2019;3:1-9.\n"
    assert lint_text(article, "a.md", select=["GRM101"]) == lint_text(article, "a.md", select=["GRM102"]) == []


@LOOPBACK
def test_a_match_outside_the_rule_scope_is_dropped(languagetool_url: str) -> None:
    paragraphs_only = replace(GRAMMAR_SPEC, scope=frozenset({BlockKind.PARAGRAPH}))
    findings = lint_text("# He go home\n\nHe go to class.\n", "a.md", specs=[paragraphs_only], select=["GRM101"])
    assert spans(findings) == [("GRM101", 3, 4, 3, 6, "go")]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts claimlint sends to the (real) server, recorded on the way."""
    texts: list[str] = []
    connect = languagetool.connect

    def recording(url: str, params: Mapping[str, str], timeout: float) -> Mapping[str, Any]:
        texts.append(params["text"])
        return languagetool.post_check(url, params, timeout)

    monkeypatch.setattr(languagetool, "connect", lambda backend, timeout, start_timeout: connect(backend, timeout, start_timeout, recording))
    return texts


PARAGRAPHS = "".join(f"Paragraph {n} is about the knee. He go to physio on day {n}.\n\n" for n in range(1, 7))


@LOOPBACK
def test_batches_of_whole_blocks_find_what_one_request_finds(languagetool_url: str, sent: list[str]) -> None:
    one = lint_text(PARAGRAPHS, "a.md", select=["GRM101"])
    assert len(sent) == 1
    small = lint_text(PARAGRAPHS, "a.md", select=["GRM101"], config=Config(settings={"grammar": {"batch-chars": 130}}))
    assert len(sent) == 1 + 3  # two paragraphs (61 characters each and a blank line) per request
    assert all(text.count("He go") == 2 for text in sent[1:])
    assert spans(small) == spans(one) == [("GRM101", 2 * n - 1, 35, 2 * n - 1, 37, "go") for n in range(1, 7)]


@LOOPBACK
def test_answers_are_cached_by_content(languagetool_url: str, sent: list[str], tmp_path: Path) -> None:
    config = Config(root=tmp_path)
    ruleset = engine.build_ruleset(config.with_overrides(select=("GRM101",)), [GRAMMAR_RULE])
    context = RunContext(cache_dir=tmp_path / "cache")
    ruleset, notices = engine.prepare_ruleset(ruleset, context)
    assert notices == ()
    first = engine.lint_source(source_of("He go to class."), ruleset, context, config)
    again = engine.lint_source(source_of("He go to class."), ruleset, context, config)
    assert spans(first) == spans(again) == [("GRM101", 1, 4, 1, 6, "go")]
    assert len(sent) == 1  # the unchanged article was not sent again
    engine.lint_source(source_of("He go to school."), ruleset, context, config)
    assert len(sent) == 2
    assert (tmp_path / "cache" / "languagetool").is_dir()


# --- pointing claimlint at a server URL, as a user does ---


@LOOPBACK
@pytest.mark.parametrize("how", ["environment", "config"])
def test_the_cli_uses_a_server_url(how: str, languagetool_url: str, in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _articles(in_tmp / "articles")
    if how == "config":
        monkeypatch.delenv(languagetool.URL_VARIABLE, raising=False)
        (in_tmp / "claimlint.yaml").write_text(f"settings:\n  grammar:\n    url: {languagetool_url}/v2/\n", encoding="utf-8")
    code, out, err = run_cli(["check", "articles", "--no-cache", "--select", "GRM101", "--format", "json"], capsys)
    document = json.loads(out)
    assert (code, err, document["notices"]) == (0, "", [])  # GRM101 is a warning: exit 0
    assert [(f["path"], f["line"], f["column"], f["excerpt"]) for f in document["findings"]] == [(str(Path("articles/c.html")), 1, 7, "go")]


# --- a server that dies, stalls or answers garbage (a loopback proxy in front of the real one) ---


class Proxy:
    """Forwards /v2 requests to `upstream` until told to misbehave: `die_after` checks, `delay` seconds, `garbage`."""

    def __init__(self, upstream: str, die_after: int | None = None, delay: float = 0.0, garbage: bool = False) -> None:
        import http.server
        import threading

        self.upstream, self.die_after, self.delay, self.garbage = upstream, die_after, delay, garbage
        self.checks = 0
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self._forward(None)

            def do_POST(self) -> None:
                self._forward(self.rfile.read(int(self.headers["Content-Length"])))

            def _forward(self, body: bytes | None) -> None:
                if body is not None:
                    proxy.checks += 1
                    if proxy.die_after is not None and proxy.checks > proxy.die_after:
                        threading.Thread(target=proxy.server.shutdown).start()
                        self.close_connection = True
                        return  # the connection closes with no answer, and nothing listens after
                    time.sleep(proxy.delay)
                with urllib.request.urlopen(urllib.request.Request(proxy.upstream + self.path, data=body), timeout=60) as answer:
                    payload = answer.read()
                if body is not None and proxy.garbage:
                    payload = payload[: len(payload) // 2]  # cut off mid-JSON
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads, block_on_close = False, True  # server_close waits for a stalled answer to end

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # the client gave up (timeout): writing the late answer fails, as it should

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()


@pytest.fixture
def proxy_to(languagetool_server: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Proxy]]:
    made: list[Proxy] = []

    def make(**behaviour: Any) -> Proxy:
        proxy = Proxy(languagetool_server, **behaviour)
        made.append(proxy)
        monkeypatch.setenv(languagetool.URL_VARIABLE, proxy.url)
        return proxy

    yield make
    for proxy in made:
        proxy.server.server_close()  # after the test: joins the proxy's request threads


def _three_articles(folder: Path) -> None:
    folder.mkdir()
    for name, day in (("a", "Monday"), ("b", "Tuesday"), ("c", "Friday")):
        (folder / f"{name}.md").write_text(f"# Physio\n\nHe go to physio on {day}.\n", encoding="utf-8")


def _rules_by_file(out: str) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for finding in json.loads(out)["findings"]:
        found.setdefault(Path(finding["path"]).name, []).append((finding["rule"], finding["message"]))
    return found


@LOOPBACK
def test_a_server_that_dies_mid_run_costs_one_attempt(proxy_to: Callable[..., Proxy], in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proxy = proxy_to(die_after=1)
    _three_articles(in_tmp / "articles")
    code, out, err = run_cli(["check", "articles", "--no-cache", "--select", "GRM101,SYS", "--format", "json"], capsys)
    found = _rules_by_file(out)
    assert [rule for rule, _ in found["a.md"]] == ["GRM101"]  # checked before the server died
    [(rule_b, stopped)] = found["b.md"]
    [(rule_c, not_sent)] = found["c.md"]
    assert (rule_b, rule_c, code) == ("SYS002", "SYS002", 1)
    assert stopped.startswith(f"rule GRM101 ({GRAMMAR_SPEC.path}) could not check this file: the LanguageTool server at {proxy.url} stopped answering (")
    assert not_sent.startswith(f"rule GRM101 ({GRAMMAR_SPEC.path}) could not check this file: not sent: the LanguageTool server at {proxy.url} stopped")
    assert proxy.checks == 2  # c.md was not even tried
    assert err == ""


@LOOPBACK
def test_a_slow_server_is_bounded_by_the_timeout(proxy_to: Callable[..., Proxy], in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proxy = proxy_to(delay=3.0)
    _three_articles(in_tmp / "articles")
    (in_tmp / "claimlint.yaml").write_text("settings:\n  grammar:\n    timeout: 0.5\n", encoding="utf-8")
    began = time.monotonic()
    code, out, err = run_cli(["check", "articles", "--no-cache", "--select", "GRM101,SYS", "--format", "json"], capsys)
    elapsed = time.monotonic() - began
    messages = [message for findings in _rules_by_file(out).values() for _, message in findings]
    assert len(messages) == 3 and "stopped answering (no answer within 0.5 s)" in messages[0], messages
    assert all("not sent" in message for message in messages[1:])
    assert proxy.checks == 1 and elapsed < 3.0  # one timeout for the whole run, not one per file


@LOOPBACK
def test_a_server_answering_garbage_is_said_not_crashed_on(proxy_to: Callable[..., Proxy], in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proxy_to(garbage=True)
    (in_tmp / "a.md").write_text("He go to physio.\n", encoding="utf-8")
    code, out, err = run_cli(["check", "a.md", "--no-cache", "--select", "GRM101,SYS"], capsys)
    [line] = out.strip().splitlines()[:1]
    assert "SYS002" in line and "stopped answering (the answer is not JSON: b'{" in line, out
    assert "Traceback" not in out + err


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


# --- the project's LanguageTool install (.ci/languagetool.py) ---


def test_the_pinned_version_and_its_checksums_agree() -> None:
    script = languagetool_script()
    pom = script.POM.read_text(encoding="utf-8")
    assert f"<languagetool.version>{script.VERSION}</languagetool.version>" in pom
    expected = script.expected_checksums()
    assert f"languagetool-server-{script.VERSION}.jar" in expected and f"language-en-{script.VERSION}.jar" in expected
    assert all(len(digest) == 64 for digest in expected.values())
    if script.LIB.is_dir():  # installed: exactly the pinned jars, unchanged
        assert script.checksum_problem(script.LIB) is None


def test_a_tampered_or_partial_install_is_refused(tmp_path: Path) -> None:
    script = languagetool_script()
    expected = script.expected_checksums()
    for name in expected:
        (tmp_path / name).write_bytes(b"")
    assert script.checksum_problem(tmp_path) == f"checksum mismatch for {next(iter(expected))}"
    (tmp_path / "extra.jar").write_bytes(b"")
    assert script.checksum_problem(tmp_path) == "unexpected extra.jar"
    (tmp_path / f"language-en-{script.VERSION}.jar").unlink()
    assert script.checksum_problem(tmp_path) == f"missing language-en-{script.VERSION}.jar"
