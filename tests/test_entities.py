"""The newslens_entities component on the bundled sample and on sentences written for these tests."""

import json
import re
from pathlib import Path

import pytest

from pipeline.evaluate.entities import evaluate, score
from pipeline.extract.names import find_entity

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "raw" / "landrieu-sanctuary.txt"
GOLD = REPO / "tests" / "data" / "entities_gold.jsonl"
NEWS_GOLD = REPO / "tests" / "data" / "entities_news_gold.jsonl"
ITEM_KEYS = {"id", "text", "label", "start", "end", "canonical", "cluster", "normalized"}


@pytest.fixture(scope="module")
def sample_entities(nlp):
    text = SAMPLE.read_text(encoding="utf-8")
    return text, nlp(text)._.newslens_entities


def entities_of(nlp, text: str) -> list[dict]:
    return nlp(text)._.newslens_entities


def test_items_have_the_record_shape_sorted_and_numbered(sample_entities):
    text, entities = sample_entities
    assert all(set(e) == ITEM_KEYS for e in entities)
    assert [e["start"] for e in entities] == sorted(e["start"] for e in entities)
    assert [e["id"] for e in entities] == [f"e{i}" for i in range(1, len(entities) + 1)]
    assert all(text[e["start"]:e["end"]] == e["text"] for e in entities)


def test_sample_usc_citation_is_one_law(sample_entities):
    text, entities = sample_entities
    start = text.index("8 U.S.C. 1373")
    inside = [e for e in entities if e["start"] < start + 13 and e["end"] > start]
    assert [(e["text"], e["label"]) for e in inside] == [("8 U.S.C. 1373", "LAW")]
    assert inside[0]["normalized"]["citation"] == "8 U.S.C. § 1373"


def test_sample_money_is_normalized(sample_entities):
    _, entities = sample_entities
    money = {e["text"]: e["normalized"] for e in entities if e["label"] == "MONEY"}
    assert money["$1.5 billion"]["amount"] == pytest.approx(1.5e9)
    assert money["$1.5 billion"]["currency"] == "USD"
    assert money["$80 million"]["amount"] == pytest.approx(8e7)
    assert money["$80 million"]["qualifier"] == "more than"
    assert not [text for text in money if text.startswith("more than")]


def test_every_landrieu_is_mitch_landrieu(sample_entities):
    text, entities = sample_entities
    occurrences = [i for i in range(len(text)) if text.startswith("Landrieu", i)]
    by_start = {e["start"]: e for e in entities}
    for start in occurrences:
        entity = by_start.get(start) or by_start.get(start - len("Mitch "))
        assert entity is not None, text[start - 20:start + 20]
        assert (entity["label"], entity["canonical"]) == ("PERSON", "Mitch Landrieu")
    assert len({by_start[s]["cluster"] for s in occurrences if s in by_start}) == 1


def test_nopd_and_ice_join_their_expansions(sample_entities):
    _, entities = sample_entities
    cluster_of = {}
    for e in entities:
        cluster_of.setdefault(e["text"].removeprefix("the "), set()).add(e["cluster"])
    assert cluster_of["NOPD"] == cluster_of["New Orleans Police Department"]
    assert cluster_of["ICE"] == cluster_of["Immigration and Customs Enforcement"]
    ice = [e for e in entities if e["text"] == "ICE"]
    assert len(ice) == 2 and all(e["label"] == "ORG" for e in ice)
    assert ice[0]["canonical"] == "Immigration and Customs Enforcement"


def test_possessives_are_trimmed_from_spans(sample_entities):
    _, entities = sample_entities
    assert not [e["text"] for e in entities if e["text"].endswith(("'s", "’s", "'"))]
    assert "Donald Trump" in {e["text"] for e in entities}


def test_no_entity_runs_across_a_blank_line(nlp):
    text = ("Trump wins the night.\n\n5. Trump Hit Over Not Releasing Tax Returns\n\n"
            "Trump clashed with his rival over his tax returns.")
    found = entities_of(nlp, text)
    assert found and not any("\n" in e["text"] for e in found)
    assert not any((e["canonical"] or "").endswith("Returns Trump") for e in found)


def test_a_courtesy_title_keeps_a_surname_from_the_namesake_of_the_other_gender(nlp):
    text = ("Bill Clinton and Hillary Clinton toured Ohio. Mrs. Clinton said she would win. Mr. Clinton smiled.\n\n"
            "First lady Michelle Obama spoke in Denver. Mr. Obama said the economy was strong.")
    people = [(e["text"], e["canonical"]) for e in entities_of(nlp, text) if e["label"] == "PERSON"]
    assert ("Clinton", "Hillary Clinton") in people and ("Clinton", "Bill Clinton") in people
    assert ("Obama", "Michelle Obama") not in people and ("Obama", "Obama") in people


def test_clusters_are_numbered_k1_upwards_and_only_for_names(sample_entities):
    _, entities = sample_entities
    clusters = [e["cluster"] for e in entities if e["cluster"]]
    assert clusters[0] == "k1"
    assert all(e["cluster"] is None for e in entities if e["label"] not in {"PERSON", "ORG", "GPE"})
    assert all(e["cluster"] and e["canonical"] for e in entities if e["label"] in {"PERSON", "ORG", "GPE"})


def test_doc_ents_carry_the_same_entities(nlp):
    doc = nlp("The county said it complies with 8 U.S.C. 1373 and paid $2 million to settle.")
    assert [(e.text, e.label_) for e in doc.ents] == [(e["text"], e["label"]) for e in doc._.newslens_entities]
    assert ("8 U.S.C. 1373", "LAW") in [(e.text, e.label_) for e in doc.ents]


def test_acts_tagged_org_become_law(nlp):
    entities = entities_of(nlp, "Under the Immigration and Nationality Act, agents may question anyone believed to be a foreigner.")
    assert [(e["text"], e["label"]) for e in entities if "Act" in e["text"]] == [("Immigration and Nationality Act", "LAW")]


def test_money_the_model_calls_cardinal(nlp):
    entities = entities_of(nlp, "The company paid 2.5 million euros to settle the claims in Paris.")
    (money,) = [e for e in entities if e["label"] == "MONEY"]
    assert money["text"] == "2.5 million euros"
    assert money["normalized"]["currency"] == "EUR"


def test_titles_are_stripped_and_surnames_clustered(nlp):
    entities = entities_of(nlp, "Home Secretary Charles Clarke defended the plan on Monday. Mr Clarke said it would cut fraud.")
    people = [e for e in entities if e["label"] == "PERSON"]
    assert [e["text"] for e in people] == ["Charles Clarke", "Clarke"]
    assert {e["canonical"] for e in people} == {"Charles Clarke"}
    assert len({e["cluster"] for e in people}) == 1


def test_reordered_department_names_share_a_cluster(nlp):
    entities = entities_of(nlp, "The Department of Justice opened an inquiry in Chicago. A Justice Department spokeswoman declined to comment.")
    clusters = {e["cluster"] for e in entities if "Justice" in e["text"]}
    assert len(clusters) == 1


def test_speaker_mention_maps_to_its_entity(nlp, sample_entities):
    text, entities = sample_entities
    start = text.index("Landrieu said in a statement")
    entity = find_entity(entities, start, start + len("Landrieu"))
    assert entity["canonical"] == "Mitch Landrieu"


def test_enhance_false_copies_the_model(nlp):
    from pipeline.nlp import load_nlp

    bare = load_nlp(components=())
    bare.add_pipe("newslens_entities", config={"enhance": False})
    text = SAMPLE.read_text(encoding="utf-8")
    doc = bare(text)
    assert [(e["text"], e["label"]) for e in doc._.newslens_entities] == [(e.text, e.label_) for e in doc.ents]
    assert all(e["cluster"] is None and e["normalized"] is None for e in doc._.newslens_entities)


def test_score_trims_articles_and_possessives():
    documents = [{"id": "d1", "text": "The FBI met Donald Trump's lawyers.", "entities": [
        {"start": 0, "end": 7, "label": "ORG"}, {"start": 12, "end": 24, "label": "PERSON"}]}]
    predictions = [[{"start": 4, "end": 7, "label": "ORG"}, {"start": 12, "end": 26, "label": "PERSON"},
                    {"start": 27, "end": 34, "label": "NORP"}]]
    metrics = score(documents, predictions)
    assert metrics["overall"]["f1"] == 1.0
    assert set(metrics["labels"]) == {"ORG", "PERSON"}


def test_layer_beats_the_bare_model_on_the_gold_sentences(nlp):
    from pipeline.nlp import load_nlp

    bare = load_nlp(components=())
    bare.add_pipe("newslens_entities", config={"enhance": False})
    enhanced, baseline = evaluate(GOLD, nlp), evaluate(GOLD, bare)
    json.dumps(enhanced)
    assert enhanced["labels"]["LAW"]["f1"] >= 0.8
    for label in ("PERSON", "ORG", "GPE", "MONEY"):
        assert enhanced["labels"][label]["f1"] >= baseline["labels"][label]["f1"], label


def test_layer_meets_the_goals_on_the_wire_style_tuning_set(nlp):
    # The tuning set: written in the style of wire copy, studied while building the layer. The
    # held-out set (entities_news_heldout.jsonl) is reported in docs/evaluation.md, not tested.
    from pipeline.nlp import load_nlp

    bare = load_nlp(components=())
    bare.add_pipe("newslens_entities", config={"enhance": False})
    enhanced, baseline = evaluate(NEWS_GOLD, nlp), evaluate(NEWS_GOLD, bare)
    assert enhanced["labels"]["LAW"]["f1"] >= 0.85
    assert enhanced["labels"]["PERSON"]["f1"] >= 0.86
    assert enhanced["labels"]["MONEY"]["f1"] >= 0.93
    assert enhanced["money_amounts"]["f1"] >= 0.98
    for label in ("PERSON", "ORG", "GPE"):
        assert enhanced["labels"][label]["f1"] >= baseline["labels"][label]["f1"], label


def test_money_amount_match_ignores_qualifiers_but_not_scale():
    text = "It paid more than $80 million, then $5 million."
    gold = [{"start": 18, "end": 29, "label": "MONEY"}, {"start": 36, "end": 46, "label": "MONEY"}]
    predicted = [{"start": 8, "end": 29, "label": "MONEY"}, {"start": 36, "end": 38, "label": "MONEY"}]
    metrics = score([{"id": "d", "text": text, "entities": gold}], [predicted])
    # One of two amounts matches ("more than $80 million" holds "$80 million"); no exact span does.
    assert (metrics["money_amounts"]["recall"], metrics["labels"]["MONEY"]["recall"]) == (0.5, 0.0)


def test_money_span_stops_before_the_sentence_period(nlp):
    text = "The regulator can now fine companies up to £17.5m."
    (money,) = [e for e in entities_of(nlp, text) if e["label"] == "MONEY"]
    assert money["text"] == text[money["start"]:money["end"]] == "£17.5m"
    assert (money["normalized"]["amount"], money["normalized"]["qualifier"]) == (pytest.approx(1.75e7), "up to")


@pytest.mark.parametrize(
    ("text", "amount", "qualifier"),
    [
        ("The company will pay nearly $12 billion to buy the chipmaker, Bloomberg reported.", "$12 billion", "nearly"),
        ("Shares closed below $13, wiping about $4 billion off the company's market value.", "$4 billion", "about"),
        ("The campaign raised more than $80 million in the third quarter.", "$80 million", "more than"),
    ],
)
def test_money_spans_leave_qualifiers_to_normalized(nlp, text, amount, qualifier):
    money = {e["text"]: e for e in entities_of(nlp, text) if e["label"] == "MONEY"}
    assert money[amount]["normalized"]["qualifier"] == qualifier
    assert all(text[e["start"]:e["end"]] == e["text"] and e["text"][0] in "$£€" for e in money.values())


@pytest.mark.parametrize(
    ("text", "law", "kind"),
    [
        ("Flynn will invoke his Fifth Amendment right and decline the subpoena.", "Fifth Amendment", "amendment"),
        ("The council adopted resolution No. 678 in November 1990.", "resolution No. 678", "resolution"),
        ("The justices relied on a 1976 ruling, 425 U.S. 435, in the bank records case.", "425 U.S. 435", "case_citation"),
        ("The panel pointed to its earlier decision, 531 F.3d 1033, and denied the motion.", "531 F.3d 1033", "case_citation"),
        ("President Trump signed Executive Order 13769 a week after taking office.", "Executive Order 13769", "executive_order"),
        ("The Community Reinvestment Act was passed in 1977 to fight redlining.", "Community Reinvestment Act", "act"),
    ],
)
def test_statutes_as_reporters_write_them(nlp, text, law, kind):
    laws = [e for e in entities_of(nlp, text) if e["label"] == "LAW"]
    assert [(e["text"], e["normalized"]["kind"]) for e in laws] == [(law, kind)]


def test_platforms_are_never_people(nlp):
    entities = entities_of(nlp, "Trump attacked the judge on Twitter early on Saturday, and Facebook removed the post.")
    platforms = [(e["text"], e["label"]) for e in entities if e["text"] in {"Twitter", "Facebook"}]
    assert platforms == [("Twitter", "ORG"), ("Facebook", "ORG")]


@pytest.mark.parametrize("text, outlets", [
    ("Politico reported on Friday that the governor would veto the bill, and Politifact rated his claim false.",
     [("Politico", "ORG"), ("Politifact", "ORG")]),  # the model: Politifact PERSON
    ("The senator told Politico that the plan was dead.", [("Politico", "ORG")]),  # the model: PERSON
    ("The right-wing website Breitbart drew attention to the rally, according to Snopes and Mother Jones.",
     [("Breitbart", "ORG"), ("Snopes", "ORG"), ("Mother Jones", "ORG")]),  # the model: Breitbart PERSON, no Mother Jones
    ("Politifact looked at the senator's claim that taxes doubled.", [("Politifact", "ORG")]),  # the model: nothing
    ("Andrew Breitbart founded the website in 2007.", [("Andrew Breitbart", "PERSON")]),  # a person named like his outlet
])
def test_news_outlets_are_never_people(nlp, text, outlets):
    entities = entities_of(nlp, text)
    assert [(e["text"], e["label"]) for e in entities if e["label"] in {"PERSON", "ORG"}] == outlets


def test_a_call_to_share_is_no_entity(nlp):
    text = "If you agree the media needs to quit lying, then please SHARE, SHARE, SHARE this with everyone you know!"
    assert not [e for e in entities_of(nlp, text) if "SHARE" in e["text"]]


def test_a_platform_inside_an_organization_name_is_left_to_it(nlp):
    entities = entities_of(nlp, "Shares of Facebook Inc. fell 3 percent on the Nasdaq on Monday.")
    assert [e["text"] for e in entities if e["label"] == "ORG"][:1] == ["Facebook Inc."]


@pytest.mark.parametrize(
    "text",
    [
        "Protesters outside the statehouse waved copies of the Holy Bible and pocket editions of the Constitution.",
        "Some imams run councils that apply Sharia in family disputes, a report found.",
        "Constitutional scholars said the order would not survive a court challenge.",
    ],
)
def test_religious_texts_and_adjectives_are_not_laws(nlp, text):
    laws = [e["text"] for e in entities_of(nlp, text) if e["label"] == "LAW"]
    assert laws == (["Constitution"] if "the Constitution" in text else [])


def test_a_person_name_the_model_split_is_one_name(nlp):
    entities = entities_of(nlp, "The Clean Air Act requires the agency to act, Judge Amy Berman Jackson wrote.")
    assert [e["text"] for e in entities if e["label"] == "PERSON"] == ["Amy Berman Jackson"]


@pytest.mark.parametrize("text, glued, name", [
    ("Praising Tillerson, the president said he was a great choice.", "Praising Tillerson", "Tillerson"),
    ("Without Bloomberg on the ballot, the race tightened.", "Without Bloomberg", "Bloomberg"),
    ("Billionaire Donald Trump spoke first. Donald Trump then left the stage.", "Billionaire Donald Trump", "Donald Trump"),
])
def test_a_word_glued_before_a_name_is_no_part_of_it(nlp, text, glued, name):
    """The model tags a sentence's first word with the name after it; the person is the name alone."""
    people = [e for e in entities_of(nlp, text) if e["label"] == "PERSON"]
    assert people[0]["text"] == name and people[0]["canonical"] == name
    assert not any(e["text"] == glued or e["canonical"] == glued for e in people)


def test_a_given_name_opening_a_sentence_stays_in_the_name(nlp):
    people = [e["text"] for e in entities_of(nlp, "Will Hurd said the wall would not work.") if e["label"] == "PERSON"]
    assert people == ["Will Hurd"]


def test_a_bare_surname_far_from_a_relative_named_in_passing_is_the_article_s_person(nlp):
    """Every "Cruz" is Ted Cruz, the man the article is about, though his wife was named last, in passing,
    a paragraph earlier; a namesake named in full in the surname's own paragraph is that namesake."""
    text = ("Ted Cruz endorsed Donald Trump on Friday.\n\n"
            "Sen. Ted Cruz had refused to do so in July, after Trump retweeted a photo of Heidi Cruz.\n\n"
            "Cruz said he had kept his word to the voters.\n\n"
            "His father, Rafael Cruz, was at the rally. Cruz waved to the crowd.")
    people = [(e["start"], e["canonical"]) for e in entities_of(nlp, text) if e["text"] == "Cruz"]
    assert dict(people)[text.index("Cruz said")] == "Ted Cruz"
    assert dict(people)[text.index("Cruz waved")] == "Rafael Cruz"


def test_a_name_written_with_and_without_its_accents_is_one_person(nlp):
    text = "French President François Hollande spoke on Monday. Francois Hollande had met the press. Hollande left."
    people = [e for e in entities_of(nlp, text) if e["label"] == "PERSON"]
    assert len({e["cluster"] for e in people}) == 1


def test_empty_text_has_no_entities(nlp):
    assert nlp("")._.newslens_entities == []


# What must never come out of the entity layer on real political news (issue 15), written apart
# from the layer's own lists so the check is independent of them.
PLATFORM_NAMES = {"twitter", "facebook", "instagram", "youtube", "google", "reddit", "snapchat", "tiktok", "whatsapp", "linkedin"}
OUTLET_NAMES = {"politico", "politifact", "breitbart", "snopes", "gawker", "infowars", "mediaite", "raw story"}
DEBRIS_TEXT = re.compile(r"/ ?(?:AP|AFP|Getty|Reuters|EPA)\b|AP Photo|Getty Images|Google Plus|Plus Embed|\bSHARES?\b|SHARE (?:THIS|ON)")
NOT_LAWS = {"sharia", "shariah", "bible", "holy bible", "koran", "quran", "torah", "constitutional", "godwin's law", "godwin’s law",
            "rule of law", "kill bill"}
# Words of quoted speech, not of a law's name ("I law like I …", "… it would be devastating").
SPEECH = re.compile(r"\b(?:I've|I'm|I'll|we|you|it's|never|was|were|would|could)\b|\bI (?!of\b)[a-z]")
# A law names itself by a head word, a number or section sign, a case caption, or is an acronym or a law known by name.
LAW_SHAPE = re.compile(
    r"\b(?:Acts?|Amendments?|Constitution|Code|Bill|Laws?|Treat(?:y|ies)|Clause|Charter|Resolution|Order|Statutes?|"
    r"Accords?|Agreement|Convention|Protocol|Directive|Decree|Ordinance|Regulations?|Rules?|Measures|Provisions|Plan|Partnership|Pact)\b"
    r"|\d|§| v\. |^(?:Title|Article|Section|Chapter) [IVXLC]+$|^[A-Z][A-Z0-9&-]{1,7}$|^(?:Obamacare|Dodd-Frank|Glass-Steagall|Sarbanes-Oxley|Taft-Hartley|Magna Carta|No Child Left Behind)$"
)
TRIGGERS = re.compile(r"Twitter|Facebook|Instagram|YouTube|Politico|Politifact|Breitbart|Snopes|Gawker|Infowars|Sharia|Bible|Koran|Constitutional|/ ?AP\b|AFP|Getty|AP Photo|Plus Embed|SHARES")


@pytest.mark.slow
def test_us_political_news_has_no_platform_people_credits_widgets_or_non_laws(nlp):
    from pipeline.frames import frames_from_records
    from pipeline.ingest import read_articles
    from pipeline.runner import process
    from tests.conftest import shared_file

    source = shared_file("data/bench/us_political.jsonl")
    # Every article that mentions a platform, a religious text, "Constitutional" or a photo agency (≈ 300).
    articles = (a for a in read_articles([source]) if "error" in a or TRIGGERS.search(f"{a.get('title') or ''} {a['text']}"))
    records = [item for item in process(articles, nlp) if "error" not in item]
    entities = frames_from_records(iter(records)).entities
    assert len(records) > 250 and len(entities) > 10_000
    names = entities.text.str.replace(r"['’]s?$", "", regex=True).str.lower()
    people = entities[(entities.label == "PERSON") & names.isin(PLATFORM_NAMES | OUTLET_NAMES)]
    assert people.empty, people[["article_id", "text"]].to_string()
    debris = entities[entities.text.str.contains(DEBRIS_TEXT)]
    assert debris.empty, debris[["article_id", "text", "label"]].to_string()
    laws = entities[entities.label == "LAW"]
    not_laws = laws[laws.text.str.lower().str.removeprefix("the ").isin(NOT_LAWS) | laws.text.str.contains("\n")
                    | ~laws.text.str.contains(LAW_SHAPE) | laws.text.str.contains(SPEECH) | (laws.text.str.split().str.len() > 12)]
    assert not_laws.empty, not_laws[["article_id", "text"]].to_string()
    assert len(laws) > 100  # the statutes are still found


def test_gold_labelled_by_id_takes_its_text_from_the_articles_file(tmp_path):
    # Labels of shared corpora keep ids and offsets only; the scorer joins the texts by id.
    from pipeline.evaluate.entities import read_gold

    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "a1", "text": "Mayor Ana Ortiz met IBM in Lyon."}) + "\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a1", "entities": [{"start": 6, "end": 15, "label": "PERSON"}]}) + "\n", encoding="utf-8")
    (document,) = read_gold(gold, [articles])
    assert document["text"][6:15] == "Ana Ortiz"
    with pytest.raises(ValueError, match="no text for 1 documents"):
        read_gold(gold)


def test_an_amount_in_per_cent_is_no_money(nlp):
    text = "The government set public sector wage rises at 1.7 per cent this year, with a three per cent ceiling."
    assert not [e["text"] for e in entities_of(nlp, text) if e["label"] == "MONEY"]


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("A lawyer representing Mr Doherty and Mr Wass said outside court that both would appeal.", ["Doherty", "Wass"]),
        ('"Demand for the players is huge," said Mr Irish. Stuff has compiled a list of the top sellers.', ["Irish"]),
        ("The owner of Dr Pepper said Dame Judi Dench would open the theatre.", ["Judi Dench"]),
    ],
)
def test_a_name_after_a_courtesy_title_is_a_person(nlp, text, people):
    assert [e["text"] for e in entities_of(nlp, text) if e["label"] == "PERSON"] == people


def test_a_dateline_agency_is_no_acronym_of_the_place(nlp):
    text = "Washington (CNN) The two candidates will debate on Monday, CNN reported, and CNN will host it."
    places = [e["text"] for e in entities_of(nlp, text) if e["label"] == "GPE"]
    assert places == ["Washington"]


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Shares in Manchester United closed up 4% on Monday after the new offer.", "Manchester United", "ORG"),
        ("The mayor of Fort Lee said he was punished for refusing to endorse the governor.", "Fort Lee", "GPE"),
    ],
)
def test_clubs_and_places_are_not_people(nlp, text, name, label):
    assert (name, label) in [(e["text"], e["label"]) for e in entities_of(nlp, text)]


def test_a_name_without_a_capital_is_no_entity(nlp):
    text = "Stadium vendors will sell marijuana brownies to fans this season, officials said."
    assert [e["text"] for e in entities_of(nlp, text) if e["label"] in {"PERSON", "ORG", "GPE"}] == []


def test_a_text_written_all_in_lower_case_keeps_its_names(nlp):
    text = "the minister said venezuela wants flexible terms from its creditors, as brazil and chile did."
    assert [e["text"] for e in entities_of(nlp, text) if e["label"] == "GPE"] == ["venezuela", "brazil", "chile"]


def test_number_words_count_cents_in_wire_earnings_tables(nlp):
    text = "MERIDIAN BANCORP SETS PAYOUT. Qtly div three cts vs two cts prior. Pay April one."
    assert [e["text"] for e in entities_of(nlp, text) if e["label"] == "MONEY"] == ["three cts", "two cts"]


def test_a_name_whose_s_is_its_own_keeps_it(nlp):
    text = "The painting sold at Sotheby's for a record, and Moody's cut the auction house's rating."
    orgs = [(e["text"], e["canonical"]) for e in entities_of(nlp, text) if e["label"] == "ORG"]
    assert ("Sotheby's", "Sotheby's") in orgs and ("Moody's", "Moody's") in orgs


def test_nationality_tag_of_a_surname_is_the_person_named_in_full(nlp):
    # The model tags the second "Jaynes" NORP; the article names Peter Jaynes in full.
    text = "The court fined Peter Jaynes, a spam dealer from Virginia. Jaynes amassed a fortune from his sales, prosecutors said."
    people = [(e["text"], e["canonical"]) for e in entities_of(nlp, text) if e["label"] == "PERSON"]
    assert people == [("Peter Jaynes", "Peter Jaynes"), ("Jaynes", "Peter Jaynes")]


def test_nationality_word_that_is_also_a_surname_stays_a_nationality(nlp):
    text = "Bill English said English voters had not been asked. He met Dawn French and French officials on Monday."
    labels = {(e["text"], e["label"]) for e in entities_of(nlp, text)}
    assert ("Bill English", "PERSON") in labels and ("Dawn French", "PERSON") in labels
    assert ("English", "PERSON") not in labels and ("French", "PERSON") not in labels
