"""Web-page furniture is not actors: list entries, glued link texts, products, works, venues, abbreviations."""

from __future__ import annotations

import re

from newsview.extract.broken_names import drop_broken_names
from newsview.extract.extraction import Extraction
from newsview.extract.glued_names import glue_seam, unglue_names
from newsview.extract.list_lines import drop_list_names, list_line_spans
from newsview.extract.thing_names import drop_thing_names
from newsview.model import Actor, Entity, Mention, Quote


def extraction(text: str, names: dict[str, str], quoted: tuple[str, ...] = ()) -> Extraction:
    """Actors for every whole-word occurrence of each name (name -> label), as the tagger might give them."""
    actors, entities, mentions, quotes = [], [], [], []
    for k, (name, label) in enumerate(names.items(), 1):
        aid = f"a{k}"
        spans = [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]
        assert spans, name
        qids: tuple[str, ...] = ()
        if name in quoted:
            qids = (f"q{k}",)
            quotes.append(Quote(f"q{k}", 0, 1, text[:1], "direct", speaker=aid))
        actors.append(Actor(aid, name, label, mentions=tuple(spans), quotes=qids))
        entities += [Entity(s, e, label, text[s:e], aid) for s, e in spans]
        mentions += [Mention(s, e, aid, "name") for s, e in spans]
    return Extraction(tuple(entities), tuple(actors), tuple(mentions), tuple(quotes))


def names(found: Extraction) -> set[str]:
    return {a.name for a in found.actors}


TOUR = """The Lanterns Plan a Reunion Tour

Singer Dana Whitfield said the band would play thirty cities, starting at Harbor Lights Pavilion.

Tour dates:
June 9 -- Harbor Lights Pavilion, Port Ellis, FL
June 12 -- Cobalt Music Park, Raleigh, NC
June 14 -- Sunrise Credit Union Stage, Tampa, FL
June 20 -- Marta Quinlan Hall, Austin, TX
"""


def test_schedule_lines_and_short_line_blocks_are_list_lines():
    spans = [TOUR[a:b] for a, b in list_line_spans(TOUR)]
    assert "June 12 -- Cobalt Music Park, Raleigh, NC" in spans
    assert "Tour dates:" in spans  # it opens the block of short lines
    assert not any("Singer Dana Whitfield" in s for s in spans)
    assert "The Lanterns Plan a Reunion Tour" not in spans


def test_a_venue_only_a_tour_date_names_is_no_actor_but_the_proses_names_stay():
    found = extraction(TOUR, {"Cobalt Music Park": "ORG", "Sunrise Credit Union Stage": "PERSON",
                              "Harbor Lights Pavilion": "ORG", "Dana Whitfield": "PERSON"})
    kept = drop_list_names(TOUR, found)
    assert names(kept) == {"Harbor Lights Pavilion", "Dana Whitfield"}
    assert all(e.actor in {a.id for a in kept.actors} for e in kept.entities)
    assert {m.actor for m in kept.mentions} == {a.id for a in kept.actors}


def test_a_persons_name_in_a_list_stays_and_so_does_a_quoted_actor():
    text = "Cast:\nHelen Quinlan as the judge\nBrightline Studios\nKite Films\n\nThe film opens on Friday."
    found = extraction(text, {"Helen Quinlan": "PERSON", "Brightline Studios": "ORG", "Kite Films": "ORG"},
                       quoted=("Kite Films",))
    assert names(drop_list_names(text, found)) == {"Helen Quinlan", "Kite Films"}


def test_datelines_and_footnotes_are_not_prose():
    text = ("ZUG, SWITZERLAND\n\nThe firm said sales rose.\n\n"
            "[1] Alarm fatigue and safety. Lind PQ, Okafor-Brandt M. J Clin Nurs. 2016; 12: 33-40.")
    found = extraction(text, {"ZUG": "ORG", "Okafor-Brandt M. J Clin Nurs": "ORG"})
    assert names(drop_list_names(text, found)) == set()


def test_a_name_glued_to_the_next_link_is_cut_at_the_seam():
    assert glue_seam("Ilhan OmarIlhan") == len("Ilhan Omar")
    assert glue_seam("Rosa Del ValleRosa Del ValleSenate") == len("Rosa Del Valle")
    for name in ("Paul McDonald", "LeBron James", "Ron DeSantis", "Lena MacKay Mac"):
        assert glue_seam(name) is None


def test_a_glued_name_joins_the_actor_of_that_name_and_keeps_its_quote():
    text = "Rep. Tamsin CroftTamsin CroftBudget talks stall\n\nTamsin Croft said the bill was dead."
    glued = Actor("a1", "Tamsin CroftTamsin", "PERSON", mentions=((5, 23),), quotes=("q1",))
    real = Actor("a2", "Tamsin Croft", "PERSON", mentions=((49, 61),))
    found = Extraction(
        entities=(Entity(5, 23, "PERSON", text[5:23], "a1"), Entity(49, 61, "PERSON", text[49:61], "a2")),
        actors=(glued, real), mentions=(Mention(5, 23, "a1"), Mention(49, 61, "a2")),
        quotes=(Quote("q1", 62, 80, "the bill was dead", "indirect", speaker="a1"),))
    out = unglue_names(text, found)
    assert [(a.name, a.quotes) for a in out.actors] == [("Tamsin Croft", ("q1",))]
    assert out.actors[0].mentions == ((5, 17), (49, 61))
    assert [e.text for e in out.entities] == ["Tamsin Croft", "Tamsin Croft"]
    assert out.quotes[0].speaker == "a2"


def test_a_glued_name_alone_is_renamed():
    text = "Gov. Marit SolbergMarit Solberg signs bill"
    found = extraction(text, {"Marit SolbergMarit": "PERSON"})
    out = unglue_names(text, found)
    assert names(out) == {"Marit Solberg"}
    assert out.entities[0].text == "Marit Solberg"


def test_products_works_and_abbreviations_are_no_actors():
    text = ("Torvane's new Pelican Glide drone flies for an hour. Their installation Glass Orchard lights the canal. "
            "The Zephyr SUV has AWD. She rode in a Halvard sedan. Torvane said the Pelican Glide sold out.")
    found = extraction(text, {"Pelican Glide": "ORG", "Glass Orchard": "PERSON", "AWD": "ORG",
                              "Halvard": "ORG", "Torvane": "ORG", "Zephyr": "ORG"})
    # Pelican Glide is also "the Pelican Glide" once, after no word for a work or a product: it stays
    assert names(drop_thing_names(text, found)) == {"Torvane", "Pelican Glide"}


def test_venues_laws_honours_titles_tickers_and_spelt_out_abbreviations_are_no_actors():
    text = ("The show moved to Dunmore Arena. Lawmakers passed the Clean Rivers Act. She won the Golden Quill Award. "
            "The former \u201cHarbor Nights\u201d star danced. Velcor registered shares (VLCR) rose. Patients in "
            "Intensive Care Units (ICUs) were moved. Velcor said it was pleased.")
    found = extraction(text, {"Dunmore Arena": "ORG", "Clean Rivers Act": "ORG", "Golden Quill Award": "ORG",
                              "Harbor Nights": "ORG", "VLCR": "ORG", "Intensive Care Units": "ORG", "Velcor": "ORG"})
    assert names(drop_thing_names(text, found)) == {"Velcor"}


def test_a_person_after_the_new_and_a_quoted_product_stay():
    text = "The club hired the new coach Ana Ruiz. The new Aurora X said nothing, its maker joked."
    found = extraction(text, {"Ana Ruiz": "PERSON", "Aurora X": "ORG"}, quoted=("Aurora X",))
    assert names(drop_thing_names(text, found)) == {"Ana Ruiz", "Aurora X"}


def test_a_models_name_is_no_actor_but_a_companys_branch_stays():
    text = ("Orvell sells the Orvell EarPods and the Halo Lite. Orvell Pictures made the ad. "
            "Orvell Cloud Unlimited costs $9. The Bureau of Ports and Orvell Customs and Border Unit agree.")
    found = extraction(text, {"Orvell": "ORG", "Orvell EarPods": "ORG", "Halo Lite": "PERSON",
                              "Orvell Pictures": "ORG", "Orvell Cloud Unlimited": "ORG",
                              "Orvell Customs and Border Unit": "ORG"})
    assert names(drop_thing_names(text, found)) == {"Orvell", "Orvell Pictures", "Orvell Customs and Border Unit"}


def test_a_name_holding_a_widely_sold_devices_is_a_products():
    text = "Get the Nintendo Switch or Halvorsen's MacBook deal. Alexa can order it. Halvorsen said so."
    found = extraction(text, {"Nintendo Switch": "PERSON", "Halvorsen's MacBook": "ORG", "Alexa": "ORG",
                              "Halvorsen": "ORG"})
    assert names(drop_thing_names(text, found)) == {"Halvorsen"}


def test_names_the_tagger_cut_in_the_wrong_place_are_no_actors():
    text = ("Brandt and Okoye argued before Brandt hit Okoye in the face. The coach rang Okoye. "
            "The plan was drafted by former Regional Defence Adviser Paul Marsh. "
            "A Regional Defence Council aide was there, as was the state Department of Port Safety.")
    found = extraction(text, {"Brandt hit Okoye": "ORG", "rang Okoye": "PERSON", "Okoye": "PERSON",
                              "Regional Defence": "ORG", "the state Department of Port Safety": "ORG"})
    assert names(drop_broken_names(text, found)) == {"Okoye", "the state Department of Port Safety"}


def test_a_verb_before_a_name_nobody_else_has_is_kept():
    text = "The club signed rookie Emil Lindqvist on Monday."
    found = extraction(text, {"rookie Emil Lindqvist": "PERSON"})
    assert names(drop_broken_names(text, found)) == {"rookie Emil Lindqvist"}


def test_a_numbered_section_heading_is_no_prose():
    text = "Mara Vidal testified for six hours.\n\n3. Questioning Vidal's memory\n\nThe committee asked her twice."
    found = extraction(text, {"Questioning Vidal": "PERSON", "Mara Vidal": "PERSON"})
    assert names(drop_list_names(text, found)) == {"Mara Vidal"}


def test_accessories_plans_trademarks_and_market_indexes_are_no_actors():
    text = ("The Orvell Glide Keyboard pairs in seconds. Buy the Kestra Mesh Router or a Lumo Essentials USB hub. "
            "Streamo All-Access costs $6. Try Deep Insight\u00ae today. The Tarven Index fell 2% and the "
            "Mirova Composite (MRCMP) rose. Orvell said sales grew.")
    found = extraction(text, {"Orvell Glide Keyboard": "ORG", "Kestra Mesh Router": "ORG", "Lumo Essentials USB": "ORG",
                              "Streamo All-Access": "ORG", "Deep Insight\u00ae": "ORG", "Tarven Index": "ORG",
                              "Mirova Composite (MRCMP": "ORG", "Orvell": "ORG"})
    assert names(drop_thing_names(text, found)) == {"Orvell"}


def test_advertising_and_material_abbreviations_and_apples_computers_are_no_actors():
    text = "Native ads lift CTR and cut CPM. New GaN chargers fit any Mac. Her Macs run iTunes. Velcor said so."
    found = extraction(text, {"CTR": "ORG", "CPM": "ORG", "GaN": "ORG", "Mac": "ORG", "Macs": "ORG",
                              "iTunes": "ORG", "Velcor": "ORG"})
    assert names(drop_thing_names(text, found)) == {"Velcor"}


def test_the_abbreviation_in_brackets_after_a_things_name_goes_with_it_but_not_after_a_firms():
    text = "The Tarven Composite Index (TCI) rose. Analysts at Brightwater Capital (BWC) called it early."
    found = extraction(text, {"Tarven Composite Index": "ORG", "TCI": "ORG", "Brightwater Capital": "ORG", "BWC": "ORG"})
    assert names(drop_thing_names(text, found)) == {"Brightwater Capital", "BWC"}


def test_a_name_the_tagger_cut_before_a_venues_last_word_is_no_actor_unless_named_elsewhere():
    text = "The band plays The Marla Whitcombe Pavilion on Friday and the Dorset Rane Arena on Sunday. Dorset Rane sang."
    found = extraction(text, {"Marla Whitcombe": "PERSON", "Dorset Rane": "PERSON"})
    assert names(drop_thing_names(text, found)) == {"Dorset Rane"}


def test_on_a_developers_page_languages_and_formats_are_no_actors():
    text = ("Write the tool in Python or Rust and keep its settings in YAML. Acme ships Halvard on Python 3. "
            "Julia Brandt maintains it; Julia said the port took a year.")
    found = extraction(text, {"Python": "ORG", "Rust": "ORG", "YAML": "ORG", "Halvard on Python": "ORG",
                              "Acme": "ORG", "Julia": "PERSON"})
    assert names(drop_thing_names(text, found)) == {"Acme", "Julia"}


def test_one_language_name_alone_does_not_make_a_developers_page():
    text = "Rust Holdings bought the mill. Rust said the deal closed on Friday, and Acme agreed."
    found = extraction(text, {"Rust": "ORG", "Acme": "ORG"})
    assert names(drop_thing_names(text, found)) == {"Rust", "Acme"}


def test_conferences_honours_build_files_and_file_formats_are_no_actors():
    text = ("Meet us at KestrelConf in May. She won the Harbor Prize for Fiction. Edit the Dockerfile and the "
            "Pipfile; Node.js runs the rest. It skips JPEG files under 150 KB. Velcor said so.")
    found = extraction(text, {"KestrelConf": "ORG", "the Harbor Prize for Fiction": "ORG", "Dockerfile": "ORG",
                              "Pipfile": "ORG", "Node.js": "ORG", "JPEG": "ORG", "KB": "ORG", "Velcor": "ORG"})
    assert names(drop_thing_names(text, found)) == {"Velcor"}
