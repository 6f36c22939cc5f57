"""Quote detection and content boundaries on sentences written for these tests: cues whose parse is
unusual, quotes beside an attribution with an adjunct, and where reported content starts and ends."""

from __future__ import annotations


def quotes_of(nlp, text: str) -> list[dict]:
    """The quote items the pipeline finds in ``text``."""
    return nlp(text)._.newslens_quotes


def pieces_text(text: str, quote: dict) -> list[str]:
    """The text of each piece of a quote."""
    return [text[s:e] for s, e in quote["spans"]]


def test_inverted_cue_after_a_quote_whose_subject_hangs_from_it(nlp):
    # The parser hangs the quoted sentence's subject ("mode") from "said" too: the speaker is the
    # subject next to the cue, and the quote before it is the content.
    text = '"The county is in crisis mode. Full crisis mode," said Dana Whitlock, a Baton Rouge-based director of the River Program.'
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"] == "Dana Whitlock"
    assert pieces_text(text, quote) == [text[: text.index(" said")]]


def test_cue_with_an_adjunct_takes_the_quote_beside_it(nlp):
    # "in an interview with …" is how it was said, not what: the marked quote is the content.
    text = ('"She is the best engineer we have. Not good, the best. One of the finest people in the entire parish," '
            'Sheriff Tom Ardoin said in a phone interview.')
    (quote,) = quotes_of(nlp, text)
    assert quote["type"] == "direct" and quote["speaker"] == "Sheriff Tom Ardoin"
    assert pieces_text(text, quote) == [text[: text.index(" Sheriff")]]


def test_quote_ending_a_paragraph_is_not_taken_by_the_next_paragraphs_cue(nlp):
    text = ('"We will rebuild the pier before the summer," the harbor master said at a briefing. "They will see the difference."\n\n'
            'The Republican National Committee noted in a statement on Monday.')
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"] == "the harbor master"
    assert pieces_text(text, quote) == ['"We will rebuild the pier before the summer,"', '"They will see the difference."']


def test_object_of_a_cue_that_names_what_was_said_is_reported_content(nlp):
    text = ("The governor announced a plan to rebuild the levees along the Atchafalaya. "
            "A new poll shows the mayor with a narrow lead among likely voters.")
    found = quotes_of(nlp, text)
    assert [(q["speaker"], q["text"], q["type"]) for q in found] == [
        ("The governor", "a plan to rebuild the levees along the Atchafalaya", "indirect"),
        ("A new poll", "the mayor with a narrow lead among likely voters", "indirect")]


def test_listeners_pronouns_and_adjuncts_after_a_cue_are_not_content(nlp):
    text = ("The sheriff told reporters at the courthouse on Monday. The sheriff denied it on Monday. "
            "The mayor said little about the budget.")
    assert quotes_of(nlp, text) == []


def test_cue_gerund_after_by_or_before_takes_the_enclosing_verbs_subject(nlp):
    text = "The sheriff opened the meeting by saying that the jail would close in June."
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"] == "The sheriff" and quote["text"] == "that the jail would close in June"


def test_mixed_quote_ending_on_a_mark_continues_into_the_next_quoted_sentence(nlp):
    text = ('The council\'s budget did "far too little," the treasurer added. '
            '"Without new revenue, the parish will run out of money by spring."')
    (quote,) = quotes_of(nlp, text)
    assert quote["type"] == "mixed"
    assert pieces_text(text, quote) == ['The council\'s budget did "far too little,"',
                                        '"Without new revenue, the parish will run out of money by spring."']


def test_split_quote_keeps_its_opening_piece_when_the_parser_hangs_it_elsewhere(nlp):
    text = '“Now that I do not have to be polite anymore,” she told the radio host, “it was demoralizing to work for the mayor.”'
    (quote,) = quotes_of(nlp, text)
    assert quote["type"] == "direct"
    assert pieces_text(text, quote) == ["“Now that I do not have to be polite anymore,”",
                                        "“it was demoralizing to work for the mayor.”"]


def test_cue_tagged_as_a_plural_noun_but_given_a_subject_is_a_cue(nlp):
    # The tagger reads "charges" in "Landry charges that …" as a plural noun now and then; the parse
    # (written out here, as the parser gives it) still makes it the verb of "Landry".
    from spacy.tokens import Doc

    from pipeline.extract.quotes import cue_of

    words = ["Landry", "charges", "that", "the", "port", "paid", "donors", "."]
    doc = Doc(nlp.vocab, words=words, tags=["NNP", "NNS", "IN", "DT", "NN", "VBD", "NNS", "."],
              heads=[1, 1, 5, 4, 5, 1, 5, 1], deps=["nsubj", "ROOT", "mark", "det", "nsubj", "ccomp", "dobj", "punct"])
    cue_forms = nlp.get_pipe("newslens_quotes").cue_forms
    assert cue_of(doc[1], cue_forms) == ("speech", 1)
    # Without a subject, a plural noun stays a noun ("the charges that …").
    noun = Doc(nlp.vocab, words=["The", "charges", "were", "false", "."], tags=["DT", "NNS", "VBD", "JJ", "."],
               heads=[1, 2, 2, 2, 2], deps=["det", "nsubj", "ROOT", "acomp", "punct"])
    assert cue_of(noun[1], cue_forms) is None


def test_narration_ending_on_a_colon_before_the_quote_is_not_content(nlp):
    text = "Councilwoman Ann Ames scolded the director: “The board has ignored every warning you were given,” she said."
    (quote,) = quotes_of(nlp, text)
    assert quote["type"] == "direct"
    assert pieces_text(text, quote) == ["“The board has ignored every warning you were given,”"]


def test_a_cue_participle_after_reported_speech_is_its_own_quote_by_the_same_speaker(nlp):
    text = ("The treasurer said the levy would not pass this year, arguing that voters were tired of new taxes. "
            "Analysts said local factors have helped the mayor's appeal, citing the importance of a port that employs half the town.")
    found = [(q["cue"], q["speaker"], q["text"]) for q in quotes_of(nlp, text)]
    assert found == [("said", "The treasurer", "the levy would not pass this year"),
                     ("arguing", "The treasurer", "that voters were tired of new taxes"),
                     ("said", "Analysts", "local factors have helped the mayor's appeal"),
                     ("citing", "Analysts", "the importance of a port that employs half the town")]


def test_a_clause_opened_by_a_subordinator_before_the_cue_is_not_content(nlp):
    text = ("While he acknowledged money was a big reason he felt tired serving under the mayor, "
            "Landry also noted several “intangibles” left him bitter.")
    noted = [q for q in quotes_of(nlp, text) if q["cue"] == "noted"]
    assert [pieces_text(text, q) for q in noted] == [["several “intangibles” left him bitter"]]


def test_quote_continues_after_the_attribution_and_a_but(nlp):
    text = ('"You know, I love Martha," he said, but "when it comes to flood issues, Martha has a history of '
            'representing oil companies in big lawsuits."')
    (quote,) = quotes_of(nlp, text)
    assert quote["type"] == "direct"
    assert pieces_text(text, quote) == ['"You know, I love Martha,"', text[text.index('"when') :]]


def test_a_date_after_a_cue_ends_its_object(nlp):
    text = ("Porter responded to a grieving mother Wednesday night by saying his refusal to use the word "
            "“corruption” was a “manufactured” issue.")
    (quote,) = quotes_of(nlp, text)
    assert quote["speaker"] == "Porter"
    assert quote["text"] == "his refusal to use the word “corruption” was a “manufactured” issue"


def test_according_to_parsed_as_the_root_attributes_the_clause_after_its_comma(nlp):
    text = ("The campaign asked the moderator to check the facts. "
            "According to conservative radio host Dale Ritter, the move reeks of “panic” and desperation.")
    according = [q for q in quotes_of(nlp, text) if q["cue"] == "According to"]
    assert [(q["speaker"], q["text"], q["type"]) for q in according] == [
        ("conservative radio host Dale Ritter", "the move reeks of “panic” and desperation", "mixed")]


def test_a_cue_with_a_colon_introduces_only_the_quote_after_it(nlp):
    text = 'The mayor will probably use the hearing to announce a new budget, Ritter said: "I think she has a plan nobody expects."'
    (quote,) = quotes_of(nlp, text)
    assert quote["type"] == "direct"
    assert pieces_text(text, quote) == ['"I think she has a plan nobody expects."']


def test_a_cue_with_a_that_clause_after_it_reports_nothing_before_it(nlp):
    text = ('Claiming the criticism of the chief is meant to pressure the council, Porter told reporters that '
            '"they went after him because they wanted a tougher budget."')
    told = [q for q in quotes_of(nlp, text) if q["cue"] == "told"]
    assert [pieces_text(text, q) for q in told] == [[text[text.index('that "') :]]]


def test_a_cue_ending_its_paragraph_on_a_colon_introduces_the_next_paragraph(nlp):
    # "Ruiz added:" has no content in its sentence: the block quote is the next paragraph, unmarked
    # here, and only that paragraph (the narration after it is not what she said).
    text = ("Mayor Ana Ruiz spoke to reporters on Monday about the budget.\n\nRuiz added:\n\n"
            "The city cannot keep paying for roads it does not build. We will cut the contract and start again next spring.\n\n"
            "Council members did not respond to the plan.")
    added = [q for q in quotes_of(nlp, text) if q["cue"] == "added"]
    assert [(q["speaker"], pieces_text(text, q)) for q in added] == [
        ("Ruiz", ["The city cannot keep paying for roads it does not build. We will cut the contract and start again next spring."])]


def test_a_block_quote_with_mispaired_marks_after_a_colon_is_direct(nlp):
    # The writer closed the quote with an opening mark, and the attribution runs on long before its
    # colon: the paragraph is still the quote, in marks.
    text = ("Senator Paul Avery spoke in March.\n\nAvery said this week, after a long closed-door meeting with farmers:\n\n"
            "“Nobody in this state should wait a year for a permit. That is the truth.“\n\nThe agency has not replied.")
    said = [q for q in quotes_of(nlp, text) if q["cue"] == "said"]
    assert [(q["type"], pieces_text(text, q)) for q in said] == [
        ("direct", ["“Nobody in this state should wait a year for a permit. That is the truth.“"])]


def test_a_participle_after_an_adjunct_noun_takes_the_clauses_subject(nlp):
    # "in many cases reporting …": the parser hangs the cue from "cases", which names nobody; the
    # speaker is the subject of the clause the adjunct belongs to.
    text = "The lenders have hidden their losses for years, in many cases reporting different numbers to each regulator."
    reporting = [q for q in quotes_of(nlp, text) if q["cue"] == "reporting"]
    assert [q["speaker"] for q in reporting] == ["The lenders"]


def test_a_second_attribution_joined_by_and_is_not_what_the_first_reports(nlp):
    # The parser may hang the second "said" from the first, which would make each quote hold the other.
    text = "Six in 10 tenants said the landlord is honest and fair, and three-quarters said the same about the mayor."
    assert [(q["speaker"], q["text"]) for q in quotes_of(nlp, text)] == [
        ("Six in 10 tenants", "the landlord is honest and fair"), ("three-quarters", "the same about the mayor")]
