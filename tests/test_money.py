"""Money detection and normalization (pipeline.extract.money), on sentences in news style."""

import pytest

from pipeline.extract.money import amount_start, find_money


def amounts(sentence: str) -> list[tuple[str, dict]]:
    """(text, normalized) of every amount in ``sentence``."""
    return [(sentence[m.start:m.end], m.normalized) for m in find_money(sentence)]


@pytest.mark.parametrize(
    ("sentence", "text", "amount", "currency"),
    [
        ("The budget sets aside $1.5 billion for detention beds.", "$1.5 billion", 1.5e9, "USD"),
        ("The carmaker lost $3.2bn in the quarter.", "$3.2bn", 3.2e9, "USD"),
        ("The start-up sold the app for $500k in 2019.", "$500k", 5e5, "USD"),
        ("The club agreed an $80m fee for the striker.", "$80m", 8e7, "USD"),
        ("The bank will pay USD 10 million to settle the case.", "USD 10 million", 1e7, "USD"),
        ("Regulators fined the airline 2.5 million euros on Friday.", "2.5 million euros", 2.5e6, "EUR"),
        ("Season tickets now cost £300 at the club.", "£300", 300.0, "GBP"),
        ("The project has already cost 500 million dollars.", "500 million dollars", 5e8, "USD"),
        ("The fare rises to 70p from Monday.", "70p", 0.7, "GBP"),
        ("Apple paid 13bn euros in back taxes to Ireland.", "13bn euros", 1.3e10, "EUR"),
        ("The Australian miner made an A$5bn offer.", "A$5bn", 5e9, "AUD"),
    ],
)
def test_scales_and_currencies(sentence, text, amount, currency):
    ((found, normalized),) = amounts(sentence)
    assert found == text
    assert normalized["amount"] == pytest.approx(amount)
    assert normalized["currency"] == currency
    assert normalized["qualifier"] is None


@pytest.mark.parametrize(
    ("sentence", "qualifier", "amount"),
    [
        ("The plan adds more than $80 million for detention centers.", "more than", 8e7),
        ("The storm caused nearly $2 billion in damage.", "nearly", 2e9),
        ("The mayor's race cost about $40 million.", "about", 4e7),
        ("Fines could reach up to $250,000 per violation.", "up to", 2.5e5),
        ("Donors gave at least $5,000 each.", "at least", 5e3),
        ("The city spent less than $100 on the event.", "less than", 100.0),
    ],
)
def test_qualifiers_stay_out_of_the_span_and_go_to_normalized(sentence, qualifier, amount):
    ((found, normalized),) = amounts(sentence)
    assert sentence[sentence.index(found) - len(qualifier) - 1:].startswith(qualifier + " ")
    assert found[0] in "$£€"
    assert (normalized["qualifier"], normalized["amount"]) == (qualifier, pytest.approx(amount))


@pytest.mark.parametrize(
    ("sentence", "text", "qualifier"),
    [
        ("The company will pay nearly $12 billion for the chipmaker.", "$12 billion", "nearly"),
        ("The bill would cost an estimated $13.5 billion over a decade.", "$13.5 billion", "an estimated"),
        ("Shares closed below $13 for the first time.", "$13", "below"),
        ("The agency set aside an additional 3 billion euros.", "3 billion euros", None),
    ],
)
def test_spans_are_the_amount_as_ontonotes_marks_it(sentence, text, qualifier):
    ((found, normalized),) = amounts(sentence)
    assert (found, normalized["qualifier"]) == (text, qualifier)


@pytest.mark.parametrize(
    ("sentence", "text", "amount", "currency"),
    [
        ("China will provide 100 million US dollars in emergency aid.", "100 million US dollars", 1e8, "USD"),
        ("The province will receive 500 million Canadian dollars for flood defenses.", "500 million Canadian dollars", 5e8, "CAD"),
        ("Profit will reach 2.4 trillion yen in the year to March.", "2.4 trillion yen", 2.4e12, "JPY"),
    ],
)
def test_currency_words_after_the_number(sentence, text, amount, currency):
    ((found, normalized),) = amounts(sentence)
    assert (found, normalized["currency"]) == (text, currency)
    assert normalized["amount"] == pytest.approx(amount)


def test_range_in_cents_is_one_span():
    ((found, normalized),) = amounts("Fares would rise by 35 to 75 cents depending on distance.")
    assert found == "35 to 75 cents"
    assert (normalized["min"], normalized["max"]) == (pytest.approx(0.35), pytest.approx(0.75))


@pytest.mark.parametrize(
    ("text", "skipped"),
    [("about $4 billion", 6), ("more than $80 million", 10), ("between $2 and $3", 8), ("$5 million", 0), ("some", 0)],
)
def test_amount_start_skips_qualifiers_of_a_model_span(text, skipped):
    assert amount_start(text) == skipped


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high"),
    [
        ("The contract is worth $5 million to $10 million a season.", "$5 million to $10 million", 5e6, 1e7),
        ("Analysts put repairs at $5-10 million.", "$5-10 million", 5e6, 1e7),
        ("Shares traded between $2 and $3 billion a day.", "$2 and $3 billion", 2e9, 3e9),
        ("Fuel costs would rise by $2 billion to $3 billion this year.", "$2 billion to $3 billion", 2e9, 3e9),
        ("The fine will be 5-10 million euros.", "5-10 million euros", 5e6, 1e7),
    ],
)
def test_ranges(sentence, text, low, high):
    ((found, normalized),) = amounts(sentence)
    assert found == text
    assert (normalized["min"], normalized["max"]) == (pytest.approx(low), pytest.approx(high))
    assert normalized["amount"] == pytest.approx(low)


def test_rate_sets_per_but_stays_out_of_the_span():
    ((found, normalized),) = amounts("Brent crude rose to $72 a barrel on Monday.")
    assert found == "$72"
    assert (normalized["amount"], normalized["per"]) == (72.0, "barrel")


def test_two_amounts_joined_by_and_stay_apart():
    found = [text for text, _ in amounts("The fund raised $500k and £80m last year.")]
    assert found == ["$500k", "£80m"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The suspect was carrying 300 pounds of marijuana.",
        "Polls close at 8 p.m. on Tuesday.",
        "The Airbus A380 carried 500 passengers.",
    ],
)
def test_weights_times_and_numbers_are_not_money(sentence):
    assert amounts(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "text", "amount", "currency"),
    [
        ("The bank holds about 2.70 billion dlrs in Latin American loans.", "2.70 billion dlrs", 2.7e9, "USD"),
        ("Shr profit 79 cts vs a loss a year earlier.", "79 cts", 0.79, "USD"),
        ("Reserves fell to 7.15 billion N.Z. Dlrs in January.", "7.15 billion N.Z. Dlrs", 7.15e9, "NZD"),
        ("The group made a pre-tax profit of 300 mln stg last year.", "300 mln stg", 3e8, "GBP"),
        ("Issues rose to 1.775 billion marks in February.", "1.775 billion marks", 1.775e9, "DEM"),
        ("CENTRAL BANK OFFERS 250 MLN RUPEES OF BILLS", "250 MLN RUPEES", 2.5e8, "INR"),
        ("Assets were 1.28 billion H.K. Dlrs at year end.", "1.28 billion H.K. Dlrs", 1.28e9, "HKD"),
        ("It bid 1.20 Australian dlrs a share.", "1.20 Australian dlrs", 1.20, "AUD"),
        ("The bank lent 5 mln stg to the group.", "5 mln stg", 5e6, "GBP"),
        ("QTLY DIV 15 CTS PAYABLE APRIL 1", "15 CTS", 0.15, "USD"),
        ("A 76 billion dlr deficit was forecast.", "76 billion dlr", 76e9, "USD"),
    ],
)
def test_wire_service_abbreviations_and_older_currencies(sentence, text, amount, currency):
    ((found, normalized),) = amounts(sentence)
    assert (found, normalized["currency"]) == (text, currency)
    assert normalized["amount"] == pytest.approx(amount)


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Treasury balances rose on Feb 25 to 4.151 billion dlrs, the Treasury said.", "4.151 billion dlrs"),
        ("Exports fell in calendar 1986 to 15.995 billion dlrs.", "15.995 billion dlrs"),
    ],
)
def test_a_date_or_year_before_to_is_no_range(sentence, text):
    ((found, normalized),) = amounts(sentence)
    assert (found, normalized["min"], normalized["max"]) == (text, None, None)


def test_a_rising_range_in_wire_style_keeps_both_bounds():
    ((found, normalized),) = amounts("The bank stands to lose 15-20 mln dlrs if the loans are written off.")
    assert (found, normalized["min"], normalized["max"]) == ("15-20 mln dlrs", 1.5e7, 2e7)
