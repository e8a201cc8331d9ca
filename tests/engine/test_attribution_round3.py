"""Attribution constructions of transcripts, unnamed sources, questions,
coordinated speakers and headlines: one invented text per construction."""

from __future__ import annotations

from newsview.extract import Extraction
from newsview.extract.interviews import is_question_turn
from factories import extract_text, quote_with, who

run = extract_text


def actor(x: Extraction, name: str):
    hits = [a for a in x.actors if a.name == name]
    assert len(hits) == 1, (name, [(a.kind, a.name) for a in x.actors])
    return hits[0]


# ------------------------------------------------------------ transcripts --
def test_capital_labels_map_to_the_people_the_introduction_names(nlp):
    text = (
        "Harbour master Daniel Okafor spoke to the morning show about the ferry.\n\n"
        "HOST: Why did the ferry stop running?\n\n"
        "MR. OKAFOR: The engine failed in March and the parts are late.\n\n"
        "HOST: When will it sail again?\n\n"
        "MR. OKAFOR: We hope to sail by the end of June."
    )
    x = run(nlp, text)
    assert who(x, "The engine failed in March") == "Daniel Okafor"
    assert who(x, "We hope to sail by the end of June") == "Daniel Okafor"
    host = quote_with(x, "Why did the ferry stop running")
    assert is_question_turn(host)
    assert {a.id: a.kind for a in x.actors}[host.speaker] == "unnamed"
    # the one who answers is the most-quoted actor, not the one who asks
    assert x.actors[0].name == "Daniel Okafor"


def test_q_and_a_labels_give_the_answers_to_the_interviewee(nlp):
    text = (
        "Ines Walcott, who runs the island's only bakery, answered our questions.\n\n"
        "Q: How long have you baked bread here?\n\n"
        "A: Since my mother handed me the ovens twenty years ago.\n\n"
        "Q: What is the hardest part of the job?\n\n"
        "A: Flour arrives by boat, and the boat is often late.\n\n"
        "Q: Would you ever leave the island?\n\n"
        "A: Never, the people here are my family."
    )
    x = run(nlp, text)
    assert who(x, "Flour arrives by boat") == "Ines Walcott"
    question = quote_with(x, "Would you ever leave the island")
    assert is_question_turn(question)
    assert x.actors[0].name == "Ines Walcott"


def test_initials_label_is_the_person_they_abbreviate(nlp):
    text = (
        "Marine biologist Tomas Ferreira studies seals on the northern coast.\n\n"
        "((WN)) How many seals did you count this year?\n\n"
        "TF: We counted four hundred, twice as many as in the last survey.\n\n"
        "((WN)) What changed?\n\n"
        "TF: The fishing ban left them more to eat."
    )
    x = run(nlp, text)
    assert who(x, "We counted four hundred") == "Tomas Ferreira"
    assert who(x, "What changed") == "Wikinews"
    assert not [a for a in x.actors if a.name == "WN"]
    assert x.actors[0].name == "Tomas Ferreira"


def test_an_interview_without_answers_leaves_the_interviewer_unranked(nlp):
    # the interviewer's questions are kept, but they are no statements to rank by
    text = (
        "Mayor Leona Briggs answered questions from reporter Tom Haskins.\n\n"
        "((TH)) : Why did you close the harbour?\n\n"
        "((TH)) : What will the fishermen do now?\n\n"
        "Briggs said the harbour would reopen in spring."
    )
    x = run(nlp, text)
    assert who(x, "Why did you close the harbour") == "Tom Haskins"
    assert all(is_question_turn(q) for q in x.quotes if "?" in q.text)
    assert x.actors[0].name == "Leona Briggs"


def test_a_question_phrase_is_not_a_speaker(nlp):
    x = run(nlp, "Which ministers would ask you to stay in the cabinet? Nobody knows yet.")
    assert not [a for a in x.actors if "ministers" in a.name.lower()]


def test_a_heading_with_a_colon_is_no_transcript(nlp):
    text = (
        "Update: the ferry is running again.\n\n"
        "Harbour master Daniel Okafor said the engine had been repaired.\n\n"
        "Note: times may change."
    )
    x = run(nlp, text)
    assert not [q for q in x.quotes if q.evidence and q.evidence.rule.startswith("interview")]


# --------------------------------------------------------- unnamed sources --
def test_an_anonymous_official_is_an_unnamed_actor_with_its_description(nlp):
    x = run(nlp, "An official who spoke on condition of anonymity said the talks had collapsed.")
    a = {a.id: a for a in x.actors}[quote_with(x, "the talks had collapsed").speaker]
    assert a.kind == "unnamed"
    assert "official" in a.name and "anonymity" in a.name


def test_people_familiar_with_the_matter_are_a_group(nlp):
    x = run(nlp, "People familiar with the matter said the merger would be announced on Friday.")
    a = {a.id: a for a in x.actors}[quote_with(x, "merger would be announced").speaker]
    assert a.kind == "group"
    assert a.name.lower().startswith("people familiar")


def test_most_residents_surveyed_are_a_group(nlp):
    x = run(nlp, "Most residents surveyed said the new bridge was too expensive.")
    a = {a.id: a for a in x.actors}[quote_with(x, "bridge was too expensive").speaker]
    assert a.kind == "group"


# ------------------------------------------------------------- descriptors --
def test_a_role_given_in_apposition_links_a_later_descriptor(nlp):
    text = "Ana Ruiz, a city councillor, opposed the plan on Monday. The councillor said the bridge would cost too much."
    x = run(nlp, text)
    q = quote_with(x, "the bridge would cost too much")
    assert {a.id: a.name for a in x.actors}[q.speaker] == "Ana Ruiz"
    assert any("councillor" in step.lower() for step in q.evidence.chain)


def test_the_daily_is_the_newspaper_named_before(nlp):
    text = "The Greek daily Kathimerini published the letter. The daily reported that the minister had resigned."
    x = run(nlp, text)
    assert who(x, "the minister had resigned") == "Kathimerini"


# --------------------------------------------------------- nested reports --
def test_a_source_inside_a_report_is_not_the_speaker(nlp):
    x = run(nlp, "The agency reported that, according to a review of the records, the mine had flooded twice.")
    assert who(x, "the mine had flooded twice") == "The agency"
    assert not [a for a in x.actors if "review" in a.name]


def test_a_pool_report_does_not_take_the_speakers_words(nlp):
    x = run(nlp, "Lee said the talks would resume, according to a pool report.")
    hits = [q for q in x.quotes if q.text == "the talks would resume"]
    assert len(hits) == 1
    assert {a.id: a.name for a in x.actors}[hits[0].speaker] == "Lee"


def test_two_speech_verbs_of_one_speaker_are_two_reports(nlp):
    x = run(nlp, "Sanders says the response was to break up the banks and says he introduced a bill to do that.")
    assert who(x, "the response was to break up the banks") == "Sanders"
    assert who(x, "he introduced a bill") == "Sanders"


# --------------------------------------------------------------- questions --
def test_a_question_put_to_someone_is_the_askers(nlp):
    x = run(nlp, "Lee was asked by the host, \u201cWill you run again?\u201d Lee replied, \u201cNot this time.\u201d")
    assert who(x, "Will you run again") == "the host"
    assert who(x, "Not this time") == "Lee"


# -------------------------------------------------------------- coordinated --
def test_coordinated_speakers_share_one_quote_as_a_group(nlp):
    x = run(nlp, "Tom Lee, Ana Ruiz and Daniel Okafor all said the vote was rigged.")
    q = quote_with(x, "the vote was rigged")
    group = {a.id: a for a in x.actors}[q.speaker]
    assert group.kind == "group"
    assert all(n in group.name for n in ("Tom Lee", "Ana Ruiz", "Daniel Okafor"))


def test_a_name_and_a_common_noun_are_not_a_list_of_speakers(nlp):
    x = run(nlp, "Tom Lee and his staff said the vote was rigged.")
    assert who(x, "the vote was rigged") == "Tom Lee"


# ---------------------------------------------------------------- headlines --
def test_a_headline_verb_is_not_read_as_a_name(nlp):
    x = run(nlp, "Leaked Memo: Minister Mocked Rivals\n\nThe memo was published on Monday.")
    assert not [a for a in x.actors if "Mocked" in a.name]
    assert x.quotes == ()


def test_a_headline_with_says_is_the_minister_speaking(nlp):
    x = run(nlp, "Minister Says Bridge Will Open In June\n\nThe bridge has been closed for a year.")
    q = quote_with(x, "Bridge Will Open In June")
    assert {a.id: a.name for a in x.actors}[q.speaker] == "Minister"


# ------------------------------------------------------------ clean actors --
def test_bare_reports_are_no_speaker(nlp):
    x = run(nlp, "Reports said the ferry had sunk near the harbour.")
    q = quote_with(x, "the ferry had sunk")
    assert q.speaker is None
    assert not [a for a in x.actors if a.name.lower() == "reports"]


def test_a_described_report_still_speaks(nlp):
    x = run(nlp, "A report by the harbour authority said the ferry had sunk.")
    assert "report" in (who(x, "the ferry had sunk") or "").lower()


def test_a_title_case_phrase_is_not_a_person(nlp):
    x = run(nlp, "The cluster was built for High Performance Computing. Ines Walcott said it cost too much.")
    assert not [a for a in x.actors if "Computing" in a.name]
    assert who(x, "it cost too much") == "Ines Walcott"


def test_a_place_things_happen_in_is_not_an_organisation(nlp):
    x = run(nlp, "The patient was moved from a hospital in Omsk to a clinic in Berlin. Doctors said he was stable.")
    assert not [a for a in x.actors if a.name == "Omsk"]


def test_a_disease_name_is_not_an_actor(nlp):
    x = run(nlp, "Schools closed because of COVID-19 on Monday. The mayor said they would reopen in May.")
    assert not [a for a in x.actors if "COVID" in a.name]


def test_a_name_the_tagger_missed_once_is_still_that_actor(nlp):
    x = run(nlp, "Tesco and Salling Group agreed the sale on Thursday. Later Salling said it would keep every store open.")
    assert who(x, "it would keep every store open") == "Salling Group"


def test_a_preposition_is_not_a_speaker(nlp):
    x = run(nlp, "Amongst reported incidents of abuse, the church said it had acted.")
    assert not [a for a in x.actors if a.name == "Amongst"]


def test_a_caption_label_glued_to_a_name_is_not_part_of_it(nlp):
    x = run(nlp, "Candidate Howie HawkinsImage: a supporter.\n\nHowie Hawkins said the party would grow.")
    assert [a.name for a in x.actors if "Hawkins" in a.name] == ["Howie Hawkins"]


def test_a_colon_ends_a_speakers_description(nlp):
    x = run(nlp, "Harbour master Ines Walcott: \u2018We Need A New Ferry\u2019\n\nThe ferry broke down again.")
    assert all(":" not in a.name for a in x.actors)


# ---------------------------------------------------------- mixed fragments --
def test_a_quoted_fragment_with_its_own_verb_is_framed_by_the_verb_outside(nlp):
    x = run(nlp, "A student group derided the mayor as a man \u201cwho constantly speaks nonsense.\u201d")
    q = quote_with(x, "who constantly speaks nonsense")
    assert q.kind == "mixed" and q.text.startswith("the mayor as a man")


def test_likened_frames_a_quoted_fragment(nlp):
    x = run(nlp, "At a rally, Ines Walcott likened the new ferry to a \u201cfloating brick\u201d in a speech.")
    q = quote_with(x, "floating brick")
    assert q.kind == "mixed"
    assert {a.id: a.name for a in x.actors}[q.speaker] == "Ines Walcott"


def test_a_verb_hanging_from_a_clause_takes_that_clauses_subject(nlp):
    text = "Ines Walcott won the vote on Tuesday. Instead, she was back to boasting about the new ferry and the harbour."
    x = run(nlp, text)
    q = [q for q in x.quotes if "ferry" in q.text]
    assert q and {a.id: a.name for a in x.actors}.get(q[0].speaker) == "Ines Walcott"


def test_a_headline_name_before_a_colon_is_the_actor_named_below(nlp):
    # the tagger reads the lone surname of the headline as a common noun
    x = run(nlp, "Sanders: \u2018We are going to win so much.\u2019\n\nBernie Sanders declared victory on Tuesday night.")
    assert who(x, "We are going to win so much") == "Bernie Sanders"


def test_unknown_initials_that_ask_are_the_interviewer_and_rank_last(nlp):
    text = (
        "Candidate Leona Briggs answered questions about her campaign.\n\n"
        "((JR)) : Why are you running for mayor?\n\n"
        "((JR)) : What will you do about the harbour?"
    )
    x = run(nlp, text)
    asker = {a.id: a for a in x.actors}[quote_with(x, "Why are you running").speaker]
    assert asker.name == "the interviewer (JR)" and asker.kind == "unnamed"
    assert x.actors[0].name == "Leona Briggs"


def test_a_caption_label_after_a_name_is_not_part_of_it(nlp):
    x = run(nlp, "Senator Leona Briggs Image: campaign photo.\n\nLeona Briggs said the harbour would reopen.")
    assert [a.name for a in x.actors if "Briggs" in a.name] == ["Leona Briggs"]


def test_time_zones_storms_events_and_stations_are_not_actors(nlp):
    text = (
        "Tropical Storm Humberto reached the coast at 4:00 a.m. (0900 UTC). Humberto weakened later.\n\n"
        "The train left Mysore Junction railway station ahead of International Women's Day.\n\n"
        "Forecasters said the rain would stop on Tuesday."
    )
    x = run(nlp, text)
    names = {a.name for a in x.actors}
    assert not names & {"UTC", "Humberto", "Tropical Storm Humberto", "Mysore Junction", "International Women's Day"}
    assert who(x, "the rain would stop") == "Forecasters"


def test_a_capitalised_common_noun_opening_a_sentence_is_not_a_person(nlp):
    x = run(nlp, "Scholars have long wondered about the statues. The researchers said water was the key.")
    assert "Scholars" not in {a.name for a in x.actors}


def test_an_outlet_named_after_its_report_is_the_speaker(nlp):
    x = run(nlp, "The ferry will stop running in March, reported the Boston Herald.")
    assert who(x, "The ferry will stop running in March") == "the Boston Herald"


def test_a_participle_before_a_noun_reports_nothing(nlp):
    x = run(nlp, "The mayor's reported net worth is small, and 475 pledged delegates remain.")
    assert x.quotes == ()


def test_a_belief_that_quotes_its_holders_words_is_reported(nlp):
    x = run(nlp, "Ines Walcott thought the \u201cferry fiasco\u201d was the council's fault.")
    q = quote_with(x, "ferry fiasco")
    assert q.kind == "mixed"
    assert {a.id: a.name for a in x.actors}[q.speaker] == "Ines Walcott"


def test_a_plain_belief_and_the_writers_own_are_not(nlp):
    x = run(nlp, "Ines Walcott thought the ferry was late. I remember feeling that my vote should \u201cmean\u201d something.")
    assert not [q for q in x.quotes if "ferry was late" in q.text or "my vote" in q.text]


def test_a_that_clause_after_a_phrase_is_still_what_was_said(nlp):
    x = run(nlp, "Ines Walcott said following a vote in 2001 that she had \u201cserious concerns\u201d about the ferry.")
    q = quote_with(x, "serious concerns")
    assert q.text.startswith("that she had")
    assert {a.id: a.name for a in x.actors}[q.speaker] == "Ines Walcott"


def test_the_networks_anchor_is_the_anchor_named_before(nlp):
    text = ("Ana Ruiz, the network's anchor, opened the show. "
            "Later the network's anchor said the interview had been cut short.")
    x = run(nlp, text)
    q = quote_with(x, "the interview had been cut short")
    assert {a.id: a.name for a in x.actors}[q.speaker] == "Ana Ruiz"
    assert any("anchor" in step for step in q.evidence.chain)


def test_the_object_of_led_to_declare_is_the_one_who_declares(nlp):
    x = run(nlp, "Ines Walcott won by a wide margin, a result that led her to declare that the ferry was safe.")
    assert who(x, "the ferry was safe") == "Ines Walcott"


def test_a_name_after_a_dash_signs_the_quotation(nlp):
    x = run(nlp, "Pollsters agree - Carl Bialik: \u201cOne of the biggest lessons was a simple one: keep calling voters.\u201d")
    assert who(x, "One of the biggest lessons") == "Carl Bialik"


def test_a_clause_opening_with_a_gerund_is_what_was_said(nlp):
    x = run(nlp, "Ted Cruz spoke in Buffalo on Monday. He said legalizing it could put thousands of people to work.")
    q = quote_with(x, "legalizing it could put thousands")
    assert {a.id: a.name for a in x.actors}.get(q.speaker) == "Ted Cruz"
