"""The article view: every entity, quote and claim marked with its label, properly nested, self-contained."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser

import jsonschema
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.render import render_article
from pipeline.render.markup import Span, nest
from pipeline.schema import record_schema
from tests.conftest import SAMPLE

VOID_TAGS = {"meta", "br", "img", "link", "input", "hr", "wbr"}
LABEL_CLASSES = {"ent-label", "tag"}


class Marks(HTMLParser):
    """Collects the marked elements of an article view (text without label tags) and checks tags nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []
        self.elements: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        in_doc = "doc" in classes or any(e["in_doc"] for e in self.stack)
        self.stack.append({"tag": tag, "attrs": attrs, "classes": classes, "text": [], "in_doc": in_doc,
                           "label": bool(classes & LABEL_CLASSES), "order": self.getpos()})

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        element = self.stack.pop()
        assert element["tag"] == tag, f"</{tag}> closes <{element['tag']}>: markup is not properly nested"
        element["text"] = "".join(element["text"])
        if element["in_doc"] and "data-ref" in element["attrs"]:
            self.elements.append(element)

    def handle_data(self, data):
        if any(e["label"] for e in self.stack):
            return
        for element in self.stack:
            element["text"].append(data)

    def pieces(self, css: str, ref: str) -> list[dict]:
        """The elements of one class that mark item ``ref``, in the order they open."""
        ordered = sorted(self.elements, key=lambda e: e["order"])
        return [e for e in ordered if css in e["classes"] and ref in e["attrs"]["data-ref"].split()]


def parse(html: str) -> Marks:
    """Parse an article view, failing on badly nested markup."""
    marks = Marks()
    marks.feed(html)
    marks.close()
    assert not marks.stack, "unclosed elements"
    return marks


def tag_texts(html: str, css: str) -> dict[str, str]:
    """The text of every quote or claim tag (``css``: quote-tag, claim-tag), by the id of its item."""
    found = re.findall(rf'<span class="tag {css}" data-for="([^"]+)">(.*?)</span>', html)
    return {ref: unescape(text) for ref, text in found}


def span_of(text: str, part: str, after: int = 0) -> tuple[int, int]:
    """The offsets of ``part`` in ``text`` (first occurrence at or after ``after``)."""
    start = text.index(part, after)
    return start, start + len(part)


def entity(text: str, eid: str, part: str, label: str, after: int = 0, canonical=None, normalized=None) -> dict:
    start, end = span_of(text, part, after)
    return {"id": eid, "text": part, "label": label, "start": start, "end": end, "canonical": canonical,
            "cluster": None, "normalized": normalized}


def money(amount: float, qualifier=None) -> dict:
    return {"amount": amount, "currency": "USD", "qualifier": qualifier, "min": None, "max": None, "per": None}


def law(citation: str, name: str) -> dict:
    return {"kind": "usc", "citation": citation, "title": None, "section": None, "subsection": None, "name": name}


def quote(text: str, qid: str, part: str, speaker: tuple[str, str | None, int] | None, cue: tuple[str, int] | None,
          after: int = 0, qtype: str = "direct", canonical: str | None = None) -> dict:
    """A quote item; ``speaker`` is (mention, entity id, search offset), ``cue`` is (cue, search offset)."""
    start, end = span_of(text, part, after)
    s_start, s_end = span_of(text, speaker[0], speaker[2]) if speaker else (None, None)
    c_start, c_end = span_of(text, cue[0], cue[1]) if cue else (None, None)
    return {"id": qid, "text": part, "start": start, "end": end, "spans": [[start, end]], "type": qtype,
            "cue": cue[0] if cue else None, "cue_start": c_start, "cue_end": c_end,
            "speaker": speaker[0] if speaker else None, "speaker_start": s_start, "speaker_end": s_end,
            "speaker_canonical": canonical, "speaker_entity": speaker[1] if speaker else None, "confidence": 0.9}


def claim(text: str, cid: str, part: str, score: float, kinds: list[str], claimant=None, quote_id=None,
          entity_ids=(), after: int = 0) -> dict:
    start, end = span_of(text, part, after)
    return {"id": cid, "text": part, "start": start, "end": end, "score": score, "kinds": kinds, "claimant": claimant,
            "claimant_canonical": claimant, "quote_id": quote_id, "entity_ids": list(entity_ids)}


def record(rid: str, title: str, body: str, *, published=None, url=None) -> dict:
    """An empty record of ``title`` + ``body`` (items are added by the caller)."""
    return {"id": rid, "title": title, "text": f"{title}\n\n{body}", "url": url, "published": published,
            "source": {"path": "hand-built", "line": 1}, "entities": [], "quotes": [], "claims": [],
            "meta": {"newslens_version": "0.1.0", "model": "hand-built", "cleaning": {"encoding": "utf-8", "removed": {}},
                     "warnings": []}}


def budget_record() -> dict:
    """A hand-built record whose quote crosses a claim, with entities inside both, and normalized values."""
    rec = record(
        "budget-1", "Springfield <b>budget</b> fight & the Clean Water Act",
        'Mayor Jane Doe attacked the plan on Monday. "The plan will cost $4.5 million under the Clean Water Act. '
        'It will hurt Springfield," Doe said. The council, led by Acme Corp. ally Tom Ray, approved '
        "more than $2 million anyway.",
        published="2024-03-05", url="https://example.org/springfield-budget",
    )
    t = rec["text"]
    body = len(rec["title"]) + 2
    rec["entities"] = [
        entity(t, "e1", "Springfield", "GPE"),
        entity(t, "e2", "Clean Water Act", "LAW", normalized=law("33 U.S.C. § 1251", "Clean Water Act")),
        entity(t, "e3", "Jane Doe", "PERSON", body, canonical="Jane Doe"),
        entity(t, "e4", "$4.5 million", "MONEY", normalized=money(4_500_000)),
        entity(t, "e5", "Clean Water Act", "LAW", body, normalized=law("33 U.S.C. § 1251", "Clean Water Act")),
        entity(t, "e6", "Springfield", "GPE", body),
        entity(t, "e7", "Doe", "PERSON", t.index("Doe said"), canonical="Jane Doe"),
        entity(t, "e8", "Acme Corp.", "ORG", canonical="Acme Corporation"),
        entity(t, "e9", "Tom Ray", "PERSON", canonical="Tom Ray"),
        entity(t, "e10", "more than $2 million", "MONEY", normalized=money(2_000_000, "more than")),
        entity(t, "e11", "Monday", "DATE"),
    ]
    q1 = quote(t, "q1", '"The plan will cost $4.5 million under the Clean Water Act. It will hurt Springfield,"',
               ("Doe", "e7", t.index("Doe said")), ("said", t.index("Doe said")), canonical="Jane Doe")
    rec["quotes"] = [q1]
    rec["claims"] = [
        claim(t, "c1", "The plan will cost $4.5 million under the Clean Water Act.", 0.93, ["numeric", "legal", "quote"],
              "Jane Doe", "q1", ["e4", "e5"], body),
        claim(t, "c2", 'It will hurt Springfield," Doe said.', 0.41, ["prediction", "quote"], "Jane Doe", "q1", ["e6", "e7"]),
        claim(t, "c3", "The council, led by Acme Corp. ally Tom Ray, approved more than $2 million anyway.", 0.77,
              ["numeric"], None, None, ["e8", "e9", "e10"]),
    ]
    for rank, c in enumerate(sorted(rec["claims"], key=lambda c: -c["score"]), start=1):
        c["rank"] = rank
    return rec


def assert_all_marked(html: str, rec: dict) -> None:
    """Every entity, quote and claim of ``rec`` is in ``html``, marked with its label, its text intact."""
    marks = parse(html)
    text = rec["text"]
    for ent in rec["entities"]:
        pieces = marks.pieces("entity", ent["id"])
        assert pieces, f"entity {ent['id']} {ent['text']!r} is not marked"
        assert {p["attrs"]["data-label"] for p in pieces} == {ent["label"]}
        assert "".join(p["text"] for p in pieces) == ent["text"]
        assert ent["label"] in pieces[0]["attrs"]["title"]
    assert html.count('class="ent-label"') == len(rec["entities"])  # one visible label per entity
    for q in rec["quotes"]:
        pieces = marks.pieces("quote", q["id"])
        assert pieces, f"quote {q['id']} is not marked"
        assert "".join(p["text"] for p in pieces) == "".join(text[s:e] for s, e in q["spans"])
        speaker = q["speaker_canonical"] or q["speaker"]
        assert {p["attrs"].get("data-speaker", "") for p in pieces} == {speaker or ""}
        assert {p["attrs"].get("data-cue", "") for p in pieces} == {q["cue"] or ""}
    quote_tags = tag_texts(html, "quote-tag")
    assert len(quote_tags) == len(rec["quotes"])
    for q in rec["quotes"]:
        assert (q["speaker_canonical"] or q["speaker"] or "(unattributed)") in quote_tags[q["id"]]
        assert q["cue"] is None or q["cue"] in quote_tags[q["id"]]
    claim_tags = tag_texts(html, "claim-tag")
    assert len(claim_tags) == len(rec["claims"])
    for c in rec["claims"]:
        pieces = marks.pieces("claim", c["id"])
        assert pieces, f"claim {c['id']} is not marked"
        assert "".join(p["text"] for p in pieces) == c["text"]
        assert float(pieces[0]["attrs"]["data-score"]) == pytest.approx(c["score"], abs=1e-4)
        assert pieces[0]["attrs"].get("data-kinds", "").split() == c["kinds"]
        tag = claim_tags[c["id"]]
        assert f"{c['score']:.2f}" in tag and all(kind in tag for kind in c["kinds"])


def assert_self_contained(html: str, url: str | None) -> None:
    """No resource is loaded from anywhere: no src, no <link>, no CSS url()/@import; the only http link is the article's."""
    assert not re.search(r"\bsrc\s*=", html)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    external = [h for h in re.findall(r'href="([^"]*)"', html) if re.match(r"[a-z]+:", h)]
    assert set(external) <= ({url} if url else set())
    assert all(re.match(r'<a href="https?://', m) for m in re.findall(r'<[a-z]+ [^>]*?href="https?://', html))


def test_hand_built_record_is_valid_and_fully_marked():
    rec = budget_record()
    jsonschema.validate(rec, record_schema())
    for item in rec["entities"] + rec["quotes"] + rec["claims"]:
        assert rec["text"][item["start"]:item["end"]] == item["text"]
    html = render_article(rec)
    assert_all_marked(html, rec)
    assert_self_contained(html, rec["url"])


def test_crossing_spans_nest_and_split():
    rec = budget_record()
    marks = parse(render_article(rec))
    # c2 starts inside q1 and ends after it: q1 is split around c2's start, c2 is whole.
    assert len(marks.pieces("quote", "q1")) >= 3  # opening mark, inside c1, inside c2
    assert len(marks.pieces("claim", "c2")) == 1
    # the entity inside the quote inside the claim is one element.
    (money_mark,) = marks.pieces("entity", "e4")
    assert money_mark["text"] == "$4.5 million"


def test_nest_emits_balanced_markup_for_arbitrary_overlaps():
    text = "abcdefghij"
    spans = [Span(0, 6, 0, attrs={"data-ref": "a"}), Span(3, 9, 1, attrs={"data-ref": "b"}),
             Span(2, 4, 2, attrs={"data-ref": "c"}), Span(5, 10, 2, attrs={"data-ref": "d"})]
    html = nest(text, spans)
    assert re.sub(r"<[^>]+>", "", html) == text
    depth = 0
    for tag in re.findall(r"</?span", html):
        depth += -1 if tag.startswith("</") else 1
        assert depth >= 0
    assert depth == 0


def test_tooltips_show_canonical_names_and_normalized_values():
    html = render_article(budget_record())
    marks = parse(html)
    assert "canonical: Jane Doe" in marks.pieces("entity", "e7")[0]["attrs"]["title"]
    assert "$4,500,000" in marks.pieces("entity", "e4")[0]["attrs"]["title"]
    assert "more than $2,000,000" in marks.pieces("entity", "e10")[0]["attrs"]["title"]
    assert "33 U.S.C. § 1251" in marks.pieces("entity", "e2")[0]["attrs"]["title"]


def test_text_is_escaped():
    html = render_article(budget_record())
    assert "<b>budget</b>" not in html
    assert "Springfield &lt;b&gt;budget&lt;/b&gt; fight &amp; the" in html


def test_side_panel_lists_people_statutes_amounts_quotes_and_ranked_claims():
    html = render_article(budget_record())
    panel = html[html.index("<aside"):html.index("</aside>")]
    people = re.search(r"<span>People</span><span>(\d+)</span>", panel)
    assert people.group(1) == "2"  # Jane Doe (2 mentions under one canonical name) and Tom Ray
    assert re.search(r"Jane Doe</span><span class=\"count\">2×", panel)
    assert "Acme Corporation" in panel
    assert "33 U.S.C. § 1251" in panel
    assert panel.index("$4,500,000") < panel.index("more than $2,000,000")  # largest first
    assert re.search(r"Jane Doe</span><span class=\"count\">1</span>", panel)  # one quote by her
    claim_order = [panel.index(f'data-ref="{cid}"><span class="score"') for cid in ("c1", "c3", "c2")]
    assert claim_order == sorted(claim_order)  # ranked by score: .93, .77, .41


def test_empty_lists_and_nulls_degrade_gracefully():
    rec = record("bare-1", "A quiet day", "Nothing happened in Smallville.")
    rec["title"] = None
    rec["entities"] = [entity(rec["text"], "e1", "Smallville", "GPE"), entity(rec["text"], "e2", "quiet", "MOOD")]
    html = render_article(rec)
    assert html.count("None found.") == 6  # people, organizations, statutes, amounts, quotes, claims
    assert 'data-label="MOOD"' in html and "background: #ddd" in html  # displaCy's default colour for unknown labels
    assert "<h1>bare-1</h1>" in html
    assert_all_marked(html, rec)


def test_render_sample_through_cli(tmp_path, sample_record):
    output = tmp_path / "sample.html"
    result = CliRunner().invoke(app, ["render", str(SAMPLE), "-o", str(output)])
    assert result.exit_code == 0, result.output
    html = output.read_text(encoding="utf-8")
    assert sample_record["entities"], "the sample has entities"
    assert_all_marked(html, sample_record)
    assert_self_contained(html, sample_record["url"])
    for name in ("Mitch Landrieu", "Jeff Sessions"):
        assert re.search(rf'<span class="grow">{name}</span>', html)  # listed under people


def test_render_from_processed_dump_by_id(tmp_path):
    first, second = budget_record(), record("other-2", "Other", "Nothing to see.")
    second["source"]["line"] = None  # a null makes the loader's line column float: the view must still say ":1"
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in (first, second)), encoding="utf-8")
    runner = CliRunner()
    output = tmp_path / "one.html"
    result = runner.invoke(app, ["render", str(dump), "--id", "budget-1", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8") == render_article(first)  # the loader's round trip loses nothing shown
    result = runner.invoke(app, ["render", str(dump), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "--id" in result.output
    result = runner.invoke(app, ["render", str(dump), "--id", "missing", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "missing" in result.output
