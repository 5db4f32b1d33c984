"""Markdown for a pull-request comment: counts, findings by file, links to lines."""

from __future__ import annotations

from claimlint.finding import RunResult
from claimlint.reporters import ReportSettings, renderer

BASE = "https://github.com/acme/site/blob/0123abc/"


def test_counts_by_category_and_severity(linted: tuple[RunResult, dict[str, str]]) -> None:
    result, _ = linted
    text = renderer("markdown")(result, ReportSettings())
    assert "7 findings in 3 of 3 files." in text
    assert "| claim | 3 | 2 | 0 | 5 |" in text
    assert "| readability | 0 | 0 | 2 | 2 |" in text
    assert "| **total** | **3** | **2** | **2** | **7** |" in text


def test_locations_link_to_lines_with_a_base_url(linted: tuple[RunResult, dict[str, str]]) -> None:
    result, _ = linted
    text = renderer("markdown")(result, ReportSettings(base_url=BASE))
    assert f"- [5:24]({BASE}site/heart.md#L5) **error** `CLM901` 'cures' promises a cure. Suggestion: may help with" in text
    assert "### site/knee.txt" in text


def test_no_links_without_a_base_url(linted: tuple[RunResult, dict[str, str]]) -> None:
    result, _ = linted
    text = renderer("markdown")(result, ReportSettings())
    assert "- 5:24 **error** `CLM901` 'cures' promises a cure. Suggestion: may help with" in text
    assert "](" not in text


def test_related_locations_link_and_article_text_is_escaped(synthetic: RunResult) -> None:
    text = renderer("markdown")(synthetic, ReportSettings(base_url=BASE))
    assert f"(see [b.md 3:1]({BASE}b.md#L3))" in text
    assert "<script>" not in text and "\\<script\\>" in text
    assert "\\| \\*bold\\* \\[x\\](y)" in text
    assert f"### odd \"name\", \\<b\\>:%.md" in text
    assert f"[1:2]({BASE}odd%20%22name%22%2C%0A%3Cb%3E%3A%25.md#L1)" in text


def test_baseline_counts_are_reported(synthetic: RunResult) -> None:
    text = renderer("markdown")(synthetic, ReportSettings(baselined=3, stale_baseline=1))
    assert "3 known findings hidden by the baseline; 1 stale baseline entry." in text
