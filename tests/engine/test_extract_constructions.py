"""Quote constructions not covered in test_extract_quotes.py: one short,
hand-written sentence or two per construction."""

from __future__ import annotations

import pytest

from newsview.extract import Extraction
from newsview.extract.actors import plausible_name
from newsview.extract.marks import find_quoted
from factories import extract_text

run = extract_text


def who(x: Extraction, fragment: str) -> str | None:
    hits = [q for q in x.quotes if fragment in q.text]
    assert len(hits) == 1, (fragment, [(q.kind, q.text) for q in x.quotes])
    return {a.id: a.name for a in x.actors}.get(hits[0].speaker)


# ------------------------------------------------------------------ marks --
def test_nested_quotes_stay_inside_the_outer_quote():
    text = "\u201cShe told me, \u2018Keep the gate shut,\u2019 and I did,\u201d the farmer said."
    pieces = find_quoted(text)
    assert [text[p.start : p.end] for p in pieces] == ["She told me, \u2018Keep the gate shut,\u2019 and I did,"]


def test_a_paragraph_long_quote_keeps_a_nested_quote_in_the_same_marks():
    text = "\u201cThe river rose overnight and swept away what locals call \u201cthe old ford.\u201d\n\nThe town met."
    pieces = find_quoted(text)
    assert len(pieces) == 1
    assert text[pieces[0].start : pieces[0].end].startswith("The river rose overnight")


@pytest.mark.parametrize(
    "text",
    [
        "\u201d\u201c\u201d \u2018 ' '' `` \u00bb \u00ab \u201e",
        'He said "yes and then\n\nnothing "more" "',
        "\u201c" * 50 + "word" + "\u201d" * 3,
        "''",
        "'tis the season, rock 'n' roll, the '90s' \u2019em",
    ],
)
def test_unbalanced_marks_never_crash(nlp, text):
    x = run(nlp, text)
    for q in x.quotes:
        assert 0 <= q.start <= q.end <= len(text)


# ------------------------------------------------------- direct quotes --
def test_quote_only_paragraph_continues_the_previous_speaker(nlp):
    text = (
        "\u201cThe ferry will run again in May,\u201d said harbour master Ines Walcott.\n\n"
        "\u201cWe have ordered the parts and the crew is ready.\u201d"
    )
    x = run(nlp, text)
    assert who(x, "We have ordered the parts") == "Ines Walcott"


def test_speaker_before_the_quote_with_a_comma(nlp):
    x = run(nlp, "Ines Walcott said, \u201cThe ferry will run again in May.\u201d")
    assert who(x, "The ferry will run again") == "Ines Walcott"


def test_said_and_a_time_before_the_quote(nlp):
    x = run(nlp, "Ines Walcott said on Friday \u201cThe ferry will run again in May.\u201d")
    q = [q for q in x.quotes if "ferry" in q.text][0]
    assert q.kind == "direct" and q.text == "The ferry will run again in May."


def test_a_finished_quote_keeps_the_speaker_named_before_it(nlp):
    text = (
        "Mayor Ines Walcott tweeted \u201cThe ferry runs again.\u201d Councillor Omar Reyes replied, "
        "\u201cNot before the audit.\u201d"
    )
    x = run(nlp, text)
    assert who(x, "The ferry runs again") == "Ines Walcott"
    assert who(x, "Not before the audit") == "Omar Reyes"


def test_participle_adds_a_second_piece(nlp):
    text = "Omar Reyes said, \u201cThe audit is late\u201d, adding, \u201cWe will publish it anyway\u201d."
    x = run(nlp, text)
    q = [q for q in x.quotes if "The audit is late" in q.text]
    assert len(q) == 1 and len(q[0].spans) == 2
    assert who(x, "The audit is late") == "Omar Reyes"


def test_signed_quote_with_the_dash_against_the_mark(nlp):
    x = run(nlp, "\u201cNobody asked the fishermen what they wanted.\u201d\u2015 Ines Walcott")
    assert who(x, "Nobody asked the fishermen") == "Ines Walcott"


def test_block_quote_without_marks_after_writes(nlp):
    text = (
        "On her blog, the engineer Ines Walcott writes:\n\n"
        "The bridge was never designed for lorries of this weight and everyone in the office knew it.\n\n"
        "The council meets on Monday."
    )
    x = run(nlp, text)
    assert who(x, "never designed for lorries") == "Ines Walcott"
    assert not [q for q in x.quotes if "council meets" in q.text]


def test_interview_turns(nlp):
    text = (
        "((Reporter)) Why did the ferry stop?\n\n"
        "((Ines Walcott)) The engine failed in March.\n\n"
        "We are waiting for parts from abroad.\n\n"
        "((Reporter)) When will it run again?"
    )
    x = run(nlp, text)
    assert who(x, "The engine failed in March") == "Ines Walcott"
    assert who(x, "We are waiting for parts") == "Ines Walcott"


# ------------------------------------------------------- reported speech --
@pytest.mark.parametrize("verb", ["told reporters", "added", "denied", "urged residents to stay", "stressed"])
def test_more_reported_speech_verbs(nlp, verb):
    x = run(nlp, f"Ines Walcott {verb} that the ferry would not run in March.")
    assert [who(x, "ferry would not run") ] == ["Ines Walcott"]


def test_passive_told_by(nlp):
    text = "The mayor was told by harbour master Ines Walcott of \u201cserious damage to the hull\u201d on Monday."
    x = run(nlp, text)
    assert who(x, "serious damage to the hull") == "Ines Walcott"


def test_polls_and_appearances_are_not_speakers(nlp):
    x = run(nlp, "Polls show the mayor is losing ground, and the council seems to agree.")
    assert x.quotes == ()


def test_a_purpose_infinitive_is_not_speech(nlp):
    x = run(nlp, "Engineers will inspect the hull to confirm whether it is safe.")
    assert x.quotes == ()


# -------------------------------------------------------------- speakers --
def test_organisation_speaks_and_they_follow_it(nlp):
    text = (
        "The Harbour Authority said the ferry would run again in May. "
        "The repairs, they said, would cost two million euros."
    )
    x = run(nlp, text)
    assert who(x, "ferry would run again") == "The Harbour Authority"
    assert who(x, "would cost two million euros") == "The Harbour Authority"


@pytest.mark.parametrize(
    "text, fragment, expected",
    [
        # a spokesperson quoted for an organisation is the person
        ("\u201cWe regret the delay,\u201d Harbour Authority spokeswoman Ines Walcott said.",
         "We regret the delay", "Ines Walcott"),
        # a descriptor with the name in apposition
        ("The port's chief engineer and former diver, Ines Walcott, said the hull was cracked.",
         "the hull was cracked", "Ines Walcott"),
        # the pronoun goes to the main clause's subject, not a name in a clause inside it
        ("Omar Reyes took his son to the harbour to show him where Ines Walcott had worked.\n\n"
         "He said: \u201cShe built half of these boats.\u201d", "She built half", "Omar Reyes"),
        # "his daughter" is the person introduced as his daughter
        ("The news was confirmed by his daughter Ines Walcott on Monday. "
         "Later, his daughter said the funeral would be private.", "funeral would be private", "Ines Walcott"),
        # honorifics and a possessive are not part of the name
        ("Mr. Omar Reyes's boat sank. \u201cIt was insured,\u201d Mr. Reyes said.", "It was insured", "Omar Reyes"),
        # a dateline is not the subject
        ("WASHINGTON (AP) \u2014 Senator Ines Walcott pledged to block the bill on Monday.",
         "to block the bill", "Ines Walcott"),
        # nor is a weekday after the verb
        ("\u201cWe will appeal,\u201d harbour master Ines Walcott said Monday.", "We will appeal", "Ines Walcott"),
    ],
)
def test_speaker_constructions(nlp, text, fragment, expected):
    assert who(run(nlp, text), fragment) == expected


def test_birth_name_is_an_alias(nlp):
    x = run(nlp, "Rosa Lind was born Mary Fenwick in Leeds. Rosa Lind said she liked the sea.")
    people = [a for a in x.actors if a.kind == "PERSON"]
    assert [p.name for p in people] == ["Rosa Lind"] and "Mary Fenwick" in people[0].aliases


def test_a_surname_that_is_a_common_word(nlp):
    text = "Singer Anna Day opened the show. \u201cThe day has come,\u201d Day said. The day ended late."
    x = run(nlp, text)
    assert who(x, "The day has come") == "Anna Day"
    day = [a for a in x.actors if a.name == "Anna Day"][0]
    assert len([m for m in x.mentions if m.actor == day.id and m.kind == "name"]) == 2


# ------------------------------------------------------------ actor names --
@pytest.mark.parametrize(
    "name, label, ok",
    [
        ("Ines Walcott", "PERSON", True),
        ("Beto O'Rourke", "PERSON", True),
        ("Recep Tayyip Erdoğan", "PERSON", True),
        ("AT&T", "ORG", True),
        ("C1 CSI", "PERSON", False),
        ("bold[/bold", "PERSON", False),
        ("\u202eevil.txt\u202c", "PERSON", False),
        ("Longline " + "x" * 3000, "PERSON", False),
        ("this low?\u201d \u2015 Jane", "PERSON", False),
    ],
)
def test_actor_names_have_sanity_limits(name, label, ok):
    assert plausible_name(name, label) is ok


def test_organisation_words_make_an_organisation(nlp):
    x = run(nlp, "Donald Tusk, President of the European Council, spoke for Civic Platform.")
    kinds = {a.name: a.kind for a in x.actors}
    assert all(k != "PERSON" for n, k in kinds.items() if "Council" in n or "Platform" in n)


def test_a_name_introduced_as_a_company_is_an_organisation_everywhere(nlp):
    text = (
        "The software company Blue Harbor released a patch on Monday. "
        "Blue Harbor said the flaw had been fixed. Later Blue Harbor announced a new version."
    )
    x = run(nlp, text)
    harbor = [a for a in x.actors if a.name.endswith("Blue Harbor")]
    assert len(harbor) == 1 and harbor[0].kind != "PERSON"


# ------------------------------------------------------ round: fragments --
def test_a_quoted_word_takes_the_rest_of_its_noun_phrase(nlp):
    x = run(nlp, 'The doctor said Lind needed rest, and was in a "critical" condition.')
    q = [q for q in x.quotes if "critical" in q.text]
    assert len(q) == 1 and q[0].text.rstrip(".").endswith("condition")


def test_a_verb_joined_to_a_passive_one_shares_its_subject(nlp):
    x = run(nlp, "The intruder is reported to have climbed the fence at night and claimed he was owed money by the firm.")
    q = [q for q in x.quotes if "owed money" in q.text]
    assert len(q) == 1 and q[0].speaker is not None


def test_a_report_nested_in_the_same_speakers_report_is_not_listed_twice(nlp):
    x = run(nlp, "Mayor Ines Walcott said the council may sell the old depot, which she said would pay for two new buses.")
    hits = [q for q in x.quotes if "pay for two new buses" in q.text]
    assert len(hits) == 1 and "sell the old depot" in hits[0].text


def test_a_speech_verb_parsed_as_an_adjective_still_reports(nlp):
    text = ("Ines Walcott, a harbour master for the Port Authority of the Northern Isles who had inspected the pier, "
            "cautioned repairs do not come cheap.")
    assert who(run(nlp, text), "repairs do not come cheap") == "Ines Walcott"


def test_who_after_a_comma_is_the_noun_before_it(nlp):
    x = run(nlp, "The fire began at 10:39 a.m., according to firefighters, who said crews arrived at the mill six minutes later.")
    hits = [q for q in x.quotes if "crews arrived" in q.text]
    assert len(hits) == 1 and hits[0].speaker is not None
    assert "firefighters" in {a.id: a.name for a in x.actors}[hits[0].speaker]


def test_rejecting_a_call_is_not_reporting_its_content(nlp):
    x = run(nlp, "On Friday the governor rejected calls for an immediate recount of the ballots.")
    assert not [q for q in x.quotes if "recount" in q.text]
    x = run(nlp, "The governor rejected claims that the count was rigged.")
    assert [q for q in x.quotes if "rigged" in q.text]


def test_a_named_persons_verb_frames_a_quoted_fragment(nlp):
    x = run(nlp, 'Senator Ines Walcott likened the budget talks to "a circus without a ringmaster" on Tuesday.')
    assert who(x, "a circus without a ringmaster") == "Ines Walcott"
    x = run(nlp, 'Mayor Tom Berrow waves off the audit as "a fishing trip" and moves on.')
    assert who(x, "a fishing trip") == "Tom Berrow"
    assert [q.text for q in x.quotes][0].startswith("the audit")
    # someone else's words inside the clause are not the subject's
    x = run(nlp, "Ines Walcott won the seat because of her rival's claim that she was \"too young\" to serve.")
    assert not [q for q in x.quotes if "too young" in q.text and q.speaker is not None
                and {a.id: a.name for a in x.actors}[q.speaker] == "Ines Walcott"]


def test_quotation_marks_wrapping_several_paragraphs():
    text = (
        "At the Harbour Gazette, Ines Walcott says:\n\n"
        "\u201cThe ferry will run again in May, and the crew is ready for the season.\n\n"
        "The council has paid for the parts and the pier was inspected last week.\u201d\n\n"
        "The town met on Friday."
    )
    pieces = find_quoted(text)
    assert len(pieces) == 2 and pieces[0].continues
    assert text[pieces[1].start : pieces[1].end].startswith("The council has paid")


def test_a_name_the_tagger_takes_for_a_pronoun_still_speaks(nlp):
    text = ("Writing at Harbour Notes, fellow Bahraini Esra'a explains why she did not tune into the speech:\n\n"
            "As an Arab and a Muslim, there was nothing much I can benefit from what the minister has to say.")
    assert "Esra'a" in (who(run(nlp, text), "nothing much I can benefit") or "")
