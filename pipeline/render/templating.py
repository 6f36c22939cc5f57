"""The Jinja2 environment of the views: package templates, autoescaping, CSS and JS inlined from package files.

Every value reaches the page through a template, so Jinja escapes it; nothing builds HTML by hand.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

LINK_SCHEMES = {"http", "https"}


def safe_url(url: object) -> str | None:
    """``url`` when it is an http(s) URL with a host, else None: only those become links (no ``javascript:``)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in LINK_SCHEMES and parts.netloc else None


@cache
def static(name: str) -> Markup:
    """A CSS or JS file of ``pipeline/render/static/``, to inline into a page (a package file, not input)."""
    return Markup(files("pipeline.render").joinpath("static", name).read_text(encoding="utf-8"))


def thousands(value: float) -> str:
    """``12,345``."""
    return f"{value:,.0f}"


def snippet(text: str | None, limit: int = 160) -> str:
    """``text`` with its whitespace collapsed, cut to ``limit`` characters at a word boundary."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


@cache
def environment() -> Environment:
    """The one Jinja environment of the views (autoescaping on for every template)."""
    env = Environment(
        loader=PackageLoader("pipeline.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # package templates do not change while a report is written (no stat per view)
    )
    env.globals["static"] = static
    env.filters["thousands"] = thousands
    env.filters["snippet"] = snippet
    return env


def render_template(name: str, **context) -> str:
    """Render one package template with ``context``."""
    return environment().get_template(name).render(**context)
