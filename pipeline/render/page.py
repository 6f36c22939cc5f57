"""The page shell shared by the article view and the report: inline CSS and JS, no external resource."""

from __future__ import annotations

from html import escape

STYLE = """
:root { --ink: #1f2328; --muted: #656d76; --line: #d8dee4; --bg: #f6f8fa; --card: #fff;
        --quote: #2563eb; --claim: #c2410c; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
       font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; }
a { color: #0969da; text-decoration: none; }
a:hover { text-decoration: underline; }
header.top { background: var(--card); border-bottom: 1px solid var(--line); padding: 18px 28px 14px; }
header.top h1 { margin: 0 0 6px; font-size: 22px; line-height: 1.3; }
.crumb { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; margin-bottom: 4px; }
.meta { color: var(--muted); font-size: 13px; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.meta code { font-size: 12px; }
.warning { color: #9a6700; font-size: 13px; margin-top: 6px; }
main { max-width: 1500px; margin: 0 auto; padding: 20px 28px 40px; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 380px; gap: 24px; align-items: start; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 18px 22px; }
.card h2 { font-size: 15px; margin: 0 0 10px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 14px; align-items: center; }
.legend .hint { color: var(--muted); font-size: 12px; margin-left: 4px; }
.chip { border: 1px solid rgba(0,0,0,.08); border-radius: 999px; padding: 2px 10px; font-size: 12px;
        font-weight: 600; cursor: pointer; user-select: none; }
.chip.off { opacity: .35; text-decoration: line-through; }
.chip.layer { background: #fff; }
.doc p { margin: 0 0 1.1em; line-height: 2.45; font-size: 16px; white-space: pre-wrap; }
.doc p.headline { font-size: 19px; font-weight: 600; line-height: 2.2; }
mark.entity { padding: .3em .45em; margin: 0 .12em; line-height: 1; border-radius: .35em; color: inherit;
              box-decoration-break: clone; -webkit-box-decoration-break: clone; }
mark.entity.cont { margin-left: 0; }
.ent-label { font-size: .68em; font-weight: 700; line-height: 1; border-radius: .35em; vertical-align: middle;
             margin-left: .45rem; letter-spacing: .02em; }
.muted-ent { background: transparent !important; padding: 0; margin: 0; }
.muted-ent > .ent-label { display: none; }
.quote { background: rgba(37,99,235,.07); border-bottom: 2px solid var(--quote); padding-bottom: 2px; }
.claim { padding: 3px 0 5px; border-radius: 3px; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.claim:hover { box-shadow: inset 0 -2px 0 var(--claim); }
.cue { font-weight: 600; text-decoration: underline dotted var(--quote); text-underline-offset: 3px; }
.speaker { font-weight: 600; box-shadow: inset 0 -3px 0 rgba(37,99,235,.35); }
.tag { display: inline-block; font-size: 11px; font-weight: 600; line-height: 1.5; border-radius: 4px;
       padding: 0 6px; margin: 0 4px; vertical-align: 2px; white-space: nowrap; color: #fff;
       font-style: normal; letter-spacing: .01em; }
.quote-tag { background: var(--quote); }
.claim-tag { background: var(--claim); }
.hide-quotes .quote { background: none; border: 0; } .hide-quotes .quote-tag { display: none; }
.hide-quotes .cue, .hide-quotes .speaker { font-weight: inherit; text-decoration: none; box-shadow: none; }
.hide-claims .claim { background: none !important; box-shadow: none; } .hide-claims .claim-tag { display: none; }
.focus { outline: 2px solid #f59e0b; outline-offset: 2px; border-radius: 3px; }
aside { position: sticky; top: 12px; max-height: calc(100vh - 24px); overflow: auto; }
aside section { margin-bottom: 18px; }
aside h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted);
           margin: 0 0 6px; display: flex; justify-content: space-between; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
aside ul { list-style: none; margin: 0; padding: 0; }
aside li { padding: 4px 0; border-bottom: 1px solid #f0f2f4; font-size: 13px; display: flex; gap: 8px; align-items: baseline; }
aside li > .grow { flex: 1; min-width: 0; }
aside li[data-ref] { cursor: pointer; }
aside li[data-ref]:hover { background: #f6f8fa; }
.count { color: var(--muted); font-variant-numeric: tabular-nums; font-size: 12px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 3px; flex: none; }
.small { color: var(--muted); font-size: 12px; }
.empty { color: var(--muted); font-size: 13px; font-style: italic; }
.speaker-group { margin-bottom: 8px; }
.speaker-group > .who { font-weight: 600; font-size: 13px; display: flex; justify-content: space-between; }
.qtext { font-style: italic; }
.score { font-variant-numeric: tabular-nums; font-weight: 700; color: var(--claim); flex: none; width: 34px; }
.kind { display: inline-block; font-size: 10px; border: 1px solid var(--line); border-radius: 3px;
        padding: 0 4px; margin-right: 3px; color: var(--muted); text-transform: uppercase; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 12px; margin-bottom: 20px; }
.stat { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.stat .n { font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; }
.stat .what { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 20px; margin-bottom: 20px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th { text-align: left; color: var(--muted); font-weight: 600; font-size: 12px; border-bottom: 1px solid var(--line); padding: 6px 8px; }
td { border-bottom: 1px solid #f0f2f4; padding: 6px 8px; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
svg.chart { width: 100%; height: auto; display: block; margin-bottom: 10px; }
svg.chart text { font: 11px -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; fill: #444c56; }
svg.chart .axis { stroke: #d0d7de; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding: 10px 0 30px; }
@media (max-width: 980px) { .layout { grid-template-columns: 1fr; } aside { position: static; max-height: none; } }
@media print { aside { position: static; max-height: none; } .legend { display: none; } }
"""

SCRIPT = """
document.querySelectorAll('.chip[data-label]').forEach(function (chip) {
  chip.addEventListener('click', function () {
    chip.classList.toggle('off');
    document.querySelectorAll('mark.entity[data-label="' + chip.dataset.label + '"]').forEach(function (m) {
      m.classList.toggle('muted-ent', chip.classList.contains('off'));
    });
  });
});
document.querySelectorAll('.chip[data-layer]').forEach(function (chip) {
  chip.addEventListener('click', function () {
    chip.classList.toggle('off');
    document.body.classList.toggle('hide-' + chip.dataset.layer, chip.classList.contains('off'));
  });
});
function marks(ref) { return document.querySelectorAll('.doc [data-ref~="' + ref + '"]'); }
document.querySelectorAll('aside [data-ref]').forEach(function (item) {
  var ref = item.dataset.ref.split(' ')[0];
  item.addEventListener('mouseenter', function () { marks(ref).forEach(function (m) { m.classList.add('focus'); }); });
  item.addEventListener('mouseleave', function () { marks(ref).forEach(function (m) { m.classList.remove('focus'); }); });
  item.addEventListener('click', function () { var first = marks(ref)[0]; if (first) first.scrollIntoView({behavior: 'smooth', block: 'center'}); });
});
"""


def page(title: str, body: str, script: bool = False) -> str:
    """A complete HTML document around ``body`` (``title`` is escaped here; ``body`` must already be markup)."""
    js = f"<script>{SCRIPT}</script>" if script else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta name=\"generator\" content=\"newslens\">\n<title>{escape(title)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n{js}\n</body>\n</html>\n"
    )
