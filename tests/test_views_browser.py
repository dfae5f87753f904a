"""The HTML view in a real browser: headless Chromium, driven by Playwright.

Uses the system's Chromium (Debian's ``chromium`` package; ``.ci/run`` installs it) and
never downloads a browser. Without it the tests skip, except on CI (``CI`` set), where
they fail: there the browser is part of the test setup.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

from attribution.schema import validate
from attribution.views import render_html

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "cipher_brief_pakistan.json"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; on CI the browser tests must run (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).is_file():
        _missing(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def document():
    return validate(json.loads(EXAMPLE.read_text(encoding="utf-8")))


@pytest.fixture
def page(browser, document, tmp_path):
    path = tmp_path / "view.html"
    path.write_text(render_html(document), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else problems.append(f"request {r.url}"))
    page.goto(path.as_uri())
    page.problems = problems
    yield page
    page.close()


def highlighted(page) -> set[str]:
    return set(page.eval_on_selector_all(".ctag.hl", "els => els.map(e => e.dataset.claim)"))


def highlighted_segments(page) -> set[str]:
    """The claims every highlighted segment belongs to, and those of the others."""
    return page.eval_on_selector_all(
        ".seg.claim",
        "els => els.map(e => [e.classList.contains('hl'), e.dataset.claims.split(' ')])",
    )


def test_every_claim_and_source_is_in_the_dom_and_no_errors(page, document, tmp_path):
    tags = page.eval_on_selector_all(".ctag[data-claim]", "els => els.map(e => e.dataset.claim)")
    assert sorted(tags) == sorted(c.id for c in document.claims)
    sources = page.eval_on_selector_all("button.source", "els => els.map(e => e.dataset.source)")
    assert sorted(sources) == sorted(s.id for s in document.sources)
    for claim in document.claims:
        assert page.is_visible(f"#claim-{claim.id}")
    text = page.inner_text("aside.panel")
    assert "declined to comment" in text and "did not respond" in text
    assert "condition of anonymity" in text
    assert page.locator("ol.conflicts li").count() == len(document.rebuttals)
    page.screenshot(path=str(tmp_path / "view.png"), full_page=True)
    assert (tmp_path / "view.png").stat().st_size > 10_000
    assert page.problems == []


def test_clicking_a_source_highlights_exactly_its_claims(page, document, tmp_path):
    for source in document.sources:
        button = f'button.source[data-source="{source.id}"]'
        page.click(button)
        own = {c.id for c in document.claims if c.source == source.id}
        assert highlighted(page) == own, source.id
        for is_highlighted, claims in highlighted_segments(page):
            assert is_highlighted == bool(own & set(claims)), (source.id, claims)
        assert page.get_attribute(button, "aria-pressed") == "true"
        if source.id == "US":
            page.screenshot(path=str(tmp_path / "US.png"))
        page.click(button)  # a second click clears
        assert highlighted(page) == set()
    assert page.problems == []


def test_the_keyboard_selects_moves_and_clears(page, document):
    first = page.locator("button.source").first
    first.focus()
    page.keyboard.press("Enter")
    first_id = first.get_attribute("data-source")
    assert highlighted(page) == {c.id for c in document.claims if c.source == first_id}
    page.keyboard.press("Escape")
    assert highlighted(page) == set()
    page.keyboard.press("ArrowDown")
    second_id = page.evaluate("document.activeElement.dataset.source")
    assert second_id != first_id
    page.keyboard.press("Space")
    assert highlighted(page) == {c.id for c in document.claims if c.source == second_id}
    assert "Showing the claims of" in page.inner_text(".status")
    assert page.problems == []


def test_a_claim_tag_selects_its_speaker_and_rebuttal_links_lead_both_ways(page, document):
    rebuttal = document.rebuttals[0]
    page.click(f'.rlink[href="#claim-{rebuttal.target}"]')
    assert page.evaluate("location.hash") == f"#claim-{rebuttal.target}"
    page.click(f'.rlink[href="#claim-{rebuttal.claim}"]')
    assert page.evaluate("location.hash") == f"#claim-{rebuttal.claim}"
    speaker = document.claim(rebuttal.claim).source
    page.click(f"#claim-{rebuttal.claim}")
    assert highlighted(page) == {c.id for c in document.claims if c.source == speaker}
    assert page.problems == []


def test_printing_keeps_every_claim_and_the_panel(browser, document, tmp_path):
    path = tmp_path / "view.html"
    path.write_text(render_html(document), encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    page.emulate_media(media="print")
    assert page.eval_on_selector("aside.panel", "e => getComputedStyle(e).position") == "static"
    assert page.locator(".ctag[data-claim]:visible").count() == len(document.claims)
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    page.close()
