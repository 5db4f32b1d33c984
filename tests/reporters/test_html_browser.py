"""The HTML report in real headless Chromium (Debian `chromium` + `chromedriver`).

Asserts on the rendered DOM: highlights at the findings' spans, details on click and
hover, the side list, filters, layouts at 1280 px and narrow, print styles, no request
and no script from an article. Set CLAIMLINT_REPORT_SCREENSHOT=docs/report.png to save
the screenshot the README shows.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimlint import cli
from tests.reporters.test_html import HOSTILE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

pytestmark = [
    pytest.mark.skipif(
        not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)),
        reason="needs the Debian packages chromium and chromium-driver (python3 .ci/dev.py test installs them)",
    ),
    pytest.mark.enable_socket,  # chromedriver listens on a localhost port
]

ODD_NAME = 'we"ird\n<b>name.md'
ARTICLES = {
    "heart-health.md": (
        "# Walking and your heart\r\n\r\n"
        "Walking thirty minutes a day is a miracle for the heart. Some say this tea cures high blood pressure,\r\n"
        "but no study shows it.\r\n\r\n"
        "## After surgery\r\n\r\n"
        "Postoperative walks should be short. Take an analgesic if the doctor allows it, and walk a little\r\n"
        "farther each day. A revolutionary plan is not needed: steady steps are enough.\r\n"
    ),
    "hostile.md": HOSTILE["hostile.md"],
    ODD_NAME: "Knee pain\n\nThis cream cures knee pain overnight.\n",
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, rules_dir: Path) -> Iterator[tuple[Path, list[dict[str, Any]]]]:
    """The report (and the JSON findings) of `claimlint check --format html`, run as a user would."""
    folder = tmp_path_factory.mktemp("site")
    (folder / "site").mkdir()
    for name, text in ARTICLES.items():
        (folder / "site" / name).write_bytes(text.encode("utf-8"))
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        common = ["check", "--no-default-rules", "--rules", str(rules_dir), "--no-cache", "site"]
        assert cli.main([*common, "--format", "html", "--output", "report.html"]) == 1
        assert cli.main([*common, "--format", "json", "--output", "report.json"]) == 1
    yield folder / "report.html", json.loads((folder / "report.json").read_text(encoding="utf-8"))["findings"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # the Debian browser: Selenium Manager downloads nothing
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(browser: Any, report: tuple[Path, list[dict[str, Any]]]) -> Any:
    browser.set_window_size(1280, 900)
    browser.get(report[0].as_uri())
    return browser


def _index(findings: list[dict[str, Any]], rule: str, path_end: str = "heart-health.md") -> int:
    return next(i for i, f in enumerate(findings) if f["rule"] == rule and f["path"].endswith(path_end))


def test_highlights_cover_exactly_each_findings_excerpt(page: Any, report: tuple[Path, list[dict[str, Any]]]) -> None:
    findings = report[1]
    assert len(findings) == 10
    assert len(page.find_elements("css selector", ".item")) == len(findings)
    texts = page.execute_script(
        "return Array.from({length: arguments[0]}, (_, i) =>"
        " Array.from(document.querySelectorAll('mark.hl[data-f~=\"' + i + '\"]')).map(m => m.textContent).join(''));",
        len(findings),
    )
    assert texts == [f["excerpt"] for f in findings]
    classes = page.find_element("id", f"m{_index(findings, 'RDB901')}").get_attribute("class")
    assert "cat-readability" in classes and "sev-info" in classes


def test_click_shows_rule_message_rationale_and_suggestion(page: Any, report: tuple[Path, list[dict[str, Any]]]) -> None:
    index = _index(report[1], "CLM901")
    detail = page.find_element("id", "detail")
    assert not detail.is_displayed()
    page.find_element("id", f"m{index}").click()
    assert detail.is_displayed()
    text = detail.text
    for expected in ("CLM901", "'cures' promises a cure.", "Few treatments cure; promising one misleads patients.", "may help with", "Hedge the claim"):
        assert expected in text
    assert "selected" in page.find_element("id", f"f{index}").get_attribute("class")
    page.find_element("css selector", "#detail .close").click()
    assert not detail.is_displayed()


def test_hover_shows_the_detail(page: Any, report: tuple[Path, list[dict[str, Any]]]) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    index = _index(report[1], "RDB901")
    mark = page.find_element("id", f"m{index}")
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    ActionChains(page).move_to_element(mark).perform()
    detail = page.find_element("id", "detail")
    assert detail.is_displayed() and "RDB901" in detail.text and "after surgery" in detail.text


def test_side_list_scrolls_to_the_finding(page: Any, report: tuple[Path, list[dict[str, Any]]]) -> None:
    last = len(report[1]) - 1
    in_view = "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;"
    mark = page.find_element("id", f"m{last}")
    assert not page.execute_script(in_view, mark)
    button = page.find_element("css selector", f'button.go[data-f="{last}"]')
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    page.execute_script("window.scrollTo(0, 0)")
    page.execute_script("arguments[0].click()", button)
    assert page.execute_script(in_view, mark)
    assert page.find_element("id", "detail").is_displayed()


def test_no_script_from_an_article_ran_and_its_text_shows(page: Any) -> None:
    assert page.execute_script("return typeof window.__pwned") == "undefined"
    assert page.execute_script("return document.querySelectorAll('main img, main textarea, main script').length") == 0
    shown = page.execute_script("return Array.from(document.querySelectorAll('.src')).map(s => s.textContent).join('\\n')")
    for line in HOSTILE["hostile.md"].splitlines():
        assert line in shown
    headings = page.execute_script("return Array.from(document.querySelectorAll('.article h2')).map(h => h.textContent)")
    assert f"site/{ODD_NAME}" in headings
    severe = [entry for entry in page.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []  # a blocked script, a CSP violation or a JS error would show here


def test_no_network_requests(page: Any) -> None:
    assert page.execute_script("return performance.getEntriesByType('resource').length") == 0


def test_filters_hide_findings_by_category_and_severity(page: Any, report: tuple[Path, list[dict[str, Any]]]) -> None:
    findings = report[1]
    page.find_element("css selector", 'input[data-filter="cat"][value="claim"]').click()
    hidden = page.execute_script("return Array.from(document.querySelectorAll('.item')).map(li => li.hidden)")
    assert hidden == [f["category"] == "claim" for f in findings]
    assert "off" in page.find_element("id", f"m{_index(findings, 'CLM901')}").get_attribute("class")
    assert "off" not in page.find_element("id", f"m{_index(findings, 'RDB901')}").get_attribute("class")
    page.find_element("css selector", 'input[data-filter="sev"][value="info"]').click()
    visible = page.execute_script("return document.querySelectorAll('.item:not([hidden])').length")
    assert visible == sum(f["category"] != "claim" and f["severity"] != "info" for f in findings) == 0


def _layout(page: Any) -> dict[str, float]:
    return page.execute_script(
        "const text = document.querySelector('.text').getBoundingClientRect();"
        "const list = document.querySelector('.findings').getBoundingClientRect();"
        "return {overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,"
        " textRight: text.right, textBottom: text.bottom, listLeft: list.left, listTop: list.top};"
    )


def test_side_by_side_at_1280_and_stacked_when_narrow(page: Any) -> None:
    wide = _layout(page)
    assert wide["overflow"] <= 0 and wide["listLeft"] >= wide["textRight"]
    page.set_window_size(420, 900)
    narrow = _layout(page)
    assert narrow["overflow"] <= 0 and narrow["listTop"] >= narrow["textBottom"]


def test_print_shows_details_and_hides_controls(page: Any) -> None:
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not page.find_element("css selector", ".filters").is_displayed()
        assert page.find_element("css selector", ".item .more").is_displayed()
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_screenshot_for_the_readme(page: Any, report: tuple[Path, list[dict[str, Any]]]) -> None:
    target = os.environ.get("CLAIMLINT_REPORT_SCREENSHOT")
    if not target:
        pytest.skip("set CLAIMLINT_REPORT_SCREENSHOT=docs/report.png to refresh the README screenshot")
    mark = page.find_element("id", f"m{_index(report[1], 'CLM901')}")
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    assert page.get_screenshot_as_file(target)
