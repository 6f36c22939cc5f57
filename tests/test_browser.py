"""The article view and the report in a real browser: headless Chromium driven by Playwright, network blocked.

At a desktop (1366×900) and a phone (390×844) viewport: no horizontal scroll, no request besides the
page itself, no console error, no text under 11 px; the popover opens on click, a link highlights its
target, the panel is a drawer on the phone, and the sample shows what matters at first sight.

These tests need Playwright (``pip install playwright``) and a Chromium (``apt-get install chromium``;
Playwright's own browser download is not needed): they skip, saying which is missing, otherwise.
"""

from __future__ import annotations

import os
import shutil

import pytest

from pipeline.frames import frames_from_records
from pipeline.render import render_article, write_report
from conftest import budget_record, claim, entity, quote, record

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
MIN_TEXT_PX = 11
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Every element with text of its own that is rendered: its computed font size.
SMALL_TEXT = """() => {
  const small = [];
  for (const el of document.querySelectorAll('body *')) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el.ownerSVGElement) size *= el.getScreenCTM().a;  // SVG text shrinks with its viewBox
    if (size < %d) small.push(`${el.tagName.toLowerCase()}.${el.className}: ${size}px`);
  }
  return small;
}""" % MIN_TEXT_PX


def chromium_path() -> str | None:
    """The system's Chromium: $NEWSLENS_CHROMIUM, else the first Chromium or Chrome on the PATH."""
    if os.environ.get("NEWSLENS_CHROMIUM"):
        return os.environ["NEWSLENS_CHROMIUM"]
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright: pip install playwright")
    executable = chromium_path()
    if executable is None:
        pytest.skip("browser tests need Chromium: apt-get install chromium (or set NEWSLENS_CHROMIUM to a Chromium binary)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True)
        yield launched
        launched.close()


class Page:
    """A page opened at one viewport, with every request and console error it caused."""

    def __init__(self, browser, path, viewport: dict, fragment: str = ""):
        self.context = browser.new_context(viewport=viewport, device_scale_factor=1, has_touch=viewport is PHONE)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self.route)
        self.page = self.context.new_page()
        self.page.on("request", self.request)
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.url = path.as_uri()
        self.page.goto(self.url + fragment)

    def route(self, route):
        """The network is blocked: only the page's own file loads."""
        if route.request.url.split("#")[0] == self.url:
            route.continue_()
        else:
            route.abort()

    def request(self, request):
        """Record every request besides the page's own file."""
        if request.url.split("#")[0] != self.url:
            self.requests.append(request.url)

    def assert_sound(self):
        """No horizontal scroll, no request besides the page, no console error, no text under 11 px."""
        scroll, client = self.page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client, f"horizontal scroll: content {scroll} px wide in a {client} px viewport"
        assert self.requests == [], f"requests: {self.requests}"
        assert self.errors == [], f"console errors: {self.errors}"
        small = self.page.evaluate(SMALL_TEXT)
        assert small == [], f"text under {MIN_TEXT_PX} px: {small[:10]}"

    def in_view(self, selector: str) -> bool:
        """Whether the first element matching ``selector`` is visible inside the viewport, not at its very edge."""
        box = self.page.locator(selector).first.bounding_box()
        size = self.page.viewport_size
        return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= size["height"] and box["x"] >= 0

    def __enter__(self) -> "Page":
        return self

    def __exit__(self, *exc) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def views(tmp_path_factory, sample_record):
    """The sample's article view, and a report (with its article views) over the sample and hand-built records."""
    folder = tmp_path_factory.mktemp("views")
    article = folder / "sample.html"
    article.write_text(render_article(sample_record), encoding="utf-8")
    hostile = record("hostile-1", "A headline with a very long unbroken token " + "x" * 120,
                     'Officials said "the levee will hold" as https://example.org/a/really/long/path/' + "y" * 150)
    hostile["url"] = "javascript:alert(1)"
    t = hostile["text"]
    hostile["entities"] = [entity(t, "e1", "Officials", "NORP")]
    hostile["quotes"] = [quote(t, "q1", '"the levee will hold"', ("Officials", "e1", 0), ("said", 0),
                               canonical="a world-renowned and award-winning engineer of levees, dams and weirs at a university")]
    hostile["claims"] = [claim(t, "c1", t[t.index("Officials"):], 0.5, ["prediction"], "Officials", "q1")]
    report = folder / "report.html"
    write_report(frames_from_records(iter([sample_record, budget_record(), hostile])), report, title="Browser check")
    return {"article": article, "report": report, "hostile": folder / "report_articles" / "hostile-1.html"}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("view", ["article", "report", "hostile"])
def test_views_are_sound_at_desktop_and_phone_widths(browser, views, view, viewport):
    with Page(browser, views[view], VIEWPORTS[viewport]) as page:
        page.assert_sound()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_popover_opens_on_click_and_closes_on_escape(browser, views, viewport):
    with Page(browser, views["article"], VIEWPORTS[viewport]) as page:
        popover = page.page.locator("#popover")
        assert popover.is_hidden()
        mark = page.page.locator("mark.entity[data-label=LAW]").first
        mark.scroll_into_view_if_needed()
        mark.click()
        assert popover.is_visible()
        assert "LAW" in popover.inner_text() and "8 U.S.C. 1373" in popover.inner_text()
        box, view = popover.bounding_box(), page.page.viewport_size
        assert box["x"] >= 0 and box["x"] + box["width"] <= view["width"]  # the popover fits the screen
        page.page.keyboard.press("Escape")
        assert popover.is_hidden()
        page.page.locator(".quote .who").first.click()  # a quote's speaker label opens the quote's details
        assert popover.is_visible() and "speaker" in popover.inner_text()
        page.assert_sound()


def test_panel_entry_highlights_every_mention(browser, views):
    with Page(browser, views["article"], DESKTOP) as page:
        entry = page.page.locator('.panel .pills a:has-text("Mitch Landrieu")')
        mentions = entry.get_attribute("data-refs").split()
        assert len(mentions) > 1
        entry.hover()
        outlined = page.page.evaluate("[...document.querySelectorAll('.doc mark.entity.focus')].map(m => m.id)")
        assert sorted(outlined) == sorted(mentions)
        entry.click()
        page.page.wait_for_timeout(300)
        flashed = page.page.evaluate("[...document.querySelectorAll('.doc mark.entity.flash')].map(m => m.id)")
        assert sorted(flashed) == sorted(mentions)


def test_panel_link_lands_on_a_highlighted_claim_with_context(browser, views):
    with Page(browser, views["article"], DESKTOP) as page:
        last = page.page.locator(".panel .claim-list a").nth(2)
        target = last.get_attribute("href")[1:]
        last.click()
        page.page.wait_for_timeout(200)
        marked = page.page.locator(f"#{target}")
        assert "flash" in marked.get_attribute("class").split()
        top = marked.bounding_box()["y"]
        assert 80 <= top <= DESKTOP["height"] - 40, f"the claim lands at {top} px: no context above it"


def test_opening_at_an_anchor_highlights_it(browser, views, sample_record):
    claim_id = sample_record["claims"][-1]["id"]  # the lowest-ranked claim: not marked until asked for
    with Page(browser, views["article"], PHONE, fragment=f"#{claim_id}") as page:
        marked = page.page.locator(f"#{claim_id}")
        assert "flash" in marked.get_attribute("class").split()
        assert marked.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
        assert page.in_view(f"#{claim_id}")
        page.assert_sound()


def test_phone_panel_is_a_drawer(browser, views):
    with Page(browser, views["article"], PHONE) as page:
        assert page.page.locator("#panel").is_hidden()
        toggle = page.page.locator(".drawer-toggle")
        assert page.in_view(".drawer-toggle")
        toggle.click()
        page.page.wait_for_timeout(350)
        assert page.in_view(".panel .claims-section h3")
        page.assert_sound()  # the open drawer too: no sideways scroll, no small text
        page.page.locator(".panel .claim-list a").first.click()  # following a link closes the drawer
        page.page.wait_for_timeout(350)
        assert page.page.locator("#panel").is_hidden()
        assert page.page.locator(".doc .flash").count() >= 1
        page.assert_sound()


def test_sample_shows_people_statute_amounts_quotes_and_ranked_claims_at_first_sight(browser, views):
    with Page(browser, views["article"], DESKTOP) as page:
        panel = page.page.locator(".panel")
        for title in ("Claims to check", "People", "Statutes", "Amounts"):
            assert page.in_view(f'.panel h3:has-text("{title}")'), title
        assert page.in_view('.panel .pills .name:text-is("Mitch Landrieu")')
        assert page.in_view('.panel .rows .name:has-text("1373")')
        assert page.in_view('.panel .rows .name:has-text("$1.5 billion")')
        assert page.in_view(".panel .claim-list li.marked")
        assert page.in_view('.doc .quote .who:has-text("Landrieu")')
        assert page.in_view(".doc .claim.marked .rank")
        assert "In this article" not in panel.inner_text()  # the drawer's heading is for phones only


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_report_bar_leads_to_its_highlighted_rows(browser, views, viewport):
    with Page(browser, views["report"], VIEWPORTS[viewport]) as page:
        bar = page.page.locator('[data-chart="people"] a.bar').first
        target = bar.get_attribute("href")[1:]
        bar.click()
        page.page.wait_for_timeout(200)
        row = page.page.locator(f"#{target}")
        assert row.is_visible() and "flash" in row.get_attribute("class").split()
        assert page.in_view(f"#{target}")
        speaker = page.page.locator('[data-chart="speakers"] a.bar').first
        target = speaker.get_attribute("href")[1:]
        speaker.click()
        page.page.wait_for_timeout(200)
        assert page.in_view(f"#{target}") and page.page.locator(f"#{target} .quote-rows li").count() >= 1
        page.assert_sound()
