"""Statute detection and citation normalization (pipeline.extract.laws), on sentences in news style."""

import pytest

from pipeline.extract.laws import RULES, find_laws, law_rules, names_a_law, parse_known_law_names, parse_not_laws


def only_law(sentence: str) -> tuple[str, dict]:
    """The text and normalized object of the single law found in ``sentence``."""
    laws = find_laws(sentence)
    assert len(laws) == 1, [sentence[l.start:l.end] for l in laws]
    return sentence[laws[0].start:laws[0].end], laws[0].normalized


def law_kind_citation(sentence: str) -> tuple[str, str, str]:
    """The text, kind and citation of the single law found in ``sentence``."""
    found, normalized = only_law(sentence)
    return found, normalized["kind"], normalized["citation"]


@pytest.mark.parametrize(
    ("sentence", "text", "citation", "subsection"),
    [
        ("Cities that refuse to comply with 8 U.S.C. 1373 could lose grants, the memo says.", "8 U.S.C. 1373", "8 U.S.C. § 1373", None),
        ("The county said it already complies with 8 U.S.C. § 1373 in full.", "8 U.S.C. § 1373", "8 U.S.C. § 1373", None),
        ("Lawyers argued that 8 USC §1373(a) is unconstitutional.", "8 USC §1373(a)", "8 U.S.C. § 1373(a)", "(a)"),
        ("The suit was filed under 42 U.S.C. §§ 1981-1983 last week.", "42 U.S.C. §§ 1981-1983", "42 U.S.C. §§ 1981-1983", None),
        ("The law, Title 8, Section 1373 of the U.S. Code, is short.", "Title 8, Section 1373 of the U.S. Code", "8 U.S.C. § 1373", None),
    ],
)
def test_us_code_spellings_share_one_citation(sentence, text, citation, subsection):
    found, normalized = only_law(sentence)
    assert found == text
    assert normalized["kind"] == "usc"
    assert normalized["citation"] == citation
    assert normalized["subsection"] == subsection


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "citation"),
    [
        ("Officers may hold a person for 48 hours under 8 C.F.R. 287.7, the agency said.", "8 C.F.R. 287.7", "cfr", "8 C.F.R. § 287.7"),
        ("The tax bill became Pub. L. 115-97 in December.", "Pub. L. 115-97", "public_law", "Pub. L. No. 115-97"),
        ("The health law, Public Law 111-148, runs to 900 pages.", "Public Law 111-148", "public_law", "Pub. L. No. 111-148"),
        ("The money was appropriated at 130 Stat. 2000 of the statutes.", "130 Stat. 2000", "statutes_at_large", "130 Stat. 2000"),
        ("The order was published at 82 Fed. Reg. 8799 on Jan. 30.", "82 Fed. Reg. 8799", "federal_register", "82 Fed. Reg. 8799"),
        ("Trump signed Executive Order 13768 five days after taking office.", "Executive Order 13768", "executive_order", "Executive Order 13768"),
        ("The House passed H.R. 3004 on a party-line vote.", "H.R. 3004", "bill", "H.R. 3004"),
        ("Senators introduced S. 1234 on Thursday.", "S. 1234", "bill", "S. 1234"),
    ],
)
def test_codes_regulations_orders_and_bills(sentence, text, kind, citation):
    assert law_kind_citation(sentence) == (text, kind, citation)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Deportation rules are set by the Immigration and Nationality Act, officials said.", "Immigration and Nationality Act"),
        ("Republicans again voted to repeal the Affordable Care Act on Friday.", "Affordable Care Act"),
        ("The Civil Rights Act of 1964 banned segregation in public places.", "Civil Rights Act of 1964"),
        ("Critics of the Patriot Act said it allowed bulk data collection.", "Patriot Act"),
        ("Ministers say the Human Rights Act 1998 stands in the way.", "Human Rights Act 1998"),
        ("MPs will vote on the Prevention of Terrorism Bill next week.", "Prevention of Terrorism Bill"),
        ("He was sentenced under Jessica's Law, which sets a minimum term.", "Jessica's Law"),
    ],
)
def test_named_acts_without_the_article(sentence, name):
    found, normalized = only_law(sentence)
    assert found == name
    assert normalized["name"] == name
    assert normalized["kind"] == "act"


def test_section_of_an_act_is_one_law():
    found, normalized = only_law("The sheriff joined a program under Section 287(g) of the Immigration and Nationality Act in 2017.")
    assert found == "Section 287(g) of the Immigration and Nationality Act"
    assert (normalized["section"], normalized["subsection"], normalized["name"]) == ("287", "(g)", "Immigration and Nationality Act")
    assert normalized["citation"] == "Immigration and Nationality Act § 287(g)"


def test_title_of_an_act_is_one_law():
    found, normalized = only_law("She sued under Title VII of the Civil Rights Act, alleging bias.")
    assert found == "Title VII of the Civil Rights Act"
    assert (normalized["title"], normalized["name"]) == ("VII", "Civil Rights Act")


def test_two_acts_joined_by_and_stay_apart():
    sentence = "Section 287(g) of the Immigration and Nationality Act and Title VII of the Civil Rights Act both apply."
    texts = [sentence[l.start:l.end] for l in find_laws(sentence)]
    assert texts == ["Section 287(g) of the Immigration and Nationality Act", "Title VII of the Civil Rights Act"]


def test_bare_section_number_with_subsection():
    found, normalized = only_law("Harris County ended its 287(g) agreement with federal agents.")
    assert found == "287(g)"
    assert (normalized["section"], normalized["subsection"]) == ("287", "(g)")


def test_retirement_plan_is_not_a_statute():
    assert find_laws("He moved his savings out of a 401(k) plan last year.") == []


@pytest.mark.parametrize(
    ("sentence", "text", "citation"),
    [
        ("The court said the search violated the Fourth Amendment.", "Fourth Amendment", "U.S. Const. amend. IV"),
        ("The 14th Amendment guarantees equal protection.", "14th Amendment", "U.S. Const. amend. XIV"),
    ],
)
def test_constitutional_amendments(sentence, text, citation):
    found, normalized = only_law(sentence)
    assert (found, normalized["citation"]) == (text, citation)


@pytest.mark.parametrize(
    ("sentence", "text", "citation"),
    [
        ("He was charged with murder under Cal. Penal Code § 187, prosecutors said.", "Cal. Penal Code § 187", "Cal. Penal Code § 187"),
        ("The count falls under N.Y. Penal Law § 125.25, second-degree murder.", "N.Y. Penal Law § 125.25", "N.Y. Penal Law § 125.25"),
        ("A grand jury indicted him under La. R.S. 14:30 on Monday.", "La. R.S. 14:30", "La. R.S. 14:30"),
    ],
)
def test_state_codes(sentence, text, citation):
    assert law_kind_citation(sentence) == (text, "state_code", citation)


@pytest.mark.parametrize(
    "sentence",
    [
        "Bill Clinton spoke in Little Rock on Monday.",
        "New York City Mayor Bill de Blasio held a press conference.",
        "Nato, the North Atlantic Treaty Organisation, met in Brussels.",
        "The band won the Best Dance Act award.",
        "Act now, the campaign urged voters in Ohio.",
    ],
)
def test_names_and_phrases_that_are_not_laws(sentence):
    assert find_laws(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "text", "citation"),
    [
        ("Prosecutors in Atlanta cited O.C.G.A. § 16-14-4, the racketeering law.", "O.C.G.A. § 16-14-4", "O.C.G.A. § 16-14-4"),
        ("He was charged under Wis. Stat. § 940.01 after the shooting.", "Wis. Stat. § 940.01", "Wis. Stat. § 940.01"),
        ("Families can sue officers under § 1983, lawyers said.", "§ 1983", "§ 1983"),
    ],
)
def test_any_code_cited_with_a_section_sign(sentence, text, citation):
    found, normalized = only_law(sentence)
    assert (found, normalized["citation"]) == (text, citation)


def test_laws_known_by_a_name_without_act():
    sentence = "The law replaced No Child Left Behind, and Dodd-Frank rules were eased."
    assert [sentence[l.start:l.end] for l in find_laws(sentence)] == ["No Child Left Behind", "Dodd-Frank"]


def test_amendment_and_act_joined_by_and_the_stay_apart():
    sentence = "The judge said the order likely violated the First Amendment and the Administrative Procedure Act."
    assert [sentence[l.start:l.end] for l in find_laws(sentence)] == ["First Amendment", "Administrative Procedure Act"]


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "citation"),
    [
        ("Flynn will invoke the Fifth Amendment, his lawyer said.", "Fifth Amendment", "amendment", "U.S. Const. amend. V"),
        ("Gun groups say the 2nd Amendment protects the right.", "2nd Amendment", "amendment", "U.S. Const. amend. II"),
        ("The senator said the bill tramples on the Bill of Rights.", "Bill of Rights", "act", "Bill of Rights"),
        ("The court said the ban violated the Constitution.", "Constitution", "constitution", "U.S. Const."),
        ("The Community Reinvestment Act pushed lenders into poor areas, critics say.", "Community Reinvestment Act", "act", "Community Reinvestment Act"),
        ("The Equal Rights Amendment fell three states short in 1982.", "Equal Rights Amendment", "amendment", "Equal Rights Amendment"),
        ("The Supremacy Clause settles the question, the judge wrote.", "Supremacy Clause", "clause", "Supremacy Clause"),
        ("The council adopted resolution No. 678 in November 1990.", "resolution No. 678", "resolution", "Resolution 678"),
        ("The Security Council endorsed the deal in Resolution 2231.", "Resolution 2231", "resolution", "Resolution 2231"),
        ("Washington threatened to invoke Super 301 against Tokyo.", "Super 301", "act", "Super 301"),
        ("The ban was set out in Executive Order 13769 on Jan. 27.", "Executive Order 13769", "executive_order", "Executive Order 13769"),
    ],
)
def test_statutes_as_reporters_write_them(sentence, text, kind, citation):
    assert law_kind_citation(sentence) == (text, kind, citation)


@pytest.mark.parametrize(
    ("sentence", "text", "citation"),
    [
        ("The justices relied on a 1976 ruling, 425 U.S. 308, in that case.", "425 U.S. 308", "425 U.S. 308"),
        ("The panel cited its earlier ruling, 531 F.3d 1033, on Tuesday.", "531 F.3d 1033", "531 F.3d 1033"),
        ("A district judge reached the same result in 215 F. Supp. 3d 1 last year.", "215 F. Supp. 3d 1", "215 F. Supp. 3d 1"),
        ("The opinion is reported at 138 S. Ct. 2206 and was 5-4.", "138 S. Ct. 2206", "138 S. Ct. 2206"),
    ],
)
def test_court_reporter_citations(sentence, text, citation):
    assert law_kind_citation(sentence) == (text, "case_citation", citation)


def test_us_code_is_not_a_court_citation():
    found, normalized = only_law("Cities must comply with 8 U.S.C. 1373, the memo says.")
    assert (found, normalized["kind"]) == ("8 U.S.C. 1373", "usc")


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The court endorsed that view in District of Columbia v. Heller.", "District of Columbia v. Heller"),
        ("In Smith v. Maryland, the court found no expectation of privacy.", "Smith v. Maryland"),
        ("The law was struck down in United States v. Windsor, a case from New York.", "United States v. Windsor"),
        ("Lawyers cited Roe v. Wade throughout the hearing.", "Roe v. Wade"),
    ],
)
def test_case_names(sentence, text):
    found, normalized = only_law(sentence)
    assert (found, normalized["kind"], normalized["name"]) == (text, "case", text)


@pytest.mark.parametrize(
    ("sentence", "text", "kind"),
    [
        ('Beijing published "Interim Measures for the Management of Generative AI Services," rules that take effect in August.',
         "Interim Measures for the Management of Generative AI Services", "regulation"),
        ("The ministry issued “Temporary regulations on encouraging students abroad to return” last year.",
         "Temporary regulations on encouraging students abroad to return", "regulation"),
        ("Vietnam began enforcing its “Law on Cybersecurity,” which requires local data storage.", "Law on Cybersecurity", "act"),
        ("The agency's “Provisions on the Administration of Online Video Services” regulations took effect.",
         "Provisions on the Administration of Online Video Services", "regulation"),
    ],
)
def test_laws_and_regulations_named_in_quotation_marks(sentence, text, kind):
    found, normalized = only_law(sentence)
    assert (found, normalized["kind"]) == (text, kind)


@pytest.mark.parametrize(
    "sentence",
    [
        "“We will not back down,” he told supporters in El Paso.",
        "“Law and order matters to voters,” the mayor said on Monday.",
        "Protesters waved copies of the Holy Bible outside the court.",
        "Constitutional scholars said the order would not survive.",
        "Some councils apply Sharia in family disputes.",
        "Facebook Twitter Google Plus Embed",
        "By Godwin's Law, someone will mention Hitler soon.",
        "About 300 U.S. troops and 50 U.S. 4x4 vehicles arrived.",
        "The Yankees beat the Red Sox 5-4 in Boston.",
    ],
)
def test_quotes_religious_texts_and_widgets_are_not_laws(sentence):
    assert find_laws(sentence) == []


@pytest.mark.parametrize(
    ("text", "law"),
    [("the Holy Bible", False), ("Sharia", False), ("the King James Bible", False), ("Constitutional", False),
     ("Godwin's Law", False), ("the Trump Train", False), ("Caption 1", False), ("Trump\n\nOver", False),
     ("the Order of Friendship on Tillerson", False), ("Facebook Twitter Google Plus Embed", False),
     ("the Constitution", True), ("Affordable Care Act", True), ("Legal Services Corporation Act", True),
     ("Tariff Bill of 1857", True), ("Executive Order 13769", True), ("Article 12 of the Constitution", True),
     ("Title IX", True), ("FISA", True), ("Obamacare", True), ("Roe v. Wade", True),
     ("the Clean Power Plan", True), ("the Trans-Pacific Partnership", True), ("Chapter 11", True),
     ("Halo 2", False), ("the Death Star", False), ("Bath 17-16", False)],
)
def test_names_a_law(text, law):
    assert names_a_law(text) is law


def test_every_rule_is_one_record_with_pattern_anchors_and_normalizer():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        assert rule.anchors and callable(rule.normalize) and rule.pattern.pattern


def test_rules_built_from_other_lists_find_their_names_and_reject_their_adages():
    sentence = "The Clean Rivers Pledge passed, as Kirk's Law predicted."
    shipped = [sentence[l.start:l.end] for l in find_laws(sentence)]
    rules = law_rules(parse_known_law_names("# ours\nClean Rivers Pledge\n"), parse_not_laws("Kirk's Law\n"))
    assert shipped == ["Kirk's Law"]
    assert [sentence[l.start:l.end] for l in find_laws(sentence, rules)] == ["Clean Rivers Pledge"]
    assert names_a_law("Clean Rivers Pledge", parse_known_law_names("Clean Rivers Pledge")) and not names_a_law("Clean Rivers Pledge")
    assert not names_a_law("the Patriot Act", not_laws=parse_not_laws("Patriot Act")) and names_a_law("the Patriot Act")
    assert [r.name for r in law_rules((), frozenset())] == [r.name for r in RULES if r.name != "known_name"]


def test_the_s_of_us_before_a_number_is_no_senate_bill():
    assert find_laws("The recent decline in U.S. 30-year bond yields has caused a rethink.") == []
