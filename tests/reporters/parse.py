"""Read findings back out of each report format, to compare them with the JSON report."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote

import regex

Row = tuple[str, int, int, str, str]  # path, line, column, rule, message


def from_json(text: str) -> list[Row]:
    return [(f["path"], f["line"], f["column"], f["rule"], f["message"]) for f in json.loads(text)["findings"]]


def from_sarif(text: str) -> list[Row]:
    rows = []
    for result in json.loads(text)["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        message = result["message"]["text"].split(" Suggestion: ")[0]
        rows.append((unquote(location["artifactLocation"]["uri"]), region["startLine"], region["startColumn"], result["ruleId"], message))
    return rows


_COMMAND = regex.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def github_unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def from_github(text: str) -> list[Row]:
    rows = []
    for line in text.splitlines():
        match = _COMMAND.match(line)
        assert match, f"not a workflow command: {line!r}"
        props = dict(item.split("=", 1) for item in match["props"].split(","))
        message = github_unescape(match["message"]).split("\nSuggestion: ")[0]
        rows.append((github_unescape(props["file"]), int(props["line"]), int(props["col"]), github_unescape(props["title"]).split()[0], message))
    return rows


def from_junit(text: str) -> list[Row]:
    rows = []
    for case in ET.fromstring(text).iter("testcase"):
        for failure in case.iter("failure"):
            position, rest = failure.get("message", "").split(": ", 1)
            line, column = position.split(":")
            rule, message = rest.split(" ", 1)
            rows.append((case.get("name", ""), int(line), int(column), rule, message))
    return rows


_MD_ITEM = regex.compile(r"^- \[?(\d+):(\d+)(?:\]\([^)]*\))? \*\*\w+\*\* `(\w+)` (.*?)(?: Suggestion: .*?)?(?: \(see .*\))*$")


def markdown_unescape(text: str) -> str:
    return regex.sub(r"\\(.)", r"\1", text)


def from_markdown(text: str) -> list[Row]:
    rows, path = [], ""
    for line in text.splitlines():
        if line.startswith("### "):
            path = markdown_unescape(line[4:])
        elif line.startswith("- ") and not line.startswith("- not linted"):
            match = _MD_ITEM.match(line)
            assert match, f"not a finding line: {line!r}"
            rows.append((path, int(match[1]), int(match[2]), match[3], markdown_unescape(match[4])))
    return rows


class ReportDom(HTMLParser):
    """The parts of the HTML report the tests look at: articles, finding items, highlighted text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.items: list[dict[str, str]] = []  # data-f, data-cat, data-sev, path, loc, rule, msg
        self.lines: dict[str, list[str]] = {}  # article anchor -> text of each line
        self.marked: dict[str, list[tuple[str, int, str]]] = {}  # finding id -> (anchor, line, text) pieces
        self.scripts = 0
        self.article_paths: dict[str, str] = {}
        self._article = ""
        self._field: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        classes = attributes.get("class", "").split()
        if tag == "script":
            self.scripts += 1
        if tag == "section" and "article" in classes:
            self._article = attributes["id"]
        if tag == "div" and "line" in classes:
            self.lines.setdefault(self._article, []).append("")
        if tag == "li" and "item" in classes:
            self.items.append({**attributes, "path": self.article_paths[self._article], "loc": "", "rule": "", "msg": ""})
        if tag == "button" and "go" in classes:
            self._field = "loc"
        elif tag == "code" and "rule" in classes:
            self._field = "rule"
        elif tag == "span" and "msg" in classes:
            self._field = "msg"
        elif tag == "a" and self.stack and self.stack[-1][0] == "h2":
            self._field = "h2"
        self.stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        self._field = None

    def handle_data(self, data: str) -> None:
        if self._field == "h2":
            self.article_paths[self._article] = self.article_paths.get(self._article, "") + data
        elif self._field and self.items:
            self.items[-1][self._field] += data
        if any(tag == "span" and "src" in attributes.get("class", "").split() for tag, attributes in self.stack):
            self.lines[self._article][-1] += data
            for tag, attributes in self.stack:
                if tag == "mark":
                    for finding_id in attributes["data-f"].split():
                        self.marked.setdefault(finding_id, []).append((self._article, len(self.lines[self._article]), data))


def html_dom(text: str) -> ReportDom:
    dom = ReportDom()
    dom.feed(text)
    dom.close()
    return dom


def from_html(text: str) -> list[Row]:
    rows = []
    for item in html_dom(text).items:
        line, column = item["loc"].split(":")
        rows.append((item["path"], int(line), int(column), item["rule"], item["msg"]))
    return rows
