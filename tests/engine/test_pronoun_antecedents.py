"""Which person the subject of a speech verb stands for (a "he" or "she", a
description): one invented text per construction."""

from __future__ import annotations

from newsview.extract import Extraction
from factories import extract_text

run = extract_text


def who(x: Extraction, fragment: str) -> str | None:
    hits = [q for q in x.quotes if fragment in q.text]
    assert len(hits) == 1, (fragment, [(q.kind, q.text) for q in x.quotes])
    return {a.id: a.name for a in x.actors}.get(hits[0].speaker)


def test_the_subject_of_the_sentence_beats_a_nearer_possessor(nlp):
    text = (
        "Martin Okafor spoke to reporters at the harbour on Monday.\n\n"
        "Daniel Brennan, who served on the port board for a decade, has also weighed the idea "
        "of becoming Okafor's deputy, though he has denied that he would take the post."
    )
    x = run(nlp, text)
    assert who(x, "he would take the post") == "Daniel Brennan"


def test_a_person_named_after_a_preposition_just_before_is_the_topic(nlp):
    text = (
        "Martin Okafor said the harbour fees were too high.\n\n"
        "That is more than the other members would admit. Just look at the treasurer, Daniel Brennan. "
        "He has said that the fees pay for the new crane."
    )
    x = run(nlp, text)
    assert who(x, "the fees pay for the new crane") == "Daniel Brennan"


def test_the_subject_stays_the_topic_when_the_sentence_between_has_one(nlp):
    text = (
        "Martin Okafor said the harbour fees were too high.\n\n"
        "He met the ferry crews on Friday with Daniel Brennan. "
        "He said that the crews agreed with him."
    )
    x = run(nlp, text)
    assert who(x, "the crews agreed with him") == "Martin Okafor"


def test_an_unnamed_aide_of_a_named_person_is_not_that_person(nlp):
    text = ("Ana Ruiz opened the harbour office on Monday.\n\n"
            "A top Ana Ruiz adviser says the ferry is on a glide path to reopening by June.")
    x = run(nlp, text)
    speaker = who(x, "glide path")
    assert speaker is not None and "adviser" in speaker


def test_those_surveyed_are_a_group_of_speakers(nlp):
    text = ("Most residents oppose the new harbour toll, a survey by the port board finds.\n\n"
            "By 58 to 33 percent, those surveyed said the toll should be dropped.")
    x = run(nlp, text)
    hits = [q for q in x.quotes if "the toll should be dropped" in q.text]
    assert len(hits) == 1
    speaker = next(a for a in x.actors if a.id == hits[0].speaker)
    assert speaker.name == "those surveyed"
    assert speaker.kind == "group"


def test_a_thing_said_to_be_something_does_not_go_on_to_ask(nlp):
    # the parse joins "asking" to "was" inside what was tweeted, whose subject is "it"
    text = ("Republicans were quick to respond, with Martin Okafor tweeting that it was a disaster "
            "for the mayor and asking, \"How can someone with such bad judgement run the port?\"")
    x = run(nlp, text)
    assert who(x, "How can someone with such bad judgement") == "Martin Okafor"


def test_a_second_speech_verb_after_a_quoted_word_shares_the_first_ones_speaker(nlp):
    text = ("The ministers sent two letters on Saturday. Ana Ruiz said she found the letter "
            "\"troubling\" and said it \"leaves so many questions unanswered.\"")
    x = run(nlp, text)
    assert who(x, "leaves so many questions unanswered") == "Ana Ruiz"


def test_as_a_columnist_puts_it_the_quotation_is_the_columnists(nlp):
    text = ("Ana Ruiz praised the judge and said the senators should give him a hearing. "
            "As The Herald's Daniel Brennan puts it, \"The senators are unmoved, and the activists are uninspired.\"")
    x = run(nlp, text)
    assert who(x, "The senators are unmoved") == "Daniel Brennan"


def test_a_persons_message_speaks_for_that_person(nlp):
    text = ("Ana Ruiz spoke at the harbour on Monday, and the crowd listened.\n\n"
            "Her remarks warned that the new toll would drive the fishermen away.")
    x = run(nlp, text)
    assert who(x, "the new toll would drive the fishermen away") == "Ana Ruiz"


def test_a_bare_surname_before_any_full_name_goes_to_the_person_named_most(nlp):
    text = ("Delegates cheered as Okafor said on Thursday that the crews were ready for the work.\n\n"
            "His daughter, Ana Okafor, introduced him to the crowd.\n\n"
            "Daniel Okafor then laid out his plan for the harbour. Daniel Okafor thanked the crews, "
            "and Daniel Okafor promised a new wall.")
    x = run(nlp, text)
    assert who(x, "the crews were ready for the work") == "Daniel Okafor"


def test_a_given_name_outweighs_pronouns_that_fall_next_to_the_name(nlp):
    text = ("Daniel Okafor spoke to the crowd on Thursday night.\n\n"
            "At home, Melanie watched the speech on television. Okafor talked about the harbour. "
            "Then she smiled. Okafor thanked the crews. And she clapped again.\n\n"
            "\u201cIt is finished,\u201d she said.")
    x = run(nlp, text)
    assert who(x, "It is finished") == "Melanie"


def test_he_is_not_the_person_his_own_sentence_names_after_him(nlp):
    text = ("Harbour spokesman Daniel Brennan said Monday that Mayor Martin Okafor has long called "
            "for lower tolls and for relief for the ferry crews.\n\n"
            "He said Okafor hopes that his successor will cut the tolls again.")
    x = run(nlp, text)
    assert who(x, "his successor will cut the tolls again") == "Daniel Brennan"


def test_a_participle_hung_on_what_was_insisted_is_still_the_speakers(nlp):
    text = ("In a 2014 interview with the Herald, Okafor insisted it was \u201cpremature\u201d to back the mayor "
            "while adding on harbour matters, \u201cI don\u2019t have any doubt that her heart is in the right place.\u201d")
    x = run(nlp, text)
    assert who(x, "her heart is in the right place") == "Okafor"


def test_a_name_before_a_bracketed_aside_speaks_the_verb_after_it(nlp):
    text = ("Few politicians would admit this, but Sen. Daniel Okafor (a harbour Democrat so boyish he has "
            "been mistaken for a junior staffer) says he was unfocused in the weeks after being elected.")
    x = run(nlp, text)
    assert who(x, "he was unfocused") == "Daniel Okafor"


def test_whos_before_a_speech_verb_is_has_not_a_passive(nlp):
    text = "Other than harbour Sen. Daniel Okafor, who's called for 20,000 new ferries, the candidates have offered few plans."
    x = run(nlp, text)
    assert who(x, "20,000 new ferries") == "Daniel Okafor"


def test_a_person_named_only_inside_anothers_report_is_still_a_he(nlp):
    text = ("Administration officials emphasized Tuesday that Okafor's announcement of new harbour rules in "
            "November included a pair of related measures. He announced a program to defer the tolls of local fishermen.")
    x = run(nlp, text)
    assert who(x, "a program to defer the tolls") == "Okafor"


def test_the_last_of_a_list_of_predicates_has_the_first_ones_subject(nlp):
    text = ("Martin Okafor spoke at the harbour on Monday night.\n\n"
            "He pledged to be \"the greatest jobs mayor that the harbour ever had\" and cast doubt on the official "
            "jobless rate of 4.9 percent, suggested that the real jobless rate could be as high as 42 percent.")
    x = run(nlp, text)
    assert who(x, "the real jobless rate could be") == "Martin Okafor"
