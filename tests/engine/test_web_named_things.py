"""Names on web pages whose words or place in the text say they are no actor: a page's own
sections, a country leaving a union, a changelog's lines, two places joined by a hyphen, two
list items run together, a qualifier opening the sentence.

Each test parses an invented sentence with the real pipeline; ``mislabel`` gives the span the
wrong label the small tagger is known to give, so that the rule is tested, not the tagger's mood.
"""

from __future__ import annotations

import pytest
from factories import mislabel

from newsview.extract.known_places import place_pair
from newsview.extract.name_text import plausible_name
from newsview.extract.named_things import thing_kind


def names(found) -> list[str]:
    return [a.name for a in found.actors]


@pytest.mark.parametrize("words", [["gift", "guide"], ["hs", "roundup"], ["weekly", "recap"]])
def test_a_pages_own_section_is_named_as_such(words):
    assert thing_kind(words) == "page section"


def test_a_page_section_labelling_a_headline_is_no_speaker(nlp):
    text = "HS Roundup: Harbor Defeats Ridgeway To Stay Unbeaten\n\nHarbor won 3-1 on Friday night."
    found = mislabel(nlp, text, {"HS Roundup": "PERSON"})
    assert "HS Roundup" not in names(found)
    assert all(q.speaker is None for q in found.quotes)


def test_a_country_leaving_a_union_is_no_place_and_no_actor(nlp):
    text = "The leaders argued about Brexit for an hour. Brexit dominated the campaign, said Tom Hale."
    found = mislabel(nlp, text, {"Brexit": "ORG"})
    assert names(found) == ["Tom Hale"]


def test_plural_nouns_opening_a_changelogs_lines_are_no_people(nlp):
    text = ("New tasks for the game!\n\nChallenges coming soon\n\nBetter support for phones\n\nBugs fixed\n\n"
            "Alex Jennings wrote the update.\n\nJennings is a developer.")
    found = mislabel(nlp, text, {"Challenges": "PERSON", "Bugs": "PERSON"})
    assert names(found) == ["Alex Jennings"]


@pytest.mark.parametrize("name, pair", [("U.S.-Canada", True), ("EU-China", True), ("Austria-Hungary", True),
                                        ("Coca-Cola", False), ("Rolls-Royce", False), ("Hewlett-Packard", False)])
def test_two_places_joined_by_a_hyphen(name, pair):
    assert place_pair(name) is pair


def test_two_places_joined_by_a_hyphen_are_no_organisation(nlp):
    text = "Dana Ruiz, an economist who studies U.S.-Canada trade, said tariffs would hurt farmers."
    found = mislabel(nlp, text, {"U.S.-Canada": "ORG"})
    assert names(found) == ["Dana Ruiz"]


@pytest.mark.parametrize("name, plausible", [
    ("Mueller, Stormy", False), ("Acme, Inc.", True), ("Smith, Jr.", True), ("Wachtell, Lipton, Rosen & Katz", True),
    ("Python &", False), ("Python & environment management", False), ("MyCorp &", False),
    ("werden&lt;br/&gt;Bitte", False), ("del_item(messageID", False),
    ("Procter & Gamble", True), ("Texas A&M University", True), ("Acme (UK)", True)])
def test_list_items_run_together_a_span_cut_at_an_ampersand_markup_or_code_are_no_name(name, plausible):
    assert plausible_name(name, "ORG") is plausible


def test_a_qualifier_opening_the_sentence_is_no_part_of_the_name(nlp):
    text = "Recent Samsung smart TVs include the app."
    found = mislabel(nlp, text, {"Recent Samsung": "ORG"})
    assert names(found) == ["Samsung"]


def test_a_bylines_button_is_no_part_of_the_name(nlp):
    text = "The lesson: you are what you search.\n\nBy Dana Whitfield Follow @dwhitfield"
    found = mislabel(nlp, text, {"Dana Whitfield Follow": "PERSON"})
    assert names(found) == ["Dana Whitfield"]


def test_a_link_headline_after_a_persons_possessive_is_no_part_of_the_name(nlp):
    text = "Read next: Anna Quint\u2019s Struggle to Keep the Mill Open, and more."
    found = mislabel(nlp, text, {"Anna Quint\u2019s Struggle": "PERSON"})
    assert names(found) == ["Anna Quint"]
