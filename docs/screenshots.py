"""Screenshots of the two views for the README (``make screenshots``): docs/{article,report}-{desktop,phone}.png
and docs/article-phone-drawer.png.

The article view is the bundled sample; the report covers the sample and the hand-written sentences of
``tests/data/entities_gold.jsonl``, processed here. The desktop article view is taken with a popover
open. Needs Playwright and a system Chromium (``apt-get install chromium``), like the browser tests.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from pipeline.frames import frames_from_records
from pipeline.ingest import read_articles
from pipeline.nlp import load_nlp
from pipeline.render import render_article, write_report
from pipeline.runner import process

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
SAMPLE = REPO / "data" / "raw" / "landrieu-sanctuary.txt"
SENTENCES = REPO / "tests" / "data" / "entities_gold.jsonl"
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
COLOURS = 128  # a palette this size keeps text crisp and each PNG small


def shrink(path: Path) -> None:
    """Re-save a screenshot with a small adaptive palette."""
    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main() -> None:
    os.chdir(REPO)  # the views show input paths as given: relative ones
    inputs = [str(path.relative_to(REPO)) for path in (SAMPLE, SENTENCES)]
    records = [item for item in process(read_articles(inputs), load_nlp()) if "error" not in item]
    folder = Path(tempfile.mkdtemp(prefix="newslens-shots-"))
    pages = {"article": folder / "article.html", "report": folder / "report.html"}
    pages["article"].write_text(render_article(records[0]), encoding="utf-8")
    write_report(frames_from_records(iter(records)), pages["report"], top=10, title="Sample and test sentences")
    executable = os.environ.get("NEWSLENS_CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True)
        for view, path in pages.items():
            for name, viewport in VIEWPORTS.items():
                page = browser.new_page(viewport=viewport, device_scale_factor=1)
                page.goto(path.as_uri())
                shots = {f"{view}-{name}": None}
                if view == "article":
                    # the desktop view with a popover open; on the phone, also the panel's drawer open
                    shots = {f"{view}-{name}": ".doc mark.entity"} if name == "desktop" else {**shots, f"{view}-{name}-drawer": ".drawer-toggle"}
                for shot, click in shots.items():
                    if click:
                        page.locator(click).first.click()
                        page.wait_for_timeout(400)
                    out = DOCS / f"{shot}.png"
                    page.screenshot(path=out)
                    shrink(out)
                    print(f"{out.relative_to(REPO)}: {out.stat().st_size // 1024} KB")
                page.close()
        browser.close()
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
