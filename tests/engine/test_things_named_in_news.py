"""Names of films, scales, operations, zones and a language's adjective, which the tagger
calls people or organisations: the actor list leaves them out, and keeps the people
named beside them."""

from __future__ import annotations

from newsview.extract import extract
from newsview.extract.named_things import portfolio_before_name, thing_kind
from newsview.pipeline import parse
from factories import actor_names, mislabel


def test_scales_operations_battles_and_zones_are_things_by_their_words():
    assert thing_kind(["the", "torino", "scale"]) == "measure"
    assert thing_kind(["consumer", "price", "index"]) == "measure"
    assert thing_kind(["operation", "sea", "lion"]) == "event"
    assert thing_kind(["the", "siege", "of", "leningrad"]) == "event"
    assert thing_kind(["the", "harbour", "massacre"]) == "event"
    assert thing_kind(["checkpoint", "4"]) == "landmark"
    assert thing_kind(["exclusion", "zone"]) == "landmark"
    # a first word that only names an event with "of" after it
    assert thing_kind(["battle", "creek", "foods"]) is None


def test_a_scale_and_an_operation_the_tagger_calls_organisations_are_no_actors(nlp):
    text = ("The asteroid scored 4 on the Corvin Scale, astronomer Lena Vos said.\n\n"
            "The raids were part of Operation Nightjar, a campaign run by the army.")
    x = mislabel(nlp, text, {"Corvin Scale": "ORG", "Operation Nightjar": "ORG"})
    assert "Corvin Scale" not in actor_names(x) and "Operation Nightjar" not in actor_names(x)
    assert "Lena Vos" in actor_names(x)


def test_a_zone_and_a_numbered_checkpoint_are_places(nlp):
    text = ("Rescuers reached the Dust Zone on Monday.\n\n"
            "Gunmen fired on Checkpoint 4 before dawn, police spokesman Omar Tell said.")
    x = mislabel(nlp, text, {"Dust Zone": "PERSON", "Checkpoint 4": "ORG"})
    assert "Dust Zone" not in actor_names(x) and "Checkpoint 4" not in actor_names(x)
    assert "Omar Tell" in actor_names(x)


def test_a_title_after_a_years_possessive_is_a_work_not_a_person(nlp):
    text = ("Mara Quill has not had a hit since 1997's Silver Harbour, critic Tom Abeyta wrote.")
    x = mislabel(nlp, text, {"Silver Harbour": "PERSON"})
    assert "Silver Harbour" not in actor_names(x)
    assert "Mara Quill" in actor_names(x)


def test_the_tail_of_a_name_the_text_calls_a_film_is_the_film(nlp):
    text = ("The studio opens the horror film Grey Static on Friday.\n\n"
            "Static is the only new release this week, analyst Dana Morrow said.")
    doc = parse(nlp, text)
    # the tagger took the film's full name for a building and its short name for an organisation
    film = doc.char_span(text.index("Grey Static"), text.index("Grey Static") + 11, label="FAC")
    short = doc.char_span(text.rindex("Static"), text.rindex("Static") + 6, label="ORG")
    assert film is not None and short is not None
    others = [e for e in doc.ents if e.end <= film.start or e.start >= short.end
              or (film.end <= e.start and e.end <= short.start)]
    doc.set_ents(sorted([*others, film, short], key=lambda e: e.start))
    x = extract(doc)
    assert "Static" not in actor_names(x)
    assert "Dana Morrow" in actor_names(x)


def test_a_critic_named_after_the_word_film_stays_a_person(nlp):
    text = "The film critic Helen Brandt panned Grey Static, and the director answered her."
    x = mislabel(nlp, text, {"Helen Brandt": "PERSON"})
    assert "Helen Brandt" in actor_names(x)


def test_a_languages_adjective_is_no_organisation(nlp):
    text = ("Their Vostric language differs from Russian, according to a Harwick report.\n\n"
            "Harwick is a news agency.")
    x = mislabel(nlp, text, {"Vostric": "ORG", "Harwick": "ORG"})
    assert "Vostric" not in actor_names(x)
    assert "Harwick" in actor_names(x)


def test_an_offices_last_word_is_cut_from_its_holders_name():
    assert portfolio_before_name(["state", "blackwell"]) == 1
    assert portfolio_before_name(["defense", "lloyd", "austin"]) == 1
    # an agency or a department keeps its name
    assert portfolio_before_name(["health", "canada"]) == 0
    assert portfolio_before_name(["justice", "department"]) == 0


def test_the_holder_named_after_secretary_of_defense_is_a_person(nlp):
    text = "Secretary of Defense Mara Quill flew to Riga on Monday, and the talks began."
    x = mislabel(nlp, text, {"Defense Mara Quill": "ORG"})
    assert "Mara Quill" in actor_names(x)
    assert "Defense Mara Quill" not in actor_names(x)
