"""Dump-level names (``pipeline.load`` → ``name``, ``speaker_name``, ``claimant_name``) on records written here."""

from __future__ import annotations

import json
from collections import Counter

import pipeline
from pipeline.dump_names import person_key, person_names


def record(article_id: str, text: str, people: list[tuple[str, str | None]], orgs: tuple[str, ...] = ()) -> dict:
    """A minimal record whose text names ``people`` (mention, canonical) and ``orgs``, with one quote
    per person mention (spoken by it) and one claim inside each quote."""
    entities, quotes, claims = [], [], []
    for name, canonical in people:
        start = text.index(name)
        entity_id = f"e{len(entities) + 1}"
        entities.append({"id": entity_id, "text": name, "label": "PERSON", "start": start, "end": start + len(name),
                         "canonical": canonical, "cluster": None, "normalized": None})
        quote_id = f"q{len(quotes) + 1}"
        quotes.append({"id": quote_id, "text": text, "start": 0, "end": len(text), "spans": [[0, len(text)]],
                       "type": "indirect", "cue": "said", "cue_start": None, "cue_end": None, "speaker": name,
                       "speaker_start": start, "speaker_end": start + len(name), "speaker_canonical": canonical or name,
                       "speaker_entity": entity_id, "confidence": 0.7,
                       "speakers": [{"text": name, "start": start, "end": start + len(name),
                                     "canonical": canonical or name, "entity": entity_id}]})
        claims.append({"id": f"c{len(claims) + 1}", "text": text, "start": 0, "end": len(text), "score": 0.9,
                       "kinds": ["quote"], "claimant": name, "claimant_canonical": canonical or name,
                       "quote_id": quote_id, "entity_ids": [entity_id]})
    for name in orgs:
        start = text.index(name)
        entities.append({"id": f"e{len(entities) + 1}", "text": name, "label": "ORG", "start": start,
                         "end": start + len(name), "canonical": name, "cluster": None, "normalized": None})
    return {"id": article_id, "title": article_id, "text": text, "url": None, "published": None,
            "source": {"path": "written.txt", "line": 1}, "entities": entities, "quotes": quotes, "claims": claims,
            "meta": {"model": "en_core_web_sm-3.8.0", "newslens_version": "0", "warnings": []}}


def load_records(tmp_path, records: list[dict]):
    path = tmp_path / "dump.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return pipeline.load(path)


def test_variants_of_one_person_get_one_name_across_the_dump(tmp_path):
    frames = load_records(tmp_path, [
        record("a1", "Donald J. Trump said the wall would be built.", [("Donald J. Trump", "Donald J. Trump")]),
        record("a2", "Donald Trump said taxes would fall.", [("Donald Trump", "Donald Trump")]),
        record("a3", "President Donald Trump said so again.", [("President Donald Trump", "Donald Trump")]),
        record("a4", "Trump said the deal was bad.", [("Trump", "Trump")]),
        record("a5", "Obama said the economy had recovered.", [("Obama", "Obama")]),
        record("a6", "Barack Obama said he was proud.", [("Barack Obama", "Barack Obama")]),
    ])
    assert Counter(frames.quotes["speaker_name"]) == {"Donald Trump": 4, "Barack Obama": 2}
    assert set(frames.entities["name"]) == {"Donald Trump", "Barack Obama"}
    assert list(frames.claims["claimant_name"]) == list(frames.quotes["speaker_name"])


def test_people_sharing_a_surname_stay_apart(tmp_path):
    frames = load_records(tmp_path, [
        record("a1", "Hillary Clinton said she would win.", [("Hillary Clinton", "Hillary Clinton")]),
        record("a2", "Bill Clinton said the campaign was strong.", [("Bill Clinton", "Bill Clinton")]),
        record("a3", "Clinton said the polls were close.", [("Clinton", "Clinton")]),
        record("a4", "Donald Trump Jr. said his father would win.", [("Donald Trump Jr.", "Donald Trump Jr.")]),
        record("a5", "Donald Trump said he would win.", [("Donald Trump", "Donald Trump")]),
        record("a6", "Trump said the race was rigged.", [("Trump", "Trump")]),
    ])
    names = dict(zip(frames.quotes["article_id"], frames.quotes["speaker_name"]))
    assert names == {"a1": "Hillary Clinton", "a2": "Bill Clinton", "a3": "Clinton",
                     "a4": "Donald Trump Jr.", "a5": "Donald Trump", "a6": "Donald Trump"}


def test_unresolved_speakers_have_no_name_and_organizations_keep_theirs(tmp_path):
    done = record("a1", "The Census Bureau said incomes rose. Jane Roe said so.", [("Jane Roe", "Jane Roe")],
                  orgs=("The Census Bureau",))
    unresolved = record("a2", "He said it would rain.", [("He", None)])
    for item in unresolved["quotes"]:
        item.update(speaker_canonical=None, speaker_entity=None)
    unresolved["entities"] = []
    # an "it" shown as the common noun it stands for names no one across a dump
    described = record("a3", "The report came out. It said rents rose.", [("It", None)])
    for item in described["quotes"]:
        item.update(speaker_canonical="The report", speaker_entity=None)
    described["entities"] = []
    # a name the entity stage missed keeps the name it has
    missed = record("a4", "Bo Chan said the vote is on Friday.", [("Bo Chan", "Bo Chan")])
    for item in missed["quotes"]:
        item.update(speaker_entity=None)
    missed["entities"] = []
    frames = load_records(tmp_path, [done, unresolved, described, missed])
    assert frames.quotes["speaker_name"].iloc[0] == frames.claims["claimant_name"].iloc[0] == "Jane Roe"
    assert frames.quotes["speaker_name"].isna().tolist() == frames.claims["claimant_name"].isna().tolist() == [False, True, True, False]
    assert frames.quotes["speaker_name"].iloc[3] == "Bo Chan"
    assert "The Census Bureau" in set(frames.entities["name"])


def test_person_key_drops_titles_middle_names_and_keeps_suffixes():
    assert person_key("President Donald J. Trump") == person_key("Donald Trump") == ("donald", "trump")
    assert person_key("Joseph R. Biden Jr.") == ("joseph", "biden", "jr")
    assert person_key("Obama's") == ("obama",)
    assert person_names(Counter({"Bill Clinton": 5, "Hillary Clinton": 5, "Clinton": 3}))["Clinton"] == "Clinton"


def test_given_names_and_nicknames_on_them_join_the_person_who_holds_the_given_name():
    names = person_names(Counter({"Hillary Clinton": 20, "Crooked Hillary": 4, "Hillary": 3, "Bill Clinton": 10,
                                  "Bill Blames Hillary": 1,
                                  "Bernie Sanders": 8, "Bernie": 2, "Paul Ryan": 5, "Paul Horner": 5, "Paul": 1}))
    assert names["Crooked Hillary"] == names["Hillary"] == "Hillary Clinton"
    assert names["Bernie"] == "Bernie Sanders"
    assert names["Paul"] == "Paul"  # two people share it


def test_double_surnames_hyphens_and_headlines_taken_for_names_join_the_person():
    names = person_names(Counter({"Debbie Wasserman Schultz": 8, "Debbie Wasserman-Schultz": 6, "Wasserman Schultz": 40,
                                  "Donald Trump": 100, "Trump Hit Over Not Releasing Tax Returns Trump": 17,
                                  "Kellyanne Conway": 5, "Hussein Obama": 1, "Barack Obama": 30, "Michelle Obama": 9,
                                  "Barack Hussein Obama": 2}))
    assert names["Wasserman Schultz"] == names["Debbie Wasserman-Schultz"] == "Debbie Wasserman Schultz"
    assert names["Trump Hit Over Not Releasing Tax Returns Trump"] == "Donald Trump"
    assert names["Kellyanne Conway"] == "Kellyanne Conway"  # a given name the list lacks: no double surname
    assert names["Barack Hussein Obama"] == "Barack Obama"
    assert names["Michelle Obama"] == "Michelle Obama"


def test_a_surname_tagged_as_an_organization_and_a_group_in_the_singular_take_the_dump_names(tmp_path):
    tagged_org = record("a3", "Trump said the deal was bad.", [("Trump", "Trump")])
    tagged_org["entities"][0]["label"] = "ORG"
    one_member = record("a4", "A Nevada Democrat said she was worried.", [("Democrat", "Democrat")])
    group = record("a5", "Democrats said the vote was close.", [("Democrats", "Democrats")])
    for item in one_member["entities"] + group["entities"]:
        item["label"] = "NORP"
    company = record("a6", "Acme said profits rose. Trump Tower opened.", [], orgs=("Acme", "Trump Tower"))
    frames = load_records(tmp_path, [
        *(record(f"a1{n}", "Donald Trump said taxes would fall.", [("Donald Trump", "Donald Trump")]) for n in range(4)),
        record("a2", "Melania Trump said she was proud.", [("Melania Trump", "Melania Trump")]),
        tagged_org, one_member, group, company,
    ])
    names = dict(zip(frames.quotes["article_id"], frames.quotes["speaker_name"]))
    assert names == {**{f"a1{n}": "Donald Trump" for n in range(4)}, "a2": "Melania Trump", "a3": "Donald Trump",
                     "a4": "Democrats", "a5": "Democrats"}
    assert {"Acme", "Trump Tower"} <= set(frames.entities["name"])  # organizations that speak nowhere keep their names
