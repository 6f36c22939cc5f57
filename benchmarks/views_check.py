"""Check a rendered view in headless Chromium at given widths: horizontal scroll, smallest text, repeated rows.

    python benchmarks/views_check.py report.html --width 390 --width 1366

Prints, per width: the page's scroll width against the viewport, the smallest rendered text (SVG text
scaled by its viewBox, as it appears), how many elements have text under 11 px, and the claim and
quote texts that appear more than once in the report's top lists. Needs Playwright and a system
Chromium (``apt-get install chromium``; ``NEWSLENS_CHROMIUM`` to point at another binary).
"""

from __future__ import annotations

import argparse
import os
import shutil
from collections import Counter
from pathlib import Path

from playwright.sync_api import sync_playwright

MEASURE = """() => {
  const sizes = [];
  for (const el of document.querySelectorAll('body *')) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el.ownerSVGElement) size *= el.getScreenCTM().a;  // SVG text shrinks with its viewBox
    sizes.push(size);
  }
  const texts = sel => [...document.querySelectorAll(sel)].map(el => el.textContent.replace(/\\s+/g, ' ').trim());
  return {scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
          smallest: Math.min(...sizes), under11: sizes.filter(s => s < 11).length, elements: sizes.length,
          claims: texts('[data-table="claims"] tbody tr td:nth-child(2) > a, [data-table="claims"] tbody tr td:nth-child(2) > span:not(.score):not(.times)'),
          quotes: texts('.quote-rows li > a')};
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--width", type=int, action="append", help="viewport widths (default 390 and 1366)")
    args = parser.parse_args()
    executable = os.environ.get("NEWSLENS_CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True)
        for width in args.width or [390, 1366]:
            page = browser.new_page(viewport={"width": width, "height": 844})
            page.goto(args.page.resolve().as_uri())
            found = page.evaluate(MEASURE)
            repeated = {kind: sum(n - 1 for n in Counter(found[kind]).values() if n > 1) for kind in ("claims", "quotes")}
            print(f"{width} px: scroll width {found['scroll']} in {found['client']} "
                  f"({'no horizontal scroll' if found['scroll'] <= found['client'] else 'SCROLLS SIDEWAYS'}); "
                  f"smallest text {found['smallest']:.1f} px; {found['under11']} of {found['elements']} text elements under 11 px; "
                  f"repeated rows: claims {repeated['claims']} of {len(found['claims'])}, quotes {repeated['quotes']} of {len(found['quotes'])}")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
