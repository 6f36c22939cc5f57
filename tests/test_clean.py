"""The clean stage: character repair, debris rules (one test per rule), paragraph re-flow."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from pipeline.clean import DEBRIS_RULES, clean_article, fix_characters, paragraphs_of_block, remove_debris

SHARED = Path(__file__).resolve().parents[2] / "shared"

NEWS = "The city council voted 7-2 on Tuesday to fund the new flood wall along the lake."


def clean(text: str, title: str | None = None, **fields) -> dict:
    return clean_article({"title": title, "text": text, **fields})


def test_every_rule_has_a_test_below():
    tested = {name for name, _, _ in DEBRIS_CASES} | {"image_size_suffix"}
    assert {rule.name for rule in DEBRIS_RULES} == tested


# (rule, a body holding the debris, what must remain); every line is written for this test.
DEBRIS_CASES = [
    ("bracket_placeholder", f"Officials met on Monday. [jump] {NEWS}", f"Officials met on Monday. {NEWS}"),
    ("advertisement", f"{NEWS}\n\nAdvertisement - story continues below\n\nThe vote came late.", f"{NEWS}\n\nThe vote came late."),
    ("ad_placeholder", f"{NEWS}\n\nYour ads will be inserted here by\n\nEasy Plugin for AdSense.", NEWS),
    ("story_continues", f"{NEWS}\n\nStory Continued Below\n\nThe vote came late.", f"{NEWS}\n\nThe vote came late."),
    ("share_counter", f"12.4k SHARES SHARE THIS STORY\n\n{NEWS}", NEWS),
    ("share_buttons", f"{NEWS}\n\nFacebook Twitter Pinterest", NEWS),
    ("share_prompt", f"{NEWS}\n\nShare this on Facebook if you agree the wall is overdue!", NEWS),
    ("tweet_link", "Great turnout tonight in Baton Rouge! pic.twitter.com/AbCdE12345 — Jane Roe (@janeroe) May 2, 2019",
     "Great turnout tonight in Baton Rouge! — Jane Roe (@janeroe) May 2, 2019"),
    ("social_counts", f"{NEWS}\n\n8:15 PM - 3 Mar 2018\n\n1,204 1,204 Retweets 3,311 3,311 likes", NEWS),
    ("video_widget", f"Play VIDEO\n\n{NEWS}\n\nclose dialog", NEWS),
    ("featured_image_credit", f"{NEWS}\n\nFeatured image via Gary Moss/Getty Images", NEWS),
    ("image_credit", f"Image caption\n\n{NEWS}", NEWS),
    ("photo_credit", f"{NEWS}\n\nMaria Lopez/AP Photo", NEWS),
    ("caption_credit", f"The mayor tours the flood wall in Slidell, La., on May 2, 2019. Ann Marie Dole / AP\n\n{NEWS}",
     f"The mayor tours the flood wall in Slidell, La., on May 2, 2019.\n\n{NEWS}"),
    ("share_widget", f"PlayCouncil votes on flood wall Facebook Twitter Google Plus Embed\n\n{NEWS}", NEWS),
    ("posted_by", f"Posted by Dan Weller on 4 Oct 2016\n\n{NEWS}", NEWS),
    ("source_credit", f"{NEWS}\n\nH/T: Bayou Daily News", NEWS),
    ("empty_label", f"{NEWS}\n\nAuthors:", NEWS),
    ("read_more", f"{NEWS}\n\nRead More", NEWS),
    ("click_prompt", f"{NEWS}\n\nClick here to get our morning newsletter", NEWS),
    ("follow_prompt", f"{NEWS}\n\nFollow us on Twitter", NEWS),
    ("separator", f"{NEWS}\n\n* * *\n\nThe vote came late.", f"{NEWS}\n\nThe vote came late."),
    ("reuters_trailer", "Gulf Coast Refining Corp said it raised crude prices by 50 cts.\n Reuter\n\x03",
     "Gulf Coast Refining Corp said it raised crude prices by 50 cts."),
    ("reuters_ticker", "Delta Gas Inc <DGAS.N> said it agreed to buy Harbor Pipe Co <HPC> for 40 mln dlrs.",
     "Delta Gas Inc said it agreed to buy Harbor Pipe Co for 40 mln dlrs."),
    ("reuters_company_brackets", "<Pelican Mills Ltd> said it will close its Mobile plant.", "Pelican Mills Ltd said it will close its Mobile plant."),
    ("copyright_line", f"{NEWS}\n\nCopyright © 2019 Gulf Media Group. All rights reserved.", NEWS),
    ("symbol_run", f"{NEWS} {'😀' * 60}{'!' * 60}\n\nThe vote came late.", f"{NEWS}\n\nThe vote came late."),
    ("repeated_paragraph", f"{NEWS}\n\nThe vote came late on a rainy night in the old hall.\n\n{NEWS}\n\nThe vote came late on a rainy night in the old hall.",
     f"{NEWS}\n\nThe vote came late on a rainy night in the old hall."),
]


@pytest.mark.parametrize(("rule", "body", "expected"), DEBRIS_CASES, ids=[case[0] for case in DEBRIS_CASES])
def test_debris_rule_removes_its_debris(rule, body, expected):
    cleaned = clean(body)
    assert cleaned["body"] == expected
    assert cleaned["cleaning"]["removed"].get(rule, 0) >= 1


def test_title_suffix_and_counts():
    cleaned = clean(NEWS, title="Council funds flood wall_lowres")
    assert cleaned["title"] == "Council funds flood wall"
    assert cleaned["text"] == f"Council funds flood wall\n\n{NEWS}"
    assert cleaned["cleaning"]["removed"] == {"image_size_suffix": 1}


# Real news sentences that mention the words the rules look for: none may be touched.
SENTENCES_THAT_STAY = [
    "The senator said on Twitter that the advertisement was misleading.",
    "Advertisement spending by both campaigns rose 40% in October, the report found.",
    "Share prices fell 3% after the announcement.",
    "Shares of the company rose 12 percent in early trading.",
    "5 shares of the fund were sold on Friday, records show.",
    "Facebook said it would remove the posts.",
    "Follow-up hearings are scheduled for March.",
    "Sources said the deal could be signed this week.",
    "Via Rail Canada cancelled 40 trains on the route.",
    "Comments from the mayor drew criticism on Tuesday.",
    "Photo IDs will be required at every polling place, the judge ruled.",
    "Posted bond of $5,000, he was released on Wednesday.",
    "Read more than 200 pages of the report, she said, and the conclusion is clear.",
    "Click-through rates fell after the change, the company said.",
    "Reuters reported the figures on Monday.",
    "The company told Reuters it would appeal.",
    "“We will share this with the committee,” the chairman said.",
    "He tweeted: “The wall will be built.” — Jane Roe (@janeroe) May 2, 2019",
    "More than 3,000 people attended.",
    "The x < y and y > z comparison is shown in the chart.",
    "BATON ROUGE, La. (AP) — The council voted on Tuesday.",
    "A Reuters/Ipsos poll found 40 percent support for the wall.",
    "The AP/NORC survey was released on Friday.",
    "He told Reuters / AP on Monday that he would run.",
]


@pytest.mark.parametrize("sentence", SENTENCES_THAT_STAY)
def test_news_sentence_is_never_removed(sentence):
    body = f"{NEWS}\n\n{sentence}\n\nThe vote came late."
    cleaned = clean(body)
    assert cleaned["body"] == body
    assert cleaned["cleaning"]["removed"] == {}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The mayor speaks in Slidell. (DAN WELLER/AP)", "The mayor speaks in Slidell."),
        ("The mayor speaks in Slidell. (Photo: Dan Weller, AFP/Getty Images)", "The mayor speaks in Slidell."),
        ("The mayor speaks in Slidell. (Dan Weller/NOLA.com/Getty Images)", "The mayor speaks in Slidell."),
        ("The mayor speaks in Slidell. Photograph: Dan Weller/Reuters", "The mayor speaks in Slidell."),
        ("The mayor speaks in Slidell. | AP Photo Mayor: the wall comes first", "The mayor speaks in Slidell.\n\nMayor: the wall comes first"),
        ("Crowds in Slidell on May 2, 2019 | Dan Weller/AFP via Getty Images Council funds the wall", "Crowds in Slidell on May 2, 2019\n\nCouncil funds the wall"),
        ("Dan T. Weller III/The Slidell Sentry via AP Photo\n\nThe vote came late.", "The vote came late."),
        ("DAN WELLER via Getty Images.\n\nThe vote came late.", "The vote came late."),
        ("Dan Weller / Reuters.\n\nThe vote came late.", "The vote came late."),
        ("The mayor speaks in Slidell on Oct. 2, 2015. (DAN WELLER/AFP/Getty Images.)", "The mayor speaks in Slidell on Oct. 2, 2015."),
    ],
)
def test_caption_credits_in_their_forms(body, expected):
    cleaned = clean(body)
    assert cleaned["body"] == expected
    assert cleaned["cleaning"]["removed"] == {"caption_credit": 1}


def test_share_counter_with_share_on_buttons_is_a_widget():
    body = f"Join Bayou Patriots And Share This Article Now! 12.1k SHARES SHARE ON FACEBOOK SHARE ON TWITTER\n\n{NEWS}"
    cleaned = clean(body)
    assert cleaned["body"] == NEWS
    assert cleaned["cleaning"]["removed"] == {"share_widget": 1}


def test_wrapped_sentence_tail_is_not_taken_for_debris():
    # The second line alone would look like a share prompt; it is the tail of a wrapped sentence.
    body = (
        "Delta Gas Inc said it expects to earn about 1.20 dlrs per\n"
        "share on sales of 40 mln dlrs in the current fiscal year, up\n"
        "from 95 cts a year earlier, chairman John Fry told analysts.\n"
    )
    cleaned = clean(body)
    assert cleaned["body"].startswith("Delta Gas Inc said it expects to earn about 1.20 dlrs per share on sales")
    assert cleaned["cleaning"]["removed"] == {}


def test_characters_are_repaired_and_curly_quotes_kept():
    body = "The mayor\u00e2\u20ac\u2122s plan\r\nwas \u201cfully funded,\u201d she said &amp; left.\x07\u200b"
    cleaned = clean(body)
    assert cleaned["body"] == "The mayor\u2019s plan\n\nwas \u201cfully funded,\u201d she said & left."


def test_cp1252_input_is_reported():
    cleaned = clean(NEWS, encoding="cp1252")
    assert cleaned["cleaning"]["encoding"] == "cp1252"
    assert any("cp1252" in warning for warning in cleaned["warnings"])


def test_empty_body_is_reported():
    cleaned = clean("Read More\n\nFacebook Twitter", title="Council funds flood wall")
    assert cleaned["body"] == "" and cleaned["text"] == "Council funds flood wall"
    assert "the body is empty after cleaning" in cleaned["warnings"]


def test_newswire_paragraphs_are_rejoined():
    body = (
        "Gulf Coast Refining Corp said it\n"
        "raised its posted prices for crude oil by 50 cts a barrel,\n"
        "effective today. The increase brings its price for West Texas\n"
        "Intermediate to 18.00 dlrs a barrel.\n"
        "    The company said the move followed similar increases by\n"
        "other refiners in the region.\n"
        " Reuter\n"
    )
    assert clean(body)["body"].split("\n\n") == [
        "Gulf Coast Refining Corp said it raised its posted prices for crude oil by 50 cts a barrel, effective today. "
        "The increase brings its price for West Texas Intermediate to 18.00 dlrs a barrel.",
        "The company said the move followed similar increases by other refiners in the region.",
    ]


@pytest.mark.parametrize("ending", ["\n More\n\x03", "\nREUTER\n Reuter\n\x03", "        REUTER...\n\x03", "\n REUTER^M\n"])
def test_reuters_trailers_and_take_marker(ending):
    body = "Delta Gas Inc said its board approved a two-for-one\nstock split payable April 1." + ending
    cleaned = clean(body)
    assert cleaned["body"] == "Delta Gas Inc said its board approved a two-for-one stock split payable April 1."
    assert cleaned["cleaning"]["removed"] == {"reuters_trailer": 1}


def test_telling_reuters_is_not_a_trailer():
    body = "The refinery will stay open, a company spokesman told\nReuters.\n"
    assert clean(body)["body"] == "The refinery will stay open, a company spokesman told Reuters."


def test_wrapped_text_without_indentation_is_rejoined():
    block = (
        "The levee board approved a plan on Thursday that would raise\n"
        "the height of the wall by four feet, a project expected to\n"
        "cost about $80 million over six years.\n"
        "Work could begin next spring."
    )
    assert paragraphs_of_block(block) == [
        "The levee board approved a plan on Thursday that would raise the height of the wall by four feet, "
        "a project expected to cost about $80 million over six years.",
        "Work could begin next spring.",
    ]


def test_one_paragraph_per_line_stays_apart():
    block = (
        "Mayor LaToya Cantrell said the city would appeal the ruling.\n"
        "The council meets again on Thursday.\n"
        "Residents in Gentilly have waited six years for the wall to be finished, and many of them say they have lost patience with the delays.\n"
        "Flood Protection Authority Responds\n"
        "A spokesman for the authority said the schedule had not changed."
    )
    assert paragraphs_of_block(block) == [line for line in block.split("\n")]


def test_headline_line_is_not_joined_to_its_paragraph():
    block = "Levee Board Approves New Flood Wall Funding Plan\nThe levee board approved a plan on Thursday to raise the wall."
    assert len(paragraphs_of_block(block)) == 2


def test_table_rows_and_list_items_stay_apart():
    table = "Wheat     2.55    2.40\nCorn      1.35    1.92\nOats      1.24    0.99"
    assert paragraphs_of_block(table) == ["Wheat 2.55 2.40", "Corn 1.35 1.92", "Oats 1.24 0.99"]
    items = " - pay a fine of $1,000 within sixty days of the ruling\n - attend twelve counselling sessions this year\n - serve three years on probation"
    assert len(paragraphs_of_block(items)) == 3


def test_all_caps_title_is_left_as_is():
    assert clean(NEWS, title="GULF COAST REFINING RAISES CRUDE PRICES")["title"] == "GULF COAST REFINING RAISES CRUDE PRICES"


def _shared_corpus(name: str) -> list[dict]:
    path = SHARED / "data" / "bench" / name
    if not path.exists():
        pytest.skip(f"shared data set not available: {path}")
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for _, line in zip(range(400), handle)]


@pytest.mark.slow
def test_bbc_is_left_untouched():
    for article in _shared_corpus("bbc2000.jsonl"):
        cleaned = clean(article["text"], title=article["title"])
        assert cleaned["cleaning"]["removed"] == {}
        # Only layout and HTML entities change: every word is still there, in order.
        assert cleaned["body"].split() == html.unescape(article["text"]).split()


@pytest.mark.slow
def test_political_scrapes_keep_their_curly_quotes():
    for article in _shared_corpus("us_political.jsonl"):
        raw = article["text"]
        body = clean(raw)["body"]
        # A paragraph the source repeated is removed with its marks; every other mark stays.
        _, debris = remove_debris(fix_characters(raw), DEBRIS_RULES)
        repeated = "".join(text for rule, text in debris if rule.name == "repeated_paragraph")
        marks = lambda text: sum(text.count(mark) for mark in "\u201c\u201d")  # noqa: E731
        assert marks(body) == marks(raw) - marks(repeated)
        assert "\r" not in body and "Story Continued Below" not in body


@pytest.mark.parametrize("body, byline", [
    ("By Jane Roe\n\nThe council met on Tuesday.", "Jane Roe"),
    ("BY JANE ROE AND KIM RAY\n\nThe council met.", "JANE ROE AND KIM RAY"),
    ("By: Ann Lee, Associated Press\n\nThe council met.", "Ann Lee, Associated Press"),
    ("By Ann Lee - The Gazette, 12 May\n\nThe council met.", "Ann Lee"),
    ("The council met.\n\nBy Ann Lee | Staff writer\n\nIt voted.", "Ann Lee"),
    ("By Ann Lee, Kim Ray and Joe Bloggs 12 May 2024\n\nThe council met.", "Ann Lee, Kim Ray and Joe Bloggs"),
    # sentences that start with "By" name no author
    ("By 2025, 40% of homes will have fibre.\n\nThe council met.", None),
    ("By early March the council had voted.", None),
    ("By Election Day, Voters Will Have Decided.", None),
    ("By Monday the council had voted", None),
    # only the top of the body is looked at
    ("One.\n\nTwo.\n\nThree.\n\nBy Jane Roe", None),
])
def test_byline_line_at_the_top_of_the_body(body, byline):
    cleaned = clean_article({"title": "Council meets", "text": body})
    assert cleaned["byline"] == byline
    assert cleaned["body"] == body  # the line stays in the text
