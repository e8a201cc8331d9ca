"""Names the text only passes by are entities, not actors.

A name met once that never speaks, is never described, does nothing, owns or
takes part in nothing, carries no organisation's word and no given name is left
out of the actor list (the sidebar, JSON ``actors``) but stays a highlighted
entity.  Each test parses invented sentences with the real pipeline;
``mislabel`` gives the name the label the small tagger gives such names, so
that the rule is tested, not the tagger's mood.
"""

from __future__ import annotations

import json

import pytest
from factories import actor_names, mislabel

LEAD = "Ana Ruiz said the new library would open in May. "


def _entity(found, name: str):
    return next(e for e in found.entities if e.text == name)


@pytest.mark.parametrize("sentence, name, label", [
    ("Its reading room copies Tessaly Marrow.", "Tessaly Marrow", "ORG"),
    ("The shelves are modelled on Varo Quillan.", "Varo Quillan", "PERSON"),
    ("Visitors will find maps of Zorvath in the hall.", "Zorvath", "ORG"),
])
def test_a_name_met_once_in_passing_is_an_entity_not_an_actor(nlp, sentence, name, label):
    found = mislabel(nlp, LEAD + sentence, {name: label})
    assert name not in actor_names(found)
    assert "Ana Ruiz" in actor_names(found)
    entity = _entity(found, name)
    assert entity.label == label and entity.actor is None  # still highlighted, with no actor behind it
    ids = {a.id for a in found.actors}
    assert all(m.actor in ids for m in found.mentions)


@pytest.mark.parametrize("sentence, name, label", [
    # it speaks
    ("“The room is too small,” Varo Quillan said.", "Varo Quillan", "PERSON"),
    # it is described: an apposition, a title, "who"
    ("The shelves are modelled on Varo Quillan, an architect from Lyon.", "Varo Quillan", "PERSON"),
    ("The shelves are modelled on a plan by Mayor Quillan.", "Quillan", "PERSON"),
    ("The shelves are modelled on Varo Quillan, who retired last year.", "Varo Quillan", "PERSON"),
    ("The shelves were chosen by a local teacher named Quillan.", "Quillan", "PERSON"),
    ("Ruiz thanked a chef named Quillan for the opening dinner.", "Quillan", "PERSON"),
    # it does something
    ("Later, Zorvath cancelled the order for new shelves.", "Zorvath", "ORG"),
    # it owns something
    ("The shelves came from Zorvath's warehouse in the north.", "Zorvath", "ORG"),
    # it takes part: gives, receives, is told
    ("The town signed a contract with Zorvath for the shelves.", "Zorvath", "ORG"),
    ("The library told Zorvath about the delay.", "Zorvath", "ORG"),
    # it comes back later
    ("Its reading room copies Zorvath. Zorvath was the first of its kind.", "Zorvath", "ORG"),
    # its name says it is an organisation, or the text spells its abbreviation out
    ("Its reading room copies the Quillmoor Housing Council.", "the Quillmoor Housing Council", "ORG"),
    ("Its reading room copies the plans of the Velmora Reading Circle (VRC) and the VRC library.", "VRC", "ORG"),
    # a given name and a surname: a person's name
    ("The shelves are modelled on Maria Quillan.", "Maria Quillan", "PERSON"),
])
def test_a_name_the_text_does_something_with_stays_an_actor(nlp, sentence, name, label):
    found = mislabel(nlp, LEAD + sentence, {name: label})
    assert name in actor_names(found)


def test_the_json_document_keeps_the_passing_name_among_its_entities(nlp):
    from newsview.engine import analyze, prepare
    from newsview.export.as_json import to_json
    from newsview.reader import raw_from_text

    text = "Library opens\n\n" + LEAD + "The shelves are modelled on Varo Quillan.\n"
    document = json.loads(to_json(analyze(prepare(raw_from_text(text, path="library.txt")), nlp)))
    names = [a["name"] for a in document["actors"]]
    assert "Ana Ruiz" in names and "Varo Quillan" not in names
    passing = [e for e in document["entities"] if e["text"] == "Varo Quillan"]
    assert passing and passing[0]["actor"] is None
