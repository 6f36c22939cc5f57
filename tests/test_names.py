"""Name clustering rules (pipeline.extract.names): pure functions, no spaCy pipeline."""

import pytest

from pipeline.extract.names import (
    Mention,
    best_name,
    canonical_form,
    defined_acronym,
    cluster_aliases,
    find_aliases,
    find_entity,
    find_news_outlets,
    find_platforms,
    initials,
    is_news_outlet,
    is_platform,
    leading_title_words,
    link_mentions,
    org_key,
    parse_titles,
    placed_words,
    vote_label,
)


@pytest.mark.parametrize(
    ("text", "label", "canonical"),
    [
        ("Donald Trump's", "PERSON", "Donald Trump"),
        ("Sessions'", "PERSON", "Sessions"),
        ("Mayor Mitch Landrieu", "PERSON", "Mitch Landrieu"),
        ("U.S. Attorney General Jeff Sessions", "PERSON", "Jeff Sessions"),
        ("Sen. Elizabeth Warren", "PERSON", "Elizabeth Warren"),
        ("AG Michael Mukasey", "PERSON", "Michael Mukasey"),
        ("Mr Clarke", "PERSON", "Clarke"),
        ("the New Orleans Police Department", "ORG", "New Orleans Police Department"),
        ("the Trump Administration’s", "ORG", "Trump Administration"),
        ("President", "PERSON", "President"),
    ],
)
def test_canonical_form_strips_articles_possessives_and_titles(text, label, canonical):
    assert canonical_form(text, label) == canonical


def test_initials_with_and_without_small_words():
    assert "NOPD" in initials("New Orleans Police Department")
    assert "ICE" in initials("Immigration and Customs Enforcement")
    assert "DOJ" in initials("Department of Justice")
    assert "FBI" in initials("Federal Bureau of Investigation")
    assert initials("Congress") == set()


def test_reordered_department_names_share_a_key():
    assert org_key("Justice Department") == org_key("Department of Justice") == org_key("U.S. Department of Justice")
    assert org_key("State Department") != org_key("Justice Department")


def clusters(mentions):
    """Mention names grouped by cluster root."""
    roots = link_mentions(mentions)
    groups = {}
    for mention, root in zip(mentions, roots):
        groups.setdefault(root, []).append(mention.name)
    return sorted(groups.values())


def test_surname_joins_the_nearest_full_name_even_when_tagged_org():
    mentions = [
        Mention(0, "PERSON", "Mitch Landrieu"),
        Mention(40, "ORG", "Landrieu"),
        Mention(90, "PERSON", "Mary Landrieu"),
        Mention(120, "PERSON", "Landrieu"),
        Mention(200, "GPE", "New Orleans"),
    ]
    assert clusters(mentions) == [["Mary Landrieu", "Landrieu"], ["Mitch Landrieu", "Landrieu"], ["New Orleans"]]


def test_surname_after_a_paragraph_break_goes_with_a_namesake_who_opened_a_sentence_there():
    """Gary Johnson is named twice early on; "Johnson" right after a paragraph that opens with "Jeh Johnson
    says …" is Jeh Johnson, and Gary Johnson when Jeh Johnson was only named in passing there."""
    def johnson(opens_sentence):
        mentions = [
            Mention(0, "PERSON", "Gary Johnson"),
            Mention(200, "PERSON", "Gary Johnson"),
            Mention(1000, "PERSON", "Jeh Johnson", opens_sentence=opens_sentence),
            Mention(1150, "PERSON", "Johnson"),
        ]
        roots = link_mentions(mentions, paragraph_starts=[500, 1100])
        return mentions[roots.index(roots[3])].name
    assert johnson(opens_sentence=True) == "Jeh Johnson"
    assert johnson(opens_sentence=False) == "Gary Johnson"


def test_courtesy_titled_surnames_count_for_the_namesake_their_gender_fits():
    """"Mrs. Clinton", named twice, makes Hillary Clinton the article's Clinton, though Bill Clinton is named
    in full more often and last."""
    genders = {"Hillary": "female", "Bill": "male"}
    mentions = [
        Mention(0, "PERSON", "Hillary Clinton"),
        Mention(100, "PERSON", "Clinton", titled=True, gender="female"),
        Mention(200, "PERSON", "Clinton", titled=True, gender="female"),
        Mention(600, "PERSON", "Bill Clinton"),
        Mention(700, "PERSON", "Bill Clinton"),
        Mention(1200, "PERSON", "Clinton"),
    ]
    roots = link_mentions(mentions, lambda name: genders.get(name.split()[0]), paragraph_starts=[500, 1100])
    assert roots[5] == roots[0] != roots[3]


def test_place_named_like_a_surname_stays_apart():
    mentions = [Mention(0, "PERSON", "George Washington"), Mention(50, "GPE", "Washington")]
    assert len(clusters(mentions)) == 2


def test_place_tag_of_a_surname_joins_the_person_when_the_article_also_has_it_alone_as_a_person():
    # The model split a tennis player's surname between GPE and PERSON: the place tags join her.
    mentions = [
        Mention(0, "PERSON", "Lindsay Davenport"),
        Mention(60, "GPE", "Davenport"),
        Mention(120, "PERSON", "Davenport"),
        Mention(180, "GPE", "Melbourne"),
    ]
    assert clusters(mentions) == [["Lindsay Davenport", "Davenport", "Davenport"], ["Melbourne"]]


def test_place_tag_of_a_surname_the_article_never_writes_as_a_place_joins_the_person():
    mentions = [Mention(0, "PERSON", "Hugh Dallas"), Mention(60, "GPE", "Dallas", unplaced=True)]
    assert clusters(mentions) == [["Hugh Dallas", "Dallas"]]


def test_placed_words_are_the_capitalized_words_after_in_at_from_near():
    text = "The referee, Hugh Dallas, flew in from Glasgow. In Dallas and at Fort Worth, fans waited near Arlington; Dallas said nothing."
    assert placed_words(text) == {"Glasgow", "Dallas", "Fort", "Arlington"}


def test_acronyms_join_expansions_by_definition_or_initials():
    mentions = [
        Mention(0, "ORG", "New Orleans Police Department", acronym_defined="NOPD"),
        Mention(40, "ORG", "NOPD"),
        Mention(60, "ORG", "Immigration and Customs Enforcement"),
        Mention(100, "NORP", "ICE"),
        Mention(140, "ORG", "Justice Department"),
        Mention(180, "ORG", "Department of Justice"),
    ]
    assert clusters(mentions) == [
        ["Immigration and Customs Enforcement", "ICE"],
        ["Justice Department", "Department of Justice"],
        ["New Orleans Police Department", "NOPD"],
    ]


def test_full_names_outvote_bare_surnames():
    assert vote_label([("PERSON", 2), ("ORG", 1), ("ORG", 1), ("ORG", 1)]) == ("PERSON", True)
    assert vote_label([("ORG", 1), ("ORG", 1), ("PERSON", 1)]) == ("ORG", True)


def test_a_tie_is_not_outright():
    assert vote_label([("GPE", 1), ("PERSON", 1)]) == ("PERSON", False)


def test_best_name_prefers_the_fullest_name_over_acronyms():
    assert best_name(["NOPD", "New Orleans Police Department"], "ORG") == "New Orleans Police Department"
    assert best_name(["Landrieu", "Mitch Landrieu"], "PERSON") == "Mitch Landrieu"


def test_aliases_leave_out_common_words_and_ambiguous_surnames():
    names = {
        "k1": ("PERSON", ["Mitch Landrieu", "Landrieu"]),
        "k2": ("PERSON", ["Theresa May"]),
        "k3": ("ORG", ["Department"]),
        "k4": ("PERSON", ["Rand Paul"]),
        "k5": ("PERSON", ["Ron Paul"]),
    }
    aliases = cluster_aliases(names, lambda word: word == "Department")
    assert aliases["Landrieu"] == "k1" and aliases["Mitch Landrieu"] == "k1"
    assert "May" not in aliases and "Department" not in aliases and "Paul" not in aliases


def test_find_aliases_matches_whole_words_only():
    text = "Landrieu met Landrieus and O'Landrieu; then Landrieu's aide left."
    assert [(s, e) for s, e, _ in find_aliases(text, ["Landrieu"])] == [(0, 8), (44, 52)]


def test_find_entity_prefers_people_and_organizations():
    entities = [
        {"id": "e1", "label": "GPE", "start": 0, "end": 11},
        {"id": "e2", "label": "PERSON", "start": 20, "end": 34},
        {"id": "e3", "label": "ORG", "start": 40, "end": 44},
    ]
    assert find_entity(entities, 22, 30)["id"] == "e2"
    assert find_entity(entities, 5, 42)["id"] == "e2"
    assert find_entity(entities, 0, 5)["id"] == "e1"
    assert find_entity(entities, 12, 19) is None


def test_a_span_of_only_a_possessive_names_nothing_and_still_votes():
    assert canonical_form("’s", "GPE") == ""
    assert vote_label([("GPE", 0)]) == ("GPE", True)


@pytest.mark.parametrize(("name", "platform"), [("Twitter", True), ("Twitter's", True), ("google plus", True), ("Truth Social", True), ("Jack Dorsey", False), ("Vine Deloria", False)])
def test_is_platform(name, platform):
    assert is_platform(name) is platform


@pytest.mark.parametrize(("name", "outlet"), [("Politifact", True), ("PolitiFact’s", True), ("The Daily Caller", True), ("Salon", True),
                                             ("Bloomberg", False), ("Andrew Breitbart", False), ("Politico Playbook", False)])
def test_is_news_outlet(name, outlet):
    assert is_news_outlet(name) is outlet


def test_find_news_outlets_finds_whole_words_in_news_case():
    text = "Politico and BuzzFeed News reported it; politico.com, Politicos and a CNNer do not count, nor does a salon."
    assert [text[s:e] for s, e in find_news_outlets(text)] == ["Politico", "BuzzFeed News"]


def test_find_platforms_finds_whole_words_in_news_case():
    text = "He posted on Twitter and Facebook; TwitterBot and facebooking do not count, nor does YouTubers."
    assert [text[s:e] for s, e in find_platforms(text)] == ["Twitter", "Facebook"]


def test_titles_from_another_list_are_stripped_instead_of_the_shipped_ones():
    titles = parse_titles("# ours\nRegistrar\nDeputy Registrar.\n")
    assert leading_title_words("Deputy Registrar Ana Ruiz".split(), titles) == 2
    assert leading_title_words("Deputy Registrar Ana Ruiz".split()) == 1  # the shipped list knows "Deputy" only
    assert canonical_form("Registrar Ana Ruiz's", "PERSON", titles) == "Ana Ruiz"
    assert canonical_form("Mayor Ana Ruiz", "PERSON", titles) == "Mayor Ana Ruiz"


def test_an_acronym_in_parentheses_is_defined_only_when_it_starts_as_the_name_does():
    text = "The Asian Development Bank (ADB) said on Monday. WASHINGTON (CNN) The debate begins."
    assert defined_acronym(text, "Asian Development Bank", text.index(" (ADB)")) == "ADB"
    assert defined_acronym(text, "WASHINGTON", text.index(" (CNN)")) is None


def test_a_narrow_majority_is_not_outright():
    # "BT" tagged GPE 7 times and ORG 6 times in one article: each mention keeps the model's label.
    assert vote_label([("GPE", 1)] * 7 + [("ORG", 1)] * 6) == ("GPE", False)
    assert vote_label([("PERSON", 1)] * 4 + [("ORG", 1)] * 2) == ("PERSON", True)


def test_the_s_of_a_name_is_no_possessive():
    assert canonical_form("Moody’s", "ORG") == "Moody’s"
    assert canonical_form("Standard & Poor's", "ORG") == "Standard & Poor's"
    assert canonical_form("Trump's", "PERSON") == "Trump"
