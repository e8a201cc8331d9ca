"""Names the tagger fuses or cuts around a body's name, a stance taken for a name, and a scale
whose name follows "the": the actor list shows the person, the whole body, and no adjective."""

from __future__ import annotations

from newsview.extract.fused_names import person_after_body
from factories import actor_names, mislabel


def test_a_person_after_a_body_the_text_names_alone_is_the_person():
    bodies = {("andean", "community"), ("air", "force", "for", "acquisition")}
    names = bodies | {("wagner",)}
    assert person_after_body(["the", "andean", "community", "wagner"], bodies, names,
                             "the Andean Community Wagner") == 3
    assert person_after_body(["the", "air", "force", "for", "acquisition", "marvin", "sambur"], bodies, names,
                             "the Air Force for Acquisition Marvin Sambur") == 5
    # a body's own longer name stays whole: no given name, no name the text uses alone, a body's word
    assert person_after_body(["the", "andean", "community", "secretariat"], bodies, names,
                             "the Andean Community Secretariat") == 0
    assert person_after_body(["andean", "community", "music"], bodies, names | {("music",)},
                             "Andean Community Music") == 0
    # an abbreviation or a people after the body is no person either
    assert person_after_body(["andean", "community", "acm"], bodies, names | {("acm",)}, "Andean Community ACM") == 0
    assert person_after_body(["andean", "community", "peruvians"], bodies, names | {("peruvians",)},
                             "Andean Community Peruvians") == 0


def test_an_organisation_run_into_its_officers_name_gives_the_officer(nlp):
    text = ("The Coastal League met in Valdora on Monday.\n\n"
            "The talks were led by Secretary General of the Coastal League Marvin Okafor.")
    x = mislabel(nlp, text, {"the Coastal League Marvin Okafor": "ORG", "The Coastal League": "ORG"})
    names = actor_names(x)
    assert "Marvin Okafor" in names
    assert not any("League Marvin" in n for n in names)


def test_an_office_word_after_a_title_is_not_the_holders_first_name(nlp):
    text = "On Tuesday he wrote to the Chief of Staff Yitzhak Baranov about the plan."
    x = mislabel(nlp, text, {"Yitzhak Baranov": "PERSON"})
    assert "Yitzhak Baranov" in actor_names(x)
    assert "Staff Yitzhak Baranov" not in actor_names(x)


def test_a_body_the_tagger_cut_at_for_is_one_name(nlp):
    text = ("The Nordic Agency for Coastal Research said the dunes were shrinking.\n\n"
            "Its director, Ilse Marten, asked for more money.")
    x = mislabel(nlp, text, {"The Nordic Agency": "ORG", "Coastal Research": "ORG"})
    names = actor_names(x)
    assert "The Nordic Agency for Coastal Research" in names
    assert "Coastal Research" not in names


def test_a_stance_toward_a_place_is_no_actor(nlp):
    text = ("The new governor, Anton Velk, is seen as pro-Ostrava, a sensitive issue in the region.\n\n"
            "\"I serve everyone,\" Velk said.")
    x = mislabel(nlp, text, {"pro-Ostrava": "ORG"})
    assert "pro-Ostrava" not in actor_names(x)
    assert "Anton Velk" in actor_names(x)


def test_a_scale_after_the_is_a_measure_even_when_the_tagger_calls_it_a_person(nlp):
    text = ("The rock scored 2 on the Vellmar Scale. The Vellmar Scale rates impact risks.\n\n"
            "\"It will miss us,\" said astronomer Rita Olsen.")
    x = mislabel(nlp, text, {"Vellmar Scale": "PERSON"})
    assert "Vellmar Scale" not in actor_names(x)
    assert "Rita Olsen" in actor_names(x)


def test_a_capitalised_common_noun_under_a_is_no_actor_but_a_maker_before_its_model_is(nlp):
    text = ("The country is moving toward a democratic Commonwealth in which all vote, envoy Petra Lind said.\n\n"
            "The president takes a daily Vitaline, his doctor said. The aircraft was a Vellair 737, its maker said.\n\n"
            "Olaf Brink, director of a non-profit organisation Spamwall, criticised the plan.")
    x = mislabel(nlp, text, {"Commonwealth": "ORG", "Vitaline": "ORG", "Vellair": "ORG", "Spamwall": "ORG"})
    names = actor_names(x)
    assert "Commonwealth" not in names and "Vitaline" not in names
    assert "Vellair" in names and "Petra Lind" in names and "Spamwall" in names


def test_the_tail_of_a_known_place_cut_off_by_the_tagger_is_no_person(nlp):
    text = ("Every state will join except French Guiana, a territory of France, said minister Ana Ruiz.\n\n"
            "\"We are patient,\" Ruiz said.")
    x = mislabel(nlp, text, {"Guiana": "PERSON"})
    assert "Guiana" not in actor_names(x)
    assert "Ana Ruiz" in actor_names(x)


def test_two_actors_joined_by_a_hyphen_are_no_third_actor(nlp):
    text = ("Emails on the Airbus-Harbour Authority contract were released.\n\n"
            "Airbus makes planes. The Harbour Authority said it would review the deal.")
    x = mislabel(nlp, text, {"Airbus-Harbour Authority": "ORG", "The Harbour Authority": "ORG"})
    names = actor_names(x)
    assert "Airbus-Harbour Authority" not in names
    assert "Airbus" in names and "The Harbour Authority" in names
