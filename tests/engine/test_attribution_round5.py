"""Speakers behind a rank, after a clause that ends in a name, of a message noun
("an item suggesting ...", "calls saying ..."), of "reminds ... and says", and
a "he" after what a document says about someone or after a place tagged as a person:
one invented text each."""

from __future__ import annotations

from factories import extract_text, quote_with, who

run = extract_text


def test_a_rank_between_the_service_and_the_name_does_not_split_the_speaker(nlp):
    text = "\"We held the bridge until the relief column arrived,\" said Army 1st Lt. Ines Walcott."
    x = run(nlp, text)
    assert who(x, "held the bridge") == "Ines Walcott"


def test_a_name_closing_a_clause_before_the_comma_is_not_described_by_the_subject(nlp):
    text = (
        "Daniel Okafor opened the new dam in March.\n\n"
        "While many farmers have voiced doubts about Daniel Okafor, many said Monday that the new "
        "dam would protect their fields."
    )
    x = run(nlp, text)
    assert who(x, "protect their fields") == "many"


def test_a_message_noun_with_a_participle_speaks_not_the_thing_beside_it(nlp):
    text = (
        "The harbour board met on Monday. Soon after, the photograph turned up in a local newspaper "
        "beside an item suggesting that the mayor had misled the council."
    )
    x = run(nlp, text)
    assert who(x, "misled the council") == "an item"


def test_calls_someone_received_speak_not_the_one_who_received_them(nlp):
    text = "Firefighters received calls saying smoke was pouring from the library roof."
    x = run(nlp, text)
    assert who(x, "smoke was pouring") == "calls"


def test_a_narrator_who_reminds_viewers_goes_on_to_say_the_next_part(nlp):
    text = (
        "The mayor's campaign released an advert on Friday. In it, a narrator reminds viewers that "
        "Walcott rebuilt the harbour and says she wants to extend the ferry line."
    )
    x = run(nlp, text)
    assert who(x, "extend the ferry line") == "a narrator"


def test_a_person_named_in_what_a_document_says_is_who_the_next_he_stands_for(nlp):
    text = (
        "The guard resigned from the harbour board after the board raised questions about whether "
        "Daniel Okafor had actually grabbed him.\n\n"
        "The charge against Okafor is explained in an affidavit written by Marc Ruiz, a detective "
        "with the harbour police.\n\n"
        "Beyond the camera footage, the affidavit cited interviews with the guard and said that Ruiz "
        "had seen bruises on the guard's forearm. They \"appeared to be several finger marks,\" he wrote."
    )
    x = run(nlp, text)
    assert who(x, "several finger marks") == "Marc Ruiz"


def test_many_set_off_by_commas_inside_a_sentence_is_who_argues_it(nlp):
    text = "That attitude, many argue, could carry a heavy cost if the council approves the plan."
    x = run(nlp, text)
    assert who(x, "carry a heavy cost") == "many"


def test_a_speaker_introduced_by_whose_introducer_they_are_is_the_introducer(nlp):
    text = (
        "Ines Walcott closed the rally on the quay.\n\n"
        "Before she spoke, the crowd heard the loudest line of the night: \"It's about time this town "
        "had a harbour it could be proud of,\" exhorted Walcott's introducer, the singer Marta Lindqvist."
    )
    x = run(nlp, text)
    assert who(x, "harbour it could be proud of") == "Marta Lindqvist"


def test_the_name_in_apposition_to_a_title_outranks_a_name_the_title_is_compounded_with(nlp):
    text = (
        "Daniel Okafor has struggled to win over the state's delegates.\n\n"
        "Okafor\u2019s Indiana chairman, Rex Lindqvist, a former state party chairman who just signed on "
        "to Okafor\u2019s team last weekend, said he hasn\u2019t explored the delegate process enough."
    )
    x = run(nlp, text)
    assert who(x, "explored the delegate process") == "Rex Lindqvist"


def test_a_novel_speaks_as_a_document_does(nlp):
    text = (
        "The islanders still refuse to pave the old road. They keep it as it is at least in part "
        "because a children's novel about the island says so."
    )
    x = run(nlp, text)
    assert who(x, "so") == "a children's novel about the island"


def test_a_place_tagged_as_a_person_is_no_antecedent_for_he(nlp):
    text = (
        "Senator Daniel Okafor sent his family home and drove to the firehouse near Sandy Creek "
        "Elementary School, where the families waited.\n\n"
        "A gunman had entered Sandy Creek that morning. Okafor said he stayed until midnight.\n\n"
        "In that sense, Sandy Creek wasn't just a national tragedy, but a personal summons. "
        "\"This was something different, because my son just finished first grade,\" he added."
    )
    x = run(nlp, text)
    assert who(x, "something different") == "Daniel Okafor"


def test_a_line_saying_where_a_quotation_comes_from_names_its_source(nlp):
    text = (
        "The harbour board published its review on Monday.\n\n"
        "What the review does say - not every ferry route is equal.\n\n"
        "From the review: \"Routes with more frequent crossings and longer timetables carried more "
        "passengers.\""
    )
    x = run(nlp, text)
    assert who(x, "more frequent crossings") == "the review"


def test_a_surname_the_tagger_took_for_an_adverb_is_still_the_person(nlp):
    text = (
        "Ines Walcott's county chairman, Dana Long, a former state party treasurer, backs her campaign.\n\n"
        "Informed of the district's hostile lean, Long described it as \"news to me.\""
    )
    x = run(nlp, text)
    assert who(x, "news to me") == "Dana Long"


def test_a_capitalised_adverb_that_names_no_one_is_no_speaker(nlp):
    text = (
        "The harbour board met on Monday.\n\n"
        "Asked about the ferry, Later described it as \"a fine idea.\""
    )
    x = run(nlp, text)
    assert who(x, "a fine idea") is None


def test_both_after_two_names_leaves_the_names_as_the_speakers(nlp):
    text = (
        "Autumn brought better news for the continent's banks, with Credit Mutuel and Danske Bank both "
        "reporting profits in the third quarter and most lenders beating forecasts."
    )
    x = run(nlp, text)
    assert who(x, "profits in the third quarter") == "Credit Mutuel and Danske Bank"


def test_the_n_year_old_who_asks_is_the_person_named_last(nlp):
    text = (
        "Ines Walcott posted the clip on Thursday.\n\n"
        "\"What if the ferry ran all night?\" the 61-year-old asked in the video's caption."
    )
    x = run(nlp, text)
    q = quote_with(x, "ferry ran all night")
    assert who(x, "ferry ran all night") == "Ines Walcott"
    assert q.speaker_span is not None and text[q.speaker_span[0] : q.speaker_span[1]] == "the 61-year-old"


def test_believers_go_on_to_call_for_something_not_the_thing_they_believe_in(nlp):
    text = (
        "Many fishermen on the island believe real protection is possible only with a new sea wall "
        "and have been calling on the council to build one before winter."
    )
    x = run(nlp, text)
    assert who(x, "build one before winter") == "Many fishermen on the island"


def test_a_relative_clause_right_after_the_second_of_two_nouns_is_that_nouns(nlp):
    text = "The harbour survey counted both fishermen and summer residents who said they would use a night ferry."
    x = run(nlp, text)
    assert who(x, "use a night ferry") == "summer residents"


def test_a_verb_after_a_clause_about_someone_goes_on_with_that_someone(nlp):
    text = (
        "The caucus results surprised nearly everyone.\n\n"
        "Pollster Marta Lindqvist is happy to be the state's \"silver standard,\" says she warned about surprises."
    )
    x = run(nlp, text)
    assert who(x, "warned about surprises") == "Marta Lindqvist"


def test_two_named_speakers_keep_the_place_after_the_second_name_as_after_the_first(nlp):
    text = "Senator Ines Walcott of Maine and Senator Daniel Okafor of Vermont said the ferry bill would pass."
    x = run(nlp, text)
    assert who(x, "the ferry bill would pass") == "Ines Walcott of Maine and Senator Daniel Okafor of Vermont"


def test_plural_members_named_in_apposition_are_all_the_speakers(nlp):
    text = (
        "The two senior members of the harbour committee, Councillors Ines Walcott of Eastport and "
        "Daniel Okafor of Norwick, said the ferry plan was unworkable."
    )
    x = run(nlp, text)
    speakers = who(x, "the ferry plan was unworkable")
    assert speakers is not None and "Ines Walcott" in speakers and "Daniel Okafor" in speakers
