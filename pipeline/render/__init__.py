"""Self-contained HTML views of records: one article (``render_article``) and a whole dump (``render_report``).

Pages are rendered from the Jinja2 templates of ``pipeline/render/templates/`` with autoescaping;
their CSS and JS (``pipeline/render/static/``) are inlined, so every page is one file: no network
request, no external resource.
"""

from pipeline.render.article import render_article
from pipeline.render.frames import records_from_frames
from pipeline.render.report import build_report, render_report, write_report

__all__ = ["render_article", "records_from_frames", "build_report", "render_report", "write_report"]
