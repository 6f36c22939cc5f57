"""The article view: every entity, quote and claim marked with its label, properly nested, self-contained."""

from __future__ import annotations

import json
import re
from html import escape, unescape
from html.parser import HTMLParser

import jsonschema
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.render import render_article
from pipeline.render.article import MARKED_CLAIMS
from pipeline.render.markup import Node, Span, nest
from pipeline.schema import record_schema
from conftest import SAMPLE, budget_record, claim, entity, money, quote, record

VOID_TAGS = {"meta", "br", "img", "link", "input", "hr", "wbr"}
LABEL_CLASSES = {"ent-label", "who", "rank"}  # labels the view adds inside marks: not part of the marked text


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


def popover_details(html: str) -> dict[str, dict]:
    """The popover data of an article view (one JSON object, by item id)."""
    match = re.search(r'<script type="application/json" id="details">(.*?)</script>', html, re.S)
    assert match, "no popover data"
    return json.loads(match.group(1))


def tag_texts(html: str, css: str) -> dict[str, str]:
    """The text of every speaker label (``who``) or claim rank button (``rank``) in the text, by the id of its item."""
    pattern = {"who": r'<span class="who" data-for="([^"]+)">(.*?)</span>',
               "rank": r'<button class="rank" type="button" data-ref="([^"]+)"[^>]*>(.*?)</button>'}[css]
    return {unescape(ref): unescape(text) for ref, text in re.findall(pattern, html)}


def assert_all_marked(html: str, rec: dict) -> None:
    """Every entity, quote and claim of ``rec`` is in ``html``, marked with its label, its text intact, its details
    in the popover data; the article's top-ranked claims are marked from the start, the others on demand."""
    marks = parse(html)
    text = rec["text"]
    details = popover_details(html)
    for ent in rec["entities"]:
        pieces = marks.pieces("entity", ent["id"])
        assert pieces, f"entity {ent['id']} {ent['text']!r} is not marked"
        assert {p["attrs"]["data-label"] for p in pieces} == {ent["label"]}
        assert "".join(p["text"] for p in pieces) == ent["text"]
        assert details[ent["id"]]["kind"] == ent["label"] and details[ent["id"]]["title"] == ent["text"]
    assert html.count('class="ent-label"') == len(rec["entities"])  # one visible label per entity
    for q in rec["quotes"]:
        pieces = marks.pieces("quote", q["id"])
        assert pieces, f"quote {q['id']} is not marked"
        assert "".join(p["text"] for p in pieces) == "".join(text[s:e] for s, e in q["spans"])
        speaker = q.get("speaker_canonical") or q["speaker"]
        assert {p["attrs"].get("data-speaker", "") for p in pieces} == {speaker or ""}
        assert {p["attrs"].get("data-cue", "") for p in pieces} == {q["cue"] or ""}
        assert ["speaker", speaker or "unknown"] in details[q["id"]]["rows"]
    speaker_tags = tag_texts(html, "who")
    assert len(speaker_tags) == len(rec["quotes"])
    for q in rec["quotes"]:
        assert (q.get("speaker_canonical") or q["speaker"] or "(unattributed)") in speaker_tags[q["id"]]
    ranks = tag_texts(html, "rank")
    assert len(ranks) == len(rec["claims"])
    by_score = sorted(rec["claims"], key=lambda c: (-c["score"], c["start"]))
    for c in rec["claims"]:
        pieces = marks.pieces("claim", c["id"])
        assert pieces, f"claim {c['id']} is not marked"
        assert "".join(p["text"] for p in pieces) == c["text"]
        assert float(pieces[0]["attrs"]["data-score"]) == pytest.approx(c["score"], abs=1e-4)
        assert pieces[0]["attrs"].get("data-kinds", "").split() == c["kinds"]
        rank = c.get("rank") or by_score.index(c) + 1
        assert ranks[c["id"]] == str(rank) == pieces[0]["attrs"]["data-rank"]
        assert ("marked" in pieces[0]["classes"]) == (rank <= MARKED_CLAIMS)
        assert ["check-worthiness", f"{c['score']:.2f}"] in details[c["id"]]["rows"]


def assert_self_contained(html: str, url: str | None) -> None:
    """No resource is loaded from anywhere: no src, no <link>, no CSS url()/@import; the only http link is the article's."""
    assert not re.search(r"\bsrc\s*=", html)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    external = [h for h in re.findall(r'href="([^"]*)"', html) if re.match(r"[a-z]+:", h)]
    assert set(external) <= ({url} if url else set())
    assert all(m.startswith('<a ') for m in re.findall(r'<[a-z]+ [^>]*?href="https?://', html))


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


def flatten(nodes: list) -> tuple[str, list[str]]:
    """The text of a markup tree and the data-ref of every element, in document order."""
    text, refs = [], []
    for node in nodes:
        if isinstance(node, str):
            text.append(node)
        else:
            refs.append(node.attrs.get("data-ref"))
            inner, inner_refs = flatten(node.children)
            text.append(inner)
            refs.extend(inner_refs)
    return "".join(text), refs


def test_nest_builds_a_tree_for_arbitrary_overlaps():
    text = "abcdefghij"
    spans = [Span(0, 6, 0, attrs={"data-ref": "a"}), Span(3, 9, 1, attrs={"data-ref": "b"}, tail=Node("i", {}, ["!"])),
             Span(2, 4, 2, attrs={"data-ref": "c"}), Span(5, 10, 2, attrs={"data-ref": "d"})]
    flat, refs = flatten(nest(text, spans))
    assert flat == "abcdefghi!j"  # b's tail once, where b really ends (after "i")
    assert set(refs) == {"a", "b", "c", "d", None}
    assert refs.count("b") >= 2  # b crosses a's end: split into pieces


def test_popover_details_show_canonical_names_and_normalized_values():
    details = popover_details(render_article(budget_record()))
    assert ["name", "Jane Doe"] in details["e7"]["rows"]
    assert ["value", "$4,500,000"] in details["e4"]["rows"]
    assert ["value", "more than $2,000,000"] in details["e10"]["rows"]
    assert ["value", "33 U.S.C. § 1251 (Clean Water Act)"] in details["e2"]["rows"]
    assert ["claimant", "Jane Doe"] in details["c1"]["rows"] and ["rank", "1 of 3"] in details["c1"]["rows"]
    assert ["cue", "said"] in details["q1"]["rows"]


def test_text_is_escaped():
    html = render_article(budget_record())
    assert "<b>budget</b>" not in html
    assert "Springfield &lt;b&gt;budget&lt;/b&gt; fight &amp; the" in html


def test_hostile_text_stays_text_in_marks_attributes_and_popover_data():
    rec = record("x-1", 'Hostile "quotes" & <script>alert(1)</script>', "Mayor </script><script>alert(2)</script> spoke.")
    t = rec["text"]
    rec["entities"] = [entity(t, "e1", "</script><script>alert(2)</script>", "PERSON", canonical='Bob "<img onerror=x>"')]
    html = render_article(rec)
    assert "<script>alert" not in html and "<img" not in html
    assert popover_details(html)["e1"]["rows"] == [["name", 'Bob "<img onerror=x>"']]
    assert html.count("<script") == 2  # the popover data and the page's own script, nothing from the record


def test_only_http_urls_become_links():
    for url, linked in (("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), ("data:text/html,<b>x</b>", False),
                        ("https://example.org/a?b=1&c=2", True), ("http://example.org/", True), ("example.org/x", False)):
        rec = budget_record()
        rec["url"] = url
        html = render_article(rec)
        hrefs = [unescape(h) for h in re.findall(r'href="([^"]*)"', html)]
        assert (url in hrefs) == linked, url
        assert not any(h.lower().startswith(("javascript", "data")) for h in hrefs)
        if not linked:
            assert f'<span class="url">{escape(url)}</span>' in html  # shown as text


def test_claims_follow_the_record_rank_when_present():
    rec = budget_record()
    for c, rank in zip(rec["claims"], (3, 1, 2)):  # c1 (0.93) third, c2 (0.41) first
        c["rank"] = rank
    html = render_article(rec)
    assert_all_marked(html, rec)
    panel = html[html.index("<aside"):html.index("</aside>")]
    order = [panel.index(f'href="#{cid}"') for cid in ("c2", "c3", "c1")]
    assert order == sorted(order)


def test_side_panel_lists_ranked_claims_first_then_people_statutes_amounts_quotes():
    html = render_article(budget_record())
    panel = html[html.index("<aside"):html.index("</aside>")]
    sections = re.findall(r"<h3><span>([^<]+)</span><span>(\d+)</span></h3>", panel)
    assert sections == [("Claims to check", "3"), ("People", "2"), ("Statutes", "1"), ("Amounts", "2"),
                        ("Organizations", "1"), ("Quotes by speaker", "1")]
    assert re.search(r'data-refs="e3 e7">.*?<span class="name">Jane Doe</span> <span class="count">2×', panel)  # one name, two mentions
    assert "Acme Corporation" in panel and "33 U.S.C. § 1251" in panel
    assert panel.index("$4,500,000") < panel.index("more than $2,000,000")  # largest first
    claim_order = [panel.index(f'href="#{cid}"') for cid in ("c1", "c3", "c2")]
    assert claim_order == sorted(claim_order)  # ranked by score: .93, .77, .41
    assert re.search(r'<div class="who-head"><span>Jane Doe</span><span class="count">1</span>', panel)


def test_missing_and_null_optional_fields(tmp_path):
    rec = budget_record()
    for key in ("title", "url", "published"):
        rec[key] = None
    del rec["meta"]["warnings"]
    for q in rec["quotes"]:
        for key in ("cue", "cue_start", "cue_end", "speaker", "speaker_start", "speaker_end", "speaker_canonical", "confidence"):
            q.pop(key)
    for c in rec["claims"]:
        c.pop("claimant"), c.pop("claimant_canonical"), c.pop("kinds")
    html = render_article(rec)
    assert "<h1>budget-1</h1>" in html and "published" not in html
    details = popover_details(html)
    assert ["speaker", "unknown"] in details["q1"]["rows"] and ["claimant", "publication’s voice"] in details["c1"]["rows"]


def test_empty_lists_and_nulls_degrade_gracefully():
    rec = record("bare-1", "A quiet day", "Nothing happened in Smallville.")
    rec["title"] = None
    rec["entities"] = [entity(rec["text"], "e1", "Smallville", "GPE"), entity(rec["text"], "e2", "quiet", "MOOD")]
    html = render_article(rec)
    assert html.count("None found.") == 6  # claims, people, statutes, amounts, organizations, quotes
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
        assert re.search(rf'<span class="name">{name}</span>', html)  # listed under people


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


def test_bare_numbers_start_switched_off_and_long_panel_lists_fold():
    rec = record("n-1", "Counts", "Two officials counted 3 boxes at 9 p.m. with " + ", ".join(f"Person{i} Name" for i in range(15)) + ".")
    t = rec["text"]
    rec["entities"] = [entity(t, "e1", "3", "CARDINAL"), entity(t, "e2", "9 p.m.", "TIME")]
    rec["entities"] += [entity(t, f"p{i}", f"Person{i} Name", "PERSON") for i in range(15)]
    html = render_article(rec)
    marks = parse(html)
    assert "off" in marks.pieces("entity", "e1")[0]["classes"] and "off" in marks.pieces("entity", "e2")[0]["classes"]
    assert "off" not in marks.pieces("entity", "p0")[0]["classes"]
    assert re.search(r'data-label="CARDINAL"[^>]*aria-pressed="false"', html) and re.search(r'data-label="PERSON"[^>]*aria-pressed="true"', html)
    panel = html[html.index("<aside"):html.index("</aside>")]
    shown, folded = panel.split('<summary>All 15</summary>')
    assert shown.count('<span class="name">Person') == 12 and folded.count('<span class="name">Person') == 3
