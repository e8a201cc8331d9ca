"""An office the tagger takes for a body: a title met only before its holder's name or after
"as", and a portfolio met only after "<title> of" or "<title> for", are no actors; a body
named after such a title stays."""

from __future__ import annotations

from factories import actor_names, mislabel


def test_a_title_before_its_holders_name_is_no_actor(nlp):
    text = ("On Monday the governor named Regional Water Advisor Dr. Helena Varga as her deputy.\n\n"
            "Varga has worked on the canals for twenty years.")
    x = mislabel(nlp, text, {"Regional Water Advisor": "ORG", "Helena Varga": "PERSON"})
    names = actor_names(x)
    assert "Helena Varga" in names
    assert "Regional Water Advisor" not in names


def test_a_title_after_as_is_no_actor(nlp):
    text = "Senator Paul Orvik replaced Ruth Dane as the Senate Majority Whip on Tuesday."
    x = mislabel(nlp, text, {"the Senate Majority Whip": "ORG"})
    names = actor_names(x)
    assert "the Senate Majority Whip" not in names
    assert "Paul Orvik" in names


def test_a_portfolio_after_a_title_is_no_actor(nlp):
    text = ("The plan was written by the Director of Coastal Communications Brian Feld.\n\n"
            "Feld said it would take two years.")
    x = mislabel(nlp, text, {"Coastal Communications": "ORG", "Brian Feld": "PERSON"})
    names = actor_names(x)
    assert "Coastal Communications" not in names
    assert "Brian Feld" in names


def test_a_portfolio_the_tagger_ran_into_its_title_is_no_actor(nlp):
    text = "The policy was announced by the country's Minister of Fisheries & Co-Operatives, Mr. Tomas Reyes."
    x = mislabel(nlp, text, {"Minister of Fisheries & Co-Operatives": "PERSON"})
    assert not any("Co-Operatives" in n for n in actor_names(x))


def test_a_body_after_a_title_stays(nlp):
    # not a government field: a body whose head the text names ("the head of Harbour Watch")
    text = "The head of Harbour Watch, Lena Morel, called the plan reckless."
    x = mislabel(nlp, text, {"Harbour Watch": "ORG", "Lena Morel": "PERSON"})
    assert "Harbour Watch" in actor_names(x)
    # a name ending with an office's word, doing something, is no mere title
    text = "The Danube Commissioner sued the ministry over the dam."
    x = mislabel(nlp, text, {"The Danube Commissioner": "ORG"})
    assert "The Danube Commissioner" in actor_names(x)
