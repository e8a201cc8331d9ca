"""Attribution through adjuncts and appositions, and the extent of what was
said: one invented text per construction."""

from __future__ import annotations

from newsview.extract import Extraction
from factories import extract_text


def quote_with(x: Extraction, fragment: str):
    hits = [q for q in x.quotes if fragment in q.text]
    assert hits, (fragment, [(q.kind, q.text) for q in x.quotes])
    return min(hits, key=lambda q: len(q.text))  # the quote that is most nearly the fragment


def who(x: Extraction, fragment: str) -> str | None:
    return {a.id: a.name for a in x.actors}.get(quote_with(x, fragment).speaker)


def test_a_participle_after_the_speech_verb_is_the_same_speakers(nlp):
    # the parse tends to hang "adding" from the quoted clause, whose "they" is not who added
    text = (
        "Harbour master Daniel Okafor spoke at the quay on Monday.\n\n"
        "\u201cThe boats are old, we will replace them,\u201d he said, adding that the board would send a "
        "\u201cstrong message that the islands are a place where people live, they work hard and are welcomed back.\u201d"
    )
    x = extract_text(nlp, text)
    hits = [q for q in x.quotes if q.text.startswith("that the board would send")]
    assert hits, [q.text for q in x.quotes]
    names = {a.id: a.name for a in x.actors}
    assert {names.get(q.speaker) for q in hits} == {"Daniel Okafor"}


def test_who_after_an_apposition_is_the_person_named_before_it(nlp):
    text = (
        "The ferry fares will rise in May, said Ines Walcott, a senior analyst at Harbour Bank, "
        "who noted that fuel prices had doubled since the spring."
    )
    x = extract_text(nlp, text)
    assert who(x, "fuel prices had doubled") == "Ines Walcott"
    assert "Harbour Bank" not in {a.name for a in x.actors if any(q.speaker == a.id for q in x.quotes)}


def test_a_second_predicate_of_what_was_said_stays_in_the_quote(nlp):
    text = (
        "A spokesman for the harbour board said the inquiry had nothing to do with the ferry company, "
        "had started after the storm and been closed in July."
    )
    x = extract_text(nlp, text)
    q = quote_with(x, "the inquiry had nothing to do with the ferry company")
    assert "been closed in July" in q.text


def test_what_someone_spoke_about_is_reported_speech(nlp):
    text = (
        "Ines Walcott spoke about the long winters she spent baking bread on the island.\n\n"
        "Daniel Okafor spoke on Thursday at the harbour.\n\n"
        "A harbour official, who spoke on condition of anonymity, said the ferry was sold."
    )
    x = extract_text(nlp, text)
    q = quote_with(x, "the long winters she spent baking bread")
    assert q.kind == "indirect"
    assert who(x, "the long winters") == "Ines Walcott"
    # a time after "spoke on" is when, not what
    assert not any("Thursday" in q.text for q in x.quotes)
    # nor is how someone spoke
    assert not any("anonymity" in q.text for q in x.quotes)


def test_a_participle_after_a_dismissed_claim_is_the_dismissers(nlp):
    # the parse hangs "saying" from the verb of the claim; the claim's subject did not say it
    text = (
        "Council leader Ines Walcott dismissed claims that the ferry company is breaking harbour law "
        "through its fuel agreement with the port \u2014 saying the rival company chose not to accept the same deal."
    )
    x = extract_text(nlp, text)
    assert who(x, "the rival company chose not to accept") == "Ines Walcott"
    # what she dismissed ends at the dash
    assert "saying" not in quote_with(x, "the ferry company is breaking harbour law").text


def test_what_she_added_after_her_quotation_is_a_quotation_of_its_own(nlp):
    text = (
        "Harbour spokeswoman Ines Walcott confirmed the ferry would run.\n\n"
        "\u201cThey are not affiliated with the harbour board,\u201d she said, adding, "
        "\u201cThe board is grateful for their support.\u201d"
    )
    x = extract_text(nlp, text)
    first = quote_with(x, "They are not affiliated")
    second = quote_with(x, "The board is grateful")
    assert first is not second
    assert who(x, "They are not affiliated") == who(x, "The board is grateful") == "Ines Walcott"
    # a participle that adds nothing said keeps the two pieces one quotation
    x = extract_text(nlp, (
        "\u201cIf I was a donor, I would want answers,\u201d said a council member who supports the ferry, asking for anonymity to speak freely. "
        "\u201cIf they have no more staff, why pay five times more?\u201d"))
    assert quote_with(x, "I would want answers") is quote_with(x, "why pay five times more")


def test_a_word_standing_for_what_was_said_is_reported_speech(nlp):
    text = (
        "Harbour master Daniel Okafor said as much in an interview on Monday. "
        "Most islanders say the same of the old ferry. "
        "The council voted to build the pier, and its leader said no to the tunnel."
    )
    x = extract_text(nlp, text)
    assert who(x, "as much") == "Daniel Okafor"
    assert quote_with(x, "the same of the old ferry").kind == "indirect"
    # "said no to X" is a refusal, not a pro-form of what was said
    assert not any(q.text.startswith("no") for q in x.quotes)


def test_words_before_a_parenthetical_attribution_are_part_of_a_mixed_quote(nlp):
    text = (
        "These and other rules of the harbour, the lawyers said, \u201call point to the same conclusion\u201d "
        "that the pier is legal."
    )
    x = extract_text(nlp, text)
    q = quote_with(x, "all point to the same conclusion")
    assert q.kind == "mixed"
    assert q.text.startswith("These and other rules of the harbour")
    assert who(x, "all point to the same conclusion") == "the lawyers"


def test_a_quotation_split_by_its_attribution_stays_direct(nlp):
    x = extract_text(nlp, "\u201cThe ferry is late,\u201d Daniel Okafor added, \u201cand nobody knows why.\u201d")
    q = quote_with(x, "The ferry is late")
    assert q.kind == "direct"
    assert who(x, "The ferry is late") == "Daniel Okafor"
    # what the speaker was doing is not part of what was said
    x = extract_text(nlp, "Speaking to reporters at the quay, Daniel Okafor said, \u201cThe ferry will run.\u201d")
    assert quote_with(x, "The ferry will run").kind == "direct"


def test_an_inverted_attribution_names_the_speaker_after_the_verb(nlp):
    text = (
        "The puzzle of the ferry, says Ines Walcott, historian at the Island Museum, is that it was "
        "\u201cone of the most reliable boats in the fleet,\u201d not for its speed but for its crew."
    )
    x = extract_text(nlp, text)
    assert who(x, "The puzzle of the ferry") == "Ines Walcott"


def test_a_paragraph_that_is_only_a_quotation_goes_on_with_the_one_before(nlp):
    text = (
        "Harbour master Daniel Okafor met the islanders on Monday.\n\n"
        "\u201cThe ferry is late again,\u201d Okafor said.\n\n"
        "\u201cWe have ordered the parts and the crew is ready.\u201d\n\n"
        "The council meets on Friday."
    )
    x = extract_text(nlp, text)
    q = quote_with(x, "The ferry is late again")
    assert len(q.spans) == 2 and "We have ordered the parts" in text[q.spans[1][0] : q.spans[1][1]]
    assert who(x, "The ferry is late again") == "Daniel Okafor"


def test_the_title_of_a_programme_is_not_a_quotation(nlp):
    text = (
        "Mr. Okafor took on Ms. Walcott on Sunday.\n\n"
        "\u201cIt is nonsense,\u201d Mr. Okafor said by telephone on the station\u2019s \u201cMorning Quay.\u201d "
        "\u201cShe is wrong about everything, whether it is the ferry or the pier.\u201d\n\n"
        "Ms. Walcott said so in an interview with \u201cIsland Evening.\u201d"
    )
    x = extract_text(nlp, text)
    # no quote of its own for a title, and the quotation around it stays one
    assert not any("Morning Quay" in q.text or "Island Evening" in q.text for q in x.quotes), [q.text for q in x.quotes]
    assert quote_with(x, "It is nonsense") is quote_with(x, "She is wrong about everything")


def test_the_speaker_of_an_infinitive_is_the_name_before_its_verb(nlp):
    # the parse takes the name for the object of the phrase before it and leaves the verb without a subject
    text = (
        "In an interview with the island paper - held last week at the harbour office on the quay - "
        "Anna Kowalski continued to insist that she never saw the ferry leave."
    )
    x = extract_text(nlp, text)
    assert who(x, "she never saw the ferry leave") == "Anna Kowalski"


def test_a_quotation_with_no_attribution_is_the_person_the_sentence_before_is_about(nlp):
    text = (
        "Harbour master Daniel Okafor spoke only in careful phrases during the meeting.\n\n"
        "\u201cWe have to do something about the ferry, and soon.\u201d"
    )
    x = extract_text(nlp, text)
    q = quote_with(x, "We have to do something about the ferry")
    assert who(x, "We have to do something about the ferry") == "Daniel Okafor"
    assert q.confidence <= 0.5  # an assumption, shown as one
    # a sentence about a place gives no speaker
    x = extract_text(nlp, "The harbour was quiet on Monday.\n\n\u201cWe have to do something about the ferry.\u201d")
    assert quote_with(x, "We have to do something").speaker is None


def test_the_name_after_an_inverted_verb_is_the_speaker_not_what_was_said(nlp):
    text = (
        "''I'm more skilled with my hands than I am with my head,'' said Anna Kowalski, half joking. "
        "She has worked at the quay for years.\n\n"
        "\u201cThe pier is fine,\u201d said Daniel Okafor, the author of \u201cHarbour Lights,\u201d a history of the port."
    )
    x = extract_text(nlp, text)
    assert who(x, "more skilled with my hands") == "Anna Kowalski"
    assert not any(q.text.startswith(("Anna Kowalski", "Daniel Okafor")) for q in x.quotes), [q.text for q in x.quotes]


def test_a_source_in_the_middle_of_a_sentence_leaves_both_halves_reported(nlp):
    text = (
        "Notably absent from the harbour meeting, according to members who spoke with reporters afterward, "
        "was any mention of the ferry inquiry. "
        "The council demeaned the ferry crews, according to two members, although it later apologised."
    )
    x = extract_text(nlp, text)
    q = quote_with(x, "Notably absent from the harbour meeting")
    assert len(q.spans) == 2 and "any mention of the ferry inquiry" in q.text
    # the sentence's verb before the source: only the first half was reported
    assert "apologised" not in quote_with(x, "The council demeaned the ferry crews").text


def test_a_but_clause_with_the_speakers_pronoun_goes_on_with_what_was_said(nlp):
    text = (
        "Walcott says she hopes to be elected mayor, but she knows that the harbour will always come first. "
        "Okafor said the ferry would run, but the council later cancelled it."
    )
    x = extract_text(nlp, text)
    assert "the harbour will always come first" in quote_with(x, "she hopes to be elected mayor").text
    # someone else's act after "but" is the writer's, not the speaker's
    assert "cancelled" not in quote_with(x, "the ferry would run").text
