"""Speakers of verbs without a subject of their own (participles, infinitives,
a subject hung on the auxiliary), of predicate nouns and of joined relative
clauses; gender votes and surnames the tagger missed: one invented text each."""

from __future__ import annotations

from factories import extract_text, quote_with, who

run = extract_text


def test_a_participle_opening_the_sentence_is_said_by_the_speaker_after_the_comma(nlp):
    text = (
        "The harbour board met on Monday.\n\n"
        "Remarking upon the mayor's \"quiet courage,\" Ines Walcott said, \"Nobody else would have "
        "kept the ferry running through the storm.\""
    )
    x = run(nlp, text)
    assert who(x, "quiet courage") == "Ines Walcott"


def test_a_participle_after_not_even_goes_on_with_the_speech_verb_before_it(nlp):
    text = (
        "Daniel Okafor spoke to reporters after the vote.\n\n"
        "\"For the next few months, the council will have the loudest voice,\" he said, "
        "not even suggesting the mayor could keep her seat for another term."
    )
    x = run(nlp, text)
    assert who(x, "the mayor could keep her seat") == "Daniel Okafor"


def test_the_second_verb_of_a_pair_has_the_first_ones_subject(nlp):
    text = (
        "Ines Walcott visited the flooded school on Tuesday.\n\n"
        "She praised the teachers for staying open but stopped short of calling for "
        "the director to be replaced."
    )
    x = run(nlp, text)
    assert who(x, "the director to be replaced") == "Ines Walcott"


def test_a_subject_the_parse_hangs_on_the_auxiliary_still_speaks(nlp):
    text = (
        "The ferry plan has had many critics.\n\n"
        "But even when Okafor was wrong about it, it wasn't for technical reasons. "
        "Daniel Okafor wasn't so much saying that the ferry wouldn't work but that he was "
        "afraid it would - when a rival was in charge."
    )
    x = run(nlp, text)
    assert who(x, "the ferry wouldn't work") == "Daniel Okafor"


def test_an_infinitive_on_a_thing_is_done_by_the_subject_of_its_verb(nlp):
    text = (
        "Mayor Ines Walcott on Friday held an impromptu press briefing to brag that the "
        "harbour had reopened two weeks early."
    )
    x = run(nlp, text)
    assert who(x, "the harbour had reopened") == "Ines Walcott"


def test_a_person_described_after_is_speaks_what_the_description_does(nlp):
    text = "Ines Walcott is the only candidate here to have pledged to visit every village on the island."
    x = run(nlp, text)
    assert who(x, "to visit every village") == "Ines Walcott"


def test_a_second_relative_clause_joined_to_the_first_is_the_same_persons(nlp):
    text = (
        "The governor was rallying for a retired teacher named Ines Walcott, who is running "
        "for the council and who worked the crowd, praising \"the governor's patience and "
        "honesty\" as she promised to rebuild the library."
    )
    x = run(nlp, text)
    assert who(x, "patience and honesty") == "Ines Walcott"


def test_a_she_inside_a_quotation_is_no_vote_for_the_speakers_gender(nlp):
    text = (
        "Bernard Lee, the union chief, spoke first and left early. Not everyone at the rally was "
        "won over. Ilkay Moreno, who stocks shelves for a living, watched the mayor.\n\n"
        "\"She's not going to change anything. She's part of the people in power,\" Moreno said. "
        "\"She's not one of us. She never was.\"\n\n"
        "The mayor asked the crowd to stay.\n\n"
        "Yet there in the back was Moreno, the shelf stocker. He was not convinced.\n\n"
        "\"This is like a cheerleading contest,\" he said."
    )
    x = run(nlp, text)
    assert "Moreno" in (who(x, "cheerleading contest") or "")


def test_a_surname_opening_a_sentence_names_the_person_even_tagged_as_a_noun(nlp):
    text = (
        "Senator Ana Sanders and Governor Maria Whitfield debated the gun bill on Saturday.\n\n"
        "Whitfield has singled out the vote Sanders cast in 2005, something she opposed as a senator "
        "from New York. Sanders initially defended her vote, but late Saturday she announced she "
        "supported a repeal."
    )
    x = run(nlp, text)
    assert who(x, "she supported a repeal") == "Ana Sanders"


def test_a_person_called_by_a_given_name_only_has_that_names_gender(nlp):
    text = (
        "Donald Whitlock spoke for an hour at the fairground. In the front row, Melanie cheered "
        "every line, and she waved a small flag over her head.\n\n"
        "When Whitlock reached the final words of his speech, Melanie stood up. \"I love you all,\" he said."
    )
    x = run(nlp, text)
    assert who(x, "I love you all") == "Donald Whitlock"


def test_a_second_verb_in_the_reporting_verbs_tense_goes_on_with_the_reporter(nlp):
    text = (
        "Mayor Ines Walcott, also campaigning in the valley, said Okafor is ultimately responsible for "
        "what happens at his rallies and accused him of \"stirring up anger, real anger, that I think "
        "is very dangerous.\""
    )
    x = run(nlp, text)
    assert who(x, "stirring up anger") == "Ines Walcott"


def test_a_participle_after_a_report_about_things_is_the_reporters(nlp):
    text = (
        "Harbour analysts said rising fuel costs have contributed to the ferry's losses, citing the "
        "price of diesel over the past two winters."
    )
    x = run(nlp, text)
    assert who(x, "the price of diesel") == "Harbour analysts"
    # what the analysts said ends before their own participle
    assert "citing" not in quote_with(x, "rising fuel costs").text


def test_an_abbreviation_in_an_as_x_put_it_frame_does_not_hide_the_speaker(nlp):
    text = (
        "The board's plans drew criticism. As Daniel Okafor, the No. 2 on the council, put it: "
        "\"This plan will not pass. There is no reason to pretend otherwise.\""
    )
    x = run(nlp, text)
    assert who(x, "This plan will not pass") == "Daniel Okafor"


def test_a_participle_goes_on_with_a_main_verb_that_is_not_a_speech_verb(nlp):
    from newsview.extract.speech_subjects import participle_owner

    doc = nlp("Band member Ilkay Moreno shared the good news with fans on social media last week, "
              "writing that the concert would be the best of the year.")
    writing = next(t for t in doc if t.text == "writing")
    owner = participle_owner(writing)
    assert owner is not None and owner.text == "shared"


def test_a_quotation_after_a_sentence_that_only_says_someone_spoke_is_theirs(nlp):
    text = (
        "Fallyn Iles said her friends were sharing a cartoon of the mayor on social media.\n\n"
        "\"It shouldn't be funny, but it kind of is.\"\n\n"
        "Her friend Ana Lockwood, 20, a political science major from Memphis, chimed in. \"I did not "
        "think, until this past year, I would ever vote for her. Now I am.\""
    )
    x = run(nlp, text)
    assert who(x, "I would ever vote for her") == "Ana Lockwood"
    assert who(x, "it kind of is") == "Fallyn Iles"


def test_the_attribution_between_two_pieces_of_a_quotation_is_no_introduction(nlp):
    text = (
        "\"Welcome, travellers! The ferry may stop running this winter!\" a notice on the harbour website "
        "reads. \"If that happens, might I suggest staying on the island for good!\""
    )
    x = run(nlp, text)
    q = quote_with(x, "might I suggest staying")
    assert "Welcome, travellers" in q.text  # one quotation, in two pieces
